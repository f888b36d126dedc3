namespace Pantau.Web.Features.Access.Resources;

/// <summary>Access' texts: <c>AccessTexts.resx</c> in Bahasa Indonesia (the neutral language), <c>AccessTexts.en.resx</c> in English.</summary>
public sealed class AccessTexts;
