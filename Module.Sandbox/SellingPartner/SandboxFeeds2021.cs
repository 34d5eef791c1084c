using System.Globalization;
using System.Text.Json;
using ErpAmazonModule.Sandbox.Mws;
using ErpAmazonModule.Sandbox.Store;

namespace ErpAmazonModule.Sandbox.SellingPartner;

/// <summary>
/// Feeds API 2021-06-30 (<c>feeds_2021-06-30.json</c>) for order fulfillment feeds: <c>createFeedDocument</c> (a
/// document id and a presigned upload URL), the upload itself (PUT to that URL, no access token, the content type the
/// document was created with), <c>createFeed</c>, <c>getFeed</c>, <c>getFeeds</c> (by type, status and creation date)
/// and <c>getFeedDocument</c> (the processing report's URL). Feeds are processed as over MWS
/// (<see cref="SandboxFulfillmentFeeds"/>): content errors go to the report, the orders change when it is written.
/// </summary>
public static class SandboxFeeds2021
{
    private const string Root = "/feeds/2021-06-30";

    /// <summary>Where documents are uploaded and downloaded (the sandbox's stand-in for Amazon's presigned S3 URLs).</summary>
    public const string DocumentsPath = "/sandbox/feed-documents";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Root + "/documents", async (HttpContext context, SandboxLwa lwa, SandboxStore store, SandboxThrottle throttle, SandboxFaults faults) =>
        {
            var body = await BodyAsync(context);
            return await SandboxSellingPartnerEndpoints.OperationAsync(context, "createFeedDocument", lwa, store, throttle, faults, access =>
            {
                var contentType = Text(body, "contentType") ?? throw new SandboxSpError(400, "InvalidInput", "contentType is required.");
                var document = store.AddDocument(access.SellerId, contentType);
                return Results.Json(new { feedDocumentId = document.FeedDocumentId, url = DocumentUrl(context, Root + "/documents", document.FeedDocumentId) }, statusCode: 201);
            });
        }).ExcludeFromDescription();

        endpoints.MapGet(Root + "/documents/{feedDocumentId}", (HttpContext context, string feedDocumentId, SandboxLwa lwa, SandboxStore store, SandboxThrottle throttle, SandboxFaults faults) =>
            SandboxSellingPartnerEndpoints.OperationAsync(context, "getFeedDocument", lwa, store, throttle, faults, access =>
            {
                var document = store.Document(feedDocumentId) is { } d && d.SellerId == access.SellerId ? d : throw new SandboxSpError(404, "NotFound", $"Feed document {feedDocumentId} was not found.");
                return Results.Json(new { feedDocumentId = document.FeedDocumentId, url = DocumentUrl(context, Root + "/documents/" + feedDocumentId, document.FeedDocumentId) });
            })).ExcludeFromDescription();

        endpoints.MapPost(Root + "/feeds", async (HttpContext context, SandboxLwa lwa, SandboxStore store, SandboxThrottle throttle, SandboxFaults faults) =>
        {
            var body = await BodyAsync(context);
            return await SandboxSellingPartnerEndpoints.OperationAsync(context, "createFeed", lwa, store, throttle, faults, access => CreateFeed(body, access, store));
        }).ExcludeFromDescription();

        endpoints.MapGet(Root + "/feeds/{feedId}", (HttpContext context, string feedId, SandboxLwa lwa, SandboxStore store, SandboxThrottle throttle, SandboxFaults faults) =>
            SandboxSellingPartnerEndpoints.OperationAsync(context, "getFeed", lwa, store, throttle, faults, access =>
                Results.Json(FeedJson(store.Feeds(access.SellerId).SingleOrDefault(f => f.FeedSubmissionId == feedId && f.MarketplaceIds.Count > 0)
                    ?? throw new SandboxSpError(404, "NotFound", $"Feed {feedId} was not found."), store.Now), SandboxSellingPartnerEndpoints.Json))).ExcludeFromDescription();

        endpoints.MapGet(Root + "/feeds", (HttpContext context, SandboxLwa lwa, SandboxStore store, SandboxThrottle throttle, SandboxFaults faults) =>
            SandboxSellingPartnerEndpoints.OperationAsync(context, "getFeeds", lwa, store, throttle, faults, access => GetFeeds(context.Request.Query, access, store))).ExcludeFromDescription();

        // The presigned URL: no access token, as S3 wants none; the content type must be the document's.
        endpoints.MapPut(DocumentsPath + "/{feedDocumentId}", async (HttpContext context, string feedDocumentId, SandboxStore store) =>
        {
            if (store.Document(feedDocumentId) is not { Content: null } document)
            {
                return Results.Text("<Error><Code>AccessDenied</Code><Message>The URL is not a document waiting for its content.</Message></Error>", "application/xml", statusCode: 403);
            }

            if (!string.Equals(context.Request.ContentType, document.ContentType, StringComparison.OrdinalIgnoreCase))
            {
                return Results.Text($"<Error><Code>SignatureDoesNotMatch</Code><Message>Content-Type must be '{document.ContentType}' as the document was created with.</Message></Error>", "application/xml", statusCode: 403);
            }

            using var reader = new StreamReader(context.Request.Body);
            document.Content = await reader.ReadToEndAsync(context.RequestAborted);
            return Results.Ok();
        }).ExcludeFromDescription();

        endpoints.MapGet(DocumentsPath + "/{feedDocumentId}", (string feedDocumentId, SandboxStore store) =>
            store.Document(feedDocumentId) is { Content: { } content } document
                ? Results.Text(content, document.ContentType)
                : Results.Text("<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>", "application/xml", statusCode: 404)).ExcludeFromDescription();
    }

    private static IResult CreateFeed(JsonElement? body, SandboxAccessToken access, SandboxStore store)
    {
        var feedType = Text(body, "feedType") ?? throw new SandboxSpError(400, "InvalidInput", "feedType is required.");
        if (feedType is not (SandboxFulfillmentFeeds.SpXml or SandboxFulfillmentFeeds.SpFlatFile))
        {
            throw new SandboxSpError(400, "InvalidInput", $"feedType {feedType} is not supported by the sandbox; use {SandboxFulfillmentFeeds.SpXml} or {SandboxFulfillmentFeeds.SpFlatFile}.");
        }

        var marketplaces = body is { } b && b.TryGetProperty("marketplaceIds", out var ids) && ids.ValueKind == JsonValueKind.Array
            ? ids.EnumerateArray().Select(i => i.GetString() ?? "").ToList()
            : [];
        var seller = store.Seller(access.SellerId)!;
        if (marketplaces.Count is 0 or > 25 || marketplaces.Any(m => !seller.MarketplaceIds.Contains(m)))
        {
            throw new SandboxSpError(400, "InvalidInput", "marketplaceIds must list 1 to 25 marketplaces the seller participates in.");
        }

        var documentId = Text(body, "inputFeedDocumentId") ?? throw new SandboxSpError(400, "InvalidInput", "inputFeedDocumentId is required.");
        var document = store.Document(documentId) is { } d && d.SellerId == access.SellerId ? d : throw new SandboxSpError(400, "InvalidInput", $"Feed document {documentId} was not found.");
        if (document.Content is null)
        {
            throw new SandboxSpError(400, "InvalidInput", $"Feed document {documentId} has no content: upload it before creating the feed.");
        }

        var feed = store.AddFeed(access.SellerId, feedType, document.Content, marketplaces);
        return Results.Json(new { feedId = feed.FeedSubmissionId }, statusCode: 202);
    }

    private static IResult GetFeeds(IQueryCollection query, SandboxAccessToken access, SandboxStore store)
    {
        List<string> ListOf(string name) => [.. query[name].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
        var types = ListOf("feedTypes");
        var statuses = ListOf("processingStatuses");
        if (types.Count == 0 && query["nextToken"].Count == 0)
        {
            throw new SandboxSpError(400, "InvalidInput", "Either feedTypes or nextToken is required.");
        }

        if (query["nextToken"].Count > 0)
        {
            // The sandbox answers every list in one page, so it hands out no token to come back with.
            throw new SandboxSpError(400, "InvalidInput", "Invalid nextToken.");
        }

        DateTimeOffset Date(string name, DateTimeOffset fallback) => query[name].ToString() is { Length: > 0 } text
            ? DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : throw new SandboxSpError(400, "InvalidInput", $"{name} is not an ISO 8601 date.")
            : fallback;
        var since = Date("createdSince", store.Now.AddDays(-90));
        var until = Date("createdUntil", store.Now);
        var pageSize = query["pageSize"].ToString() is { Length: > 0 } size
            ? int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 100 ? n : throw new SandboxSpError(400, "InvalidInput", "pageSize must be 1 to 100.")
            : 10;
        var now = store.Now;
        var feeds = store.Feeds(access.SellerId)
            .Where(f => f.MarketplaceIds.Count > 0 && types.Contains(f.FeedType) && f.SubmittedDate >= since && f.SubmittedDate <= until)
            .Where(f => statuses.Count == 0 || statuses.Contains(Status(f.StatusAt(now))))
            .OrderByDescending(f => f.SubmittedDate)
            .Take(pageSize)
            .Select(f => FeedJson(f, now));
        return Results.Json(new { feeds }, SandboxSellingPartnerEndpoints.Json);
    }

    private static string Status(SandboxFeedStatus status) => status switch
    {
        SandboxFeedStatus.Done => "DONE",
        SandboxFeedStatus.InProgress => "IN_PROGRESS",
        _ => "IN_QUEUE",
    };

    private static object FeedJson(SandboxFeed feed, DateTimeOffset now)
    {
        var status = Status(feed.StatusAt(now));
        return new
        {
            feedId = feed.FeedSubmissionId,
            feedType = feed.FeedType,
            marketplaceIds = feed.MarketplaceIds,
            createdTime = Iso(feed.SubmittedDate),
            processingStatus = status,
            processingStartTime = status == "IN_QUEUE" ? null : Iso(feed.SubmittedDate + (feed.CompletedDate - feed.SubmittedDate) / 2),
            processingEndTime = status == "DONE" ? Iso(feed.CompletedDate) : null,
            resultFeedDocumentId = status == "DONE" ? feed.ResultDocumentId : null,
        };
    }

    private static string Iso(DateTimeOffset date) => date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The document's URL at this sandbox, under whatever prefix it is mounted at (the request's path less the operation's).</summary>
    private static string DocumentUrl(HttpContext context, string operationPath, string feedDocumentId)
    {
        var path = context.Request.Path.Value ?? "";
        var prefix = path.EndsWith(operationPath, StringComparison.Ordinal) ? path[..^operationPath.Length] : "";
        return $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{prefix}{DocumentsPath}/{Uri.EscapeDataString(feedDocumentId)}";
    }

    private static async Task<JsonElement?> BodyAsync(HttpContext context)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement? body, string name) =>
        body is { } b && b.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
}
