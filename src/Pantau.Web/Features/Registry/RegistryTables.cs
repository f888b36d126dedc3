using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using NpgsqlTypes;
using Pantau.Web.Data;

namespace Pantau.Web.Features.Registry;

/// <summary>
/// The registry's tables as the EF model maps them (table and column names, value converters, store types, for the
/// provider in use): the one description of the columns that the writers past EF's change tracker
/// (<see cref="RegistryBulkWriter"/>, the central feed's <c>RegistryChanges</c>) share with EF's own saves. A new column
/// is the entity's property and its configuration; these writers then write it too.
/// </summary>
public sealed class RegistryTables
{
    private static readonly ConditionalWeakTable<IModel, RegistryTables> Cache = new();

    public required RegistryTable Foreigners { get; init; }
    public required RegistryTable Passports { get; init; }
    public required RegistryTable StayPermits { get; init; }
    public required RegistryTable ResidenceAddresses { get; init; }
    public required RegistryTable NameTokens { get; init; }

    /// <summary>Parents first: the children's foreign keys are checked row by row.</summary>
    public IReadOnlyList<RegistryTable> All => [Foreigners, Passports, StayPermits, ResidenceAddresses, NameTokens];

    public static RegistryTables Of(PantauDb db) => Cache.GetValue(db.Model, model => new RegistryTables
    {
        Foreigners = RegistryTable.Of(model, typeof(Foreigner)),
        Passports = RegistryTable.Of(model, typeof(Passport)),
        StayPermits = RegistryTable.Of(model, typeof(StayPermit)),
        ResidenceAddresses = RegistryTable.Of(model, typeof(ResidenceAddress)),
        NameTokens = RegistryTable.Of(model, typeof(NameToken)),
    });

    /// <summary>What <paramref name="f"/> has in <paramref name="table"/>: the person, or its children there.</summary>
    public IEnumerable<object> EntitiesOf(RegistryTable table, Foreigner f) =>
        table == Foreigners ? [f]
        : table == Passports ? f.Passports
        : table == StayPermits ? f.Permits
        : table == ResidenceAddresses ? f.Addresses
        : table == NameTokens ? f.NameTokens
        : throw new ArgumentException($"{table.Name} is not a registry table.", nameof(table));
}

/// <summary>One table: its name and its columns (every mapped property), in the model's order.</summary>
public sealed class RegistryTable
{
    public required string Name { get; init; }
    public required IReadOnlyList<RegistryColumn> Columns { get; init; }

    /// <summary>The primary key's columns.</summary>
    public IEnumerable<RegistryColumn> Key => Columns.Where(c => c.IsKey);

    public RegistryColumn this[string property] => Columns.Single(c => c.Property.Name == property);

    /// <summary>The row of <paramref name="entity"/> (a person or one of <paramref name="personId"/>'s children) as the database stores it.</summary>
    public object?[] Row(object entity, Guid personId)
    {
        var row = new object?[Columns.Count];
        for (var i = 0; i < row.Length; i++) row[i] = Columns[i].ValueOf(entity, personId);
        return row;
    }

    internal static RegistryTable Of(IModel model, Type clr)
    {
        var entity = model.FindEntityType(clr) ?? throw new InvalidOperationException($"{clr.Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        // A child's foreign key to its person is written from the person: fresh children (as the generator and the
        // snapshot import hand them over) do not carry it yet.
        var toPerson = entity.GetForeignKeys().Where(k => k.PrincipalEntityType.ClrType == typeof(Foreigner)).SelectMany(k => k.Properties).ToHashSet();
        return new RegistryTable
        {
            Name = entity.GetTableName()!,
            Columns = entity.GetProperties().Select(p => new RegistryColumn(p.GetColumnName(table)
                ?? throw new InvalidOperationException($"{clr.Name}.{p.Name} has no column in {table.Name}."), p, toPerson.Contains(p))).ToList(),
        };
    }
}

/// <summary>One column: its name, the property it maps and how the value is stored.</summary>
public sealed class RegistryColumn
{
    private readonly IClrPropertyGetter? _getter;
    private readonly bool _toPerson;

    internal RegistryColumn(string name, IProperty property, bool toPerson)
    {
        if (property.IsShadowProperty() && !toPerson)
            throw new NotSupportedException($"{property.DeclaringType.DisplayName()}.{property.Name}: a shadow property has no value to write in bulk.");
        Name = name;
        Property = property;
        Mapping = property.GetRelationalTypeMapping();
        _toPerson = toPerson;
        _getter = toPerson ? null : property.GetGetter();
        IsKey = property.IsPrimaryKey();
        var stored = Mapping.Converter?.ProviderClrType ?? Mapping.ClrType;
        StoredType = stored.IsValueType && property.IsNullable && Nullable.GetUnderlyingType(stored) is null ? typeof(Nullable<>).MakeGenericType(stored) : stored;
        Lite = Mapping.StoreType.ToUpperInvariant() switch
        {
            "TEXT" => SqliteType.Text,
            "INTEGER" => SqliteType.Integer,
            "REAL" => SqliteType.Real,
            "BLOB" => SqliteType.Blob,
            _ => null,
        };
        Pg = Mapping.StoreTypeNameBase switch
        {
            "uuid" => NpgsqlDbType.Uuid,
            "text" => NpgsqlDbType.Text,
            "character varying" => NpgsqlDbType.Varchar,
            "date" => NpgsqlDbType.Date,
            "integer" => NpgsqlDbType.Integer,
            "bigint" => NpgsqlDbType.Bigint,
            "smallint" => NpgsqlDbType.Smallint,
            "boolean" => NpgsqlDbType.Boolean,
            "double precision" => NpgsqlDbType.Double,
            "timestamp with time zone" => NpgsqlDbType.TimestampTz,
            _ => null,
        };
    }

    public string Name { get; }
    public IProperty Property { get; }
    public RelationalTypeMapping Mapping { get; }
    public bool IsKey { get; }

    /// <summary>The type of the stored value (after EF's value converter; nullable when the column is).</summary>
    public Type StoredType { get; }

    /// <summary>The parameter type on SQLite (the model's store type).</summary>
    public SqliteType SqliteType => Lite ?? throw new NotSupportedException($"{Name}: store type {Mapping.StoreType} is not written in bulk on SQLite.");

    /// <summary>The parameter type on PostgreSQL (the model's store type).</summary>
    public NpgsqlDbType NpgsqlDbType => Pg ?? throw new NotSupportedException($"{Name}: store type {Mapping.StoreType} is not written in bulk on PostgreSQL.");

    /// <summary>The SQLite parameter type, or null where the store type is not one (the model is PostgreSQL's, or the type is unknown here).</summary>
    public SqliteType? Lite { get; }

    /// <summary>The PostgreSQL parameter type, or null where the store type is not one.</summary>
    public NpgsqlDbType? Pg { get; }

    /// <summary>The value as EF would store it: through the property's value converter (enums by name).</summary>
    public object? ValueOf(object entity, Guid personId)
    {
        if (_toPerson) return personId;
        var value = _getter!.GetClrValueUsingContainingEntity(entity);
        return value is not null && Mapping.Converter is { } converter ? converter.ConvertToProvider(value) : value;
    }
}
