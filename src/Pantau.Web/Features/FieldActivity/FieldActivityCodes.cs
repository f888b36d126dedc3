namespace Pantau.Web.Features.FieldActivity;

/// <summary>
/// The codes FieldActivity' rules and API answer with (keys of <c>Resources/FieldActivityTexts.resx</c>): the page translates them, the
/// API writes them beside their English text.
/// </summary>
public static class FieldActivityCodes
{
    /// <summary>Latitude is between -90 and 90.</summary>
    public const string LatitudeBetween9090 = "fieldActivity.latitudeBetween9090";
    /// <summary>Longitude is between -180 and 180.</summary>
    public const string LongitudeBetween180180 = "fieldActivity.longitudeBetween180180";
    /// <summary>The activity is required: PatrolStarted, Arrived, CheckDone, PatrolEnded or Position.</summary>
    public const string ActivityRequiredPatrolStartedArrived = "fieldActivity.activityRequiredPatrolStartedArrived";
    /// <summary>A ping cannot come from the future.</summary>
    public const string PingCannotComeFuture = "fieldActivity.pingCannotComeFuture";
    /// <summary>A ping older than 24 hours is not live activity.</summary>
    public const string PingOlderThan24 = "fieldActivity.pingOlderThan24";
    /// <summary>The note is at most 300 characters.</summary>
    public const string NoteMost300Characters = "fieldActivity.noteMost300Characters";
    /// <summary>Only an office's staff report field activity.</summary>
    public const string OfficeStaffOnly = "fieldActivity.officeStaffOnly";
    /// <summary>The live view follows one office.</summary>
    public const string LiveViewOneOffice = "fieldActivity.liveViewOneOffice";
}
