namespace Pantau.Web.Features.Sync.Resources;

/// <summary>Sync' texts: <c>SyncTexts.resx</c> in Bahasa Indonesia (the neutral language), <c>SyncTexts.en.resx</c> in English.</summary>
public sealed class SyncTexts;
