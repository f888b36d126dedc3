using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Pantau.Web.Data;
using Pantau.Web.Features.Access;
using Pantau.Web.Features.Offices;
using Pantau.Web.Features.Regions;
using Pantau.Web.Features.Reports;
using Pantau.Web.Infrastructure;

namespace Pantau.Web.Features.Open311;

/// <summary>
/// SIPOA as an Open311 GeoReport v2 endpoint (<see href="http://wiki.open311.org/GeoReport_v2"/>), in XML and JSON,
/// for residents' apps and FixMyStreet. A service is a report category; a service request is a report, and its
/// <c>service_request_id</c> is the report's ticket. A POST goes through the same intake as Pantau's own form, so a
/// report without a proved phone answers with a token and waits; verifying the phone with that token
/// (<c>POST /api/reporters/verify</c>) lets <c>tokens/{token}</c> give the ticket. The ticket is public and opens
/// nothing: the reporter's thread is opened by the key (<c>reporter_key</c>) the POST answers with, once. The public sees
/// verified reports only, and never the reporter or the person reported: no phone, name, workplace or nationality, and
/// (unless the office publishes them, <see cref="Open311Options"/>) no description, street or exact position either;
/// a client application sees those of the reports it sent.
/// </summary>
public static class Open311Api
{
    public const string Specification = "http://wiki.open311.org/GeoReport_v2";
    public const string UpdatesSpecification = "https://github.com/mysociety/fixmystreet/wiki/Open311-FMS---Proposed-differences-to-Open311";
    public const string Base = "/open311/v2";
    public const int MaxRequests = 1000;
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(90);

    public static void MapOpen311(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup(Base).WithTags("Open311").AllowAnonymous().AddEndpointFilter(Guard);
        g.MapGet("/discovery.{format}", Discovery);
        g.MapGet("/services.{format}", Services);
        g.MapGet("/services/{code}.{format}", ServiceDefinition);
        g.MapGet("/requests.{format}", Requests);
        // Limited in the handler, once the key is read: a trusted application per application, anyone else per address.
        g.MapPost("/requests.{format}", Submit).DisableAntiforgery();
        g.MapGet("/requests/{id}.{format}", Request);
        g.MapGet("/tokens/{token}.{format}", Token);
        g.MapGet("/servicerequestupdates.{format}", Updates);
        // Anything else under the endpoint is the standard's 404, not a page.
        g.Map("/{**path}", (HttpContext http) => Open311Answer.Error(FormatOf(http) ?? Open311Format.Json, 404,
            $"GeoReport v2 has no {http.Request.Method} {http.Request.Path}.")).ExcludeFromDescription();

        app.MapOpen311Keys();
    }

    /// <summary>The standard, and FixMyStreet's extension of it that <c>servicerequestupdates</c> answers.</summary>
    private static Open311Answer Discovery(string format, HttpContext http, IHostEnvironment env)
    {
        Open311Object Endpoint(string specification) => new(
            ("specification", specification),
            ("url", $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{Base}"),
            ("changeset", Open311Services.Changeset),
            // Demo data in Development: nobody acts on it.
            ("type", env.IsDevelopment() ? "test" : "production"),
            ("formats", new Open311List("format", ["text/xml", "application/json"])));
        return Open311Answer.Ok(F(format), "discovery", new Open311Object(
            ("changeset", Open311Services.Changeset),
            ("contact", Open311Services.Text("open311.discovery.contact")),
            ("key_service", Open311Services.Text("open311.discovery.keyService")),
            ("endpoints", new Open311List("endpoint", [Endpoint(Specification), Endpoint(UpdatesSpecification)]))));
    }

    /// <summary>
    /// The services. A POST from a trusted application answers its <c>service_request_id</c> at once (<c>realtime</c>);
    /// from anyone else it may answer a token until the reporter's phone is proved (<c>batch</c>).
    /// </summary>
    private static Open311Answer Services(string format, HttpContext http)
    {
        var type = ClientOf(http) is { Trusted: true } ? "realtime" : "batch";
        return Open311Answer.Ok(F(format), "services", new Open311List("service", Open311Services.All.Select(s => (object)s.ToOpen311(type)).ToList()));
    }

    private static Open311Answer ServiceDefinition(string code, string format) =>
        Open311Services.Find(code) is { } service
            ? Open311Answer.Ok(F(format), "service_definition", service.Definition())
            : Open311Answer.Error(F(format), 404, $"There is no service {code}; services.{format} lists them.");

    /// <summary>
    /// Verified reports, newest first, at most 1000, over at most 90 days (the last 90 by default), filtered as the
    /// standard says; <c>service_request_id</c> overrides every other filter.
    /// </summary>
    private static async Task<Open311Answer> Requests(string format, HttpContext http, PantauDb db, Places.PlaceFinder places, TimeProvider time,
        IOptions<Open311Options> options, CancellationToken ct)
    {
        var f = F(format);
        var query = http.Request.Query;
        var reports = Public(db);
        if (List(query["service_request_id"]) is { Count: > 0 } ids)
        {
            var tickets = ids.Take(MaxRequests).Select(t => t.ToUpperInvariant()).ToList();
            reports = reports.Where(r => tickets.Contains(r.Ticket));
        }
        else
        {
            var errors = new List<(int, string)>();
            var categories = new List<ReportCategory>();
            foreach (var code in List(query["service_code"]))
            {
                if (Open311Services.Find(code) is { } s) categories.Add(s.Category);
                else errors.Add((400, $"service_code: there is no service {code}."));
            }
            var statuses = new List<ReportStatus>();
            foreach (var s in List(query["status"]))
            {
                if (s.Equals("open", StringComparison.OrdinalIgnoreCase)) statuses.AddRange(Open);
                else if (s.Equals("closed", StringComparison.OrdinalIgnoreCase)) statuses.AddRange(Closed);
                else errors.Add((400, "status: open or closed (or both, comma delimited)."));
            }
            var period = Period(query, time.GetUtcNow().UtcDateTime, errors);
            if (errors.Count > 0) return Open311Answer.Errors(f, 400, errors);
            var (from, until) = period!.Value;
            reports = reports.Where(r => r.CreatedAt >= from && r.CreatedAt < until);
            if (categories.Count > 0) reports = reports.Where(r => categories.Contains(r.Category));
            if (statuses.Count > 0) reports = reports.Where(r => statuses.Contains(r.Status));
        }
        var list = await ServiceRequestsAsync(db, places, reports.OrderByDescending(r => r.CreatedAt).Take(MaxRequests), ClientOf(http)?.Id, options.Value, ct);
        return Open311Answer.Ok(f, "service_requests", new Open311List("request", list));
    }

    private static async Task<Open311Answer> Request(string id, string format, HttpContext http, PantauDb db, Places.PlaceFinder places,
        IOptions<Open311Options> options, CancellationToken ct)
    {
        var ticket = id.Trim().ToUpperInvariant();
        var list = await ServiceRequestsAsync(db, places, Public(db).Where(r => r.Ticket == ticket), ClientOf(http)?.Id, options.Value, ct);
        return list.Count == 0
            ? Open311Answer.Error(F(format), 404, $"There is no service request {id}.")
            : Open311Answer.Ok(F(format), "service_requests", new Open311List("request", list));
    }

    /// <summary>
    /// FixMyStreet's extension: what happened to the reports a client application sent, as updates — each status
    /// change after the report came, with what the reporter was told (the public note; never an officer's own note).
    /// Only the key's own reports; over <c>start_date</c> to <c>end_date</c> like <c>requests</c>, oldest first.
    /// </summary>
    private static async Task<Open311Answer> Updates(string format, HttpContext http, PantauDb db, TimeProvider time, CancellationToken ct)
    {
        var f = F(format);
        var query = http.Request.Query;
        if (ClientOf(http) is not { } client)
            return Open311Answer.Error(f, 400, "api_key: the updates are of the reports an application sent; give its key.");
        var errors = new List<(int, string)>();
        var period = Period(query, time.GetUtcNow().UtcDateTime, errors);
        if (errors.Count > 0) return Open311Answer.Errors(f, 400, errors);
        var (from, until) = period!.Value;
        var updates = await db.Reports.AcrossOffices("an application follows the reports it sent, whichever office holds them").AsNoTracking()
            .Where(r => r.ApiClientId == client.Id)
            .Join(db.ReportStatusChanges.Where(h => h.Status != ReportStatus.Received && h.At >= from && h.At < until),
                r => r.Id, h => h.ReportId, (r, h) => new { h.Id, r.Ticket, h.Status, h.At, h.PublicNote })
            .OrderBy(u => u.At).ThenBy(u => u.Id).Take(MaxRequests).ToListAsync(ct);
        return Open311Answer.Ok(f, "service_request_updates", new Open311List("request_update", updates.Select(u => (object)new Open311Object(
            ("update_id", u.Id.ToString(CultureInfo.InvariantCulture)),
            ("service_request_id", u.Ticket),
            ("status", Closed.Contains(u.Status) ? "closed" : "open"),
            ("updated_datetime", u.At),
            ("description", u.PublicNote))).ToList()));
    }

    /// <summary>The ticket of the report a token was given for, once its reporter's phone is verified; null until then.</summary>
    private static async Task<Open311Answer> Token(string token, string format, PantauDb db, CancellationToken ct)
    {
        var report = await db.Reports.AcrossOffices("an Open311 client's token names its report, whichever office holds it").AsNoTracking().Where(r => r.VerificationToken == token)
            .Select(r => new { r.Ticket, r.Status }).FirstOrDefaultAsync(ct);
        if (report is null) return Open311Answer.Error(F(format), 404, "There is no such token.");
        var id = report.Status == ReportStatus.Received ? null : report.Ticket;
        return Open311Answer.Ok(F(format), "service_requests", new Open311List("request", [new Open311Object(("service_request_id", id), ("token", token))]));
    }

    /// <summary>
    /// A service request, form-encoded as the standard says, through Pantau's intake. The place is <c>lat</c>+<c>long</c>
    /// (routed to the kelurahan it lies in), <c>address_id</c> (the kelurahan/desa code), or <c>address_string</c> alone
    /// (found by name; several matches are listed back). <c>description</c> is optional; <c>attribute[occurred_at]</c>,
    /// <c>attribute[person_nationality]</c>, <c>attribute[person_name]</c>, <c>attribute[workplace]</c> too;
    /// <c>jurisdiction_id</c>, <c>email</c>, names and <c>media_url</c> are accepted and not kept. A trusted
    /// application's report is verified by it and gets its id at once; anyone else's waits for the reporter's phone
    /// (texted a code at once when the POST gives <c>phone</c>). A re-send of the same report within a day answers the first.
    /// </summary>
    private static async Task<Open311Answer> Submit(string format, HttpContext http, PantauDb db, CurrentStaff current, JurisdictionMap offices,
        RegionNames regions, Places.PlaceFinder places, IntakeWriter writer, Open311Senders senders, PhoneProof proof, TimeProvider time,
        IOptions<ReportsOptions> cfg, CancellationToken ct)
    {
        var f = F(format);
        if (!http.Request.HasFormContentType)
            return Open311Answer.Error(f, 400, "A service request is POSTed as application/x-www-form-urlencoded.");
        var form = await http.Request.ReadFormAsync(ct);
        string? Field(string name) => form.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.ToString().Trim() : null;

        var client = ClientOf(http);
        // A trusted application sends all its users' reports from one address: the intake limits it per application.
        if (client is not { Trusted: true } && !senders.TryTake(http, out var retryAfter))
        {
            http.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return Open311Answer.Error(f, 429, new Message(ReportsCodes.TooManyRequestsAddress).English);
        }

        if (Field("service_code") is not { } code) return Open311Answer.Error(f, 400, "service_code: which service is this? services.xml lists them.");
        if (Open311Services.Find(code) is not { } service) return Open311Answer.Error(f, 404, $"service_code: there is no service {code}; services.xml lists them.");
        var errors = new List<(int, string)>();
        var lat = Number(Field("lat"), "lat", errors);
        var lon = Number(Field("long"), "long", errors);
        if ((Field("lat") is null) != (Field("long") is null)) errors.Add((400, "lat: lat and long are sent together."));
        if (Field("lat") is null && Field("long") is null && Field("address_string") is null && Field("address_id") is null)
            errors.Add((400, "A location is required: lat and long, address_string or address_id (the kelurahan/desa code)."));
        DateTimeOffset occurred = time.GetUtcNow();
        if (Field("attribute[occurred_at]") is { } at
            && !DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out occurred))
            errors.Add((400, "attribute[occurred_at]: an ISO 8601 date and time, such as 2026-11-22T08:30:00+07:00."));
        string? phone = null;
        if (Field("phone") is { } givenPhone && (phone = PhoneNumber.Normalize(givenPhone)) is null)
            errors.Add((400, "phone: an Indonesian mobile number, such as 0812 3456 7890 or +62 812 3456 7890."));
        if (errors.Count > 0) return Open311Answer.Errors(f, 400, errors);

        var village = Field("address_id");
        if (village is null && lat is null && Field("address_string") is { } name)
        {
            var found = places.Directory.Search(name, limit: 6);
            if (found.Count == 0)
                return Open311Answer.Error(f, 400, $"address_string: no kelurahan or desa is named '{name}'. Send lat and long, or the kelurahan's Kemendagri code as address_id.");
            if (found.Count > 1)
                return Open311Answer.Error(f, 400, $"address_string: '{name}' could be {(found.Count > 5 ? "more than 5 places" : $"{found.Count} places")}: "
                    + string.Join("; ", found.Take(5).Select(p => $"{p.Label} ({p.Code})"))
                    + ". Name the kecamatan or city too, send lat and long, or send the code as address_id.");
            village = found[0].Code;
        }

        var submission = new ReportSubmission(service.Category, lat, lon, village, Field("address_string"), occurred,
            Field("description"), Field("attribute[person_nationality]"), Field("attribute[person_name]"), Field("attribute[workplace]"));
        var reporterToken = http.Request.Headers[ReportIntake.ReporterTokenHeader].ToString() is { Length: > 0 } header ? header : Field("reporter_token");
        var device = Field("device_id") is { Length: <= 100 } d ? d : ReportLimits.DeviceOf(http);
        // FixMyStreet uploads a report's photos as photo1, photo2, … in a multipart POST.
        var photos = await ReportForm.PhotosAsync(form, ct, name => name is "media" || (name.StartsWith("photo", StringComparison.Ordinal) && name[5..].All(char.IsAsciiDigit)));
        var request = new IntakeRequest(submission, photos, http.Request.Headers[ReportIntake.IdempotencyHeader].ToString(), reporterToken, device,
            http.Connection.RemoteIpAddress?.ToString(), client, OccurredAtByServer: Field("attribute[occurred_at]") is null, ClientResends: true);
        var result = await ReportIntake.SubmitAsync(request, db, current, offices, regions, places, writer, time, cfg, ct);

        if (result.Refusal is { } refusal)
            return refusal.Errors is { } fields
                ? Open311Answer.Errors(f, 400, fields.SelectMany(e => e.Value.Select(m => (400, $"{FieldName(e.Key)}: {m}"))))
                : Open311Answer.Error(f, refusal.Status, new Message(refusal.Title).English);
        var report = result.Repeated ? await ReportIntake.RekeyAsync(db, result.Report!, time.GetUtcNow().UtcDateTime, ct) : result.Report!;
        var status = result.Repeated ? 200 : 201;
        // The reporter's key to the report's thread, given here once (the ticket is public and opens nothing).
        if (report.Status == ReportStatus.Received)
        {
            // The reporter proves the phone on the report's own page, by the link texted with the code.
            var page = $"/lapor/{report.IssuedKey}";
            var notice = phone is not null
                && await proof.SendCodeAsync(db, phone, time.GetUtcNow().UtcDateTime, code => Open311Services.Text("open311.sms.code", code, page), ct) is null
                ? Open311Services.Text("open311.codeTexted", PhoneNumber.Masked(phone))
                : Open311Services.Text("open311.phoneNeeded");
            return Open311Answer.Ok(f, "service_requests", new Open311List("request", [new Open311Object(("token", report.VerificationToken),
                ("service_notice", notice), ("reporter_key", report.IssuedKey))]), status);
        }
        var office = await db.Offices.AsNoTracking().Where(o => o.Id == report.OfficeId).Select(o => o.Name).FirstOrDefaultAsync(ct);
        return Open311Answer.Ok(f, "service_requests", new Open311List("request", [new Open311Object(
            ("service_request_id", report.Ticket),
            ("service_notice", Open311Services.Text("open311.serviceNotice", report.Ticket, office ?? Open311Services.Text("open311.anImmigrationOffice"))),
            ("reporter_key", report.IssuedKey))]),
            status);
    }

    // Pantau's field names in the standard's words.
    private static string FieldName(string field) => field switch
    {
        "category" => "service_code",
        "latitude" => "lat",
        "longitude" => "long",
        "villageCode" => "address_id",
        "address" => "address_string",
        "occurredAt" => "attribute[occurred_at]",
        "personNationality" => "attribute[person_nationality]",
        "personName" => "attribute[person_name]",
        "workplace" => "attribute[workplace]",
        "photos" => "photo1",
        _ when field.StartsWith("photos[", StringComparison.Ordinal) && int.TryParse(field[7..^1], out var i) => $"photo{i + 1}",
        _ => field,
    };

    private static readonly ReportStatus[] Open =
        [ReportStatus.Verified, ReportStatus.Accepted, ReportStatus.Dispatched, ReportStatus.EnRoute, ReportStatus.OnSite];
    private static readonly ReportStatus[] Closed = [ReportStatus.Resolved, ReportStatus.Rejected, ReportStatus.Merged];

    /// <summary>What the public may see: reports whose reporter is known (a verified phone or a trusted account).</summary>
    private static IQueryable<Report> Public(PantauDb db) =>
        db.Reports.AcrossOffices("the public list of verified reports covers every office").AsNoTracking().Where(r => r.Status != ReportStatus.Received);

    /// <summary>
    /// The reports as GeoReport v2 requests. Only these columns are read: nothing about the reporter or the person
    /// reported leaves the database on this path. The notes are the public ones. The description, street, kelurahan and
    /// position go out only to the client application that sent the report, or when its office publishes them; anyone
    /// else gets the kecamatan.
    /// </summary>
    private static async Task<List<object>> ServiceRequestsAsync(PantauDb db, Places.PlaceFinder places, IQueryable<Report> reports, Guid? client,
        Open311Options options, CancellationToken ct)
    {
        var rows = await reports.Select(r => new
        {
            r.Ticket, r.Category, r.Status, r.PublicNote, r.Description, r.OfficeId, r.CreatedAt, r.Address, r.VillageCode, r.Latitude, r.Longitude,
            Own = client != null && r.ApiClientId == client,
            UpdatedAt = r.History.Max(h => (DateTime?)h.At),
        }).ToListAsync(ct);
        if (rows.Count == 0) return [];
        var offices = await db.Offices.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        static string[] Places(string village) =>
            [village, RegionCode.AncestorAt(village, RegionLevel.District), RegionCode.AncestorAt(village, RegionLevel.Regency)];
        var codes = rows.Where(r => r.VillageCode is not null).SelectMany(r => Places(r.VillageCode!)).Distinct().ToList();
        var names = await db.Regions.AsNoTracking().Where(x => codes.Contains(x.Code)).ToDictionaryAsync(x => x.Code, x => x.Name, ct);
        string? Place(string? address, string? village)
        {
            // From the most specific to the most general, as the standard asks: address, kelurahan, kecamatan, city.
            var parts = new List<string?> { address };
            if (village is not null) parts.AddRange(Places(village).Select(c => names.GetValueOrDefault(c)));
            var text = string.Join(", ", parts.Where(p => !string.IsNullOrWhiteSpace(p)));
            return text.Length > 0 ? text : null;
        }
        string? District(string? village) => village is null ? null : RegionCode.AncestorAt(village, RegionLevel.District);
        string? Kecamatan(string? village)
        {
            if (village is null) return null;
            var text = string.Join(", ", Places(village).Skip(1).Select(c => names.GetValueOrDefault(c)).Where(p => !string.IsNullOrWhiteSpace(p)));
            return text.Length > 0 ? text : null;
        }
        // Every request carries a position, as clients such as FixMyStreet skip one without: its own where the reader may
        // see it (the report's, else its kelurahan's centre), else its kecamatan's centre.
        (double Latitude, double Longitude)? Position(double? lat, double? lon, string? village, bool full) =>
            village is null ? null
            : full ? (lat is { } a && lon is { } b ? (a, b) : places.Shapes.CentreOf(village))
            : places.Shapes.CentreOfDistrict(District(village)!);
        return rows.Select(r =>
        {
            var full = r.Own || options.Publishes(r.OfficeId);
            var position = Position(r.Latitude, r.Longitude, r.VillageCode, full);
            return (object)new Open311Object(
                ("service_request_id", r.Ticket),
                ("status", Closed.Contains(r.Status) ? "closed" : "open"),
                ("status_notes", r.PublicNote),
                ("service_name", Open311Services.Of(r.Category).Name),
                ("service_code", r.Category.ToString()),
                ("description", full ? r.Description : null),
                ("agency_responsible", offices.GetValueOrDefault(r.OfficeId)),
                ("requested_datetime", r.CreatedAt),
                ("updated_datetime", r.UpdatedAt ?? r.CreatedAt),
                ("address", full ? Place(r.Address, r.VillageCode) : Kecamatan(r.VillageCode)),
                ("address_id", full ? r.VillageCode : District(r.VillageCode)),
                ("lat", position?.Latitude),
                ("long", position?.Longitude));
        }).ToList();
    }

    /// <summary>
    /// Every answer here is the standard's, errors too: a key that is given must be one an office issued, and a
    /// request that cannot be read or fails gets the standard's error list, never a page.
    /// </summary>
    private static async ValueTask<object?> Guard(EndpointFilterInvocationContext ctx, EndpointFilterDelegate next)
    {
        var http = ctx.HttpContext;
        if (FormatOf(http) is not { } format) return Open311Answer.Error(Open311Format.Json, 404, "GeoReport v2 answers in .xml or .json.");
        try
        {
            var key = http.Request.Query["api_key"].ToString();
            if (key.Length == 0 && HttpMethods.IsPost(http.Request.Method) && http.Request.HasFormContentType)
                key = (await http.Request.ReadFormAsync(http.RequestAborted))["api_key"].ToString();
            if (key.Length > 0)
            {
                // Looked up once here; the handlers read it with ClientOf.
                if (await ApiKeysApi.ClientOfAsync(http.RequestServices.GetRequiredService<PantauDb>(), key, http.RequestAborted) is not { } client)
                    return Open311Answer.Error(format, 403, "Invalid api_key: it is not one an immigration office issued, or it was revoked.");
                http.Items[typeof(ClientApplication)] = client;
            }
            return await next(ctx);
        }
        catch (BadHttpRequestException e)
        {
            return Open311Answer.Error(format, e.StatusCode, $"The request cannot be read: {e.Message}");
        }
        catch (InvalidDataException)
        {
            return Open311Answer.Error(format, 400, "The request cannot be read: the form is malformed.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(Open311Api)).LogError(e, "Open311 {Path} failed", http.Request.Path);
            return Open311Answer.Error(format, 500, "General service error: the request could not be processed. Try again later.");
        }
    }

    /// <summary>The client application whose key the request carries (checked by <see cref="Guard"/>); null without a key.</summary>
    private static ClientApplication? ClientOf(HttpContext http) => http.Items[typeof(ClientApplication)] as ClientApplication;

    /// <summary>The format the path asks for: its <c>.xml</c> or <c>.json</c>; null for any other.</summary>
    private static Open311Format? FormatOf(HttpContext http)
    {
        var asked = http.Request.RouteValues.TryGetValue("format", out var v) ? v as string : Path.GetExtension(http.Request.Path.Value)?.TrimStart('.');
        return asked?.ToLowerInvariant() switch
        {
            "xml" => Open311Format.Xml,
            "json" => Open311Format.Json,
            _ when !http.Request.RouteValues.ContainsKey("format") => Open311Format.Json,
            _ => null,
        };
    }

    private static Open311Format F(string format) => format.Equals("xml", StringComparison.OrdinalIgnoreCase) ? Open311Format.Xml : Open311Format.Json;

    private static List<string> List(StringValues values) =>
        values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct().ToList();

    private static DateTime? Date(StringValues value, string name, List<(int, string)> errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (DateTimeOffset.TryParse(value.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d)
            && InputRules.IsOperational(d)) return d.UtcDateTime;
        errors.Add((400, $"{name}: a w3 date and time from 2000 to 2100, such as 2026-11-01T00:00:00Z."));
        return null;
    }

    /// <summary>
    /// The times <c>start_date</c> to <c>end_date</c> ask for, as [from, until): the last 90 days by default, at most 90
    /// days. Compared at whole seconds, as the answers show times: an <c>end_date</c> equal to a shown time includes it.
    /// </summary>
    private static (DateTime From, DateTime Until)? Period(IQueryCollection query, DateTime now, List<(int, string)> errors)
    {
        var start = Date(query["start_date"], "start_date", errors);
        var end = Date(query["end_date"], "end_date", errors);
        if (errors.Count > 0) return null;
        (start, end) = (start, end) switch
        {
            (null, null) => (now - MaxRange, now),
            (null, { } e) => (e - MaxRange, e),
            ({ } s, null) => (s, s + MaxRange),
            _ => (start, end),
        };
        if (end < start) errors.Add((400, "end_date is before start_date."));
        else if (end - start > MaxRange) errors.Add((400, "start_date to end_date may not span more than 90 days."));
        return errors.Count > 0 ? null : (WholeSecond(start!.Value), WholeSecond(end!.Value).AddSeconds(1));
    }

    private static DateTime WholeSecond(DateTime t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);

    private static double? Number(string? value, string name, List<(int, string)> errors)
    {
        if (value is null) return null;
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)) return d;
        errors.Add((400, $"{name}: a number in degrees (WGS84)."));
        return null;
    }
}
