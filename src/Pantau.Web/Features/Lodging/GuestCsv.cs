using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;
using Pantau.Web.Data;
using Pantau.Web.Features.Audit;
using Pantau.Web.Infrastructure;

namespace Pantau.Web.Features.Lodging;

/// <summary>A rejected line: the API writes the English text and the code; the page translates <see cref="Reason"/>.</summary>
public sealed record CsvLineError(int Line, string Field, [property: System.Text.Json.Serialization.JsonIgnore] Message Reason)
{
    public string Message => Reason.English;
    public Dictionary<string, object?> Code => Reason.Json;
}

/// <summary>
/// An upload's outcome. Good lines are kept and bad lines reported by line number (the header is line 1): a hotel
/// fixes and re-sends only the bad ones, and re-sending a good line changes nothing (a stay is one guest and one
/// check-in day at the lodging).
/// </summary>
public sealed record CsvUploadResult(int Lines, int CheckedIn, int CheckedOut, int Unchanged, IReadOnlyList<CsvLineError> Rejected);

/// <summary>
/// The guest list a lodging uploads: a header line, then one guest per line. Columns (any order, any case):
/// passportNumber, nationality, room, checkIn (required); guestName, plannedCheckOut, checkOut (optional). Comma or
/// semicolon separated (spreadsheets in Indonesian save with ';'); dates as 2026-11-22 or 22/11/2026.
/// </summary>
public static class GuestCsv
{
    public const int MaxLines = 5000;
    public const int MaxBytes = 2 * 1024 * 1024;

    private static readonly string[] Required = ["passportNumber", "nationality", "room", "checkIn"];

    /// <summary>Null with the file's error when the file as a whole cannot be read (no header, too long).</summary>
    public static async Task<(CsvUploadResult? Result, Validation Errors)> UploadAsync(PantauDb db, Auditor audit, Lodging lodging, string text,
        DateTime now, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(now);
        var records = Read(text);
        if (records.Count == 0) return (null, new Validation().Add("file", LodgingCodes.FileEmpty));
        var header = records[0].Cells.Select(h => h.Trim()).ToList();
        var column = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count; i++) column.TryAdd(header[i], i);
        var missing = Required.Where(r => !column.ContainsKey(r)).ToList();
        if (missing.Count > 0)
            return (null, new Validation().Add("file", LodgingCodes.FirstLineNamesColumns));
        if (records.Count - 1 > MaxLines) return (null, new Validation().Add("file", LodgingCodes.FileTooManyGuests, MaxLines));

        var rejected = new List<CsvLineError>();
        var good = new List<(int Line, GuestReport Report)>();
        foreach (var (lineNo, cells) in records.Skip(1))
        {
            string? Cell(string name) => column.TryGetValue(name, out var at) && at < cells.Length && cells[at].Trim().Length > 0 ? cells[at].Trim() : null;
            var dates = new Dictionary<string, DateOnly?>();
            var badDate = false;
            foreach (var name in new[] { "checkIn", "plannedCheckOut", "checkOut" })
            {
                var raw = Cell(name);
                if (raw is null) dates[name] = null;
                else if (GuestReports.TryParseDate(raw, out var d)) dates[name] = d;
                else
                {
                    rejected.Add(new(lineNo, name, LodgingCodes.DateWritten202611));
                    badDate = true;
                }
            }
            if (badDate) continue;
            var v = GuestReports.Check(Cell("passportNumber"), Cell("nationality"), Cell("guestName"), Cell("room"), dates["checkIn"],
                dates["plannedCheckOut"], dates["checkOut"], today, out var report);
            if (!v.IsValid)
            {
                rejected.AddRange(v.Messages.SelectMany(e => e.Value.Select(m => new CsvLineError(lineNo, e.Key, m))));
                continue;
            }
            good.Add((lineNo, report!));
        }

        // Each guest and check-in day once: an earlier line or an earlier report of the same stay is that stay.
        var numbers = good.Select(g => g.Report.PassportNumber).Distinct().ToList();
        var known = new List<GuestStay>();
        foreach (var chunk in numbers.Chunk(500))
            known.AddRange(await db.GuestStays.Where(s => s.LodgingId == lodging.Id && chunk.Contains(s.PassportNumber)).ToListAsync(ct));
        var byKey = known.ToDictionary(s => (s.PassportNumber, s.CheckIn));
        var changed = new HashSet<GuestStay>();
        int checkedIn = 0, checkedOut = 0, unchanged = 0;
        foreach (var (_, r) in good)
        {
            if (byKey.TryGetValue((r.PassportNumber, r.CheckIn), out var stay))
            {
                if (r.CheckOut is { } on && stay.CheckedOutOn != on)
                {
                    stay.CheckOut(on, now);
                    changed.Add(stay);
                    checkedOut++;
                }
                else unchanged++;
                continue;
            }
            stay = new GuestStay(lodging, r, StaySource.Csv, now);
            db.GuestStays.Add(stay);
            byKey[(r.PassportNumber, r.CheckIn)] = stay;
            changed.Add(stay);
            checkedIn++;
            if (r.CheckOut is not null) checkedOut++;
        }
        if (changed.Count > 0) await GuestReports.SaveCheckedAsync(db, audit, lodging, changed, now, ct);
        return (new CsvUploadResult(good.Count + rejected.Select(e => e.Line).Distinct().Count(), checkedIn, checkedOut, unchanged,
            rejected.OrderBy(e => e.Line).ToList()), new Validation());
    }

    /// <summary>
    /// The file's records with the line each starts on (the header is line 1), read by CsvHelper: a field in double
    /// quotes may hold the separator, a line break, and "" for one quote. Blank lines are skipped but keep their numbers.
    /// The separator is ';' when the first line has semicolons and no comma (spreadsheets saved in Indonesian), else ','.
    /// </summary>
    private static List<(int Line, string[] Cells)> Read(string text)
    {
        text = text.TrimStart('\uFEFF');
        var first = text.Split('\n').FirstOrDefault(l => l.Trim().Length > 0);
        if (first is null) return [];
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = first.Contains(';') && !first.Contains(',') ? ";" : ",",
            HasHeaderRecord = false,
            IgnoreBlankLines = true,
            BadDataFound = null, // a stray quote inside a field is kept as written, as a spreadsheet would
            MissingFieldFound = null,
            DetectColumnCountChanges = false,
        };
        var records = new List<(int, string[])>();
        using var parser = new CsvParser(new StringReader(text), config);
        while (parser.Read())
        {
            var cells = parser.Record ?? [];
            if (cells.All(c => c.Trim().Length == 0)) continue;
            // RawRow is the line the record ends on; a quoted line break inside it moves its start up.
            var breaks = parser.RawRecord.TrimEnd('\r', '\n').Count(c => c == '\n');
            records.Add((parser.RawRow - breaks, cells));
        }
        return records;
    }
}
