using System.Text.Json;

namespace ErpAmazonModule.Bench;

/// <summary>
/// <c>dotnet run -c Release --project Module.Bench -- [options]</c>: runs the scenarios, prints a table and writes JSON
/// with the machine and the commit.
/// </summary>
public static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }

        var report = await RunAsync(options, Console.WriteLine);
        Console.WriteLine();
        Console.Write(report.ToTable());
        var json = options.JsonPath ?? Path.Combine("artifacts", "bench", $"bench-{report.RanAt:yyyyMMdd-HHmmss}.json");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(json))!);
        await File.WriteAllTextAsync(json, JsonSerializer.Serialize(report, BenchReport.Json));
        Console.WriteLine($"JSON: {Path.GetFullPath(json)}");
        return 0;
    }

    /// <summary>Runs the scenarios <paramref name="options"/> names, telling <paramref name="say"/> where it is.</summary>
    public static async Task<BenchReport> RunAsync(BenchOptions options, Action<string> say)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(say);
        Directory.CreateDirectory(options.WorkDirectory);
        var report = BenchReport.Start(options.Tiny);
        using var ef = new EfDiagnostics(options.WorkDirectory);
        var scenarios = options.Scenarios;
        if (scenarios.Intersect(["import", "floor", "resync", "payments"]).Any())
        {
            say($"import: {options.Orders} orders from the sandbox process, quotas off...");
            await using var import = await ImportScenario.PrepareAsync(options.WorkDirectory, options.Orders, options.Api);
            report.Import = await import.RunAsync(ef);
            if (scenarios.Contains("floor"))
            {
                say("floor: the same rows with batched INSERTs...");
                report.Floor = await FloorScenario.RunAsync(import);
            }

            if (scenarios.Contains("payments"))
            {
                say("payments: the imported orders' financial events, imported and matched...");
                report.Payments = await PaymentsScenario.RunAsync(import, ef);
            }

            if (scenarios.Contains("resync"))
            {
                say("resync: an unchanged window, then the whole look-back again...");
                report.Resync = await import.ResyncAsync();
            }
        }

        if (scenarios.Contains("quota"))
        {
            say($"quota: {options.QuotaOrders} orders with Amazon's quotas on, {options.QuotaTimeScale}x faster...");
            report.Quota = await QuotaScenario.RunAsync(options.WorkDirectory, options.QuotaOrders, options.QuotaTimeScale, options.Api, ef);
        }

        if (scenarios.Contains("odata"))
        {
            say($"odata: {options.Offers} offers over {options.Accounts} accounts, {options.Links} order links...");
            report.OData = await ODataScenario.RunAsync(options.WorkDirectory, options.Offers, options.Accounts, options.Links, options.Requests, ef);
        }

        if (scenarios.Contains("scale"))
        {
            say($"scale: imports of {string.Join(" and ", options.ScaleOrders)} orders, each in a fresh process...");
            report.Scale = await ScaleScenario.RunAsync(options.ScaleOrders, options.WorkDirectory, options.Api);
        }

        return report;
    }
}
