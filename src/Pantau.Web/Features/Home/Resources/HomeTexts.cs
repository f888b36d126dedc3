namespace Pantau.Web.Features.Home.Resources;

/// <summary>The front door's and the error pages' texts: <c>HomeTexts.resx</c> in Bahasa Indonesia (the neutral language), <c>HomeTexts.en.resx</c> in English.</summary>
public sealed class HomeTexts;
