using System.Xml.Linq;

namespace ErpAmazonModule.Amazon.Mws;

/// <summary>
/// Order fulfillment feeds through MWS Feeds 2009-01-01: <c>SubmitFeed</c> (<c>_POST_ORDER_FULFILLMENT_DATA_</c>, the
/// body's MD5 as <c>ContentMD5Value</c>, never resent blindly), <c>GetFeedSubmissionList</c> (by id, or by type and
/// submission date to find a submission whose answer was lost) and <c>GetFeedSubmissionResult</c> (the report).
/// </summary>
public sealed class AmazonMwsFeedSource(AmazonMwsClient client) : IAmazonFeedSource
{
    /// <summary>Amazon's feed type for order fulfillment (shipment confirmation) XML.</summary>
    public const string FeedType = "_POST_ORDER_FULFILLMENT_DATA_";

    /// <inheritdoc />
    public Accounts.AmazonApi Api => Accounts.AmazonApi.Mws;

    /// <inheritdoc />
    public async Task<string> SubmitAsync(AmazonSellerContext seller, IReadOnlyList<string> marketplaceIds, string document, CancellationToken cancellationToken)
    {
        var result = await client.SendAsync(Mws(seller), AmazonMwsOperation.SubmitFeed, [new("FeedType", FeedType)], cancellationToken, document).ConfigureAwait(false);
        return result.Required("FeedSubmissionInfo").RequiredText("FeedSubmissionId");
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AmazonFeedSubmission>> ListSinceAsync(AmazonSellerContext seller, DateTimeOffset since, CancellationToken cancellationToken) =>
        Read(await client.SendAsync(Mws(seller), AmazonMwsOperation.GetFeedSubmissionList,
            [new("FeedTypeList.Type.1", FeedType), new("SubmittedFromDate", AmazonOrderRequests.Iso(since)), new("MaxCount", "100")], cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public async Task<AmazonFeedSubmission> GetAsync(AmazonSellerContext seller, string feedId, CancellationToken cancellationToken) =>
        Read(await client.SendAsync(Mws(seller), AmazonMwsOperation.GetFeedSubmissionList, [new("FeedSubmissionIdList.Id.1", feedId)], cancellationToken).ConfigureAwait(false))
            .SingleOrDefault(f => f.FeedId == feedId) ?? throw new AmazonFormatException($"Amazon did not list feed {feedId}.");

    /// <inheritdoc />
    public async Task<string> GetReportAsync(AmazonSellerContext seller, AmazonFeedSubmission feed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feed);
        var report = await client.SendAsync(Mws(seller), AmazonMwsOperation.GetFeedSubmissionResult, [new("FeedSubmissionId", feed.FeedId)], cancellationToken).ConfigureAwait(false);
        return report.Document?.ToString() ?? report.ToString();
    }

    private static AmazonMwsSeller Mws(AmazonSellerContext seller) => new(seller.Region, seller.SellerId, seller.AuthToken);

    private static List<AmazonFeedSubmission> Read(XElement result) =>
        [.. result.Children("FeedSubmissionInfo").Select(f => new AmazonFeedSubmission(
            f.RequiredText("FeedSubmissionId"),
            f.Date("SubmittedDate"),
            f.Text("FeedProcessingStatus") switch
            {
                "_DONE_" => AmazonFeedStatus.Done,
                "_CANCELLED_" => AmazonFeedStatus.Aborted,
                _ => AmazonFeedStatus.InProgress,
            },
            null))];
}
