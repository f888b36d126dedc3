namespace Pantau.Web.Features.Audit.Resources;

/// <summary>Audit' texts: <c>AuditTexts.resx</c> in Bahasa Indonesia (the neutral language), <c>AuditTexts.en.resx</c> in English.</summary>
public sealed class AuditTexts;
