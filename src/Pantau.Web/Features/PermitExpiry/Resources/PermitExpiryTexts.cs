namespace Pantau.Web.Features.PermitExpiry.Resources;

/// <summary>PermitExpiry' texts: <c>PermitExpiryTexts.resx</c> in Bahasa Indonesia (the neutral language), <c>PermitExpiryTexts.en.resx</c> in English.</summary>
public sealed class PermitExpiryTexts;
