namespace Pantau.Web.Features.Reports.Resources;

/// <summary>Reports' texts: <c>ReportsTexts.resx</c> in Bahasa Indonesia (the neutral language), <c>ReportsTexts.en.resx</c> in English.</summary>
public sealed class ReportsTexts;
