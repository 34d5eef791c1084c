using Hangfire;
using Hangfire.Logging;

namespace ErpAmazonModule.Bench;

/// <summary>
/// Hangfire keeps process-wide state (the current storage, job activator and log provider) that every host it is
/// configured in overwrites. Hosts that share a process (the benchmark's, the tests' running side by side) start one at
/// a time, so each resolves its own storage and activator, and afterwards Hangfire logs through a provider no host owns,
/// so a disposed host's logger factory is never used by another.
/// </summary>
public static class HangfireProcessState
{
    private static readonly Lock StartLock = new();

    /// <summary>Starts a host with <paramref name="start"/> while no other host of this process starts.</summary>
    public static T StartAlone<T>(Func<T> start)
    {
        ArgumentNullException.ThrowIfNull(start);
        lock (StartLock)
        {
            var host = start();
            GlobalConfiguration.Configuration.UseLogProvider(QuietLogs.Instance);
            return host;
        }
    }

    private sealed class QuietLogs : ILogProvider
    {
        public static readonly QuietLogs Instance = new();

        public ILog GetLogger(string name) => Quiet.Instance;

        private sealed class Quiet : ILog
        {
            public static readonly Quiet Instance = new();

            public bool Log(LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
        }
    }
}
