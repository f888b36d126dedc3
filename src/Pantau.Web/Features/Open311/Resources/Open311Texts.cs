namespace Pantau.Web.Features.Open311.Resources;

/// <summary>Open311' texts: <c>Open311Texts.resx</c> in Bahasa Indonesia (the neutral language), <c>Open311Texts.en.resx</c> in English.</summary>
public sealed class Open311Texts;
