using ErpAmazonModule.Amazon.Mws;
using ErpAmazonModule.Api;
using Polly.Timeout;

namespace ErpAmazonModule.Accounts;

/// <summary>Asks Amazon whether an account's credentials work (its marketplace participations); the answer is the list or an API error.</summary>
public sealed class AmazonAccountCredentials(AmazonMwsSellers sellers)
{
    /// <summary>The seller's participations, or the error to answer: 400 with Amazon's code when Amazon refuses, 503 when Amazon cannot be asked.</summary>
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
        catch (AmazonMwsException e) when (e.IsClientError)
        {
            var field = e.Code == "AccessDenied" ? nameof(AmazonAccount.AuthorizationToken) : null;
            return (null, new(StatusCodes.Status400BadRequest, e.Code, $"{e.Code}: {e.AmazonMessage} (Amazon request id {e.RequestId}). Nothing was saved.", field));
        }
        catch (Exception e) when (e is AmazonMwsException or AmazonMwsFormatException or HttpRequestException or TimeoutRejectedException or InvalidOperationException)
        {
            return (null, new(StatusCodes.Status503ServiceUnavailable, "AmazonUnavailable",
                $"Amazon could not check the credentials: {e.Message} Nothing was saved; try again later."));
        }
    }
}
