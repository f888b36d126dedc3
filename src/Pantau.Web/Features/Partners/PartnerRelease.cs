using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Pantau.Web.Features.Registry;

namespace Pantau.Web.Features.Partners;

/// <summary>
/// A permit as a partner sees it, generalised so that every combination of these fields is shared by at least
/// <see cref="PartnerRelease.K"/> records (docs/decisions/011-partner-generalisation.md). A null field is withheld.
/// <paramref name="Record"/> designates the record for an access request in this export only.
/// </summary>
public sealed record PartnerPermit(string Record, string? Nationality, string? PermitType, string? Purpose, string? ValidFrom,
    string? ValidUntil, PermitStatus? Status, string? VillageCode, string? VillageName, int? Rw);

/// <summary>One current permit of the kecamatan with everything a generalisation may show of it.</summary>
public sealed record ReleasableRow(Guid PermitId, string Nationality, PermitType Type, string? Purpose, DateOnly IssueDate, DateOnly ExpiryDate,
    PermitStatus Status, string VillageCode, int Rw);

/// <summary>
/// Generalises a kecamatan's permits until no one is singled out (k-anonymity, k = 5). Each shown attribute has a ladder
/// of rungs; of every combination of rungs (a few hundred) that leaves at most one record in ten in combinations of
/// values shared by fewer than k, the one giving up least, by the weight of what each attribute is worth to a partner,
/// is taken. Those left over are shown as one class with every attribute withheld (kecamatan only) when they are k or
/// more, else not shown at all.
/// </summary>
public static class PartnerRelease
{
    public const int K = 5;
    public const string OtherNationality = "OTHER";

    // Ladders, from most to least detail; the last rung (Top) shows nothing.
    private enum Attr { ValidFrom, ValidUntil, Purpose, Nationality, PermitType, Status, Area }
    private static readonly int[] Top = [1, 2, 1, 2, 2, 1, 2];
    // What each attribute is worth to a partner's work: where people live most (a Polsek patrols kelurahan), then who
    // they are (nationality), whether their permit holds, what kind it is, and the dates and purpose least. Giving up
    // rung r of t costs weight × r / t; the kelurahan outweighs all the others but nationality together.
    private static readonly int[] Weight = [1, 2, 2, 8, 3, 3, 20];

    private sealed record Shown(string? Nationality, string? PermitType, string? Purpose, string? ValidFrom, string? ValidUntil, PermitStatus? Status,
        string? VillageCode, int? Rw);

    /// <summary>The released records in a stable order for the day (by what they show, then a daily shuffle).</summary>
    public static List<(ReleasableRow Row, PartnerPermitShape Shape)> Generalise(IReadOnlyList<ReleasableRow> rows, DateOnly today)
    {
        var common = rows.GroupBy(r => r.Nationality).Where(g => g.Count() >= K).Select(g => g.Key).ToHashSet();
        Shown Show(ReleasableRow r, int[] l) => new(
            l[(int)Attr.Nationality] switch { 0 => r.Nationality, 1 => common.Contains(r.Nationality) ? r.Nationality : OtherNationality, _ => null },
            l[(int)Attr.PermitType] switch { 0 => r.Type.ToString(), 1 => ClassOf(r.Type), _ => null },
            l[(int)Attr.Purpose] == 0 ? PermitPurposes.Category(r.Purpose, r.Type) : null,
            l[(int)Attr.ValidFrom] == 0 ? Month(r.IssueDate) : null,
            l[(int)Attr.ValidUntil] switch { 0 => Month(r.ExpiryDate), 1 => r.ExpiryDate.Year.ToString(CultureInfo.InvariantCulture), _ => null },
            l[(int)Attr.Status] == 0 ? r.Status : null,
            l[(int)Attr.Area] < 2 ? r.VillageCode : null,
            l[(int)Attr.Area] == 0 ? r.Rw : null);
        int LeftOver(int[] l) => rows.GroupBy(r => Show(r, l)).Where(g => g.Count() < K).Sum(g => g.Count());

        var allowed = rows.Count / 10;
        double Loss(int[] l) => Enumerable.Range(0, l.Length).Sum(a => (double)Weight[a] * l[a] / Top[a]);
        // Every combination of rungs, least given up first; the first that leaves at most `allowed` over is taken (the
        // one with every attribute withheld always qualifies, its one class being the whole export or fewer than k).
        var lattice = new List<int[]> { new int[Top.Length] };
        for (var a = 0; a < Top.Length; a++)
            lattice = lattice.SelectMany(l => Enumerable.Range(0, Top[a] + 1).Select(r => { var n = (int[])l.Clone(); n[a] = r; return n; })).ToList();
        var levels = lattice.OrderBy(Loss).ThenBy(l => string.Concat(l)).FirstOrDefault(l => LeftOver(l) <= allowed) ?? Top.ToArray();

        var shown = rows.Select(r => (Row: r, Shown: Show(r, levels))).ToList();
        var small = shown.GroupBy(s => s.Shown).Where(g => g.Count() < K).SelectMany(g => g).ToList();
        var kept = shown.Except(small).ToList();
        if (small.Count >= K) kept.AddRange(small.Select(s => (s.Row, new Shown(null, null, null, null, null, null, null, null))));
        // A released class must still be k strong once the left-over class joined (it could equal a fully withheld class).
        var day = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return kept.GroupBy(s => s.Shown).Where(g => g.Count() >= K).SelectMany(g => g)
            .OrderBy(s => s.Shown.VillageCode ?? "", StringComparer.Ordinal).ThenBy(s => s.Shown.Rw ?? 0)
            .ThenBy(s => s.Shown.Nationality ?? "", StringComparer.Ordinal).ThenBy(s => s.Shown.PermitType ?? "", StringComparer.Ordinal)
            .ThenBy(s => s.Shown.Purpose ?? "", StringComparer.Ordinal).ThenBy(s => s.Shown.ValidUntil ?? "", StringComparer.Ordinal)
            .ThenBy(s => s.Shown.ValidFrom ?? "", StringComparer.Ordinal).ThenBy(s => s.Shown.Status)
            // Within a class the records look alike; a daily shuffle keeps paging steady without an order to follow.
            .ThenBy(s => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{s.Row.PermitId:N}/{day}"))), StringComparer.Ordinal)
            .Select(s => (s.Row, new PartnerPermitShape(s.Shown.Nationality, s.Shown.PermitType, s.Shown.Purpose, s.Shown.ValidFrom, s.Shown.ValidUntil,
                s.Shown.Status, s.Shown.VillageCode, s.Shown.Rw)))
            .ToList();
    }

    /// <summary>ITK a visit; ITAS and ITAP a residence; diplomatic and service permits official.</summary>
    public static string ClassOf(PermitType type) => type switch
    {
        PermitType.ITK => "Visit",
        PermitType.ITAS or PermitType.ITAP => "Residence",
        _ => "Official",
    };

    private static string Month(DateOnly d) => d.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}

/// <summary>What a released record shows, before it is given its designation.</summary>
public sealed record PartnerPermitShape(string? Nationality, string? PermitType, string? Purpose, string? ValidFrom, string? ValidUntil,
    PermitStatus? Status, string? VillageCode, int? Rw);

/// <summary>
/// A record's designation in one export: the permit, sealed for this partner for a day (ASP.NET Core data protection,
/// authenticated encryption with a random IV), so the same record reads differently in every export and to everyone
/// else it means nothing. An access request names the record by it.
/// </summary>
public sealed class RecordTokens(IDataProtectionProvider protection)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);
    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("Pantau.Partners.RecordToken.v1").ToTimeLimitedDataProtector();

    public string Seal(Guid partnerId, Guid permitId, DateTimeOffset now) =>
        _protector.Protect($"{partnerId:N}/{permitId:N}", now + Lifetime);

    /// <summary>The permit a token of this partner designates, or null (not one of theirs, tampered with, or run out).</summary>
    public Guid? Open(Guid partnerId, string token)
    {
        try
        {
            var parts = _protector.Unprotect(token).Split('/');
            return parts.Length == 2 && Guid.TryParseExact(parts[0], "N", out var partner) && partner == partnerId
                && Guid.TryParseExact(parts[1], "N", out var permit) ? permit : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
