using System.Net;
using System.Net.Sockets;
using ErpAmazonModule.Amazon.Mws;
using ErpAmazonModule.Amazon.SellingPartner;
using ErpAmazonModule.Sandbox.Store;
using ErpAmazonModule.Sync;
using ErpAmazonModule.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace ErpAmazonModule.Tests.Sandbox;

/// <summary>
/// A client that knows only Amazon's host names, its connections redirected to the sandbox (as a hosts file or a proxy
/// would): the sandbox answers by the Host header at Amazon's own paths.
/// </summary>
[TestClass]
public sealed class AmazonHostNamesTests
{
    [TestMethod]
    public async Task ClientAddressingAmazonsHostNames_RedirectedToTheSandbox_ConnectsSellersAndSyncsOrders()
    {
        Uri? sandbox = null;
        // Every connection, whatever host it is for, goes to the sandbox's loopback port.
        SocketsHttpHandler Redirected() => new()
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, sandbox!.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        using var factory = new ErpHostFactory(
            sandboxSettings: s =>
            {
                sandbox = s.Endpoint;
                var settings = s.ClientSettings();
                // Amazon's names (over HTTP: the sandbox does not serve TLS), no sandbox address anywhere.
                settings["AmazonConnector:Mws:Regions:EU:Endpoint"] = "http://mws-eu.amazonservices.com";
                settings["AmazonConnector:SellingPartner:Regions:EU:Endpoint"] = "http://sellingpartnerapi-eu.amazon.com";
                settings["AmazonConnector:SellingPartner:TokenEndpoint"] = "http://api.amazon.com/auth/o2/token";
                return settings;
            },
            testServices: services =>
            {
                services.AddHttpClient(AmazonMwsClient.HttpClientName).ConfigurePrimaryHttpMessageHandler(Redirected);
                services.AddHttpClient(AmazonSpClient.HttpClientName).ConfigurePrimaryHttpMessageHandler(Redirected);
            });
        var admin = factory.Client();
        var (sellerId, token) = Demo.Seller(factory, "EU");
        factory.Sandbox.Store.GenerateOrders(sellerId, 10, seed: 3);
        var mws = await admin.PostJsonAsync("/odata/amazon/Accounts", $$"""
            {"Name":"By host name","Api":"Mws","Region":"EU","SellerId":"{{sellerId}}","AuthorizationToken":"{{token}}"}
            """).ExpectAsync(HttpStatusCode.Created);
        var sp = await admin.PostJsonAsync("/odata/amazon/Accounts", $$"""
            {"Name":"By host name over SP-API","Api":"SellingPartner","Region":"EU","SellerId":"A1SANDBOXEU0001","AuthorizationToken":"{{SandboxCatalog.RefreshToken("A1SANDBOXEU0001")}}"}
            """).ExpectAsync(HttpStatusCode.Created);
        Assert.AreEqual("http://mws-eu.amazonservices.com", (string)mws["CheckedEndpoint"]!);

        var run = await factory.Services.GetRequiredService<AmazonOrderSync>().RunAsync((int)mws["Id"]!, AmazonSyncTrigger.Manual, null, TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.AreEqual(AmazonSyncRunState.Succeeded, run!.State, run.Error);
        Assert.IsTrue(run.OrdersSeen > 0, "orders came through Amazon's host name");
        Assert.IsTrue(factory.Sandbox.Store.Requests().Any(r => r.Action == "lwa:token" && r.Status == 200));
        Assert.IsTrue(factory.Sandbox.Store.Requests().Any(r => r.Action == "getMarketplaceParticipations" && r.Status == 200));

        var overSp = await factory.Services.GetRequiredService<AmazonOrderSync>().RunAsync((int)sp["Id"]!, AmazonSyncTrigger.Manual, null, TimeSpan.FromSeconds(5), CancellationToken.None);
        Assert.AreEqual(AmazonSyncRunState.Succeeded, overSp!.State, overSp.Error);
        Assert.IsTrue(overSp.OrdersCreated > 0, "orders came through sellingpartnerapi-eu.amazon.com (Orders API 2026-01-01)");
        Assert.IsTrue(factory.Sandbox.Store.Requests().Any(r => r.Action == "searchOrders" && r.Status == 200));
    }
}
