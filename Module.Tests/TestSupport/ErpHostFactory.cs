using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Net.Http.Headers;
using ErpAmazonModule.Host.Data;
using ErpAmazonModule.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace ErpAmazonModule.Tests.TestSupport;

/// <summary>
/// The reference host in-process on its own SQLite file (or, when a test asks by giving
/// <c>postgreSqlConnection</c>, on a PostgreSQL database), with the demo API keys, a fake clock and the SQL it runs
/// captured. A test never switches database silently.
/// </summary>
public sealed class ErpHostFactory : WebApplicationFactory<Program>
{
    public const string AdminKey = "demo-admin-key";
    public const string ManagerKey = "demo-manager-key";
    public const string SalesKey = "demo-sales-key";

    /// <summary>The demo key with the finance role (the module grants it <c>amazon.finance</c> by default, nothing else).</summary>
    public const string FinanceKey = "demo-finance-key";

    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _testServices;
    private readonly bool _kestrel;

    public ErpHostFactory(
        string? databasePath = null,
        IDictionary<string, string?>? settings = null,
        Func<SandboxServer, IDictionary<string, string?>>? sandboxSettings = null,
        double? realTimeScale = null,
        int orders = 20,
        Action<IServiceCollection>? testServices = null,
        bool kestrel = false,
        string? postgreSqlConnection = null,
        TimeProvider? realClock = null,
        bool captureAllLogs = false)
    {
        AllLogs = captureAllLogs ? new ConcurrentQueue<string>() : null;
        _kestrel = kestrel;
        if (kestrel)
        {
            // A real loopback socket, for clients that are not this process (a browser, curl).
            UseKestrel(0);
        }

        _testServices = testServices;
        // On the fake clock a throttled wait would never end, so quotas are off on both sides; a factory on real time
        // keeps Amazon's quotas, run faster by the given scale.
        Time = realTimeScale is null ? Clock : realClock ?? TimeProvider.System;
        Sandbox = SandboxServer.Start(Time, o =>
        {
            o.Throttling = realTimeScale is not null;
            o.TimeScale = realTimeScale ?? 1;
            o.OrdersPerSeller = orders;
        });
        DatabasePath = databasePath ?? Path.Combine(Path.GetTempPath(), "erp-amazon-tests", Guid.NewGuid().ToString("N"), "erp.db");
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        _settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = postgreSqlConnection is null ? "Sqlite" : "PostgreSql",
            ["ConnectionStrings:Erp"] = postgreSqlConnection ?? $"Data Source={DatabasePath}",
            ["Hangfire:Server:Enabled"] = "false",
            ["urls"] = "http://127.0.0.1:0",
            // The clock is fake: a retry delay would never elapse. Transport tests cover retries on real time.
            ["AmazonConnector:Mws:RetryCount"] = realTimeScale is null ? "0" : "3",
            ["AmazonConnector:Mws:RetryBaseDelay"] = "00:00:00.100",
            ["AmazonConnector:Mws:ClientThrottling"] = realTimeScale is null ? "false" : "true",
            ["AmazonConnector:Mws:ThrottleTimeScale"] = (realTimeScale ?? 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["AmazonConnector:SellingPartner:RetryCount"] = realTimeScale is null ? "0" : "3",
            ["AmazonConnector:SellingPartner:RetryBaseDelay"] = "00:00:00.100",
            ["AmazonConnector:SellingPartner:ThrottleTimeScale"] = (realTimeScale ?? 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["AmazonConnector:SellingPartner:ClientThrottling"] = realTimeScale is null ? "false" : "true",
            ["Sandbox:Enabled"] = "false",
        };
        foreach (var (key, value) in sandboxSettings?.Invoke(Sandbox) ?? Sandbox.ClientSettings())
        {
            _settings[key] = value;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    /// <summary>The local Amazon this host talks to (on the host's clock).</summary>
    public SandboxServer Sandbox { get; }

    /// <summary>The SQLite file the host uses (unused on PostgreSQL).</summary>
    public string DatabasePath { get; }

    /// <summary>The fake clock (the host's and the sandbox's, unless the factory runs on real time).</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    /// <summary>The clock the host and the sandbox use.</summary>
    public TimeProvider Time { get; }

    /// <summary>Every SQL command EF ran, in order.</summary>
    public ConcurrentQueue<string> Sql { get; } = new();

    /// <summary>Every warning and error the host logged.</summary>
    public ConcurrentQueue<string> Warnings { get; } = new();

    /// <summary>Every line the host logged, Debug and up, with its scopes and exception (a factory made with <c>captureAllLogs</c>).</summary>
    public ConcurrentQueue<string>? AllLogs { get; }

    /// <summary>The address the host listens on (a factory made with <c>kestrel: true</c>, once started).</summary>
    public Uri ServerAddress => new(Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
        .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First());

    /// <summary>A client sending <paramref name="apiKey"/> (none when null).</summary>
    public HttpClient Client(string? apiKey = AdminKey)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (_kestrel)
        {
            client.BaseAddress = ServerAddress;
        }

        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    /// <summary>Runs <paramref name="action"/> with a scoped module context.</summary>
    public async Task<T> WithModuleDbAsync<T>(Func<AmazonDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<AmazonDbContext>());
    }

    /// <summary>Runs <paramref name="action"/> with a scoped host context.</summary>
    public async Task<T> WithHostDbAsync<T>(Func<HostDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<HostDbContext>());
    }

    /// <summary>Starts the host alone among this process's hosts: Hangfire's process-wide state is set by each.</summary>
    protected override IHost CreateHost(IHostBuilder builder) => ErpAmazonModule.Bench.HangfireProcessState.StartAlone(() => base.CreateHost(builder));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging =>
        {
            logging.ClearProviders();
            logging.AddProvider(new SqlCaptureLoggerProvider(Sql, Warnings, AllLogs));
            logging.AddFilter<SqlCaptureLoggerProvider>(SqlCategory, LogLevel.Information);
            if (AllLogs is not null)
            {
                // This provider's own rule wins over the configuration's per-category levels: everything from Debug up.
                logging.SetMinimumLevel(LogLevel.Debug);
                logging.AddFilter<SqlCaptureLoggerProvider>(null, LogLevel.Debug);
            }
        });
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(Time);
            _testServices?.Invoke(services);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Sandbox.Dispose();
        SqliteConnection.ClearAllPools();
    }

    private const string SqlCategory = "Microsoft.EntityFrameworkCore.Database.Command";

    private sealed class SqlCaptureLoggerProvider(ConcurrentQueue<string> sink, ConcurrentQueue<string> warnings, ConcurrentQueue<string>? all) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) =>
            categoryName == SqlCategory && all is null ? new SqlLogger(sink) : new WarningLogger(categoryName, warnings, all, categoryName == SqlCategory ? sink : null);

        public void Dispose()
        {
        }
    }

    /// <summary>Keeps warnings and errors with the logging scopes they were written under ("[AccountId=1 RunId=2]") and whether a stack trace came with them.</summary>
    private sealed class WarningLogger(string category, ConcurrentQueue<string> sink, ConcurrentQueue<string>? all = null, ConcurrentQueue<string>? sql = null) : ILogger
    {
        private static readonly AsyncLocal<ImmutableStack<object>?> Scopes = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            var previous = Scopes.Value;
            Scopes.Value = (previous ?? ImmutableStack<object>.Empty).Push(state);
            return new PopScope(previous);
        }

        public bool IsEnabled(LogLevel logLevel) => logLevel >= (all is null ? LogLevel.Warning : LogLevel.Debug);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                var scopes = string.Join(" ", (Scopes.Value ?? ImmutableStack<object>.Empty).Reverse()
                    .SelectMany(s => s is IEnumerable<KeyValuePair<string, object>> pairs ? pairs.Select(p => $"{p.Key}={p.Value}") : [s.ToString()!]));
                var line = $"{category}: [{scopes}] {formatter(state, exception)} {exception?.GetType().Name} {exception?.Message}{(exception?.StackTrace is null ? "" : " (with stack trace)")}";
                all?.Enqueue($"{logLevel} {line} {exception}");
                if (sql is not null && eventId.Name == "Microsoft.EntityFrameworkCore.Database.Command.CommandExecuted")
                {
                    sql.Enqueue(formatter(state, exception));
                }

                if (logLevel >= LogLevel.Warning)
                {
                    sink.Enqueue(line);
                }
            }
        }

        private sealed class PopScope(ImmutableStack<object>? previous) : IDisposable
        {
            public void Dispose() => Scopes.Value = previous;
        }
    }

    private sealed class SqlLogger(ConcurrentQueue<string> sink) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Name == "Microsoft.EntityFrameworkCore.Database.Command.CommandExecuted")
            {
                sink.Enqueue(formatter(state, exception));
            }
        }
    }
}
