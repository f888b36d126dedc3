namespace Pantau.Web.Features.FieldActivity.Resources;

/// <summary>FieldActivity' texts: <c>FieldActivityTexts.resx</c> in Bahasa Indonesia (the neutral language), <c>FieldActivityTexts.en.resx</c> in English.</summary>
public sealed class FieldActivityTexts;
