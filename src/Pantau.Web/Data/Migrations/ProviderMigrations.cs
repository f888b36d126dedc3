using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Pantau.Web.Data.Migrations;

/// <summary>
/// The migrations of the active provider (ADR 012): the frozen SQL history 0001–0020 in this namespace, shared by both
/// (each runs its provider's script), then the generated migrations and the model snapshot of the provider's folder,
/// <c>Sqlite/</c> or <c>Postgres/</c>. One assembly and one <see cref="PantauDb"/> hold both sets, so EF's own lookup,
/// which takes every migration of the context in the assembly, is replaced by this one.
/// </summary>
internal sealed class ProviderMigrations(ICurrentDbContext current, IMigrationsIdGenerator ids) : IMigrationsAssembly
{
    private static readonly string Shared = typeof(ProviderMigrations).Namespace!;

    public static string FolderOf(DbContext db) => db.Database.IsNpgsql() ? "Postgres" : "Sqlite";

    private string? _folder;
    private IReadOnlyDictionary<string, TypeInfo>? _migrations;
    private ModelSnapshot? _snapshot;

    private string Folder => _folder ??= $"{Shared}.{FolderOf(current.Context)}";

    public Assembly Assembly => typeof(ProviderMigrations).Assembly;

    public IReadOnlyDictionary<string, TypeInfo> Migrations => _migrations ??= new SortedList<string, TypeInfo>(
        Ours<Migration>(Shared, Folder).ToDictionary(t => t.GetCustomAttribute<MigrationAttribute>()!.Id), StringComparer.Ordinal);

    public ModelSnapshot? ModelSnapshot => _snapshot ??= Ours<ModelSnapshot>(Folder)
        .Select(t => (ModelSnapshot)Activator.CreateInstance(t.AsType())!).SingleOrDefault();

    public string? FindMigrationId(string nameOrId) => Migrations.Keys.FirstOrDefault(ids.IsValidId(nameOrId)
        ? id => string.Equals(id, nameOrId, StringComparison.OrdinalIgnoreCase)
        : id => string.Equals(ids.GetName(id), nameOrId, StringComparison.OrdinalIgnoreCase));

    public Migration CreateMigration(TypeInfo migrationClass, string activeProvider)
    {
        var migration = (Migration)Activator.CreateInstance(migrationClass.AsType())!;
        migration.ActiveProvider = activeProvider;
        return migration;
    }

    /// <summary>The concrete <typeparamref name="T"/> types of this context in <paramref name="namespaces"/>.</summary>
    private IEnumerable<TypeInfo> Ours<T>(params string[] namespaces) => Assembly.DefinedTypes.Where(t =>
        t.IsSubclassOf(typeof(T)) && !t.IsAbstract && namespaces.Contains(t.Namespace)
        && t.GetCustomAttribute<DbContextAttribute>()?.ContextType == current.Context.GetType());
}
