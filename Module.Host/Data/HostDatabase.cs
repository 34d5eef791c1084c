using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ErpAmazonModule.Host.Data;

/// <summary>The database engines the reference host runs on.</summary>
public enum HostDatabaseProvider
{
    /// <summary>Embedded SQLite (the default; one host per database file).</summary>
    Sqlite,
    /// <summary>Microsoft SQL Server.</summary>
    SqlServer,
    /// <summary>PostgreSQL (the server database several hosts can share, tested here).</summary>
    PostgreSql,
}

/// <summary>The host's database settings: <c>Database:Provider</c> and <c>ConnectionStrings:Erp</c> (the module reads the same keys).</summary>
public static class HostDatabase
{
    public const string ProviderKey = "Database:Provider";
    public const string ConnectionStringName = "Erp";

    /// <summary>The configured provider; an unknown value is an error naming the choices, never a silent fallback.</summary>
    public static HostDatabaseProvider ReadProvider(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration[ProviderKey];
        if (string.IsNullOrWhiteSpace(value))
        {
            return HostDatabaseProvider.Sqlite;
        }

        return Enum.TryParse<HostDatabaseProvider>(value, ignoreCase: true, out var provider) && Enum.IsDefined(provider)
            ? provider
            : throw new HostConfigurationException($"{ProviderKey} is '{value}'; set it to one of {string.Join(", ", Enum.GetNames<HostDatabaseProvider>())}.");
    }

    /// <summary>The connection string, or an error naming the key.</summary>
    public static string ReadConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString(ConnectionStringName) is { Length: > 0 } value
            ? value
            : throw new HostConfigurationException($"ConnectionStrings:{ConnectionStringName} is not set.");
}

/// <summary>The host's configuration cannot work; the message says which key to set and how.</summary>
public sealed class HostConfigurationException(string message) : Exception(message);

/// <summary>
/// Stores a UTC <see cref="DateTimeOffset"/> as its UTC ticks on SQLite: exact, and comparable and sortable in SQL,
/// which SQLite cannot do with the text form.
/// </summary>
public sealed class HostUtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.UtcTicks,
    ticks => new DateTimeOffset(ticks, TimeSpan.Zero));

/// <summary>
/// SQLite serves one host: its job storage and the accounts' sync locks live in the host's memory, so a second host
/// on the same file would sync the same accounts at once. The first host holds a lock file beside the database for
/// its lifetime; a second one is refused with what to do instead.
/// </summary>
public sealed class HostSqliteLock : IDisposable
{
    private readonly FileStream _lock;

    private HostSqliteLock(FileStream fileLock) => _lock = fileLock;

    /// <summary>Takes the lock of the SQLite file <paramref name="connectionString"/> names; null for an in-memory database.</summary>
    public static HostSqliteLock? Acquire(string connectionString, string contentRoot)
    {
        var dataSource = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
        if (dataSource is "" or ":memory:")
        {
            return null;
        }

        var file = Path.GetFullPath(dataSource, contentRoot);
        try
        {
            return new HostSqliteLock(new FileStream(file + ".host-lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            throw new HostConfigurationException(
                $"The SQLite database {file} is already used by another ERP host; a second one would sync the same accounts at once. "
                + "Stop the other host, or run several hosts on PostgreSQL or SQL Server (Database:Provider).");
        }
    }

    public void Dispose() => _lock.Dispose();
}
