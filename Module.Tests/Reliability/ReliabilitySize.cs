namespace ErpAmazonModule.Tests.Reliability;

/// <summary>
/// How big the reliability suites run: reduced in CI, full with <c>RELIABILITY=full</c> in the environment
/// (<c>RELIABILITY=full dotnet test Module.Tests --filter TestCategory=Reliability</c>).
/// </summary>
public static class ReliabilitySize
{
    public static bool Full { get; } = string.Equals(Environment.GetEnvironmentVariable("RELIABILITY"), "full", StringComparison.OrdinalIgnoreCase);

    /// <summary>Orders per account in the scale-out test (20 accounts).</summary>
    public static int ScaleOutOrdersPerAccount => Full ? 250 : 100;

    /// <summary>Orders of the backfill the crash suite kills the host during.</summary>
    public static int CrashBackfillOrders => Full ? 5000 : 800;

    /// <summary>How many times the crash suite kills the host.</summary>
    public static int Crashes => Full ? 20 : 4;

    /// <summary>Orders of the backfill the fault storm runs through.</summary>
    public static int StormOrders => Full ? 5000 : 400;
}
