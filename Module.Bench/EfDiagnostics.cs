using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ErpAmazonModule.Bench;

/// <summary>
/// Counts what EF Core executes in this process (both the module's and the host's contexts) from EF Core's diagnostic
/// events, the hook its interceptors hang on: SQL commands and SaveChanges calls; on demand it keeps each command's text
/// and parameters, so their query plans can be read. Only databases under the benchmark's work folder count: other
/// hosts of the process (the tests running beside it) are left out.
/// </summary>
public sealed class EfDiagnostics : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private static readonly string CommandExecuted = RelationalEventId.CommandExecuted.Name!;
    private static readonly string SaveChangesCompleted = CoreEventId.SaveChangesCompleted.Name!;
    private readonly IDisposable _allListeners;
    private readonly List<IDisposable> _subscriptions = [];
    private long _commands;
    private long _saves;
    private List<CapturedCommand>? _captured;

    private readonly string _workDirectory;

    public EfDiagnostics(string workDirectory)
    {
        _workDirectory = Path.GetFullPath(workDirectory);
        _allListeners = DiagnosticListener.AllListeners.Subscribe(this);
    }

    private bool IsOurs(DbConnection? connection) =>
        connection?.DataSource is { Length: > 0 } file && Path.GetFullPath(file).StartsWith(_workDirectory, StringComparison.Ordinal);

    public long Commands => Interlocked.Read(ref _commands);

    public long SaveChanges => Interlocked.Read(ref _saves);

    /// <summary>Keeps the commands executed from now on until <see cref="StopCapture"/>.</summary>
    public void StartCapture()
    {
        lock (_subscriptions)
        {
            _captured = [];
        }
    }

    public IReadOnlyList<CapturedCommand> StopCapture()
    {
        lock (_subscriptions)
        {
            var captured = _captured ?? [];
            _captured = null;
            return captured;
        }
    }

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name)
        {
            lock (_subscriptions)
            {
                // Only the two events counted: EF Core builds the payload of every event a subscriber enables.
                _subscriptions.Add(value.Subscribe(this, name => name == CommandExecuted || name == SaveChangesCompleted));
            }
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == CommandExecuted && value.Value is CommandExecutedEventData { Connection: var connection } && IsOurs(connection))
        {
            Interlocked.Increment(ref _commands);
            if (_captured is not null && value.Value is CommandExecutedEventData { Command: var command })
            {
                lock (_subscriptions)
                {
                    _captured?.Add(new CapturedCommand(command.CommandText, command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value)).ToList()));
                }
            }
        }
        else if (value.Key == SaveChangesCompleted && value.Value is SaveChangesCompletedEventData { Context: { } context } && IsOurs(context.Database.GetDbConnection()))
        {
            Interlocked.Increment(ref _saves);
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        _allListeners.Dispose();
        lock (_subscriptions)
        {
            _subscriptions.ForEach(s => s.Dispose());
        }
    }
}

/// <summary>A SQL command as EF Core executed it.</summary>
public sealed record CapturedCommand(string Sql, IReadOnlyList<(string Name, object? Value)> Parameters);
