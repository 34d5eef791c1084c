using Microsoft.Extensions.Options;

namespace ErpAmazonModule.Amazon.SellingPartner;

/// <summary>
/// Client-side token buckets for the Selling Partner API's usage plans, one per seller and operation, shared by every
/// caller in the process: a request that would be answered 429 waits here instead (the item fetches of a page run
/// several at a time). The bucket starts at the operation's burst and refills at its rate, or the rate Amazon says it
/// applied (<c>x-amzn-RateLimit-Limit</c>), less a 10% margin; a 429 empties it.
/// </summary>
public sealed class AmazonSpThrottle(TimeProvider time, IOptionsMonitor<AmazonSpOptions> options)
{
    private const double Margin = 0.9;
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Seller, string Operation), Bucket> _buckets = [];

    private sealed class Bucket
    {
        public double Level;
        public DateTimeOffset At;
        public double RatePerSecond;
    }

    /// <summary>Takes a request from the seller's bucket for <paramref name="operation"/>, waiting until one is restored.</summary>
    public async Task WaitAsync(string sellerId, AmazonSpOperation operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var settings = options.CurrentValue;
        if (!settings.ClientThrottling)
        {
            return;
        }

        TimeSpan wait;
        lock (_lock)
        {
            var bucket = Refilled(sellerId, operation, settings.ThrottleTimeScale);
            // Reserved now (the level may go below zero) so that concurrent callers queue behind each other.
            wait = bucket.Level >= 1 ? TimeSpan.Zero : TimeSpan.FromSeconds((1 - bucket.Level) / Refill(bucket, settings.ThrottleTimeScale));
            bucket.Level -= 1;
        }

        if (wait > TimeSpan.Zero)
        {
            AmazonThrottleWaits.Record(wait);
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Corrects the bucket from Amazon's answer: the rate it applied, and an empty bucket after a 429.</summary>
    public void Observe(string sellerId, AmazonSpOperation operation, double? appliedRatePerSecond, bool throttled)
    {
        ArgumentNullException.ThrowIfNull(operation);
        lock (_lock)
        {
            var bucket = Refilled(sellerId, operation, options.CurrentValue.ThrottleTimeScale);
            if (appliedRatePerSecond is > 0 and var rate)
            {
                bucket.RatePerSecond = rate;
            }

            if (throttled)
            {
                bucket.Level = Math.Min(bucket.Level, 0);
            }
        }
    }

    private Bucket Refilled(string sellerId, AmazonSpOperation operation, double timeScale)
    {
        var now = time.GetUtcNow();
        if (!_buckets.TryGetValue((sellerId, operation.Name), out var bucket))
        {
            bucket = new Bucket { Level = operation.Burst, At = now, RatePerSecond = operation.RatePerSecond };
            _buckets[(sellerId, operation.Name)] = bucket;
        }

        bucket.Level = Math.Min(operation.Burst, bucket.Level + (now - bucket.At).TotalSeconds * Refill(bucket, timeScale));
        bucket.At = now;
        return bucket;
    }

    private static double Refill(Bucket bucket, double timeScale) => bucket.RatePerSecond * timeScale * Margin;
}
