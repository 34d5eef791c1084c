using ErpAmazonModule.Hosting;
using ErpAmazonModule.Host.Plugins;
using Microsoft.Data.Sqlite;

namespace ErpAmazonModule.Host;

/// <summary>What the host does before it serves: its own schema and demo data, then each module's install.</summary>
public static class HostStartup
{
    /// <summary>Creates the folder of a SQLite database file so a fresh clone runs without preparation.</summary>
    public static void EnsureSqliteFolder(IConfiguration configuration, string contentRoot)
    {
        if (HostDatabase.ReadProvider(configuration) != HostDatabaseProvider.Sqlite)
        {
            return;
        }

        var dataSource = new SqliteConnectionStringBuilder(HostDatabase.ReadConnectionString(configuration)).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource, contentRoot));
        if (!string.IsNullOrEmpty(folder) && dataSource != ":memory:")
        {
            Directory.CreateDirectory(folder);
        }
    }

    /// <summary>Migrates and seeds the host, then installs enabled modules and removes disabled modules' jobs.</summary>
    public static async Task InitializeAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HostDbContext>();
            if (db.Database.IsSqlite())
            {
                await db.Database.OpenConnectionAsync(cancellationToken);
                await HostSqliteConnections.UseWriteAheadLogAsync(db.Database.GetDbConnection(), cancellationToken);
                await db.Database.CloseConnectionAsync();
            }

            await db.Database.MigrateAsync(cancellationToken);
            await HostSeeder.SeedAsync(db, cancellationToken);
        }

        foreach (var module in services.GetRequiredService<ModuleCatalog>().Modules)
        {
            await using var scope = services.CreateAsyncScope();
            var settings = scope.ServiceProvider.GetRequiredService<IAmazonHostSettings>();
            var enabled = bool.TryParse(await settings.GetAsync(module.Manifest.EnabledSettingKey, cancellationToken), out var on) && on;
            if (enabled)
            {
                await module.Entry.InstallAsync(services, cancellationToken);
            }
            else
            {
                await module.Entry.UninstallAsync(services, cancellationToken);
            }
        }
    }
}
