namespace Pantau.Web.Features.Teams.Resources;

/// <summary>Teams' texts: <c>TeamsTexts.resx</c> in Bahasa Indonesia (the neutral language), <c>TeamsTexts.en.resx</c> in English.</summary>
public sealed class TeamsTexts;
