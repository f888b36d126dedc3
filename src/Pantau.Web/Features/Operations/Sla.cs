using System.Globalization;
using Microsoft.Extensions.Options;

namespace Pantau.Web.Features.Operations;

/// <summary>The stages a report's clock measures, each from the end of the one before (resolution: from verification).</summary>
public enum SlaStage { Triage, Dispatch, Arrival, Resolution }

/// <summary>
/// <c>Operations:UtcOffsetHours</c> (the office's local day for the summary, 7 = WIB) and the SLA targets in minutes:
/// <c>Operations:Sla:{Stage}Minutes</c>, overridden per office by <c>Operations:Sla:Offices:{officeId}:{Stage}Minutes</c>.
/// </summary>
public sealed class OperationsOptions
{
    public const string Section = "Operations";

    public double UtcOffsetHours { get; set; } = 7;
    public SlaMinutes Sla { get; set; } = new();

    public TimeSpan UtcOffset => TimeSpan.FromHours(UtcOffsetHours);

    public class StageMinutes
    {
        public int? TriageMinutes { get; set; }
        public int? DispatchMinutes { get; set; }
        public int? ArrivalMinutes { get; set; }
        public int? ResolutionMinutes { get; set; }

        public int? Of(SlaStage stage) => stage switch
        {
            SlaStage.Triage => TriageMinutes,
            SlaStage.Dispatch => DispatchMinutes,
            SlaStage.Arrival => ArrivalMinutes,
            _ => ResolutionMinutes,
        };
    }

    public sealed class SlaMinutes : StageMinutes
    {
        /// <summary>By office id.</summary>
        public Dictionary<string, StageMinutes> Offices { get; set; } = [];
    }

    public sealed class Validation : IValidateOptions<OperationsOptions>
    {
        public ValidateOptionsResult Validate(string? name, OperationsOptions o)
        {
            var errors = new List<string>();
            if (o.UtcOffsetHours is < -12 or > 14) errors.Add($"Operations:UtcOffsetHours is {o.UtcOffsetHours}; an offset lies between -12 and 14.");
            foreach (var (where, minutes) in o.Sla.Offices.Select(kv => ($"Operations:Sla:Offices:{kv.Key}", kv.Value)).Prepend(("Operations:Sla", (StageMinutes)o.Sla)))
                foreach (var stage in Enum.GetValues<SlaStage>())
                    if (minutes.Of(stage) is < 1 or > 60 * 24 * 365)
                        errors.Add($"{where}:{stage}Minutes is {minutes.Of(stage)}; a target is 1 minute to a year.");
            errors.AddRange(o.Sla.Offices.Keys.Where(k => !int.TryParse(k, out _)).Select(k => $"Operations:Sla:Offices:{k}: not an office id."));
            return errors.Count > 0 ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
        }
    }
}

/// <summary>An office's targets per stage, from <see cref="OperationsOptions"/>.</summary>
public sealed class SlaTargets(IOptions<OperationsOptions> options)
{
    public static readonly IReadOnlyDictionary<SlaStage, int> Defaults = new Dictionary<SlaStage, int>
    {
        [SlaStage.Triage] = 15, [SlaStage.Dispatch] = 30, [SlaStage.Arrival] = 120, [SlaStage.Resolution] = 24 * 60,
    };

    public TimeSpan For(int officeId, SlaStage stage) => TimeSpan.FromMinutes(
        (options.Value.Sla.Offices.GetValueOrDefault(officeId.ToString(CultureInfo.InvariantCulture)) is { } office ? office.Of(stage) : null)
        ?? options.Value.Sla.Of(stage) ?? Defaults[stage]);

    public IReadOnlyDictionary<SlaStage, TimeSpan> Of(int officeId) => Enum.GetValues<SlaStage>().ToDictionary(s => s, s => For(officeId, s));
}

public static class OperationsSetup
{
    public static IServiceCollection AddOperations(this IServiceCollection services, IConfiguration cfg)
    {
        services.AddOptions<OperationsOptions>().Bind(cfg.GetSection(OperationsOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OperationsOptions>, OperationsOptions.Validation>();
        return services.AddSingleton<SlaTargets>();
    }
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
