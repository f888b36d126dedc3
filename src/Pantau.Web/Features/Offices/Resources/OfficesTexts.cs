namespace Pantau.Web.Features.Offices.Resources;

/// <summary>Offices' texts: <c>OfficesTexts.resx</c> in Bahasa Indonesia (the neutral language), <c>OfficesTexts.en.resx</c> in English.</summary>
public sealed class OfficesTexts;
