namespace ErpAmazonModule.Amazon;

/// <summary>
/// The waits for Amazon's quotas of one flow (a sync run), whatever the API: the client-side buckets of MWS and of the
/// Selling Partner API, and the 429s waited out, record here while the flow's counter is open, apart from other flows
/// in the process.
/// </summary>
public sealed class AmazonThrottleWaits : IDisposable
{
    private static readonly AsyncLocal<AmazonThrottleWaits?> Current = new();
    private readonly AmazonThrottleWaits? _previous;
    private long _waits;
    private long _ticks;

    private AmazonThrottleWaits(AmazonThrottleWaits? previous) => _previous = previous;

    /// <summary>Starts counting the calling flow's waits until the counter is disposed.</summary>
    public static AmazonThrottleWaits Begin()
    {
        var counter = new AmazonThrottleWaits(Current.Value);
        Current.Value = counter;
        return counter;
    }

    /// <summary>Requests of this flow that waited.</summary>
    public int Waits => (int)Interlocked.Read(ref _waits);

    /// <summary>Time this flow spent waiting.</summary>
    public TimeSpan TimeWaited => TimeSpan.FromTicks(Interlocked.Read(ref _ticks));

    /// <summary>Records a wait of the calling flow (nothing when no counter is open).</summary>
    internal static void Record(TimeSpan wait)
    {
        if (Current.Value is { } counter && wait > TimeSpan.Zero)
        {
            Interlocked.Increment(ref counter._waits);
            Interlocked.Add(ref counter._ticks, wait.Ticks);
        }
    }

    /// <inheritdoc />
    public void Dispose() => Current.Value = _previous;
}
