namespace ErpAmazonModule.Shipments;

/// <summary>
/// The ERP's carrier names mapped to Amazon's carrier codes (the <c>CarrierCode</c> values of Amazon's OrderFulfillment
/// schema). A carrier whose name is one of the codes, or a common way of writing one, is sent as that code; any other is
/// sent as <c>CarrierName</c> with the ERP's name, which Amazon accepts but cannot track from.
/// </summary>
public static class AmazonCarriers
{
    private static readonly Dictionary<string, string> Codes = Build(
        ("USPS", ["United States Postal Service"]),
        ("UPS", ["United Parcel Service", "UPS Standard", "UPS Express"]),
        ("FedEx", ["Federal Express", "FedEx Ground"]),
        ("DHL", ["DHL Paket", "DHL Express", "DHL Parcel"]),
        ("DHL eCommerce", []),
        ("Deutsche Post", ["Deutsche Post Brief", "Warenpost"]),
        ("Hermes", ["Hermes Germany", "Evri"]),
        ("DPD", ["DPD Classic", "DPD Predict"]),
        ("GLS", ["General Logistics Systems"]),
        ("Royal Mail", ["Royal Mail Tracked 24", "Royal Mail Tracked 48"]),
        ("Parcelforce", ["Parcelforce Worldwide"]),
        ("Yodel", []),
        ("TNT", ["TNT Express"]),
        ("Chronopost", []),
        ("Colissimo", ["La Poste Colissimo"]),
        ("La Poste", []),
        ("Poste Italiane", []),
        ("BRT", ["Bartolini"]),
        ("SDA", []),
        ("SEUR", []),
        ("Correos", []),
        ("PostNL", []),
        ("Canada Post", ["Postes Canada"]),
        ("OnTrac", []),
        ("Japan Post", []),
        ("Yamato Transport", ["Yamato", "Kuroneko"]),
        ("Sagawa Express", ["Sagawa"]),
        ("Australia Post", ["AusPost"]),
        ("Estafeta", []));

    /// <summary>Amazon's carrier code for the ERP's <paramref name="carrier"/>, or null when it must go as a carrier name.</summary>
    public static string? CodeOf(string? carrier) =>
        carrier is null ? null : Codes.GetValueOrDefault(Normalize(carrier));

    private static Dictionary<string, string> Build(params (string Code, string[] Aliases)[] carriers)
    {
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (code, aliases) in carriers)
        {
            foreach (var name in aliases.Prepend(code))
            {
                codes[Normalize(name)] = code;
            }
        }

        return codes;
    }

    private static string Normalize(string name) => string.Concat(name.Where(char.IsLetterOrDigit)).ToUpperInvariant();
}
