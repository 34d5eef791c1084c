namespace ErpAmazonModule.Sandbox;

/// <summary>How the sandbox behaves (section <c>Sandbox</c>).</summary>
public sealed class SandboxOptions
{
    /// <summary>Seed of the order generator: the same seed makes the same orders.</summary>
    public int Seed { get; set; } = 20261123;

    /// <summary>Orders generated per seeded seller.</summary>
    public int OrdersPerSeller { get; set; } = 120;

    /// <summary>
    /// The moment the seeded history ends: orders were placed in the <see cref="HistoryDays"/> before it and their
    /// timelines go on after it. With the seed it fixes the data, so a restarted sandbox serves the same orders, items,
    /// dates and timelines. Unset: the start of the current UTC day (the same data all day).
    /// </summary>
    public DateTimeOffset? Epoch { get; set; }

    /// <summary>Days back the generated orders were placed.</summary>
    public int HistoryDays { get; set; } = 20;

    /// <summary>Amazon's quotas are on (leaky buckets, <c>RequestThrottled</c>).</summary>
    public bool Throttling { get; set; } = true;

    /// <summary>Quota restore rates run this many times faster (1 = Amazon's published rates).</summary>
    public double TimeScale { get; set; } = 1;

    /// <summary>Items per <c>ListOrderItems</c> page.</summary>
    public int OrderItemsPageSize { get; set; } = 20;

    /// <summary>Minutes a submitted feed takes to be processed.</summary>
    public double FeedProcessingMinutes { get; set; } = 2;
}
