using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using ErpAmazonModule.Sandbox.Store;
using ErpAmazonModule.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace ErpAmazonModule.Tests.Sandbox;

/// <summary>The sandbox's data is a function of its options and seed: a restarted sandbox (another process) is the same Amazon.</summary>
[TestClass]
public sealed class SandboxRestartTests
{
    private static string SandboxAssembly => Path.Combine(Path.GetDirectoryName(HostProcess.Assembly)!.Replace("Module.Host", "Module.Sandbox", StringComparison.Ordinal), "ErpAmazonModule.Sandbox.dll");

    [TestMethod]
    public async Task Restarted_ServesTheSameOrdersItemsDatesAndTimelines()
    {
        var first = await OrdersOfAFreshProcessAsync();
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var second = await OrdersOfAFreshProcessAsync();

        Assert.HasCount(SandboxCatalog.Sellers.Count * 30, first.AsArray());
        Assert.AreEqual(first.ToJsonString(), second.ToJsonString(), "the same ids, items, amounts, dates and timelines after a restart");
    }

    private static async Task<JsonNode> OrdersOfAFreshProcessAsync()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(SandboxAssembly)! };
        foreach (var arg in new[] { "exec", SandboxAssembly, "--urls", $"http://127.0.0.1:{port}", "--Sandbox:Seed=7", "--Sandbox:OrdersPerSeller=30", "--Sandbox:Epoch=2026-11-23T00:00:00Z" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var all = new JsonArray();
            foreach (var (sellerId, _, _, _, _) in SandboxCatalog.Sellers)
            {
                foreach (var order in (await GetWhenUpAsync(http, $"/admin/orders?sellerId={sellerId}")).AsArray())
                {
                    all.Add(order!.DeepClone());
                }
            }

            return all;
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static async Task<JsonNode> GetWhenUpAsync(HttpClient http, string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return JsonNode.Parse(await http.GetStringAsync(path))!;
            }
            catch (HttpRequestException) when (attempt < 150)
            {
                await Task.Delay(100);
            }
        }
    }
}

/// <summary>The demo's mounted sandbox keeps its history's end beside the demo database, so a restarted demo talks to the same Amazon.</summary>
[TestClass]
public sealed class DemoSandboxRestartTests
{
    [TestMethod]
    public void RestartedDemo_MountsTheSameAmazon_UntilItsDataFolderIsDeleted()
    {
        var database = Path.Combine(Path.GetTempPath(), "erp-amazon-tests", Guid.NewGuid().ToString("N"), "erp.db");
        var settings = new Dictionary<string, string?> { ["Sandbox:Enabled"] = "true", ["Demo:SyncOnStart"] = "false" };
        static List<string> OrdersOf(ErpHostFactory factory)
        {
            _ = factory.Client();
            var store = factory.Services.GetRequiredService<SandboxStore>();
            return SandboxCatalog.Sellers.SelectMany(s => store.Orders(s.SellerId)).Select(o => $"{o.AmazonOrderId} {o.PurchaseDate:O} {o.Items.Count}").Order(StringComparer.Ordinal).ToList();
        }

        List<string> before;
        using (var first = new ErpHostFactory(database, settings))
        {
            before = OrdersOf(first);
        }

        using var restarted = new ErpHostFactory(database, settings);
        var after = OrdersOf(restarted);

        Assert.IsNotEmpty(before);
        CollectionAssert.AreEqual(before, after);
        Assert.IsTrue(File.Exists(Path.ChangeExtension(database, ".sandbox-epoch")));
    }
}
