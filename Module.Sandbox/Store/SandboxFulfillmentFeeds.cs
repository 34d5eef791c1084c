using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace ErpAmazonModule.Sandbox.Store;

/// <summary>
/// Order fulfillment feeds as Amazon processes them, for MWS and the Selling Partner API alike: the XML feed
/// (<c>AmazonEnvelope</c> of <c>OrderFulfillment</c> messages) and the tab-separated flat file. A submission is only
/// stored; when it is processed each message (each row of a flat file) is checked against the OrderFulfillment rules and
/// the order as it is then, applied whole or reported as an error, and the processing report is written.
/// </summary>
public static class SandboxFulfillmentFeeds
{
    public const string MwsXml = "_POST_ORDER_FULFILLMENT_DATA_";
    public const string MwsFlatFile = "_POST_FLAT_FILE_FULFILLMENT_DATA_";
    public const string SpXml = "POST_ORDER_FULFILLMENT_DATA";
    public const string SpFlatFile = "POST_FLAT_FILE_FULFILLMENT_DATA";

    /// <summary>The columns of the flat-file fulfillment feed, in Amazon's template order.</summary>
    public static readonly IReadOnlyList<string> FlatFileColumns = ["order-id", "order-item-id", "quantity", "ship-date", "carrier-code", "carrier-name", "tracking-number", "ship-method"];

    /// <summary>Amazon's carrier codes the sandbox knows (a code outside the list must be sent as a carrier name).</summary>
    public static readonly IReadOnlySet<string> CarrierCodes = new HashSet<string>(StringComparer.Ordinal)
    {
        "USPS", "UPS", "UPSMI", "FedEx", "DHL", "DHL eCommerce", "Fastway", "GLS", "Hermes", "Royal Mail", "Parcelforce", "TNT",
        "Canada Post", "Chronopost", "Colissimo", "Deutsche Post", "DPD", "La Poste", "Poste Italiane", "SDA", "BRT", "SEUR",
        "Correos", "PostNL", "Yodel", "OnTrac", "Japan Post", "Yamato Transport", "Sagawa Express", "Australia Post", "Estafeta", "Other",
    };

    public static bool IsSupported(string feedType) => feedType is MwsXml or MwsFlatFile or SpXml or SpFlatFile;

    public static bool IsFlatFile(string feedType) => feedType is MwsFlatFile or SpFlatFile;

    private sealed record Shipment(string MessageId, string? OrderId, IReadOnlyList<(string? ItemId, int? Quantity)> Items, string? Problem);

    /// <summary>Processes <paramref name="feed"/> at <paramref name="at"/>: applies each valid message to <paramref name="orders"/> and writes the report.</summary>
    public static void Process(SandboxFeed feed, IReadOnlyDictionary<string, SandboxOrder> orders, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(orders);
        var flat = IsFlatFile(feed.FeedType);
        var (shipments, fatal) = flat ? ReadFlatFile(feed.Content) : ReadXml(feed.Content);
        if (fatal is not null)
        {
            feed.Errors.Add(("0", "5001", fatal));
        }

        foreach (var shipment in shipments)
        {
            var problem = shipment.Problem is { } invalid ? ("5000", invalid) : Apply(feed.SellerId, shipment, orders, at);
            if (problem is not null)
            {
                feed.Errors.Add((shipment.MessageId, problem.Value.Code, problem.Value.Message));
            }
        }

        feed.MessagesProcessed = shipments.Count;
        feed.Processed = true;
        feed.Report = flat ? FlatFileReport(feed) : XmlReport(feed);
    }

    private static (string Code, string Message)? Apply(string sellerId, Shipment shipment, IReadOnlyDictionary<string, SandboxOrder> orders, DateTimeOffset at)
    {
        if (!orders.TryGetValue(shipment.OrderId!, out var order) || order.SellerId != sellerId || !order.ExistsAt(at))
        {
            return ("18028", $"The order id {shipment.OrderId} was not found for this merchant.");
        }

        var status = order.StatusAt(at).Status;
        if (order.FulfillmentChannel != "MFN" || status is "Canceled" or "Pending" or "PendingAvailability" or "Unfulfillable")
        {
            return ("18029", $"Order {order.AmazonOrderId} cannot be shipped by the merchant: it is {(order.FulfillmentChannel != "MFN" ? "fulfilled by Amazon" : status)}.");
        }

        // Nothing listed: every unit not shipped yet.
        var quantities = new Dictionary<SandboxOrderItem, int>();
        if (shipment.Items.Count == 0)
        {
            foreach (var item in order.Items.Where(i => i.QuantityShipped < i.QuantityOrdered))
            {
                quantities[item] = item.QuantityOrdered - item.QuantityShipped;
            }
        }

        foreach (var (itemId, quantity) in shipment.Items)
        {
            var item = order.Items.SingleOrDefault(i => i.OrderItemId == itemId);
            if (item is null)
            {
                return ("18030", $"The order item id {itemId} is not an item of order {order.AmazonOrderId}.");
            }

            var units = quantities.GetValueOrDefault(item) + (quantity ?? item.QuantityOrdered - item.QuantityShipped);
            if (units > item.QuantityOrdered - item.QuantityShipped)
            {
                return ("18031", $"Quantity {units} of order item {itemId} is more than the {item.QuantityOrdered - item.QuantityShipped} not shipped yet.");
            }

            quantities[item] = units;
        }

        if (quantities.Values.Sum() == 0)
        {
            return ("18032", $"Order {order.AmazonOrderId} has been shipped already.");
        }

        foreach (var (item, units) in quantities)
        {
            item.QuantityShipped += units;
        }

        var all = order.Items.All(i => i.QuantityShipped >= i.QuantityOrdered);
        order.Timeline.RemoveAll(c => c.At > at);
        order.Timeline.Add(new SandboxStatusChange(at, all ? "Shipped" : "PartiallyShipped", order.Items.Sum(i => i.QuantityShipped)));
        order.EditedOn = at;
        return null;
    }

    private static (List<Shipment> Shipments, string? Fatal) ReadXml(string content)
    {
        XDocument document;
        try
        {
            document = XDocument.Parse(content);
        }
        catch (XmlException e)
        {
            return ([], $"XML Parsing Fatal Error at Line {e.LineNumber}, Column {e.LinePosition}: {e.Message}");
        }

        var root = document.Root!;
        if (root.Name.LocalName != "AmazonEnvelope" || Text(root, "MessageType") != "OrderFulfillment" || Child(root, "Header") is null)
        {
            return ([], "The document must be an AmazonEnvelope with a Header and the MessageType OrderFulfillment.");
        }

        var shipments = new List<Shipment>();
        foreach (var message in root.Elements().Where(e => e.Name.LocalName == "Message"))
        {
            var messageId = Text(message, "MessageID");
            if (messageId is null || !int.TryParse(messageId, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number <= 0)
            {
                shipments.Add(new Shipment(messageId ?? "0", null, [], "The MessageID element is missing or is not a positive integer."));
                continue;
            }

            var fulfillment = Child(message, "OrderFulfillment");
            var orderId = fulfillment is null ? null : Text(fulfillment, "AmazonOrderID");
            var data = fulfillment is null ? null : Child(fulfillment, "FulfillmentData");
            var items = fulfillment?.Elements().Where(e => e.Name.LocalName == "Item").Select(i => (Text(i, "AmazonOrderItemCode"), Quantity: Text(i, "Quantity"))).ToList() ?? [];
            var problem = fulfillment is null ? "The message has no OrderFulfillment element."
                : orderId is null ? "The AmazonOrderID element is missing."
                : !DateTimeOffset.TryParse(Text(fulfillment, "FulfillmentDate"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _) ? "The FulfillmentDate element is missing or is not a date and time."
                : Carrier(data is null ? null : Text(data, "CarrierCode"), data is null ? null : Text(data, "CarrierName"), data is null ? null : Text(data, "ShipperTrackingNumber"))
                ?? items.Select(i => i.Item1 is null ? "An Item has no AmazonOrderItemCode." : QuantityProblem(i.Quantity)).FirstOrDefault(p => p is not null);
            shipments.Add(new Shipment(messageId, orderId, [.. items.Select(i => (i.Item1, Quantity(i.Quantity)))], problem));
        }

        return (shipments, null);
    }

    private static (List<Shipment> Shipments, string? Fatal) ReadFlatFile(string content)
    {
        var lines = content.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Where(l => l.Length > 0).ToList();
        var header = lines.Count == 0 ? [] : lines[0].Split('\t');
        var missing = new[] { "order-id", "ship-date" }.Where(c => !header.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            return ([], $"The first row must name the columns ({string.Join(", ", FlatFileColumns)}); {string.Join(" and ", missing)} missing.");
        }

        string? Cell(string[] row, string column) => Array.IndexOf(header, column) is >= 0 and var i && i < row.Length && row[i].Trim().Length > 0 ? row[i].Trim() : null;
        var shipments = new List<Shipment>();
        for (var n = 1; n < lines.Count; n++)
        {
            var row = lines[n].Split('\t');
            var orderId = Cell(row, "order-id");
            var itemId = Cell(row, "order-item-id");
            var quantity = Cell(row, "quantity");
            var problem = orderId is null ? "order-id is required."
                : !DateTimeOffset.TryParse(Cell(row, "ship-date"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _) ? "ship-date is required, as a date (yyyy-MM-dd) or date and time."
                : itemId is null && quantity is not null ? "quantity needs an order-item-id."
                : Carrier(Cell(row, "carrier-code"), Cell(row, "carrier-name"), Cell(row, "tracking-number")) ?? QuantityProblem(quantity);
            shipments.Add(new Shipment(n.ToString(CultureInfo.InvariantCulture), orderId,
                itemId is null ? [] : [(itemId, Quantity(quantity))], problem));
        }

        return (shipments, null);
    }

    private static string? Carrier(string? code, string? name, string? tracking) =>
        code is not null && !CarrierCodes.Contains(code) ? $"The value '{code}' is not a valid CarrierCode; send other carriers as CarrierName."
        : code is null && name is null && tracking is not null ? "A tracking number needs a CarrierCode or CarrierName."
        : tracking is not null && (tracking.Length is < 6 or > 40 || !tracking.All(char.IsAsciiLetterOrDigit)) ? $"The tracking number '{tracking}' is not valid: 6 to 40 letters and digits."
        : null;

    private static int? Quantity(string? text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var q) && q > 0 ? q : null;

    private static string? QuantityProblem(string? quantity) => quantity is null || Quantity(quantity) is not null ? null : $"Quantity '{quantity}' is not a positive integer.";

    private static string XmlReport(SandboxFeed feed)
    {
        var withError = feed.Errors.Select(e => e.MessageId).Distinct().Count(id => id != "0");
        var document = new XDocument(new XDeclaration("1.0", "UTF-8", null), new XElement("AmazonEnvelope",
            new XElement("Header", new XElement("DocumentVersion", "1.02"), new XElement("MerchantIdentifier", feed.SellerId)),
            new XElement("MessageType", "ProcessingReport"),
            new XElement("Message", new XElement("MessageID", 1), new XElement("ProcessingReport",
                new XElement("DocumentTransactionID", feed.FeedSubmissionId),
                new XElement("StatusCode", "Complete"),
                new XElement("ProcessingSummary",
                    new XElement("MessagesProcessed", feed.MessagesProcessed),
                    new XElement("MessagesSuccessful", feed.MessagesProcessed - withError),
                    new XElement("MessagesWithError", withError),
                    new XElement("MessagesWithWarning", 0)),
                feed.Errors.Select(e => new XElement("Result",
                    new XElement("MessageID", e.MessageId), new XElement("ResultCode", "Error"),
                    new XElement("ResultMessageCode", e.Code), new XElement("ResultDescription", e.Description)))))));
        return document.Declaration + "\n" + document.ToString(SaveOptions.DisableFormatting);
    }

    private static string FlatFileReport(SandboxFeed feed)
    {
        var report = new StringBuilder();
        var withError = feed.Errors.Select(e => e.MessageId).Distinct().Count(id => id != "0");
        report.Append("Feed Processing Summary:\n")
            .Append(CultureInfo.InvariantCulture, $"\tNumber of records processed\t\t{feed.MessagesProcessed}\n")
            .Append(CultureInfo.InvariantCulture, $"\tNumber of records successful\t\t{feed.MessagesProcessed - withError}\n\n")
            .Append("original-record-number\terror-code\terror-type\terror-message\n");
        foreach (var (messageId, code, description) in feed.Errors)
        {
            report.Append(CultureInfo.InvariantCulture, $"{messageId}\t{code}\tError\t{description}\n");
        }

        return report.ToString();
    }

    private static XElement? Child(XElement parent, string name) => parent.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    private static string? Text(XElement parent, string name) => Child(parent, name)?.Value is { Length: > 0 } value ? value.Trim() : null;
}
