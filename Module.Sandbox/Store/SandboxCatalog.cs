namespace ErpAmazonModule.Sandbox.Store;

/// <summary>What the sandbox knows before anyone registers anything: marketplaces, credentials, SKUs.</summary>
public static class SandboxCatalog
{
    /// <summary>Marketplaces as Amazon's Sellers API lists them.</summary>
    public static readonly IReadOnlyList<SandboxMarketplace> Marketplaces =
    [
        new("ATVPDKIKX0DER", "NA", "Amazon.com", "US", "USD", "en_US", "www.amazon.com", false),
        new("A2EUQ1WTGCTBG2", "NA", "Amazon.ca", "CA", "CAD", "en_CA", "www.amazon.ca", false),
        new("A1AM78C64UM0Y8", "NA", "Amazon.com.mx", "MX", "MXN", "es_MX", "www.amazon.com.mx", true),
        new("A1PA6795UKMFR9", "EU", "Amazon.de", "DE", "EUR", "de_DE", "www.amazon.de", true),
        new("A13V1IB3VIYZZH", "EU", "Amazon.fr", "FR", "EUR", "fr_FR", "www.amazon.fr", true),
        new("APJ6JRA9NG5V4", "EU", "Amazon.it", "IT", "EUR", "it_IT", "www.amazon.it", true),
        new("A1RKKUPIHCS9HS", "EU", "Amazon.es", "ES", "EUR", "es_ES", "www.amazon.es", true),
        new("A1F83G8C2ARO7P", "EU", "Amazon.co.uk", "GB", "GBP", "en_GB", "www.amazon.co.uk", true),
        new("A1805IZSGTT6HS", "EU", "Amazon.nl", "NL", "EUR", "nl_NL", "www.amazon.nl", true),
        new("A2NODRKZP88ZB9", "EU", "Amazon.se", "SE", "SEK", "sv_SE", "www.amazon.se", true),
        new("A1VC38T7YXB528", "FE", "Amazon.co.jp", "JP", "JPY", "ja_JP", "www.amazon.co.jp", true),
        new("A39IBJ37TRP1C6", "FE", "Amazon.com.au", "AU", "AUD", "en_AU", "www.amazon.com.au", true),
    ];

    /// <summary>The seeded developer per region (documented in the README).</summary>
    public static readonly IReadOnlyList<SandboxDeveloper> Developers =
    [
        new("1111-2222-3333", "NA", "AKIASANDBOXNA0000001", "SandboxNorthAmericaSecretKey/0123456789abcd", "ERP connector (NA)"),
        new("4444-5555-6666", "EU", "AKIASANDBOXEU0000001", "SandboxEuropeSecretKey/0123456789abcdefghijk", "ERP connector (EU)"),
        new("7777-8888-9999", "FE", "AKIASANDBOXFE0000001", "SandboxFarEastSecretKey/0123456789abcdefghij", "ERP connector (FE)"),
    ];

    /// <summary>The seeded Selling Partner API application (Login with Amazon client), the same in every region.</summary>
    public static readonly SandboxApplication Application = new(
        "amzn1.application-oa2-client.sandbox0000000000000000000001", "amzn1.oa2-cs.v1.sandbox0000000000000000000000000000000000000000000001", "ERP connector");

    /// <summary>The LWA refresh token a seeded seller gave the seeded application (documented in the README).</summary>
    public static string RefreshToken(string sellerId) => $"Atzr|IwEBISandboxRefreshToken-{sellerId}";

    /// <summary>The seeded sellers: (seller id, region, MWS auth token, marketplaces, restricted role).</summary>
    public static readonly IReadOnlyList<(string SellerId, string Region, string Token, string[] Marketplaces, bool Restricted)> Sellers =
    [
        ("A1SANDBOXEU0001", "EU", "amzn.mws.5eb2c9a1-0000-4000-8000-00000000e001", ["A1PA6795UKMFR9", "A13V1IB3VIYZZH", "APJ6JRA9NG5V4", "A1RKKUPIHCS9HS", "A1F83G8C2ARO7P", "A1805IZSGTT6HS"], false),
        ("A1SANDBOXNA0001", "NA", "amzn.mws.5eb2c9a1-0000-4000-8000-00000000a001", ["ATVPDKIKX0DER", "A2EUQ1WTGCTBG2", "A1AM78C64UM0Y8"], false),
        ("A1SANDBOXFE0001", "FE", "amzn.mws.5eb2c9a1-0000-4000-8000-00000000f001", ["A1VC38T7YXB528", "A39IBJ37TRP1C6"], false),
        ("A1SANDBOXEU0002", "EU", "amzn.mws.5eb2c9a1-0000-4000-8000-00000000e002", ["A1PA6795UKMFR9"], true),
    ];

    /// <summary>SKUs the sandbox sells, with EUR list prices; the first ones are the reference ERP's product references.</summary>
    public static readonly IReadOnlyList<(string Sku, string Asin, string Title, decimal PriceEur)> Skus =
    [
        ("ECHO-DOT-5", "B09B8V1LZ3", "Smart speaker, 5th generation", 59.99m),
        ("KINDLE-PW-16", "B0CFPJYX7P", "E-reader 16 GB", 169.99m),
        ("USB-C-CABLE-2M", "B07THJGZ9Z", "USB-C cable 2 m", 12.99m),
        ("COFFEE-MUG-350", "B08KJH3L1M", "Ceramic coffee mug 350 ml", 14.50m),
        ("YOGA-MAT-GREEN", "B07PQ8XHGT", "Yoga mat, green", 34.90m),
        ("LED-BULB-E27", "B01N5Y0Q2X", "LED bulb E27 9 W", 7.49m),
        ("BACKPACK-25L", "B07D5M7R6T", "Hiking backpack 25 l", 89.00m),
        ("HEADPHONES-BT", "B0863TXGM3", "Bluetooth headphones", 129.00m),
        ("BOOK-COOKING-DE", "3833872401", "Kochbuch: Einfach gut kochen", 24.95m),
        ("BOOK-NOVEL-EN", "0143127748", "A novel (paperback)", 11.99m),
        ("NO-MATCH-CABLE-3M", "B0NOMATCH1", "HDMI cable 3 m (not in the ERP)", 9.99m),
        ("MYSTERY-GADGET-7", "B0NOMATCH2", "Gadget the ERP does not know", 42.00m),
    ];

    /// <summary>Buyer names, several of them non-ASCII.</summary>
    public static readonly IReadOnlyList<string> BuyerNames =
    [
        "Zoë Müller", "José Ñúñez", "山田 太郎", "Françoise Léger", "Søren Østergaard", "Łukasz Wójcik", "Anna Schmidt",
        "John Smith", "María García", "Giulia Rossi", "Émile Dubois", "佐藤 花子", "Olivia Brown", "Jörg Weiß",
    ];

    /// <summary>The country the sandbox's European sellers are established in (as the reference ERP's demo company is).</summary>
    public const string EuSellerCountry = "DE";

    private static readonly HashSet<string> EuCountries = ["AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"];

    /// <summary>
    /// The tax Amazon charges on an item, as its tax calculation does: the rate of the country the order ships to
    /// (EU distance sales are taxed where they arrive), the reduced rate for books where the country has one (Japan,
    /// Australia and the US tax books at the standard rate, the UK, Ireland and Mexico at zero), and none on an EU
    /// business order with a VAT number from another member state than the seller's (the buyer accounts for it). US
    /// buyers are taken to live where sales tax is 8.25 %.
    /// </summary>
    public static decimal TaxRate(string destinationCountry, string? sku, bool euBusinessWithVatNumber)
    {
        if (euBusinessWithVatNumber && destinationCountry != EuSellerCountry && EuCountries.Contains(destinationCountry))
        {
            return 0m;
        }

        var (standard, books) = destinationCountry switch
        {
            "DE" => (0.19m, 0.07m),
            "FR" => (0.20m, 0.055m),
            "IT" => (0.22m, 0.04m),
            "ES" => (0.21m, 0.04m),
            "NL" => (0.21m, 0.09m),
            "BE" => (0.21m, 0.06m),
            "PL" => (0.23m, 0.05m),
            "SE" => (0.25m, 0.06m),
            "IE" => (0.23m, 0m),
            "GB" => (0.20m, 0m),
            "JP" => (0.10m, 0.10m),
            "AU" => (0.10m, 0.10m),
            "US" => (0.0825m, 0.0825m),
            "CA" => (0.13m, 0.13m),
            "MX" => (0.16m, 0m),
            _ => (0.20m, 0.20m),
        };
        return sku?.StartsWith("BOOK-", StringComparison.Ordinal) == true ? books : standard;
    }

    public static decimal RateFromEur(string currency) => currency switch
    {
        "EUR" => 1m,
        "GBP" => 0.86m,
        "USD" => 1.08m,
        "CAD" => 1.47m,
        "MXN" => 18.5m,
        "JPY" => 160m,
        "AUD" => 1.65m,
        "SEK" => 11.4m,
        _ => 1m,
    };

    public static int Decimals(string currency) => currency == "JPY" ? 0 : 2;

    public static decimal Round(decimal amount, string currency) => Math.Round(amount, Decimals(currency), MidpointRounding.AwayFromZero);
}
