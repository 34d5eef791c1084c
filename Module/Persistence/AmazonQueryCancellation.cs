using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ErpAmazonModule.Persistence;

/// <summary>
/// Stops the module's SQL when the request it serves is gone. OData runs an entity set's query while it writes the
/// answer, with no cancellation token of its own; the module's request filter puts the request's "aborted" token here for
/// the request's flow, and each command of the module's contexts is cancelled the moment that token fires (SQLite
/// interrupts, PostgreSQL and SQL Server get a cancel request). Work outside a request (the sync) is not affected.
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

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbCommand, IDisposable> Watched = [];

    private static void Watch(DbCommand command)
    {
        var aborted = Current.Value;
        if (!aborted.CanBeCanceled)
        {
            return;
        }

        aborted.ThrowIfCancellationRequested();
        Watched.AddOrUpdate(command, aborted.Register(static c => Cancel((DbCommand)c!), command));
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

    private sealed class Restore(CancellationToken previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}
