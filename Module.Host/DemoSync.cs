using System.Diagnostics;
using System.Text.Json;
using ErpAmazonModule.Sandbox.Store;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ErpAmazonModule.Host;

/// <summary>
/// The demo (<c>Demo:SyncOnStart</c>, on in Development with the sandbox): once the host listens, registers the sandbox's
/// EU seller through the connector's own API when there is no account yet, as a seller would today (the Selling Partner
/// API with the refresh token the seller gave the application, orders through Orders API 2026-01-01), runs a sync with a
/// progress bar on the console and prints a summary.
/// </summary>
public sealed class DemoSync(IHttpClientFactory clients, IHostApplicationLifetime lifetime, IServer server, IConfiguration configuration, ILogger<DemoSync> logger) : BackgroundService
{
    /// <summary>The demo's HTTP client (to the host itself).</summary>
    public const string ClientName = "demo";

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
        // The demo is a client of the connector's API, like any integrator: the host knows nothing of the module's insides.
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5080";
        var adminKey = configuration.GetSection("Auth:ApiKeys").GetChildren().FirstOrDefault(k => k.GetSection("Roles").GetChildren().Any(r => r.Value == "admin"))?["Key"];
        using var http = clients.CreateClient(ClientName);
        http.BaseAddress = new Uri(address);
        http.DefaultRequestHeaders.Add("X-Api-Key", adminKey);

        using var accounts = await GetJsonAsync(http, "/odata/amazon/Accounts?$select=Id&$orderby=Id&$top=1", cancellationToken);
        var accountId = accounts?.RootElement.GetProperty("value").EnumerateArray().Select(a => a.GetProperty("Id").GetInt32()).FirstOrDefault() ?? 0;
        if (accountId == 0)
        {
            var sellerId = SandboxCatalog.Sellers.First(s => s.Region == "EU").SellerId;
            using var response = await http.PostAsJsonAsync("/odata/amazon/Accounts",
                new { Name = "Sandbox EU seller", Api = "SellingPartner", OrdersApiVersion = "2026-01-01", Region = "EU", SellerId = sellerId, AuthorizationToken = SandboxCatalog.RefreshToken(sellerId) }, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                Console.WriteLine($"Demo: the sandbox account could not be registered: {body}");
                return;
            }

            accountId = JsonDocument.Parse(body).RootElement.GetProperty("Id").GetInt32();
            Console.WriteLine($"Demo: registered the sandbox's EU seller {sellerId} as account {accountId} (Selling Partner API, Orders API 2026-01-01).");
        }

        Console.WriteLine($"Demo: syncing account {accountId} from the local Amazon...");
        var clock = Stopwatch.StartNew();
        // "Sync now" returns the run already queued or running, so the demo follows a scheduled run rather than racing it.
        using var queued = await http.PostAsync($"/odata/amazon/Accounts({accountId})/SyncOrders", null, cancellationToken);
        if (!queued.IsSuccessStatusCode)
        {
            Console.WriteLine($"Demo: the sync could not be queued: {await queued.Content.ReadAsStringAsync(cancellationToken)}");
            return;
        }

        var runId = JsonDocument.Parse(await queued.Content.ReadAsStringAsync(cancellationToken)).RootElement.GetProperty("Id").GetInt32();
        var bar = new ConsoleProgressBar();
        JsonElement run;
        while (true)
        {
            using var current = await GetJsonAsync(http, $"/odata/amazon/SyncRuns({runId})", cancellationToken);
            run = current!.RootElement.Clone();
            var state = run.GetProperty("State").GetString();
            bar.Draw(run);
            if (state is not ("Queued" or "Running"))
            {
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }

        int Count(string name) => run.GetProperty(name).GetInt32();
        var error = run.GetProperty("Error").ValueKind == JsonValueKind.String ? " " + run.GetProperty("Error").GetString() : "";
        Console.WriteLine();
        Console.WriteLine($"Demo: sync {run.GetProperty("State").GetString()} in {clock.Elapsed.TotalSeconds:0.0} s: {Count("OrdersSeen")} orders seen, {Count("OrdersCreated")} created, "
            + $"{Count("OrdersUpdated")} updated, {Count("OrdersSkipped")} skipped, {Count("OrdersFailed")} failed, {Count("ThrottleWaits")} quota waits.{error}");
        // Then what finance does: import Amazon's payments and match them to the orders just created.
        // A dictionary: the action's parameter names are case-sensitive, and the web defaults would camel-case a property.
        using var payments = await http.PostAsJsonAsync("/odata/amazon/FinancialEvents/Import", new Dictionary<string, int> { ["AccountId"] = accountId }, cancellationToken);
        if (payments.IsSuccessStatusCode)
        {
            using var answer = JsonDocument.Parse(await payments.Content.ReadAsStringAsync(cancellationToken));
            var m = answer.RootElement.GetProperty("Matching");
            int Of(string name) => m.GetProperty(name).GetInt32();
            Console.WriteLine($"Demo: payments imported: {answer.RootElement.GetProperty("EventsAdded").GetInt32()} events for {Of("Orders")} orders; "
                + $"{Of("Matched")} matched, {Of("WrittenOff")} written off, {Of("NeedsReview")} for review, {Of("Unmatched")} unmatched.");
        }
        else
        {
            Console.WriteLine($"Demo: the payments could not be imported: {await payments.Content.ReadAsStringAsync(cancellationToken)}");
        }

        await ShipAsync(http, accountId, cancellationToken);
        Console.WriteLine($"Demo: open {address}/ for what to try next (the demo's API keys are in the README).");
    }

    /// <summary>
    /// What the warehouse does: validates the deliveries of two merchant-fulfilled orders Amazon still shows unshipped (with
    /// carrier and tracking, through the ERP's API), then the connector confirms them to Amazon and waits for the report.
    /// </summary>
    private async Task ShipAsync(HttpClient http, int accountId, CancellationToken cancellationToken)
    {
        var warehouseKey = configuration.GetSection("Auth:ApiKeys").GetChildren().FirstOrDefault(k => k.GetSection("Roles").GetChildren().Any(r => r.Value == "warehouse"))?["Key"];
        using var links = await GetJsonAsync(http, $"/odata/amazon/OrderLinks?$filter=AccountId eq {accountId} and FulfillmentChannel eq 'Merchant' and AmazonStatus eq 'Unshipped' and SalesOrderId ne null&$select=AmazonOrderId,SalesOrderId&$orderby=Id&$top=2", cancellationToken);
        var shipped = new List<string>();
        foreach (var link in links!.RootElement.GetProperty("value").EnumerateArray())
        {
            using var deliveries = await GetJsonAsync(http, $"/odata/host/Deliveries?$filter=SalesOrderId eq {link.GetProperty("SalesOrderId").GetString()} and State eq 'Ready'&$select=Id&$top=1", cancellationToken);
            if (deliveries!.RootElement.GetProperty("value").EnumerateArray().FirstOrDefault() is not { ValueKind: JsonValueKind.Object } delivery)
            {
                continue;
            }

            using var validate = new HttpRequestMessage(HttpMethod.Post, $"/api/deliveries/{delivery.GetProperty("Id").GetInt32()}/validate")
            {
                Content = JsonContent.Create(new { Carrier = "DHL", ShippingMethod = "Paket", TrackingNumber = $"00340434{Random.Shared.NextInt64(1_000_000_000_000, 9_999_999_999_999)}" }),
            };
            validate.Headers.Add("X-Api-Key", warehouseKey);
            using var validated = await http.SendAsync(validate, cancellationToken);
            if (validated.IsSuccessStatusCode)
            {
                shipped.Add(link.GetProperty("AmazonOrderId").GetString()!);
            }
        }

        if (shipped.Count == 0)
        {
            return;
        }

        Console.WriteLine($"Demo: the warehouse validated the deliveries of {string.Join(" and ", shipped)} (DHL, with tracking); confirming them to Amazon...");
        var confirmed = 0;
        for (var attempt = 0; attempt < 30 && confirmed < shipped.Count; attempt++)
        {
            using var send = await http.PostAsJsonAsync("/odata/amazon/Shipments/Send", new Dictionary<string, int> { ["AccountId"] = accountId }, cancellationToken);
            using var states = await GetJsonAsync(http, $"/odata/amazon/Shipments?$filter=AccountId eq {accountId} and State eq 'Confirmed'&$count=true&$top=0", cancellationToken);
            confirmed = states!.RootElement.GetProperty("@odata.count").GetInt32();
            if (confirmed < shipped.Count)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }

        using var feed = await GetJsonAsync(http, $"/odata/amazon/Shipments?$filter=AccountId eq {accountId}&$select=AmazonOrderId,State,FeedSubmissionId,Message&$orderby=Id", cancellationToken);
        foreach (var shipment in feed!.RootElement.GetProperty("value").EnumerateArray())
        {
            var message = shipment.GetProperty("Message").ValueKind == JsonValueKind.String ? " " + shipment.GetProperty("Message").GetString() : "";
            Console.WriteLine($"Demo: shipment of {shipment.GetProperty("AmazonOrderId").GetString()}: {shipment.GetProperty("State").GetString()} by Amazon (feed {shipment.GetProperty("FeedSubmissionId")}).{message}");
        }
    }

    private static async Task<JsonDocument?> GetJsonAsync(HttpClient http, string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
    }

    private sealed class ConsoleProgressBar
    {
        private const int Width = 30;

        public void Draw(JsonElement run)
        {
            var progress = Math.Clamp(run.GetProperty("Progress").GetInt32(), 0, 100);
            var done = Width * progress / 100;
            Console.Write($"\r[{new string('#', done)}{new string('.', Width - done)}] {progress,3}%  orders {run.GetProperty("OrdersSeen").GetInt32()}  created {run.GetProperty("OrdersCreated").GetInt32()}  "
                + $"skipped {run.GetProperty("OrdersSkipped").GetInt32()}  failed {run.GetProperty("OrdersFailed").GetInt32()}   ");
        }
    }
}
