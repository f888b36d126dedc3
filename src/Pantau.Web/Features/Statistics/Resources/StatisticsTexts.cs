namespace Pantau.Web.Features.Statistics.Resources;

/// <summary>Statistics' texts: <c>StatisticsTexts.resx</c> in Bahasa Indonesia (the neutral language), <c>StatisticsTexts.en.resx</c> in English.</summary>
public sealed class StatisticsTexts;
