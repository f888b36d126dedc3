using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Options;
using Pantau.Web.Data;

namespace Pantau.Web.Features.Access;

/// <summary>
/// <c>DataProtection:Certificate:Path</c> and <c>:Password</c>: the certificate (PKCS#12, RSA ≥ 2048 bits, with its
/// private key) that encrypts the data-protection keys before they are stored in the database. The keys sign bearer
/// tokens and cookies; encrypted, a copy of the database alone forges neither. Every instance gets the same file.
/// </summary>
public sealed class KeyProtectionOptions
{
    public const string Section = "DataProtection";

    public CertificateSetting Certificate { get; set; } = new();

    public sealed class CertificateSetting
    {
        public string? Path { get; set; }
        public string? Password { get; set; }
    }
}

/// <summary>The certificate as loaded at start, or why there is none (then the app refuses to start).</summary>
public sealed class KeyProtectionCertificate
{
    /// <summary>The subject of the certificate Development makes for itself; refused anywhere else.</summary>
    public const string DevelopmentSubject = "CN=Pantau development key protection";

    /// <summary>Where Development keeps the certificate it makes, beside the SQLite database.</summary>
    public static readonly string DevelopmentPath = Path.Combine("data", "keys", "development-key-protection.pfx");

    public const int MinimumRsaBits = 2048;

    private KeyProtectionCertificate(X509Certificate2? certificate, string? problem)
    {
        Certificate = certificate;
        Problem = problem;
    }

    public X509Certificate2? Certificate { get; }
    public string? Problem { get; }

    public static KeyProtectionCertificate Load(KeyProtectionOptions options, IHostEnvironment env)
    {
        const string path = "DataProtection:Certificate:Path", password = "DataProtection:Certificate:Password";
        var development = env.IsDevelopment();
        var file = options.Certificate.Path;
        if (string.IsNullOrWhiteSpace(file))
        {
            if (!development)
                return Refused($"{path} is not set: outside Development the data-protection keys (which sign tokens and cookies) " +
                    "are encrypted with a certificate of the operator's (see the README, \"Production\").");
            file = DevelopmentPath;
            MakeDevelopmentCertificateOnce(file);
        }
        if (!development && string.IsNullOrEmpty(options.Certificate.Password))
            return Refused($"{password} is not set: the certificate's private key must not lie unprotected beside the app.");
        if (!File.Exists(file)) return Refused($"{path}: no file at '{Path.GetFullPath(file)}'.");

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(file, options.Certificate.Password);
        }
        catch (CryptographicException e)
        {
            return Refused($"{path}: '{file}' cannot be read as a PKCS#12 (.pfx) file with {password} ({e.Message}).");
        }
        if (!certificate.HasPrivateKey) return Refused($"{path}: '{file}' holds no private key; without it no key could be read back.");
        using (var rsa = certificate.GetRSAPublicKey())
        {
            if (rsa is null) return Refused($"{path}: '{file}' is not an RSA certificate.");
            if (rsa.KeySize < MinimumRsaBits) return Refused($"{path}: '{file}' has a {rsa.KeySize}-bit key, too weak; use {MinimumRsaBits} bits or more.");
        }
        if (!development && certificate.Subject == DevelopmentSubject)
            return Refused($"{path}: '{file}' is the development certificate, which any developer's copy of the app can make; use the operator's own.");
        return new(certificate, null);
    }

    private static KeyProtectionCertificate Refused(string problem) => new(null, problem);

    /// <summary>Made once, written whole (to a temporary file, then moved) so that apps starting together share one.</summary>
    private static void MakeDevelopmentCertificateOnce(string file)
    {
        if (File.Exists(file)) return;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        using var rsa = RSA.Create(MinimumRsaBits);
        var request = new CertificateRequest(DevelopmentSubject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(10));
        var temporary = $"{file}.{Guid.NewGuid():N}.tmp";
        File.WriteAllBytes(temporary, certificate.Export(X509ContentType.Pfx));
        try
        {
            File.Move(temporary, file, overwrite: false);
        }
        catch (IOException) when (File.Exists(file))
        {
            File.Delete(temporary); // another app made it first: use that one
        }
    }
}

public static class KeyProtection
{
    /// <summary>
    /// Data protection with its key ring in the database (<c>DataProtectionKeys</c>, shared by every instance), each key
    /// encrypted with the certificate. Without a usable certificate no key is ever written: the encryptor refuses, and
    /// start-up validation names the setting.
    /// </summary>
    public static IServiceCollection AddKeyProtection(this IServiceCollection services, IConfiguration cfg, IHostEnvironment env)
    {
        var section = cfg.GetSection(KeyProtectionOptions.Section);
        var certificate = KeyProtectionCertificate.Load(section.Get<KeyProtectionOptions>() ?? new(), env);
        services.AddSingleton(certificate);
        services.AddOptions<KeyProtectionOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<KeyProtectionOptions>, KeyProtectionValidation>();

        var protection = services.AddDataProtection().SetApplicationName("Pantau").PersistKeysToDbContext<PantauDb>();
        if (certificate.Certificate is { } c) protection.ProtectKeysWithCertificate(c);
        else services.Configure<KeyManagementOptions>(o => o.XmlEncryptor = new RefusingEncryptor(certificate.Problem!));
        return services;
    }

    private sealed class KeyProtectionValidation(KeyProtectionCertificate certificate) : IValidateOptions<KeyProtectionOptions>
    {
        public ValidateOptionsResult Validate(string? name, KeyProtectionOptions options) =>
            certificate.Problem is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }

    /// <summary>Stands in for the certificate's encryptor when there is none: a key is never stored in the clear.</summary>
    private sealed class RefusingEncryptor(string problem) : IXmlEncryptor
    {
        public EncryptedXmlInfo Encrypt(XElement plaintextElement) => throw new InvalidOperationException(problem);
    }
}
