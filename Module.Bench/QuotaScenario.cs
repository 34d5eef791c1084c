namespace ErpAmazonModule.Bench;

/// <summary>
/// A sync with Amazon's quotas on at both ends, time-scaled: how much of the binding quota (ListOrderItems: a burst of
/// 30, one request restored every 2 s) the client used, and how many answers were throttled (there must be none).
/// </summary>
public static class QuotaScenario
{
    private const int ItemsBurst = 30;
    private const double ItemsRestoredPerSecond = 0.5;

    public static async Task<QuotaResult> RunAsync(string workDirectory, int orders, double timeScale, string api, EfDiagnostics ef)
    {
        await using var import = await ImportScenario.PrepareAsync(workDirectory, orders, api, throttled: true, timeScale);
        var before = await import.Sandbox.AnsweredAsync();
        var result = await import.RunAsync(ef);
        var after = await import.Sandbox.AnsweredAsync();
        long Delta(Func<SandboxProcess.Answered, bool> which) => after.Where(which).Sum(a => a.Count) - before.Where(which).Sum(a => a.Count);
        // The items operation and its throttled answer, as each transport names them (both allow 0.5 per second, burst 30).
        var items = Delta(a => a.Action is "ListOrderItems" or "ListOrderItemsByNextToken" or "getOrderItems" && a.Status == 200);
        var possible = ItemsBurst + result.Seconds * ItemsRestoredPerSecond * timeScale;
        return new QuotaResult(result.OrdersSeen, result.Seconds, timeScale, items, possible, items / possible, Delta(a => a.Status is 503 or 429));
    }
}
