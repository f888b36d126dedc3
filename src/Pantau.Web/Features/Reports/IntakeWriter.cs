using Pantau.Web.Data;
using Pantau.Web.Features.Access;
using Pantau.Web.Infrastructure;

namespace Pantau.Web.Features.Reports;

/// <summary>
/// Saves new reports in groups (<see cref="GroupCommit{T}"/>): while the incidents are held, each verified report of a
/// group finds or opens its incident (seeing the ones opened earlier in the group), and the group is one transaction.
/// A burst of submissions thus pays one commit, not one each, and still none is acknowledged before it is stored.
/// Their reporters' messages go in the same transaction when the sender keeps them in the database
/// (<see cref="IDatabaseMessageSender"/>); any other sender is called once the group is committed.
/// </summary>
public sealed class IntakeWriter : IAsyncDisposable
{
    private readonly IServiceScopeFactory _scopes;
    private readonly ReportTracker _tracker;
    private readonly IMessageSender _sender;
    private readonly ILogger<IntakeWriter> _log;
    private readonly GroupCommit<NewReport> _writes;

    public IntakeWriter(IServiceScopeFactory scopes, ReportTracker tracker, IMessageSender sender, ILogger<IntakeWriter> log)
    {
        _sender = sender;
        _scopes = scopes;
        _tracker = tracker;
        _log = log;
        _writes = new GroupCommit<NewReport>(WriteAsync, maxGroup: 200, log);
    }

    /// <param name="build">Makes the report; called again if its group fails and it is written alone.</param>
    /// <param name="verify">Whether the report enters the queue now (its reporter is known) and so joins an incident.</param>
    /// <param name="reporterPhone">The proved phone to tell of the report once it is saved, if any.</param>
    public async Task<Report> SaveAsync(Func<Report> build, bool verify, string? reporterPhone, CancellationToken ct)
    {
        var item = new NewReport(build, verify, reporterPhone);
        await _writes.WriteAsync(item, ct);
        return item.Saved!;
    }

    private sealed class NewReport(Func<Report> build, bool verify, string? reporterPhone)
    {
        public Func<Report> Build { get; } = build;
        public bool Verify { get; } = verify;
        public string? ReporterPhone { get; } = reporterPhone;
        public Report? Saved { get; set; }
    }

    private async Task WriteAsync(IReadOnlyList<NewReport> group, CancellationToken ct)
    {
        await using var scope = _scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentStaff>().ActAsSystem();
        var db = scope.ServiceProvider.GetRequiredService<PantauDb>();
        var reports = new Report[group.Count];
        await using (var gate = await _tracker.HoldIncidentsAsync(db, ct))
        {
            for (var i = 0; i < group.Count; i++)
            {
                reports[i] = group[i].Build();
                db.Reports.Add(reports[i]);
                if (group[i].Verify) await _tracker.VerifyAsync(db, reports[i], reports[i].CreatedAt, ct);
                if (_sender is IDatabaseMessageSender kept && group[i].ReporterPhone is { } phone && ReportTracker.Message(reports[i]) is { } text)
                    kept.AddTo(db, phone, text);
            }
            await db.SaveChangesAsync(ct);
            await gate.CommitAsync(ct);
        }
        for (var i = 0; i < group.Count; i++) group[i].Saved = reports[i];
        if (_sender is IDatabaseMessageSender) return;

        // Saved is saved: a message that cannot be sent must not make the group be written again.
        try
        {
            await Task.WhenAll(group.Where(g => g.ReporterPhone is not null).Select(g => _tracker.NotifyAsync(g.Saved!, g.ReporterPhone!, ct)));
        }
        catch (Exception e)
        {
            _log.LogError(e, "Reports were saved but not all their reporters could be told");
        }
    }

    public ValueTask DisposeAsync() => _writes.DisposeAsync();
}
