using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ErpAmazonModule.Host.Data;

/// <summary>
/// The reference host's policy for its SQLite database, for every context that opens it (its own and, registered as an
/// EF Core interceptor, the module's): the file is in write-ahead-log mode (set at start-up) and each connection commits
/// with <c>synchronous=NORMAL</c>, which in that mode survives any crash of the process and, after a power cut, loses at
/// most the last commits whole, never half of one. The sync redoes such orders: they are in the same file as its watermark.
/// </summary>
public sealed class HostSqliteConnections : DbConnectionInterceptor
{
    // Pooled connections are opened again and again; the pragma is set once per physical connection.
    private readonly ConditionalWeakTable<object, object> _tuned = [];

    /// <summary>Puts the database file in write-ahead-log mode (it stays so).</summary>
    public static async Task UseWriteAheadLogAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (FirstOpen(connection))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous=NORMAL;";
            command.ExecuteNonQuery();
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (FirstOpen(connection))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous=NORMAL;";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private bool FirstOpen(DbConnection connection) =>
        connection is SqliteConnection { Handle: { } handle } && !_tuned.TryGetValue(handle, out _) && _tuned.TryAdd(handle, handle);
}
