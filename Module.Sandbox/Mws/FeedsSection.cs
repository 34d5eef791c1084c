using System.Security.Cryptography;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using ErpAmazonModule.Sandbox.Store;

namespace ErpAmazonModule.Sandbox.Mws;

/// <summary>Feeds API 2009-01-01 for order fulfillment feeds: SubmitFeed, GetFeedSubmissionList, GetFeedSubmissionResult.</summary>
public sealed class FeedsSection(SandboxStore store) : ISandboxSection
{
    public static readonly XNamespace Ns = "http://mws.amazonaws.com/doc/2009-01-01/";
    public const string OrderFulfillmentFeed = "_POST_ORDER_FULFILLMENT_DATA_";

    public string Path => "/Feeds/2009-01-01";
    public string Version => "2009-01-01";
    public XNamespace Namespace => Ns;
    public IReadOnlyCollection<string> Actions { get; } = ["SubmitFeed", "GetFeedSubmissionList", "GetFeedSubmissionResult"];

    public XDocument Handle(SandboxRequest request, string requestId) => request.Action switch
    {
        "SubmitFeed" => SandboxXml.Response(Ns, request.Action, Submit(request), requestId),
        "GetFeedSubmissionList" => SandboxXml.Response(Ns, request.Action, new XElement(Ns + "GetFeedSubmissionListResult",
            new XElement(Ns + "HasNext", "false"),
            Listed(request).Select(f => Info(f, request.Now))), requestId),
        _ => Report(request),
    };

    /// <summary>GetFeedSubmissionResult: the processing report itself, as Amazon returns it (no Response wrapper).</summary>
    private XDocument Report(SandboxRequest request)
    {
        var id = request.Required("FeedSubmissionId");
        var feed = store.Feeds(request.SellerId).SingleOrDefault(f => f.FeedSubmissionId == id)
            ?? throw SandboxMwsError.InvalidParameter($"Invalid FeedSubmissionId {id}.");
        if (feed.CompletedDate > request.Now)
        {
            throw new SandboxMwsError(400, "FeedProcessingResultNotReady", $"Feed Submission Result is not ready for Feed {id}.");
        }

        return new XDocument(new XDeclaration("1.0", "UTF-8", null), new XElement("AmazonEnvelope",
            new XElement("Header", new XElement("DocumentVersion", "1.02"), new XElement("MerchantIdentifier", feed.SellerId)),
            new XElement("MessageType", "ProcessingReport"),
            new XElement("Message", new XElement("MessageID", 1), new XElement("ProcessingReport",
                new XElement("DocumentTransactionID", feed.FeedSubmissionId),
                new XElement("StatusCode", "Complete"),
                new XElement("ProcessingSummary",
                    new XElement("MessagesProcessed", feed.MessagesProcessed),
                    new XElement("MessagesSuccessful", feed.MessagesProcessed - feed.Errors.Select(e => e.MessageId).Distinct().Count()),
                    new XElement("MessagesWithError", feed.Errors.Select(e => e.MessageId).Distinct().Count()),
                    new XElement("MessagesWithWarning", 0)),
                feed.Errors.Select(e => new XElement("Result",
                    new XElement("MessageID", e.MessageId), new XElement("ResultCode", "Error"),
                    new XElement("ResultMessageCode", e.Code), new XElement("ResultDescription", e.Description)))))));
    }

    private XElement Submit(SandboxRequest request)
    {
        var feedType = request.Required("FeedType");
        if (feedType != OrderFulfillmentFeed)
        {
            throw SandboxMwsError.InvalidParameter($"FeedType {feedType} is not supported by the sandbox; use {OrderFulfillmentFeed}.");
        }

        var body = request.Body ?? "";
        var md5 = Convert.ToBase64String(MD5.HashData(Encoding.UTF8.GetBytes(body)));
        if (request.Required("ContentMD5Value") != md5)
        {
            throw new SandboxMwsError(400, "ContentMD5DoesNotMatch", "The Content-MD5 you specified did not match what we received.");
        }

        XDocument document;
        try
        {
            document = XDocument.Parse(body);
        }
        catch (XmlException e)
        {
            throw SandboxMwsError.InvalidParameter($"The feed is not well-formed XML: {e.Message}");
        }

        var errors = new List<(string, string, string)>();
        var messages = document.Root?.Elements().Where(e => e.Name.LocalName == "Message").ToList() ?? [];
        foreach (var message in messages)
        {
            var messageId = Child(message, "MessageID") ?? "?";
            var fulfillment = message.Elements().FirstOrDefault(e => e.Name.LocalName == "OrderFulfillment");
            var orderId = fulfillment is null ? null : Child(fulfillment, "AmazonOrderID");
            var order = orderId is null ? null : store.Order(request.SellerId, orderId);
            if (order is null)
            {
                errors.Add((messageId, "18028", $"The order id {orderId} was not found for this merchant."));
                continue;
            }

            if (order.FulfillmentChannel != "MFN" || order.StatusAt(request.Now).Status is "Canceled" or "Pending")
            {
                errors.Add((messageId, "18029", $"Order {orderId} cannot be fulfilled by the merchant in status {order.StatusAt(request.Now).Status}."));
                continue;
            }

            ApplyShipment(order, fulfillment!, request.Now);
        }

        var feed = store.AddFeed(request.SellerId, feedType, body, errors, messages.Count);
        return new XElement(Ns + "SubmitFeedResult", Info(feed, request.Now));
    }

    private void ApplyShipment(SandboxOrder order, XElement fulfillment, DateTimeOffset now)
    {
        var lines = fulfillment.Elements().Where(e => e.Name.LocalName == "Item").ToList();
        store.ChangeOrder(order.AmazonOrderId, (o, at) =>
        {
            foreach (var item in o.Items)
            {
                var line = lines.FirstOrDefault(l => Child(l, "AmazonOrderItemCode") == item.OrderItemId);
                var quantity = line is null ? (lines.Count == 0 ? item.QuantityOrdered : 0) : int.TryParse(Child(line, "Quantity"), out var q) ? q : item.QuantityOrdered;
                item.QuantityShipped = Math.Min(item.QuantityOrdered, item.QuantityShipped + quantity);
            }

            var all = o.Items.All(i => i.QuantityShipped >= i.QuantityOrdered);
            o.Timeline.RemoveAll(c => c.At > at);
            o.Timeline.Add(new SandboxStatusChange(at, all ? "Shipped" : "PartiallyShipped", o.Items.Sum(i => i.QuantityShipped)));
        });
    }

    private IEnumerable<SandboxFeed> Listed(SandboxRequest request)
    {
        var ids = request.List("FeedSubmissionIdList.Id");
        return store.Feeds(request.SellerId).Where(f => ids.Count == 0 || ids.Contains(f.FeedSubmissionId));
    }

    private static XElement Info(SandboxFeed feed, DateTimeOffset now)
    {
        var status = feed.CompletedDate <= now ? "_DONE_" : now >= feed.SubmittedDate + (feed.CompletedDate - feed.SubmittedDate) / 2 ? "_IN_PROGRESS_" : "_SUBMITTED_";
        return new XElement(Ns + "FeedSubmissionInfo",
            new XElement(Ns + "FeedSubmissionId", feed.FeedSubmissionId),
            new XElement(Ns + "FeedType", feed.FeedType),
            SandboxXml.Opt(Ns, "SubmittedDate", feed.SubmittedDate),
            new XElement(Ns + "FeedProcessingStatus", status),
            status == "_DONE_" ? SandboxXml.Opt(Ns, "StartedProcessingDate", feed.SubmittedDate) : null,
            status == "_DONE_" ? SandboxXml.Opt(Ns, "CompletedProcessingDate", feed.CompletedDate) : null);
    }

    private static string? Child(XElement parent, string name) => parent.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
}
