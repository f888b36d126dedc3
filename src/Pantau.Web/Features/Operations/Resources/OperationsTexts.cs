namespace Pantau.Web.Features.Operations.Resources;

/// <summary>Operations' texts: <c>OperationsTexts.resx</c> in Bahasa Indonesia (the neutral language), <c>OperationsTexts.en.resx</c> in English.</summary>
public sealed class OperationsTexts;
