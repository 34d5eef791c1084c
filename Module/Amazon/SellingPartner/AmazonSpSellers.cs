using static ErpAmazonModule.Amazon.SellingPartner.AmazonSpJson;

namespace ErpAmazonModule.Amazon.SellingPartner;

/// <summary>Sellers API v1: the seller's marketplace participations, which double as the credential check.</summary>
public sealed class AmazonSpSellers(AmazonSpClient client)
{
    /// <summary>Every marketplace the seller participates in (<c>GET /sellers/v1/marketplaceParticipations</c>).</summary>
    public async Task<IReadOnlyList<AmazonMarketplaceParticipation>> ListMarketplaceParticipationsAsync(AmazonSpSeller seller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(seller);
        var answer = await client.GetAsync(seller, AmazonSpOperation.GetMarketplaceParticipations, "/sellers/v1/marketplaceParticipations", cancellationToken).ConfigureAwait(false);
        try
        {
            return [.. answer.GetProperty("payload").EnumerateArray().Select(p =>
            {
                var marketplace = p.GetProperty("marketplace");
                var participation = p.GetProperty("participation");
                return new AmazonMarketplaceParticipation(marketplace.GetProperty("id").GetString()!, seller.SellerId,
                    participation.TryGetProperty("hasSuspendedListings", out var suspended) && suspended.GetBoolean(),
                    Text(marketplace, "name"), Text(marketplace, "countryCode"), Text(marketplace, "defaultCurrencyCode"), Text(marketplace, "domainName"));
            })];
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException)
        {
            throw new AmazonFormatException("Amazon's marketplace participations are not in the shape its Sellers API model describes.", e);
        }
    }
}
