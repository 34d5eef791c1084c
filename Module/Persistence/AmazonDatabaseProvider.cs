using Microsoft.EntityFrameworkCore;

namespace ErpAmazonModule.Persistence;

/// <summary>The database engines the module ships migrations for.</summary>
public enum AmazonDatabaseProvider
{
    /// <summary>Embedded SQLite (the default).</summary>
    Sqlite,
    /// <summary>Microsoft SQL Server (production).</summary>
    SqlServer,
    /// <summary>PostgreSQL (production; several hosts on one database).</summary>
    PostgreSql,
}

/// <summary>The one place that knows how each provider is configured: connection, migrations assembly.</summary>
public static class AmazonDatabase
{
    /// <summary>Configuration key naming the provider.</summary>
    public const string ProviderKey = "Database:Provider";

    /// <summary>Name of the connection string (<c>ConnectionStrings:Erp</c>).</summary>
    public const string ConnectionStringName = "Erp";

    /// <summary>Migrations assembly for SQLite, as declared in the manifest.</summary>
    public const string SqliteMigrationsAssembly = "ErpAmazonModule.Migrations.Sqlite";

    /// <summary>Migrations assembly for SQL Server, as declared in the manifest.</summary>
    public const string SqlServerMigrationsAssembly = "ErpAmazonModule.Migrations.SqlServer";

    /// <summary>Migrations assembly for PostgreSQL, as declared in the manifest.</summary>
    public const string PostgreSqlMigrationsAssembly = "ErpAmazonModule.Migrations.PostgreSql";

    /// <summary>The table EF records applied migrations in; the module's own, so it never mixes with the host's.</summary>
    public const string MigrationsHistoryTable = "AmazonMigrationsHistory";

    /// <summary>Reads <c>Database:Provider</c>; an unknown value is an error, never a silent fallback.</summary>
    public static AmazonDatabaseProvider ReadProvider(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration[ProviderKey];
        if (string.IsNullOrWhiteSpace(value))
        {
            return AmazonDatabaseProvider.Sqlite;
        }

        return Enum.TryParse<AmazonDatabaseProvider>(value, ignoreCase: true, out var provider)
            && Enum.IsDefined(provider)
            ? provider
            : throw new Amazon.AmazonConfigurationException($"{ProviderKey} is '{value}'; set it to one of {string.Join(", ", Enum.GetNames<AmazonDatabaseProvider>())}.");
    }

    /// <summary>Configures <paramref name="options"/> for the provider with the module's migrations assembly and history table.</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, AmazonDatabaseProvider provider, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return provider switch
        {
            AmazonDatabaseProvider.Sqlite => options.UseSqlite(connectionString, o => o
                .MigrationsAssembly(SqliteMigrationsAssembly)
                .MigrationsHistoryTable(MigrationsHistoryTable)
                .UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery)),
            AmazonDatabaseProvider.SqlServer => options.UseSqlServer(connectionString, o => o
                .MigrationsAssembly(SqlServerMigrationsAssembly)
                .MigrationsHistoryTable(MigrationsHistoryTable)
                .UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery)
                .EnableRetryOnFailure()),
            AmazonDatabaseProvider.PostgreSql => options.UseNpgsql(connectionString, o => o
                .MigrationsAssembly(PostgreSqlMigrationsAssembly)
                .MigrationsHistoryTable(MigrationsHistoryTable)
                .UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery)
                .EnableRetryOnFailure()),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
        };
    }
}
