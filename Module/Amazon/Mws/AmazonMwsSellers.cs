namespace ErpAmazonModule.Amazon.Mws;

/// <summary>Sellers API: the participations, which double as the credential check.</summary>
public sealed class AmazonMwsSellers(AmazonMwsClient client)
{
    /// <summary>Every marketplace the seller participates in, following NextToken.</summary>
    public async Task<IReadOnlyList<AmazonMarketplaceParticipation>> ListMarketplaceParticipationsAsync(AmazonMwsSeller seller, CancellationToken cancellationToken)
    {
        var participations = new List<AmazonMarketplaceParticipation>();
        var result = await client.SendAsync(seller, AmazonMwsOperation.ListMarketplaceParticipations, [], cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var marketplaces = result.Child("ListMarketplaces")?.Children("Marketplace").ToDictionary(m => m.RequiredText("MarketplaceId"), StringComparer.Ordinal) ?? [];
            foreach (var participation in result.Required("ListParticipations").Children("Participation"))
            {
                var id = participation.RequiredText("MarketplaceId");
                var marketplace = marketplaces.GetValueOrDefault(id);
                participations.Add(new AmazonMarketplaceParticipation(id, participation.RequiredText("SellerId"), participation.Bool("HasSellerSuspendedListings") ?? false,
                    marketplace?.Text("Name"), marketplace?.Text("DefaultCountryCode"), marketplace?.Text("DefaultCurrencyCode"), marketplace?.Text("DomainName")));
            }

            if (result.Text("NextToken") is not { } token)
            {
                return participations;
            }

            result = await client.SendAsync(seller, AmazonMwsOperation.ListMarketplaceParticipationsByNextToken, [new("NextToken", token)], cancellationToken).ConfigureAwait(false);
        }
    }
}
