using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Pantau.Web.Data;

/// <summary>
/// Every time the app keeps is UTC. PostgreSQL's <c>timestamp with time zone</c> reads back as UTC, SQLite's text as
/// <see cref="DateTimeKind.Unspecified"/>; this convention marks every <see cref="DateTime"/> read as UTC on both, so
/// no caller has to. Values are stored as they are: the column types stay those of <see cref="DateTime"/>.
/// </summary>
public static class UtcDateTimes
{
    public static void Configure(ModelConfigurationBuilder conventions)
    {
        conventions.Properties<DateTime>().HaveConversion<ReadAsUtc>();
        conventions.Properties<DateTime?>().HaveConversion<ReadAsUtc>();
    }

    public sealed class ReadAsUtc() : ValueConverter<DateTime, DateTime>(v => v, v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
