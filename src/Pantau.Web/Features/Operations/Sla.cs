namespace Pantau.Web.Features.Operations;

/// <summary>The stages a report's clock measures, each from the end of the one before (resolution: from verification).</summary>
public enum SlaStage { Triage, Dispatch, Arrival, Resolution }

/// <summary>An office's targets per stage: <c>Operations:Sla:{Stage}Minutes</c>, overridden per office by
/// <c>Operations:Sla:Offices:{officeId}:{Stage}Minutes</c>.</summary>
public sealed class SlaTargets(IConfiguration cfg)
{
    public static readonly IReadOnlyDictionary<SlaStage, int> Defaults = new Dictionary<SlaStage, int>
    {
        [SlaStage.Triage] = 15, [SlaStage.Dispatch] = 30, [SlaStage.Arrival] = 120, [SlaStage.Resolution] = 24 * 60,
    };

    public TimeSpan For(int officeId, SlaStage stage) => TimeSpan.FromMinutes(
        cfg.GetValue<int?>($"Operations:Sla:Offices:{officeId}:{stage}Minutes")
        ?? cfg.GetValue($"Operations:Sla:{stage}Minutes", Defaults[stage]));

    public IReadOnlyDictionary<SlaStage, TimeSpan> Of(int officeId) => Enum.GetValues<SlaStage>().ToDictionary(s => s, s => For(officeId, s));
}

/// <summary>The timestamps a clock reads, whatever holds them.</summary>
public sealed record SlaTimes(DateTime? VerifiedAt, DateTime? TriagedAt, DateTime? DispatchedAt, DateTime? ArrivedAt, DateTime? ClosedAt);

/// <param name="Elapsed">How long the stage took, or has been running; null when it has not started.</param>
/// <param name="Done">The stage is over (or can no longer happen: a rejected report is never dispatched).</param>
public sealed record SlaClock(SlaStage Stage, TimeSpan? Elapsed, TimeSpan Target, bool Done)
{
    public bool Overdue => Elapsed > Target;

    /// <summary>The four clocks of a report at <paramref name="now"/>.</summary>
    public static IReadOnlyList<SlaClock> Of(SlaTimes t, IReadOnlyDictionary<SlaStage, TimeSpan> targets, DateTime now)
    {
        var closed = t.ClosedAt is not null;
        return
        [
            Clock(SlaStage.Triage, t.VerifiedAt, t.TriagedAt ?? t.ClosedAt),
            Clock(SlaStage.Dispatch, t.TriagedAt, t.DispatchedAt ?? (closed ? t.ClosedAt : null), skipped: closed && t.DispatchedAt is null),
            Clock(SlaStage.Arrival, t.DispatchedAt, t.ArrivedAt ?? (closed ? t.ClosedAt : null), skipped: closed && t.ArrivedAt is null),
            Clock(SlaStage.Resolution, t.VerifiedAt, t.ClosedAt),
        ];

        SlaClock Clock(SlaStage stage, DateTime? from, DateTime? to, bool skipped = false) =>
            skipped ? new(stage, null, targets[stage], true)
            : from is null ? new(stage, null, targets[stage], false)
            : new(stage, (to ?? now) - from.Value, targets[stage], to is not null);
    }

    /// <summary>The stages running late now: what the queue highlights.</summary>
    public static IReadOnlyList<SlaStage> RunningLate(SlaTimes t, IReadOnlyDictionary<SlaStage, TimeSpan> targets, DateTime now) =>
        Of(t, targets, now).Where(c => !c.Done && c.Overdue).Select(c => c.Stage).ToList();
}
