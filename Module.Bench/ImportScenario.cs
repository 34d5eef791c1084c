using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ErpAmazonModule.Sync;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ErpAmazonModule.Bench;

/// <summary>
/// A first sync of N orders from the sandbox process into a fresh database, quotas off, measured from the outside
/// (time, orders, lines, requests at the sandbox) and the inside (EF commands and SaveChanges, bytes allocated, per-order time).
/// The host, the sandbox and a copy of the database as it was before the sync stay up for the floor and re-sync scenarios.
/// </summary>
public sealed class ImportScenario : IAsyncDisposable
{
    private ImportScenario(SandboxProcess sandbox, BenchHost host, int accountId, string emptyCopy, long partnersBefore)
    {
        Sandbox = sandbox;
        Host = host;
        AccountId = accountId;
        EmptyCopy = emptyCopy;
        PartnersBefore = partnersBefore;
    }

    public SandboxProcess Sandbox { get; }
    public BenchHost Host { get; }
    public int AccountId { get; }

    /// <summary>The database file as it was right before the sync (schema, seed data, the account).</summary>
    public string EmptyCopy { get; }

    /// <summary>The host's partners before the sync (the sync's are those after).</summary>
    public long PartnersBefore { get; }

    public ImportResult? Result { get; private set; }

    public static async Task<ImportScenario> PrepareAsync(string workDirectory, int orders, string api, bool throttled = false, double timeScale = 1)
    {
        var sandbox = await SandboxProcess.StartAsync(throttled, timeScale);
        var folder = Path.Combine(workDirectory, $"import-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..6]}");
        var host = new BenchHost(Path.Combine(folder, "erp.db"), sandbox.Endpoint, clientThrottling: throttled, timeScale);
        try
        {
            return await PrepareAsync(sandbox, host, folder, orders, api);
        }
        catch
        {
            await host.DisposeAsync();
            await sandbox.DisposeAsync();
            throw;
        }
    }

    private static async Task<ImportScenario> PrepareAsync(SandboxProcess sandbox, BenchHost host, string folder, int orders, string transport)
    {
        host.StartServer();
        var (sellerId, token) = await sandbox.SellerWithOrdersAsync(NextSellerId(), orders);
        var sellingPartner = transport is BenchOptions.SellingPartner2026 or BenchOptions.SellingPartnerV0;
        if (sellingPartner)
        {
            token = await sandbox.RefreshTokenAsync(sellerId);
        }

        using var api = host.Api();
        using var response = await api.PostAsJsonAsync("/odata/amazon/Accounts", new
        {
            Name = "Bench seller",
            Api = sellingPartner ? "SellingPartner" : "Mws",
            OrdersApiVersion = transport == BenchOptions.SellingPartnerV0 ? "v0" : sellingPartner ? "2026-01-01" : null,
            Region = "EU",
            SellerId = sellerId,
            AuthorizationToken = token,
        });
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The bench account was refused: {body}");
        }

        var accountId = (int)JsonNode.Parse(body)!["Id"]!;
        var emptyCopy = Path.Combine(folder, "before-sync.db");
        await using (var source = new SqliteConnection($"Data Source={host.DatabasePath}"))
        {
            await source.OpenAsync();
            await using var backup = new SqliteConnection($"Data Source={emptyCopy}");
            source.BackupDatabase(backup);
        }

        var partners = await Count(host.DatabasePath, "Partners");
        return new ImportScenario(sandbox, host, accountId, emptyCopy, partners);
    }

    /// <summary>Runs the sync and measures it.</summary>
    public async Task<ImportResult> RunAsync(EfDiagnostics ef)
    {
        var sync = Host.Services.GetRequiredService<AmazonOrderSync>();
        var requestsBefore = await RequestsAsync(Sandbox);
        var progress = new PerOrderClock();
        GC.Collect();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var (commands, saves) = (ef.Commands, ef.SaveChanges);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var run = await sync.RunAsync(AccountId, AmazonSyncTrigger.Manual, progress, TimeSpan.FromMinutes(1), CancellationToken.None)
            ?? throw new InvalidOperationException("The account was locked.");
        clock.Stop();
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var bytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        if (run.State is not (AmazonSyncRunState.Succeeded or AmazonSyncRunState.PartiallyFailed))
        {
            throw new InvalidOperationException($"The bench sync ended {run.State}: {run.Error}");
        }

        var requests = await RequestsAsync(Sandbox) - requestsBefore;
        var lines = (int)await Count(Host.DatabasePath, "SalesOrderLines");
        var seen = Math.Max(run.OrdersSeen, 1);
        Result = new ImportResult(
            run.OrdersSeen, run.OrdersCreated, run.OrdersFailed, lines, clock.Elapsed.TotalSeconds,
            run.OrdersSeen / clock.Elapsed.TotalSeconds, lines / clock.Elapsed.TotalSeconds,
            Percentile.Of(progress.Milliseconds, 50), Percentile.Of(progress.Milliseconds, 95),
            (double)(ef.Commands - commands) / seen, (double)(ef.SaveChanges - saves) / seen, (double)requests / seen,
            Process.GetCurrentProcess().PeakWorkingSet64, (double)bytes / seen, cpu.TotalMilliseconds / seen);
        return Result;
    }

    /// <summary>Re-syncs: the window since the last run (nothing changed), then the whole look-back again (every order unchanged).</summary>
    public async Task<ResyncResult> ResyncAsync()
    {
        var sync = Host.Services.GetRequiredService<AmazonOrderSync>();
        var before = await RequestsAsync(Sandbox);
        var clock = Stopwatch.StartNew();
        await sync.RunAsync(AccountId, AmazonSyncTrigger.Manual, null, TimeSpan.FromMinutes(1), CancellationToken.None);
        var unchanged = (await RequestsAsync(Sandbox) - before, clock.Elapsed.TotalSeconds);

        await Host.WithModuleDbAsync(db => db.Accounts.Where(a => a.Id == AccountId).ExecuteUpdateAsync(u => u.SetProperty(a => a.LastSyncWatermark, (DateTimeOffset?)null)));
        before = await RequestsAsync(Sandbox);
        clock.Restart();
        var full = await sync.RunAsync(AccountId, AmazonSyncTrigger.Manual, null, TimeSpan.FromMinutes(1), CancellationToken.None);
        var seconds = clock.Elapsed.TotalSeconds;
        var requests = await RequestsAsync(Sandbox) - before;
        return new ResyncResult(unchanged.Item1, unchanged.Item2, full!.OrdersSeen, (double)requests / Math.Max(full.OrdersSeen, 1), full.OrdersSeen / seconds);
    }

    public static async Task<long> RequestsAsync(SandboxProcess sandbox) => (await sandbox.AnsweredAsync()).Sum(a => a.Count);

    public static async Task<long> Count(string database, string table, string where = "1 = 1")
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM \"{table}\" WHERE {where}";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Sandbox.DisposeAsync();
    }

    /// <summary>Time between consecutive orders that did work (created, updated or failed), as the sync reports them.</summary>
    private sealed class PerOrderClock : IProgress<AmazonSyncProgress>
    {
        private long _last = Stopwatch.GetTimestamp();
        private int _worked;

        public List<double> Milliseconds { get; } = [];

        public void Report(AmazonSyncProgress value)
        {
            var worked = value.OrdersCreated + value.OrdersUpdated + value.OrdersFailed;
            var now = Stopwatch.GetTimestamp();
            if (worked > _worked)
            {
                Milliseconds.Add(Stopwatch.GetElapsedTime(_last, now).TotalMilliseconds);
                _worked = worked;
            }

            _last = now;
        }
    }

    private static int _sellers;

    // A seller of its own per import in this process, the same ids in every run of the sandbox's process.
    private static string NextSellerId() => $"A1BENCH{10_000_000 + Interlocked.Increment(ref _sellers):D8}";
}
