using Microsoft.EntityFrameworkCore;

namespace Pantau.Web;

/// <summary>
/// The model's query filters by name, and the one way to read across one of them. Each filter keeps one thing to the
/// caller's scope; reading across a filter drops that filter only (EF Core drops a named filter for the whole query, so
/// a subquery that reads across also reads its outer query across: read across in a query of its own) and says why,
/// in the code and in the SQL's tag. In a compiled query, call it on the root set (<c>db.Foreigners.Nationally(…)</c>),
/// before anything that uses the query's parameters, so that EF evaluates it when compiling. Every call is held in an allow-list by <c>ReadingAcrossFiltersTests</c>: a new one
/// fails the tests until it is added there, with its reason.
/// </summary>
public static class QueryFilters
{
    /// <summary>A person (<c>Foreigner</c>) exists only inside the caller's scope: region, kecamatan, RT/RW.</summary>
    public const string Jurisdiction = nameof(Jurisdiction);

    /// <summary>A person's passports, permits, addresses and name words exist only when the person is in scope.</summary>
    public const string PersonScope = nameof(PersonScope);

    /// <summary>Staff see the reports routed to their office; the public none.</summary>
    public const string OfficeReports = nameof(OfficeReports);

    /// <summary>Teams, their members and the duty roster belong to one office.</summary>
    public const string OfficeTeams = nameof(OfficeTeams);

    /// <summary>An office head reads the entries of their office; others none.</summary>
    public const string OfficeTrail = nameof(OfficeTrail);

    /// <summary>People and their documents across the whole country (a national lookup, an import): drops <see cref="Jurisdiction"/> and <see cref="PersonScope"/>.</summary>
    public static IQueryable<T> Nationally<T>(this IQueryable<T> q, string why) where T : class => Across(q, why, Jurisdiction, PersonScope);

    /// <summary>
    /// Documents joined to people that the query's root already scopes (<see cref="Jurisdiction"/> stays): repeating the
    /// person's scope in every document subquery costs more than the lookup. Drops <see cref="PersonScope"/> only.
    /// </summary>
    public static IQueryable<T> DocumentsOfScopedPeople<T>(this IQueryable<T> q, string why) where T : class => Across(q, why, PersonScope);

    /// <summary>Reports of every office (the public by its secret, a count across an incident): drops <see cref="OfficeReports"/>.</summary>
    public static IQueryable<T> AcrossOffices<T>(this IQueryable<T> q, string why) where T : class => Across(q, why, OfficeReports);

    /// <summary>Teams, their members and shifts of every office (for those above the offices, named by office): drops <see cref="OfficeTeams"/>.</summary>
    public static IQueryable<T> AcrossTeams<T>(this IQueryable<T> q, string why) where T : class => Across(q, why, OfficeTeams);

    /// <summary>The whole audit trail (its verification): drops <see cref="OfficeTrail"/>.</summary>
    public static IQueryable<T> WholeTrail<T>(this IQueryable<T> q, string why) where T : class => Across(q, why, OfficeTrail);

    private static IQueryable<T> Across<T>(IQueryable<T> q, string why, params string[] filters) where T : class =>
        q.IgnoreQueryFilters(filters).TagWith($"Across {string.Join(" and ", filters)}: {why}");
}
