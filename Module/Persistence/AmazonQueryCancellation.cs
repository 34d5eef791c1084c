using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ErpAmazonModule.Persistence;

/// <summary>
/// Stops the module's SQL when the request it serves is gone. OData runs an entity set's query while it writes the
/// answer, with no cancellation token of its own; the module's request filter puts the request's "aborted" token here for
/// the request's flow, and each command of the module's contexts is stopped once that token fires (SQLite checks it as
/// it steps, PostgreSQL and SQL Server get a cancel request). Work outside a request (the sync) is not affected.
/// </summary>
public sealed class AmazonQueryCancellation : DbCommandInterceptor
{
    private static readonly AsyncLocal<CancellationToken> Current = new();

    /// <summary>Ties the module's commands in this flow to <paramref name="aborted"/> until the returned scope ends.</summary>
    public static IDisposable For(CancellationToken aborted)
    {
        var previous = Current.Value;
        Current.Value = aborted;
        return new Restore(previous);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Watch(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Watch(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Watch(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Watch(command);
        return ValueTask.FromResult(result);
    }

    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Release(command);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(command);
        return Task.CompletedTask;
    }

    public override InterceptionResult DataReaderClosing(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        Release(command);
        return result;
    }

    public override ValueTask<InterceptionResult> DataReaderClosingAsync(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        Release(command);
        return ValueTask.FromResult(result);
    }

    public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        Release(command);
        return result;
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        Release(command);
        return ValueTask.FromResult(result);
    }

    private static readonly ConditionalWeakTable<DbCommand, IDisposable> Watched = [];

    private static void Watch(DbCommand command)
    {
        var aborted = Current.Value;
        if (!aborted.CanBeCanceled)
        {
            return;
        }

        aborted.ThrowIfCancellationRequested();
        Watched.AddOrUpdate(command, command.Connection is Microsoft.Data.Sqlite.SqliteConnection { Handle: { } handle }
            ? new SqliteProgressCheck(handle, aborted)
            : aborted.Register(static c => Cancel((DbCommand)c!), command));
    }

    private static void Release(DbCommand command)
    {
        if (Watched.TryGetValue(command, out var registration))
        {
            registration.Dispose();
            Watched.Remove(command);
        }
    }

    private static void Cancel(DbCommand command)
    {
        try
        {
            command.Cancel();
        }
        catch (Exception e) when (e is InvalidOperationException or DbException or ObjectDisposedException)
        {
            // The command ended on its own meanwhile.
        }
    }

    /// <summary>
    /// SQLite's commands cannot be cancelled from outside (the provider's Cancel does nothing, and an interrupt sent
    /// before a statement starts is lost): SQLite asks this check every thousand steps instead, and stops when the
    /// token has fired. Removed when the command ends, so the pooled connection goes back clean.
    /// </summary>
    private sealed class SqliteProgressCheck : IDisposable
    {
        private readonly SQLitePCL.sqlite3 _handle;

        public SqliteProgressCheck(SQLitePCL.sqlite3 handle, CancellationToken aborted)
        {
            _handle = handle;
            SQLitePCL.raw.sqlite3_progress_handler(handle, 1000, static token => ((StrongBox<CancellationToken>)token).Value.IsCancellationRequested ? 1 : 0, new StrongBox<CancellationToken>(aborted));
        }

        public void Dispose() => SQLitePCL.raw.sqlite3_progress_handler(_handle, 0, null, null);
    }

    private sealed class Restore(CancellationToken previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}
