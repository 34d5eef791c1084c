using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ErpAmazonModule.Amazon.Mws;

/// <summary>
/// Client-side token buckets mirroring Amazon's quotas, one per seller and operation group, shared by every caller
/// in the process: a request that would be throttled waits here instead. Amazon's quota headers, when sent,
/// correct the bucket; a <c>RequestThrottled</c> answer empties it.
/// </summary>
public sealed partial class AmazonMwsThrottle(TimeProvider time, IOptionsMonitor<AmazonMwsOptions> options, ILogger<AmazonMwsThrottle> logger)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Seller, string Group), Bucket> _buckets = [];
    private long _waits;
    private long _waitTicks;

    private sealed class Bucket
    {
        public double Level;
        public DateTimeOffset At;
        public DateTimeOffset? BlockedUntil;
    }

    /// <summary>Requests that had to wait, since start.</summary>
    public long Waits => Interlocked.Read(ref _waits);

    /// <summary>Time spent waiting, since start.</summary>
    public TimeSpan TimeWaited => TimeSpan.FromTicks(Interlocked.Read(ref _waitTicks));

    /// <summary>Takes a request from the bucket, waiting until one is restored; returns the time waited.</summary>
    public async Task<TimeSpan> WaitAsync(string sellerId, AmazonMwsOperation operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (!options.CurrentValue.ClientThrottling)
        {
            return TimeSpan.Zero;
        }

        TimeSpan wait;
        lock (_lock)
        {
            var now = time.GetUtcNow();
            var restore = Restore(operation);
            var bucket = BucketFor(sellerId, operation, now);
            Refill(bucket, operation, restore, now);

            // Reserve now (the level may go below zero) so concurrent callers queue behind each other.
            var fromBlock = bucket.BlockedUntil is { } until && until > now ? until - now : TimeSpan.Zero;
            var fromLevel = bucket.Level >= 1 ? TimeSpan.Zero : restore * (1 - bucket.Level);
            wait = fromBlock > fromLevel ? fromBlock : fromLevel;
            bucket.Level -= 1;
        }

        if (wait <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        Interlocked.Increment(ref _waits);
        Interlocked.Add(ref _waitTicks, wait.Ticks);
        AmazonThrottleWaits.Record(wait);
        LogWaiting(logger, operation.Group, wait.TotalSeconds);
        await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        return wait;
    }

    /// <summary>Corrects the bucket from Amazon's answer: its quota headers, or a throttled answer.</summary>
    public void Observe(string sellerId, AmazonMwsOperation operation, HttpResponseMessage response, bool throttled)
    {
        ArgumentNullException.ThrowIfNull(response);
        lock (_lock)
        {
            var now = time.GetUtcNow();
            var bucket = BucketFor(sellerId, operation, now);
            if (throttled)
            {
                bucket.Level = Math.Min(bucket.Level, 0);
                bucket.At = now;
            }

            if (Header(response, "x-mws-quota-remaining") is { } remainingText
                && double.TryParse(remainingText, NumberStyles.Float, CultureInfo.InvariantCulture, out var remaining) && remaining <= 0
                && Header(response, "x-mws-quota-resetsOn") is { } resetsText
                && DateTimeOffset.TryParse(resetsText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var resetsOn) && resetsOn > now)
            {
                bucket.BlockedUntil = resetsOn;
            }
        }
    }

    private Bucket BucketFor(string sellerId, AmazonMwsOperation operation, DateTimeOffset now)
    {
        if (!_buckets.TryGetValue((sellerId, operation.Group), out var bucket))
        {
            bucket = new Bucket { Level = operation.Burst, At = now };
            _buckets[(sellerId, operation.Group)] = bucket;
        }

        return bucket;
    }

    private static void Refill(Bucket bucket, AmazonMwsOperation operation, TimeSpan restore, DateTimeOffset now)
    {
        bucket.Level = Math.Min(operation.Burst, bucket.Level + (now - bucket.At) / restore);
        bucket.At = now;
    }

    // Amazon's bucket refills from when each request arrives, a little after it was sent; waiting exactly one
    // restore interval can still be early, so the client counts on a 10 % slower restore.
    private const double SafetyFactor = 1.1;

    private TimeSpan Restore(AmazonMwsOperation operation) => operation.Restore * SafetyFactor / options.CurrentValue.ThrottleTimeScale;

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Waiting {Seconds:0.###} s to stay inside Amazon's {Group} quota.")]
    private static partial void LogWaiting(ILogger logger, string group, double seconds);
}
