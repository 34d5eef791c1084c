namespace ErpAmazonModule.Bench;

/// <summary>
/// A sync with Amazon's quotas on at both ends, time-scaled: how much of the binding quota the client used, and how many
/// answers were throttled (there must be none). The binding quota is the items call's where there is one (MWS
/// ListOrderItems and Orders v0 getOrderItems: a burst of 30, one request restored every 2 s); over Orders API
/// 2026-01-01 the items come with the order and the listing's (searchOrders: a burst of 20, 0.0056 per second) binds.
/// </summary>
public static class QuotaScenario
{
    public static async Task<QuotaResult> RunAsync(string workDirectory, int orders, double timeScale, string api, EfDiagnostics ef)
    {
        await using var import = await ImportScenario.PrepareAsync(workDirectory, orders, api, throttled: true, timeScale);
        var before = await import.Sandbox.AnsweredAsync();
        var result = await import.RunAsync(ef);
        var after = await import.Sandbox.AnsweredAsync();
        long Delta(Func<SandboxProcess.Answered, bool> which) => after.Where(which).Sum(a => a.Count) - before.Where(which).Sum(a => a.Count);
        var (operations, burst, perSecond) = api == BenchOptions.SellingPartner2026
            ? (new[] { "searchOrders" }, 20, 0.0056)
            : (new[] { "ListOrderItems", "ListOrderItemsByNextToken", "getOrderItems" }, 30, 0.5);
        var requests = Delta(a => operations.Contains(a.Action) && a.Status == 200);
        var possible = burst + result.Seconds * perSecond * timeScale;
        return new QuotaResult(result.OrdersSeen, result.Seconds, timeScale, string.Join("/", operations.Where(o => after.Any(a => a.Action == o))), requests, possible, requests / possible, Delta(a => a.Status is 503 or 429));
    }
}
