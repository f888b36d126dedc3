namespace Pantau.Web.Features.Registry.Resources;

/// <summary>Registry' texts: <c>RegistryTexts.resx</c> in Bahasa Indonesia (the neutral language), <c>RegistryTexts.en.resx</c> in English.</summary>
public sealed class RegistryTexts;
