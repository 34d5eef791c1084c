using ErpAmazonModule.Amazon;
using ErpAmazonModule.Amazon.Mws;
using ErpAmazonModule.Amazon.SellingPartner;
using ErpAmazonModule.Api;
using Microsoft.Extensions.Options;

namespace ErpAmazonModule.Accounts;

/// <summary>What Amazon said of an account's credentials: the seller's marketplaces, and the endpoint that said it.</summary>
public sealed record AmazonCredentialCheck(IReadOnlyList<AmazonMarketplaceParticipation> Participations, string Endpoint);

/// <summary>Where an account's requests go: the endpoint this installation uses for an API and region.</summary>
public sealed class AmazonAccountEndpoints(IOptionsMonitor<AmazonMwsOptions> mws, IOptionsMonitor<AmazonSpOptions> sellingPartner)
{
    /// <summary>The endpoint for <paramref name="api"/> in <paramref name="region"/>, or the problem: not configured (naming the keys).</summary>
    public AmazonResult<string> Resolve(AmazonApi api, AmazonRegion region)
    {
        string? problem;
        var endpoint = api == AmazonApi.SellingPartner
            ? sellingPartner.CurrentValue.Resolve(region, out problem)?.Endpoint
            : mws.CurrentValue.Resolve(region, out problem)?.Endpoint;
        return endpoint is not null
            ? endpoint.AbsoluteUri.TrimEnd('/')
            : new AmazonProblem(AmazonOutcome.NotConfigured, "NotConfigured", $"{problem} Nothing was saved.", []);
    }
}

/// <summary>Asks Amazon whether an account's credentials work (its marketplace participations).</summary>
public sealed class AmazonAccountCredentials(AmazonMwsSellers mwsSellers, AmazonSpSellers spSellers, AmazonAccountEndpoints endpoints)
{
    /// <summary>
    /// The seller's participations and the endpoint asked, or the problem: Amazon refused (with Amazon's code), could not
    /// be asked this time, or this installation is not configured for the call (naming the keys).
    /// </summary>
    public async Task<AmazonResult<AmazonCredentialCheck>> CheckAsync(AmazonApi api, AmazonRegion region, string sellerId, string token, CancellationToken cancellationToken)
    {
        var endpoint = endpoints.Resolve(api, region);
        if (endpoint.Problem is { } notUsable)
        {
            return notUsable;
        }

        try
        {
            var participations = api == AmazonApi.SellingPartner
                ? await spSellers.ListMarketplaceParticipationsAsync(new AmazonSpSeller(region, sellerId, token), cancellationToken)
                : await mwsSellers.ListMarketplaceParticipationsAsync(new AmazonMwsSeller(region, sellerId, token), cancellationToken);
            return new AmazonCredentialCheck(participations, endpoint.Value!);
        }
        catch (Exception e) when (AmazonErrors.Classify(e) is { } kind)
        {
            return kind switch
            {
                AmazonErrorKind.Unauthorized or AmazonErrorKind.Rejected when e is AmazonApiException amazon => new AmazonProblem(AmazonOutcome.AmazonRefused, amazon.Code,
                    $"{amazon.Code}: {amazon.AmazonMessage} (Amazon request id {amazon.RequestId}). Nothing was saved.", [],
                    amazon.Code is "AccessDenied" or "invalid_grant" ? nameof(AmazonAccount.AuthorizationToken) : null),
                AmazonErrorKind.Configuration => new AmazonProblem(AmazonOutcome.NotConfigured, "NotConfigured", $"{e.Message} Nothing was saved.", []),
                _ => new AmazonProblem(AmazonOutcome.AmazonUnavailable, "AmazonUnavailable",
                    $"Amazon could not check the credentials: {AmazonErrors.Describe(e)} Nothing was saved; try again later.", []),
            };
        }
    }
}
