using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Pantau.Web.Features.Access;

namespace Pantau.Tests.Infrastructure;

/// <summary>
/// What an operator gives a production instance (a chain key, a sync key, a key-protection certificate), and weak
/// versions of each. Certificates are made once per test process, in its own folder.
/// </summary>
public static class TestSecrets
{
    public const string ChainKey = "operator-audit-chain-key-0123456789abcdef";
    public const string SyncKey = "operator-sync-shared-key-0123456789abcdef";
    public const string CertificatePassword = "operator-certificate-password";

    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "secrets", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
    private static readonly Lazy<string> OperatorFile = new(() => Make("operator", "CN=Pantau key protection (test operator)", 2048));
    private static readonly Lazy<string> WeakFile = new(() => Make("weak", "CN=Pantau weak key protection", 1024));
    private static readonly Lazy<string> DevelopmentFile = new(() => Make("development", KeyProtectionCertificate.DevelopmentSubject, 2048));

    /// <summary>The operator's certificate (RSA 2048, with a password).</summary>
    public static string Certificate => OperatorFile.Value;

    /// <summary>RSA 1024: too weak.</summary>
    public static string WeakCertificate => WeakFile.Value;

    /// <summary>A certificate such as Development makes for itself.</summary>
    public static string DevelopmentCertificate => DevelopmentFile.Value;

    /// <summary>Everything a production instance needs, as command-line settings.</summary>
    /// <summary>The key of the phone codes' HMAC outside Development.</summary>
    public const string CodeKey = "test-phone-code-key-of-the-app-processes-0123456789";

    public static string[] ProductionArguments(string certificate = "") =>
    [
        "--Audit:ChainKey", ChainKey,
        "--DataProtection:Certificate:Path", certificate is "" ? Certificate : certificate,
        "--DataProtection:Certificate:Password", CertificatePassword,
        "--Reports:CodeKey", CodeKey,
    ];

    private static string Make(string name, string subject, int bits)
    {
        Directory.CreateDirectory(Folder);
        var file = Path.Combine(Folder, name + ".pfx");
        using var rsa = RSA.Create(bits);
        var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        File.WriteAllBytes(file, certificate.Export(X509ContentType.Pfx, CertificatePassword));
        return file;
    }
}
