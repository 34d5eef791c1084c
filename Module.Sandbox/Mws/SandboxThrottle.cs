using Microsoft.Extensions.Options;

namespace ErpAmazonModule.Sandbox.Mws;

/// <summary>Amazon's leaky buckets: per seller and operation group, a burst and a restore rate.</summary>
public sealed class SandboxThrottle(IOptions<SandboxOptions> options, TimeProvider time)
{
    /// <summary>Operation → (group, burst, seconds to restore one request), as Amazon publishes them.</summary>
    public static readonly IReadOnlyDictionary<string, (string Group, int Burst, double RestoreSeconds)> Quotas = new Dictionary<string, (string, int, double)>(StringComparer.Ordinal)
    {
        ["ListOrders"] = ("ListOrders", 6, 60),
        ["ListOrdersByNextToken"] = ("ListOrders", 6, 60),
        ["GetOrder"] = ("GetOrder", 6, 60),
        ["ListOrderItems"] = ("ListOrderItems", 30, 2),
        ["ListOrderItemsByNextToken"] = ("ListOrderItems", 30, 2),
        ["ListMarketplaceParticipations"] = ("ListMarketplaceParticipations", 15, 60),
        ["ListMarketplaceParticipationsByNextToken"] = ("ListMarketplaceParticipations", 15, 60),
        ["SubmitFeed"] = ("SubmitFeed", 15, 120),
        ["GetFeedSubmissionList"] = ("GetFeedSubmissionList", 10, 45),
        ["GetFeedSubmissionResult"] = ("GetFeedSubmissionResult", 15, 60),
        ["ListFinancialEvents"] = ("ListFinancialEvents", 30, 2),
        ["ListFinancialEventsByNextToken"] = ("ListFinancialEvents", 30, 2),
        // Every section's GetServiceStatus: 2 requests, then one every 5 minutes.
        ["GetServiceStatus"] = ("GetServiceStatus", 2, 300),
        // Selling Partner API usage plans (rate per second as seconds per request, burst).
        ["getMarketplaceParticipations"] = ("getMarketplaceParticipations", 15, 62.5),
        ["getOrders"] = ("getOrders", 20, 60),
        ["searchOrders"] = ("searchOrders", 20, 1 / 0.0056),
        ["getOrder"] = ("getOrder", 30, 2),
        ["getOrderItems"] = ("getOrderItems", 30, 2),
        ["createRestrictedDataToken"] = ("createRestrictedDataToken", 10, 1),
        ["listFinancialEvents"] = ("listFinancialEvents", 30, 2),
        ["createFeedDocument"] = ("createFeedDocument", 15, 2),
        ["createFeed"] = ("createFeed", 15, 1 / 0.0083),
        ["getFeed"] = ("getFeed", 15, 0.5),
        ["getFeeds"] = ("getFeeds", 10, 1 / 0.0222),
        ["getFeedDocument"] = ("getFeedDocument", 10, 1 / 0.0222),
    };

    private readonly Dictionary<(string Seller, string Group), (double Level, DateTimeOffset At)> _buckets = [];
    private readonly Lock _lock = new();

    /// <summary>Takes one request from the bucket; false (throttled) when it is empty. Reports the bucket for the quota headers.</summary>
    public bool TryTake(string sellerId, string action, out (int Max, int Remaining, DateTimeOffset ResetsOn) quota)
    {
        var (group, burst, restoreSeconds) = Quotas[action];
        var restore = TimeSpan.FromSeconds(restoreSeconds / Math.Max(options.Value.TimeScale, 0.0001));
        var now = time.GetUtcNow();
        lock (_lock)
        {
            var (level, at) = _buckets.GetValueOrDefault((sellerId, group), (burst, now));
            level = Math.Min(burst, level + (now - at) / restore);
            var allowed = !options.Value.Throttling || level >= 1;
            if (allowed)
            {
                level = Math.Max(0, level - 1);
            }

            _buckets[(sellerId, group)] = (level, now);
            var untilNext = level >= burst ? TimeSpan.Zero : restore * (1 - (level - Math.Floor(level)));
            quota = (burst, (int)Math.Floor(level), now + untilNext);
            return allowed;
        }
    }

    /// <summary>Fills every bucket again (admin reset).</summary>
    public void Reset()
    {
        lock (_lock)
        {
            _buckets.Clear();
        }
    }
}
