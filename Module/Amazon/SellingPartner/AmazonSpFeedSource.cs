using System.Text.Json;
using static ErpAmazonModule.Amazon.SellingPartner.AmazonSpJson;

namespace ErpAmazonModule.Amazon.SellingPartner;

/// <summary>
/// Order fulfillment feeds through the Selling Partner API's Feeds 2021-06-30 (ADR 0012): <c>createFeedDocument</c>,
/// the upload to its presigned URL (no access token), <c>createFeed</c> (<c>POST_ORDER_FULFILLMENT_DATA</c>, sent once),
/// <c>getFeed</c>, <c>getFeeds</c> (to find a feed whose answer was lost) and <c>getFeedDocument</c> for the report,
/// decompressed when Amazon says it is GZIP.
/// </summary>
public sealed class AmazonSpFeedSource(AmazonSpClient client) : IAmazonFeedSource
{
    /// <summary>Amazon's feed type for order fulfillment XML.</summary>
    public const string FeedType = "POST_ORDER_FULFILLMENT_DATA";

    private const string Root = "/feeds/2021-06-30";
    private const string ContentType = "text/xml; charset=UTF-8";

    /// <inheritdoc />
    public Accounts.AmazonApi Api => Accounts.AmazonApi.SellingPartner;

    /// <inheritdoc />
    public async Task<string> SubmitAsync(AmazonSellerContext seller, IReadOnlyList<string> marketplaceIds, string document, CancellationToken cancellationToken)
    {
        var sp = Sp(seller);
        var created = await client.SendAsync(sp, AmazonSpOperation.CreateFeedDocument, HttpMethod.Post, Root + "/documents", new { contentType = ContentType }, null, cancellationToken).ConfigureAwait(false);
        var documentId = Text(created, "feedDocumentId") ?? throw new AmazonFormatException("createFeedDocument gave no feedDocumentId.");
        var url = Text(created, "url") ?? throw new AmazonFormatException("createFeedDocument gave no url.");
        await client.UploadAsync(new Uri(url), ContentType, document, cancellationToken).ConfigureAwait(false);
        var feed = await client.SendAsync(sp, AmazonSpOperation.CreateFeed, HttpMethod.Post, Root + "/feeds",
            new { feedType = FeedType, marketplaceIds, inputFeedDocumentId = documentId }, null, cancellationToken).ConfigureAwait(false);
        return Text(feed, "feedId") ?? throw new AmazonFormatException("createFeed gave no feedId.");
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AmazonFeedSubmission>> ListSinceAsync(AmazonSellerContext seller, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var answer = await client.GetAsync(Sp(seller), AmazonSpOperation.GetFeeds,
            $"{Root}/feeds?feedTypes={FeedType}&createdSince={Uri.EscapeDataString(AmazonOrderRequests.Iso(since))}&pageSize=100", cancellationToken).ConfigureAwait(false);
        return [.. Array(answer, "feeds").Select(Read)];
    }

    /// <inheritdoc />
    public async Task<AmazonFeedSubmission> GetAsync(AmazonSellerContext seller, string feedId, CancellationToken cancellationToken) =>
        Read(await client.GetAsync(Sp(seller), AmazonSpOperation.GetFeed, $"{Root}/feeds/{Uri.EscapeDataString(feedId)}", cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public async Task<string> GetReportAsync(AmazonSellerContext seller, AmazonFeedSubmission feed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feed);
        var documentId = feed.ResultDocumentId ?? throw new AmazonFormatException($"Feed {feed.FeedId} is done but names no result document.");
        var document = await client.GetAsync(Sp(seller), AmazonSpOperation.GetFeedDocument, $"{Root}/documents/{Uri.EscapeDataString(documentId)}", cancellationToken).ConfigureAwait(false);
        var url = Text(document, "url") ?? throw new AmazonFormatException("getFeedDocument gave no url.");
        return await client.DownloadAsync(new Uri(url), Text(document, "compressionAlgorithm") == "GZIP", cancellationToken).ConfigureAwait(false);
    }

    private static AmazonSpSeller Sp(AmazonSellerContext seller) => new(seller.Region, seller.SellerId, seller.AuthToken);

    private static AmazonFeedSubmission Read(JsonElement feed) => new(
        Text(feed, "feedId") ?? throw new AmazonFormatException("A feed has no feedId."),
        Date(feed, "createdTime"),
        Text(feed, "processingStatus") switch
        {
            "DONE" => AmazonFeedStatus.Done,
            "FATAL" or "CANCELLED" => AmazonFeedStatus.Aborted,
            _ => AmazonFeedStatus.InProgress,
        },
        Text(feed, "resultFeedDocumentId"));
}
