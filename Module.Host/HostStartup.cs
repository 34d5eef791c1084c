using ErpAmazonModule.Host.Plugins;
using ErpAmazonModule.Host.Ports;
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

        // A module whose install fails is taken out of service; the host and the other modules go on.
        foreach (var module in services.GetRequiredService<ModuleCatalog>().Running.ToList())
        {
            try
            {
                await using var scope = services.CreateAsyncScope();
                if (await scope.ServiceProvider.GetRequiredService<HostSettings>().IsEnabledAsync(module, cancellationToken))
                {
                    await module.Entry!.InstallAsync(services, cancellationToken);
                }
                else
                {
                    await module.Entry!.UninstallAsync(services, cancellationToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                module.Fail($"its install failed: {e.Message}");
                services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HostStartup))
                    .LogError(e, "Module {ModuleId} failed to install and is out of service.", module.Manifest.Id);
            }
        }
    }
}
