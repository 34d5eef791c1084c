using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using ErpAmazonModule.Amazon.Mws;

namespace ErpAmazonModule.Amazon;

/// <summary>Where a submitted feed stands at Amazon.</summary>
public enum AmazonFeedStatus
{
    /// <summary>Queued or being processed.</summary>
    InProgress,

    /// <summary>Processed: its processing report says what came of each message.</summary>
    Done,

    /// <summary>Cancelled, or aborted by Amazon (<c>FATAL</c>): some, none or all of it may have been applied.</summary>
    Aborted,
}

/// <summary>A feed Amazon received: its id, when, and where it stands.</summary>
public sealed record AmazonFeedSubmission(string FeedId, DateTimeOffset? SubmittedOn, AmazonFeedStatus Status, string? ResultDocumentId);

/// <summary>A shipment to confirm: one message of an order fulfillment feed.</summary>
public sealed record AmazonShipmentConfirmation(
    int MessageId, string AmazonOrderId, DateTimeOffset ShipDate, string? CarrierCode, string? CarrierName, string? ShippingMethod, string TrackingNumber,
    IReadOnlyList<(string OrderItemId, int Quantity)> Items);

/// <summary>What Amazon's processing report said of a message that failed.</summary>
public sealed record AmazonFeedMessageError(int MessageId, string Code, string Description);

/// <summary>
/// Order fulfillment feeds where an account's shipments are confirmed: the transport-neutral side of MWS's Feeds API
/// and the Selling Partner API's Feeds 2021-06-30 (ADR 0012). Both carry the same XML document and report.
/// </summary>
public interface IAmazonFeedSource
{
    /// <summary>The API this source speaks.</summary>
    Accounts.AmazonApi Api { get; }

    /// <summary>Submits an order fulfillment feed; Amazon's feed id. Never retried blindly: an unknown outcome is an exception.</summary>
    Task<string> SubmitAsync(AmazonSellerContext seller, IReadOnlyList<string> marketplaceIds, string document, CancellationToken cancellationToken);

    /// <summary>The order fulfillment feeds Amazon received since <paramref name="since"/> (to find a submission whose answer was lost).</summary>
    Task<IReadOnlyList<AmazonFeedSubmission>> ListSinceAsync(AmazonSellerContext seller, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Where feed <paramref name="feedId"/> stands.</summary>
    Task<AmazonFeedSubmission> GetAsync(AmazonSellerContext seller, string feedId, CancellationToken cancellationToken);

    /// <summary>The processing report of a feed that is <see cref="AmazonFeedStatus.Done"/> (the XML <c>AmazonEnvelope</c>).</summary>
    Task<string> GetReportAsync(AmazonSellerContext seller, AmazonFeedSubmission feed, CancellationToken cancellationToken);
}

/// <summary>The order fulfillment feed document (<c>OrderFulfillment</c> messages in an <c>AmazonEnvelope</c>) and its processing report.</summary>
public static class AmazonFulfillmentFeed
{
    /// <summary>The document confirming <paramref name="shipments"/> for <paramref name="sellerId"/>.</summary>
    public static string Build(string sellerId, IEnumerable<AmazonShipmentConfirmation> shipments)
    {
        ArgumentNullException.ThrowIfNull(shipments);
        var document = new XDocument(new XDeclaration("1.0", "UTF-8", null), new XElement("AmazonEnvelope",
            new XElement("Header", new XElement("DocumentVersion", "1.01"), new XElement("MerchantIdentifier", sellerId)),
            new XElement("MessageType", "OrderFulfillment"),
            shipments.Select(s => new XElement("Message",
                new XElement("MessageID", s.MessageId),
                new XElement("OrderFulfillment",
                    new XElement("AmazonOrderID", s.AmazonOrderId),
                    new XElement("FulfillmentDate", s.ShipDate.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
                    new XElement("FulfillmentData",
                        s.CarrierCode is { } code ? new XElement("CarrierCode", code) : new XElement("CarrierName", s.CarrierName),
                        s.ShippingMethod is { } method ? new XElement("ShippingMethod", method) : null,
                        new XElement("ShipperTrackingNumber", s.TrackingNumber)),
                    s.Items.Select(i => new XElement("Item", new XElement("AmazonOrderItemCode", i.OrderItemId), new XElement("Quantity", i.Quantity))))))));
        return document.Declaration + "\n" + document.ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>
    /// The messages a processing report names as errors (warnings are not failures). A report that says the document
    /// itself could not be read (an error without a message id) fails every message: <paramref name="documentError"/>.
    /// </summary>
    public static IReadOnlyList<AmazonFeedMessageError> ReadReport(string report, out string? documentError)
    {
        XElement root;
        try
        {
            root = XDocument.Parse(report).Root ?? throw new AmazonFormatException("Amazon's processing report is empty.");
        }
        catch (XmlException e)
        {
            throw new AmazonFormatException($"Amazon's processing report is not XML ({e.Message}).", e);
        }

        var processing = root.Child("Message")?.Child("ProcessingReport") ?? throw new AmazonFormatException("Amazon's processing report has no ProcessingReport.");
        documentError = null;
        var errors = new List<AmazonFeedMessageError>();
        foreach (var result in processing.Children("Result").Where(r => r.Text("ResultCode") == "Error"))
        {
            var code = result.Text("ResultMessageCode") ?? "Error";
            var description = result.Text("ResultDescription") ?? "Amazon gave no description.";
            if (result.Int("MessageID") is { } id and > 0)
            {
                errors.Add(new AmazonFeedMessageError(id, code, description));
            }
            else
            {
                documentError = $"{code}: {description}";
            }
        }

        return errors;
    }
}
