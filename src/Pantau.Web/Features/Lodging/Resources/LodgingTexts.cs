namespace Pantau.Web.Features.Lodging.Resources;

/// <summary>Lodging' texts: <c>LodgingTexts.resx</c> in Bahasa Indonesia (the neutral language), <c>LodgingTexts.en.resx</c> in English.</summary>
public sealed class LodgingTexts;
