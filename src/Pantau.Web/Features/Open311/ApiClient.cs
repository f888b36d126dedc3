using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pantau.Web.Features.Offices;

namespace Pantau.Web.Features.Open311;

/// <summary>
/// A client application an office let into its Open311 interface (a city's reporting app, FixMyStreet). Its key is
/// shown once when issued; only a hash is kept. A revoked key is refused.
/// </summary>
public sealed class ApiClient
{
    public const int MaxName = 200;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Name { get; init; }
    public required string KeyHash { get; init; }
    /// <summary>The office that issued it; null for a key the Directorate General issued.</summary>
    public int? OfficeId { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? RevokedAt { get; private set; }

    /// <summary>
    /// The organisation verifies its own reporters (a city's complaint system, a partner agency): its reports skip the
    /// phone proof, get their ticket at once, and are limited and judged per application rather than per address.
    /// </summary>
    public bool Trusted { get; init; }

    public bool IsRevoked => RevokedAt is not null;

    public void Revoke(DateTime now) => RevokedAt ??= now;

    /// <summary>A new key: 256 random bits, URL-safe, with a prefix that says what it is when found in a log.</summary>
    public static string NewKey() =>
        "p311_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    // The key is random, not a password: a fast hash is enough to keep it useless to whoever reads the table.
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}

public sealed class ApiClientConfiguration : IEntityTypeConfiguration<ApiClient>
{
    public void Configure(EntityTypeBuilder<ApiClient> c)
    {
        c.Property(x => x.Id).ValueGeneratedNever();
        c.Property(x => x.Name).HasMaxLength(ApiClient.MaxName);
        c.Property(x => x.KeyHash).HasMaxLength(64);
        c.HasIndex(x => x.KeyHash).IsUnique();
        c.HasOne<Office>().WithMany().HasForeignKey(x => x.OfficeId).OnDelete(DeleteBehavior.Restrict);
        c.Ignore(x => x.IsRevoked);
    }
}
