namespace Pantau.Web.Features.Dashboard.Resources;

/// <summary>The dashboard's texts: <c>DashboardTexts.resx</c> in Bahasa Indonesia (the neutral language), <c>DashboardTexts.en.resx</c> in English.</summary>
public sealed class DashboardTexts;
