namespace Pantau.Web.Features.Partners.Resources;

/// <summary>Partners' texts: <c>PartnersTexts.resx</c> in Bahasa Indonesia (the neutral language), <c>PartnersTexts.en.resx</c> in English.</summary>
public sealed class PartnersTexts;
