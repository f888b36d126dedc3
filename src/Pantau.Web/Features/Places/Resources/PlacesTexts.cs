namespace Pantau.Web.Features.Places.Resources;

/// <summary>Places' texts: <c>PlacesTexts.resx</c> in Bahasa Indonesia (the neutral language), <c>PlacesTexts.en.resx</c> in English.</summary>
public sealed class PlacesTexts;
