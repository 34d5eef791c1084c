using ErpAmazonModule.Amazon.Mws;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ErpAmazonModule.Tests.Amazon.Mws;

[TestClass]
public sealed class AmazonMwsThrottleTests
{
    private static ServiceProvider Services(double scale) => new ServiceCollection()
        .AddLogging()
        .AddSingleton(TimeProvider.System)
        .AddAmazonMwsTransport(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AmazonConnector:Mws:ThrottleTimeScale"] = scale.ToString(System.Globalization.CultureInfo.InvariantCulture) }).Build())
        .BuildServiceProvider();

    [TestMethod]
    public async Task Burst_IsFree_ThenEachRequestWaitsARestore_AndEachFlowCountsItsOwnWaits()
    {
        using var services = Services(scale: 1000);
        var throttle = services.GetRequiredService<AmazonMwsThrottle>();

        async Task<int> Flow(string seller, int calls)
        {
            using var counter = ErpAmazonModule.Amazon.AmazonThrottleWaits.Begin();
            for (var i = 0; i < calls; i++)
            {
                await throttle.WaitAsync(seller, AmazonMwsOperation.GetOrder, CancellationToken.None);
            }

            return counter.Waits;
        }

        var results = await Task.WhenAll(Flow("A1SELLERONE", 8), Flow("A1SELLERTWO", 3));

        Assert.AreEqual(2, results[0], "a burst of 6, then two waits");
        Assert.AreEqual(0, results[1], "another seller has its own bucket");
        Assert.AreEqual(2, throttle.Waits);
    }

    [TestMethod]
    public async Task ClientThrottlingOff_NeverWaits()
    {
        using var services = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System)
            .AddAmazonMwsTransport(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AmazonConnector:Mws:ClientThrottling"] = "false" }).Build())
            .BuildServiceProvider();
        var throttle = services.GetRequiredService<AmazonMwsThrottle>();

        for (var i = 0; i < 20; i++)
        {
            Assert.AreEqual(TimeSpan.Zero, await throttle.WaitAsync("A1SELLER", AmazonMwsOperation.ListOrders, CancellationToken.None));
        }
    }
}
