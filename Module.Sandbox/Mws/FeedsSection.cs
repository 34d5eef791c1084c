using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using ErpAmazonModule.Sandbox.Store;

namespace ErpAmazonModule.Sandbox.Mws;

/// <summary>
/// Feeds API 2009-01-01 for order fulfillment feeds (XML <c>_POST_ORDER_FULFILLMENT_DATA_</c> and the flat file
/// <c>_POST_FLAT_FILE_FULFILLMENT_DATA_</c>): SubmitFeed stores the feed (only a request error refuses it: feed type,
/// Content-MD5), GetFeedSubmissionList (ids, types, statuses, submitted dates), GetFeedSubmissionResult (the processing
/// report, once processed; see <see cref="SandboxFulfillmentFeeds"/>).
/// </summary>
public sealed class FeedsSection(SandboxStore store) : ISandboxSection
{
    public static readonly XNamespace Ns = "http://mws.amazonaws.com/doc/2009-01-01/";

    /// <summary>The element a processing report travels in to the endpoint, which writes its text as it is (with its <c>type</c>).</summary>
    public static readonly XName TextReport = "SandboxTextReport";

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
        if (!feed.Processed)
        {
            throw new SandboxMwsError(400, "FeedProcessingResultNotReady", $"Feed Submission Result is not ready for Feed {id}.");
        }

        // The report is written once, when processed; it goes out as written (text for a flat file, XML otherwise).
        return new XDocument(new XElement(TextReport, new XAttribute("type", SandboxFulfillmentFeeds.IsFlatFile(feed.FeedType) ? "text/plain; charset=UTF-8" : "text/xml"), feed.Report));
    }

    private XElement Submit(SandboxRequest request)
    {
        var feedType = request.Required("FeedType");
        if (feedType is not (SandboxFulfillmentFeeds.MwsXml or SandboxFulfillmentFeeds.MwsFlatFile))
        {
            throw SandboxMwsError.InvalidParameter($"FeedType {feedType} is not supported by the sandbox; use {SandboxFulfillmentFeeds.MwsXml} or {SandboxFulfillmentFeeds.MwsFlatFile}.");
        }

        var body = request.Body ?? "";
        var md5 = Convert.ToBase64String(MD5.HashData(Encoding.UTF8.GetBytes(body)));
        if (request.Required("ContentMD5Value") != md5)
        {
            throw new SandboxMwsError(400, "ContentMD5DoesNotMatch", "The Content-MD5 you specified did not match what we received.");
        }

        // Content errors (bad XML, unknown orders, wrong quantities) are not refused here: the processing report names them.
        var feed = store.AddFeed(request.SellerId, feedType, body);
        return new XElement(Ns + "SubmitFeedResult", Info(feed, request.Now));
    }

    private IEnumerable<SandboxFeed> Listed(SandboxRequest request)
    {
        var ids = request.List("FeedSubmissionIdList.Id");
        var types = request.List("FeedTypeList.Type");
        var statuses = request.List("FeedProcessingStatusList.Status");
        var from = request.Date("SubmittedFromDate") ?? DateTimeOffset.MinValue;
        var to = request.Date("SubmittedToDate") ?? DateTimeOffset.MaxValue;
        return store.Feeds(request.SellerId)
            .Where(f => ids.Count == 0 || ids.Contains(f.FeedSubmissionId))
            .Where(f => types.Count == 0 || types.Contains(f.FeedType))
            .Where(f => statuses.Count == 0 || statuses.Contains(Status(f.StatusAt(request.Now))))
            .Where(f => f.SubmittedDate >= from && f.SubmittedDate <= to)
            .OrderByDescending(f => f.SubmittedDate);
    }

    private static string Status(SandboxFeedStatus status) => status switch
    {
        SandboxFeedStatus.Done => "_DONE_",
        SandboxFeedStatus.InProgress => "_IN_PROGRESS_",
        _ => "_SUBMITTED_",
    };

    private static XElement Info(SandboxFeed feed, DateTimeOffset now)
    {
        var status = Status(feed.StatusAt(now));
        return new XElement(Ns + "FeedSubmissionInfo",
            new XElement(Ns + "FeedSubmissionId", feed.FeedSubmissionId),
            new XElement(Ns + "FeedType", feed.FeedType),
            SandboxXml.Opt(Ns, "SubmittedDate", feed.SubmittedDate),
            new XElement(Ns + "FeedProcessingStatus", status),
            status == "_DONE_" ? SandboxXml.Opt(Ns, "StartedProcessingDate", feed.SubmittedDate) : null,
            status == "_DONE_" ? SandboxXml.Opt(Ns, "CompletedProcessingDate", feed.CompletedDate) : null);
    }
}
