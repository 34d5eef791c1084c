using System.Diagnostics;
using System.Net.Http.Json;
using ErpAmazonModule.Persistence;
using ErpAmazonModule.Sandbox.Store;
using ErpAmazonModule.Sync;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ErpAmazonModule.Host;

/// <summary>
/// The demo (<c>Demo:SyncOnStart</c>, on in Development with the sandbox): once the host listens, registers the sandbox's
/// EU seller through the connector's own API when there is no account yet, runs a sync with a progress bar on the
/// console and prints a summary.
/// </summary>
public sealed class DemoSync(IServiceProvider services, IHostApplicationLifetime lifetime, IServer server, IConfiguration configuration, ILogger<DemoSync> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        try
        {
            await RunAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "The demo sync failed.");
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5080";
        var adminKey = configuration.GetSection("Auth:ApiKeys").GetChildren().FirstOrDefault(k => k.GetSection("Roles").GetChildren().Any(r => r.Value == "admin"))?["Key"];
        int accountId;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AmazonDbContext>();
            accountId = await db.Accounts.OrderBy(a => a.Id).Select(a => a.Id).FirstOrDefaultAsync(cancellationToken);
        }

        if (accountId == 0)
        {
            var (sellerId, _, token, _, _) = SandboxCatalog.Sellers.First(s => s.Region == "EU");
            using var http = new HttpClient { BaseAddress = new Uri(address) };
            http.DefaultRequestHeaders.Add("X-Api-Key", adminKey);
            using var response = await http.PostAsJsonAsync("/odata/amazon/Accounts",
                new { Name = "Sandbox EU seller", Api = "Mws", Region = "EU", SellerId = sellerId, AuthorizationToken = token }, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                Console.WriteLine($"Demo: the sandbox account could not be registered: {body}");
                return;
            }

            accountId = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("Id").GetInt32();
            Console.WriteLine($"Demo: registered the sandbox's EU seller {sellerId} as account {accountId}.");
        }

        Console.WriteLine($"Demo: syncing account {accountId} from the local Amazon...");
        var clock = Stopwatch.StartNew();
        // A scheduled run may have started first: the demo waits for it rather than running beside it.
        var run = await services.GetRequiredService<AmazonOrderSync>()
            .RunAsync(accountId, AmazonSyncTrigger.Manual, new ConsoleProgressBar(), TimeSpan.FromMinutes(10), cancellationToken);
        if (run is null)
        {
            Console.WriteLine("Demo: another sync of the account kept running; see /odata/amazon/SyncRuns.");
            return;
        }

        Console.WriteLine();
        Console.WriteLine($"Demo: sync {run.State} in {clock.Elapsed.TotalSeconds:0.0} s: {run.OrdersSeen} orders seen, {run.OrdersCreated} created, {run.OrdersUpdated} updated, "
            + $"{run.OrdersSkipped} skipped, {run.OrdersFailed} failed, {run.ThrottleWaits} quota waits.{(run.Error is null ? "" : " " + run.Error)}");
        Console.WriteLine($"Demo: sales orders at {address}/odata/host/SalesOrders?$expand=Lines and runs at {address}/odata/amazon/SyncRuns (header X-Api-Key: {adminKey}).");
    }

    private sealed class ConsoleProgressBar : IProgress<AmazonSyncProgress>
    {
        private const int Width = 30;
        private long _lastDrawn;

        public void Report(AmazonSyncProgress value)
        {
            // Redrawn at most ten times a second, and once more when the run ends.
            var now = Environment.TickCount64;
            if (now - _lastDrawn < 100 && value.State == AmazonSyncRunState.Running)
            {
                return;
            }

            _lastDrawn = now;
            var done = Width * Math.Clamp(value.Progress, 0, 100) / 100;
            Console.Write($"\r[{new string('#', done)}{new string('.', Width - done)}] {value.Progress,3}%  orders {value.OrdersSeen}  created {value.OrdersCreated}  skipped {value.OrdersSkipped}  failed {value.OrdersFailed}   ");
        }
    }
}
