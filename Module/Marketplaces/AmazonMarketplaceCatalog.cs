using ErpAmazonModule.Accounts;

namespace ErpAmazonModule.Marketplaces;

/// <summary>
/// Amazon's marketplaces as the protocol page lists them (MWS endpoint and MarketplaceId per country),
/// plus the SP-API-only marketplaces. Only the US and Canada show prices without tax.
/// </summary>
public static class AmazonMarketplaceCatalog
{
    private const string MwsEu = "mws-eu.amazonservices.com";
    private const string SpApiEu = "sellingpartnerapi-eu.amazon.com";

    /// <summary>Every built-in marketplace.</summary>
    public static IReadOnlyList<AmazonMarketplaceEntity> BuiltIn { get; } =
    [
        Row("Amazon.com.br", "BR", "mws.amazonservices.com", "A2Q3Y263D00KWC", AmazonRegion.NA, "BRL"),
        Row("Amazon.ca", "CA", "mws.amazonservices.ca", "A2EUQ1WTGCTBG2", AmazonRegion.NA, "CAD", pricesIncludeTax: false),
        Row("Amazon.com.mx", "MX", "mws.amazonservices.com.mx", "A1AM78C64UM0Y8", AmazonRegion.NA, "MXN"),
        Row("Amazon.com", "US", "mws.amazonservices.com", "ATVPDKIKX0DER", AmazonRegion.NA, "USD", pricesIncludeTax: false),
        Row("Amazon.ae", "AE", "mws.amazonservices.ae", "A2VIGQ35RCS4UG", AmazonRegion.EU, "AED"),
        Row("Amazon.de", "DE", MwsEu, "A1PA6795UKMFR9", AmazonRegion.EU, "EUR"),
        Row("Amazon.eg", "EG", MwsEu, "ARBP9OOSHTCHU", AmazonRegion.EU, "EGP"),
        Row("Amazon.es", "ES", MwsEu, "A1RKKUPIHCS9HS", AmazonRegion.EU, "EUR"),
        Row("Amazon.fr", "FR", MwsEu, "A13V1IB3VIYZZH", AmazonRegion.EU, "EUR"),
        Row("Amazon.com.be", "BE", MwsEu, "AMEN7PMS3EDWL", AmazonRegion.EU, "EUR"),
        Row("Amazon.co.uk", "GB", MwsEu, "A1F83G8C2ARO7P", AmazonRegion.EU, "GBP"),
        Row("Amazon.in", "IN", "mws.amazonservices.in", "A21TJRUUN4KGV", AmazonRegion.EU, "INR"),
        Row("Amazon.it", "IT", MwsEu, "APJ6JRA9NG5V4", AmazonRegion.EU, "EUR"),
        Row("Amazon.nl", "NL", MwsEu, "A1805IZSGTT6HS", AmazonRegion.EU, "EUR"),
        Row("Amazon.pl", "PL", MwsEu, "A1C3SOZRARQ6R3", AmazonRegion.EU, "PLN"),
        Row("Amazon.sa", "SA", MwsEu, "A17E79C6D8DWNP", AmazonRegion.EU, "SAR"),
        Row("Amazon.se", "SE", MwsEu, "A2NODRKZP88ZB9", AmazonRegion.EU, "SEK"),
        Row("Amazon.com.tr", "TR", MwsEu, "A33AVAJ2PDY3EV", AmazonRegion.EU, "TRY"),
        Row("Amazon.sg", "SG", "mws-fe.amazonservices.com", "A19VAU5U5O7RUS", AmazonRegion.FE, "SGD"),
        Row("Amazon.com.au", "AU", "mws.amazonservices.com.au", "A39IBJ37TRP1C6", AmazonRegion.FE, "AUD"),
        Row("Amazon.co.jp", "JP", "mws.amazonservices.jp", "A1VC38T7YXB528", AmazonRegion.FE, "JPY"),
        Row("Amazon.ie", "IE", SpApiEu, "A28R8C7NBKEWEA", AmazonRegion.EU, "EUR", spApiOnly: true),
        Row("Amazon.co.za", "ZA", SpApiEu, "AE08WJ6YKNBMC", AmazonRegion.EU, "ZAR", spApiOnly: true),
    ];

    private static AmazonMarketplaceEntity Row(
        string name, string country, string endpoint, string marketplaceId, AmazonRegion region, string currency,
        bool pricesIncludeTax = true, bool spApiOnly = false) => new()
        {
            Name = name,
            CountryCode = country,
            Endpoint = endpoint,
            ApiIdentifier = marketplaceId,
            Region = region,
            CurrencyCode = currency,
            PricesIncludeTax = pricesIncludeTax,
            IsBuiltIn = true,
            SpApiOnly = spApiOnly,
        };
}
