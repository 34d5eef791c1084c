namespace ErpAmazonModule.Amazon.Mws;

/// <summary>An MWS operation: where it lives, and the quota (burst and restore rate) of its throttling group.</summary>
/// <param name="Path">Section path, e.g. <c>/Orders/2013-09-01</c>.</param>
/// <param name="Version">Section version sent as <c>Version</c>.</param>
/// <param name="Action">Operation name sent as <c>Action</c>.</param>
/// <param name="Group">Operations sharing one quota (an operation and its ByNextToken twin).</param>
/// <param name="Burst">Requests that may be sent at once.</param>
/// <param name="Restore">Time for one request to be restored.</param>
public sealed record AmazonMwsOperation(string Path, string Version, string Action, string Group, int Burst, TimeSpan Restore)
{
    private const string Orders = "/Orders/2013-09-01";
    private const string OrdersVersion = "2013-09-01";
    private const string Sellers = "/Sellers/2011-07-01";
    private const string SellersVersion = "2011-07-01";
    private const string Feeds = "/Feeds/2009-01-01";
    private const string FeedsVersion = "2009-01-01";
    private const string Finances = "/Finances/2015-05-01";
    private const string FinancesVersion = "2015-05-01";

    public static readonly AmazonMwsOperation ListOrders = new(Orders, OrdersVersion, "ListOrders", "ListOrders", 6, TimeSpan.FromMinutes(1));
    public static readonly AmazonMwsOperation ListOrdersByNextToken = ListOrders with { Action = "ListOrdersByNextToken" };
    public static readonly AmazonMwsOperation GetOrder = new(Orders, OrdersVersion, "GetOrder", "GetOrder", 6, TimeSpan.FromMinutes(1));
    public static readonly AmazonMwsOperation ListOrderItems = new(Orders, OrdersVersion, "ListOrderItems", "ListOrderItems", 30, TimeSpan.FromSeconds(2));
    public static readonly AmazonMwsOperation ListOrderItemsByNextToken = ListOrderItems with { Action = "ListOrderItemsByNextToken" };
    public static readonly AmazonMwsOperation ListMarketplaceParticipations = new(Sellers, SellersVersion, "ListMarketplaceParticipations", "ListMarketplaceParticipations", 15, TimeSpan.FromMinutes(1));
    public static readonly AmazonMwsOperation ListMarketplaceParticipationsByNextToken = ListMarketplaceParticipations with { Action = "ListMarketplaceParticipationsByNextToken" };
    public static readonly AmazonMwsOperation SubmitFeed = new(Feeds, FeedsVersion, "SubmitFeed", "SubmitFeed", 15, TimeSpan.FromMinutes(2));
    public static readonly AmazonMwsOperation GetFeedSubmissionList = new(Feeds, FeedsVersion, "GetFeedSubmissionList", "GetFeedSubmissionList", 10, TimeSpan.FromSeconds(45));
    public static readonly AmazonMwsOperation GetFeedSubmissionResult = new(Feeds, FeedsVersion, "GetFeedSubmissionResult", "GetFeedSubmissionResult", 15, TimeSpan.FromMinutes(1));
    public static readonly AmazonMwsOperation ListFinancialEvents = new(Finances, FinancesVersion, "ListFinancialEvents", "ListFinancialEvents", 30, TimeSpan.FromSeconds(2));
    public static readonly AmazonMwsOperation ListFinancialEventsByNextToken = ListFinancialEvents with { Action = "ListFinancialEventsByNextToken" };
}
