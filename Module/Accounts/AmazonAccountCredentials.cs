using ErpAmazonModule.Amazon;
using ErpAmazonModule.Amazon.Mws;
using ErpAmazonModule.Api;

namespace ErpAmazonModule.Accounts;

/// <summary>Asks Amazon whether an account's credentials work (its marketplace participations); the answer is the list or an API error.</summary>
public sealed class AmazonAccountCredentials(AmazonMwsSellers sellers)
{
    /// <summary>
    /// The seller's participations, or the error to answer: 400 with Amazon's code when Amazon refuses, 503 when Amazon
    /// cannot be asked this time, 409 when this installation is not configured for the call.
    /// </summary>
    public async Task<(IReadOnlyList<AmazonMarketplaceParticipation>? Participations, AmazonODataErrorResult? Error)> CheckAsync(
        AmazonApi api, AmazonRegion region, string sellerId, string token, CancellationToken cancellationToken)
    {
        if (api != AmazonApi.Mws)
        {
            return (null, new(StatusCodes.Status400BadRequest, "NotSupported",
                "Api: SP-API accounts cannot be connected yet; this version talks to Amazon through MWS.", nameof(AmazonAccount.Api)));
        }

        try
        {
            return (await sellers.ListMarketplaceParticipationsAsync(new AmazonMwsSeller(region, sellerId, token), cancellationToken), null);
        }
        catch (Exception e) when (AmazonErrors.Classify(e) is { } kind)
        {
            return (null, kind switch
            {
                AmazonErrorKind.Unauthorized or AmazonErrorKind.Rejected when e is AmazonApiException amazon => new(StatusCodes.Status400BadRequest, amazon.Code,
                    $"{amazon.Code}: {amazon.AmazonMessage} (Amazon request id {amazon.RequestId}). Nothing was saved.",
                    amazon.Code == "AccessDenied" ? nameof(AmazonAccount.AuthorizationToken) : null),
                AmazonErrorKind.Configuration => new(StatusCodes.Status409Conflict, "NotConfigured", $"{e.Message} Nothing was saved."),
                _ => new(StatusCodes.Status503ServiceUnavailable, "AmazonUnavailable",
                    $"Amazon could not check the credentials: {AmazonErrors.Describe(e)} Nothing was saved; try again later."),
            });
        }
    }
}
