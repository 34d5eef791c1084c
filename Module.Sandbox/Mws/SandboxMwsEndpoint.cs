using System.Globalization;
using System.Text;
using System.Xml.Linq;
using ErpAmazonModule.Sandbox.Store;
using Microsoft.AspNetCore.Http.Features;

namespace ErpAmazonModule.Sandbox.Mws;

/// <summary>
/// Answers MWS requests as Amazon does: authentication (access key, Signature Version 2, timestamp window,
/// seller authorization), parameter validation, quotas, then the operation; errors as <c>ErrorResponse</c>.
/// </summary>
public sealed class SandboxMwsEndpoint(SandboxStore store, SandboxThrottle throttle, SandboxFaults faults, IEnumerable<ISandboxSection> sections)
{
    private static readonly TimeSpan TimestampWindow = TimeSpan.FromMinutes(15);
    private const string GetServiceStatus = "GetServiceStatus";
    private static readonly string[] Required = ["AWSAccessKeyId", "Action", "SellerId", "SignatureMethod", "SignatureVersion", "Signature", "Version"];

    public async Task HandleAsync(HttpContext context, string sectionName, string version)
    {
        var requestId = Guid.NewGuid().ToString();
        var now = store.Now;
        var (parameters, body) = await ReadParametersAsync(context);
        var action = parameters.GetValueOrDefault("Action");
        var sellerId = parameters.GetValueOrDefault("SellerId");
        var section = sections.FirstOrDefault(s => s.Path == $"/{sectionName}/{version}");
        var ns = section?.Namespace ?? XNamespace.None;
        context.Response.Headers["x-mws-request-id"] = requestId;
        context.Response.Headers["x-mws-timestamp"] = SandboxXml.Date(now);

        var fault = faults.Next(action);
        if (fault?.Kind == SandboxFaultKind.DropConnection)
        {
            store.Record(new(now, action, sellerId, 0, "DroppedConnection"));
            context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            context.Abort();
            return;
        }

        if (fault?.Kind == SandboxFaultKind.Slow)
        {
            await Task.Delay(fault.DelayMilliseconds, context.RequestAborted);
        }

        XDocument document;
        var status = 200;
        string? errorCode = null;
        try
        {
            if (fault?.Kind is SandboxFaultKind.InternalError)
            {
                throw new SandboxMwsError(500, "InternalError", "We encountered an internal error. Please try again.", "Receiver");
            }

            if (fault?.Kind is SandboxFaultKind.Throttle or SandboxFaultKind.QuotaExceeded)
            {
                throw fault.Kind == SandboxFaultKind.Throttle
                    ? new SandboxMwsError(503, "RequestThrottled", "Request is throttled")
                    : new SandboxMwsError(503, "QuotaExceeded", "You exceeded your quota of requests.");
            }

            if (section is null)
            {
                throw new SandboxMwsError(404, "InvalidAddress", $"The path {context.Request.PathBase}{context.Request.Path} is not an MWS section.");
            }

            var request = Authenticate(context, section, parameters, body, now);
            if (!throttle.TryTake(request.SellerId, request.Action, out var quota))
            {
                SetQuotaHeaders(context, quota);
                throw new SandboxMwsError(503, "RequestThrottled", "Request is throttled");
            }

            SetQuotaHeaders(context, quota);
            document = request.Action == GetServiceStatus ? ServiceStatus(ns, now, requestId) : section.Handle(request, requestId);
        }
        catch (SandboxMwsError error)
        {
            status = error.Status;
            errorCode = error.Code;
            document = SandboxXml.Error(ns, error, requestId);
        }

        store.Record(new(now, action, sellerId, status, errorCode));
        if (document.Root?.Name == FeedsSection.TextReport)
        {
            // A processing report goes out as it was written (a flat file's is text, as Amazon sends it).
            context.Response.ContentType = document.Root.Attribute("type")?.Value ?? "text/plain; charset=UTF-8";
            await context.Response.WriteAsync(document.Root.Value, Encoding.UTF8, context.RequestAborted);
            return;
        }

        var text = document.Declaration + Environment.NewLine + document.ToString(SaveOptions.DisableFormatting);
        text = fault?.Kind switch
        {
            SandboxFaultKind.TruncatedXml => text[..(text.Length / 2)],
            SandboxFaultKind.MalformedXml => "<html><body>502 Bad Gateway</body>",
            _ => text,
        };
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/xml";
        await context.Response.WriteAsync(text, Encoding.UTF8, context.RequestAborted);
    }

    private SandboxRequest Authenticate(HttpContext context, ISandboxSection section, Dictionary<string, string> parameters, string? body, DateTimeOffset now)
    {
        if (Required.FirstOrDefault(p => string.IsNullOrEmpty(parameters.GetValueOrDefault(p))) is { } missing)
        {
            throw SandboxMwsError.InvalidParameter($"Parameter {missing} is required.");
        }

        if (parameters["SignatureVersion"] != "2" || parameters["SignatureMethod"] is not ("HmacSHA256" or "HmacSHA1"))
        {
            throw SandboxMwsError.InvalidParameter("SignatureVersion must be 2 and SignatureMethod HmacSHA256 or HmacSHA1.");
        }

        var developer = store.DeveloperByAccessKey(parameters["AWSAccessKeyId"])
            ?? throw new SandboxMwsError(403, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.");
        // Clients written for Amazon (always port 443) sign the host without a port; the sandbox listens on another one.
        // Either form is accepted: with the port the client connected to, or without it.
        var path = $"{context.Request.PathBase}{context.Request.Path}";
        var hosts = new[] { context.Request.Host.Value ?? "", context.Request.Host.Host }.Distinct(StringComparer.OrdinalIgnoreCase);
        if (!hosts.Any(host => SandboxSignature.Matches(parameters["Signature"],
                SandboxSignature.Compute(SandboxSignature.StringToSign(context.Request.Method, host, path, parameters), developer.SecretKey, parameters["SignatureMethod"]))))
        {
            throw new SandboxMwsError(403, "SignatureDoesNotMatch",
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
        }

        var timestamp = parameters.GetValueOrDefault("Timestamp") is { } t
            && DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed
            : throw SandboxMwsError.InvalidParameter("Timestamp is required, in ISO 8601 format.");
        if ((timestamp - now).Duration() > TimestampWindow)
        {
            throw new SandboxMwsError(400, "RequestExpired", $"Request has expired: timestamp {t} is more than 15 minutes from the server time ({SandboxXml.Date(now)}).");
        }

        if (parameters["Version"] != section.Version)
        {
            throw SandboxMwsError.InvalidParameter($"Version {parameters["Version"]} is not valid for {section.Path}; expected {section.Version}.");
        }

        var action = parameters["Action"];
        if (action != GetServiceStatus && !section.Actions.Contains(action))
        {
            throw new SandboxMwsError(404, "InvalidAddress", $"Action {action} is not an operation of {section.Path}.");
        }

        var sellerId = parameters["SellerId"];
        if (store.AuthorizationError(sellerId, parameters.GetValueOrDefault("MWSAuthToken"), developer) is { } denied)
        {
            throw new SandboxMwsError(401, "AccessDenied", denied);
        }

        return new SandboxRequest(parameters, sellerId, action, now, body);
    }

    /// <summary>Query and form parameters; for SubmitFeed (parameters in the query string) the body is the feed.</summary>
    private static async Task<(Dictionary<string, string> Parameters, string? Body)> ReadParametersAsync(HttpContext context)
    {
        var parameters = context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        if (parameters.GetValueOrDefault("Action") == "SubmitFeed")
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            return (parameters, await reader.ReadToEndAsync(context.RequestAborted));
        }

        if (context.Request.HasFormContentType)
        {
            foreach (var (key, value) in await context.Request.ReadFormAsync(context.RequestAborted))
            {
                parameters[key] = value.ToString();
            }
        }

        return (parameters, null);
    }

    /// <summary>Every section answers GetServiceStatus: the sandbox is always GREEN.</summary>
    private static XDocument ServiceStatus(XNamespace ns, DateTimeOffset now, string requestId) =>
        SandboxXml.Response(ns, GetServiceStatus, new XElement(ns + "GetServiceStatusResult",
            new XElement(ns + "Status", "GREEN"), new XElement(ns + "Timestamp", SandboxXml.Date(now))), requestId);

    private static void SetQuotaHeaders(HttpContext context, (int Max, int Remaining, DateTimeOffset ResetsOn) quota)
    {
        context.Response.Headers["x-mws-quota-max"] = quota.Max.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["x-mws-quota-remaining"] = quota.Remaining.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["x-mws-quota-resetsOn"] = SandboxXml.Date(quota.ResetsOn);
    }
}
