namespace Pantau.Web.Features.Shared.Resources;

/// <summary>Shared' texts: <c>SharedTexts.resx</c> in Bahasa Indonesia (the neutral language), <c>SharedTexts.en.resx</c> in English.</summary>
public sealed class SharedTexts;
