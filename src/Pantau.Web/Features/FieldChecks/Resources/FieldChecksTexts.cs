namespace Pantau.Web.Features.FieldChecks.Resources;

/// <summary>FieldChecks' texts: <c>FieldChecksTexts.resx</c> in Bahasa Indonesia (the neutral language), <c>FieldChecksTexts.en.resx</c> in English.</summary>
public sealed class FieldChecksTexts;
