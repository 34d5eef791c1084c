namespace ErpAmazonModule.Tests.TestSupport;

/// <summary>What the assembly's tests share, stopped once they all ended.</summary>
[TestClass]
public sealed class AssemblyLifetime
{
    [AssemblyCleanup]
    public static async Task StopSharedAsync()
    {
        SharedHost.Stop();
        await PostgresCluster.StopAsync();
    }
}
