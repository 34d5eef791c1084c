using ErpAmazonModule.Host.Ports;

namespace ErpAmazonModule.Host.Data;

/// <summary>Demo data of the reference ERP: a German company selling on Amazon in Europe, the US and Japan.</summary>
public static class HostSeeder
{
    /// <summary>Internal references of the demo products; the local Amazon sandbox sells these SKUs (and some it does not know).</summary>
    public static readonly IReadOnlyList<(string Reference, string Name, decimal Price, bool Reduced)> DemoProducts =
    [
        ("ECHO-DOT-5", "Smart speaker, 5th generation", 59.99m, false),
        ("KINDLE-PW-16", "E-reader 16 GB", 169.99m, false),
        ("USB-C-CABLE-2M", "USB-C cable 2 m", 12.99m, false),
        ("COFFEE-MUG-350", "Ceramic coffee mug 350 ml", 14.50m, false),
        ("YOGA-MAT-GREEN", "Yoga mat, green", 34.90m, false),
        ("LED-BULB-E27", "LED bulb E27 9 W", 7.49m, false),
        ("BACKPACK-25L", "Hiking backpack 25 l", 89.00m, false),
        ("HEADPHONES-BT", "Bluetooth headphones", 129.00m, false),
        ("BOOK-COOKING-DE", "Cookbook (German edition)", 24.95m, true),
        ("BOOK-NOVEL-EN", "Novel (English edition)", 11.99m, true),
        // Shipping products named by the service level: as MWS and Orders v0 name it, and as Orders API 2026-01-01 does.
        ("Std", "Standard shipping", 0m, false),
        ("Expedited", "Expedited shipping", 0m, false),
        ("STANDARD", "Standard shipping (Orders API 2026-01-01)", 0m, false),
        ("EXPEDITED", "Expedited shipping (Orders API 2026-01-01)", 0m, false),
    ];

    private static readonly (string Country, string CountryName, decimal Standard, decimal Reduced)[] DestinationVat =
    [
        ("FR", "France", 0.20m, 0.055m),
        ("IT", "Italy", 0.22m, 0.04m),
        ("ES", "Spain", 0.21m, 0.04m),
        ("NL", "Netherlands", 0.21m, 0.09m),
        ("BE", "Belgium", 0.21m, 0.06m),
        ("PL", "Poland", 0.23m, 0.05m),
        ("SE", "Sweden", 0.25m, 0.06m),
        ("IE", "Ireland", 0.23m, 0.0m),
    ];

    /// <summary>Seeds an empty ERP; does nothing when products exist.</summary>
    public static async Task SeedAsync(HostDbContext db, CancellationToken cancellationToken)
    {
        if (await db.Products.AnyAsync(cancellationToken))
        {
            return;
        }

        db.StockLocations.AddRange(
            new StockLocation { Code = HostDeliveries.StockLocation, Name = "Warehouse stock" },
            new StockLocation { Code = HostDeliveries.AmazonLocation, Name = "Amazon fulfilment centres (FBA)" },
            new StockLocation { Code = HostDeliveries.CustomersLocation, Name = "Customers" });

        var vat19 = Tax("DE VAT 19%", 0.19m, "DE");
        vat19.IsDefaultSalesTax = true;
        var vat7 = Tax("DE VAT 7%", 0.07m, "DE");
        var reverseCharge = Tax("Intra-EU reverse charge 0%", 0m, "DE");
        var export = Tax("Export 0%", 0m, "DE");
        db.Taxes.AddRange(vat19, vat7, reverseCharge, export);

        foreach (var (reference, name, price, reduced) in DemoProducts)
        {
            db.Products.Add(new Product { InternalReference = reference, Name = name, ListPrice = price, IsService = price == 0m, Taxes = [reduced ? vat7 : vat19] });
        }

        await db.SaveChangesAsync(cancellationToken);

        var sequence = 10;
        db.FiscalPositions.Add(Position("Intra-EU B2B (reverse charge)", FiscalPositionScope.OtherEuCountry, null, vatRequired: true, sequence++, (vat19, reverseCharge), (vat7, reverseCharge)));
        foreach (var (country, countryName, standard, reducedRate) in DestinationVat)
        {
            var standardTax = Tax($"{country} VAT {standard * 100:0.#}%", standard, country);
            var reducedTax = Tax($"{country} VAT {reducedRate * 100:0.#}%", reducedRate, country);
            db.Taxes.AddRange(standardTax, reducedTax);
            await db.SaveChangesAsync(cancellationToken);
            db.FiscalPositions.Add(Position($"Intra-EU B2C {countryName} (destination VAT)", FiscalPositionScope.Country, country, vatRequired: false, sequence++, (vat19, standardTax), (vat7, reducedTax)));
        }

        var gb = Tax("GB VAT 20%", 0.20m, "GB");
        var gbZero = Tax("GB VAT 0%", 0m, "GB");
        var us = Tax("US Sales Tax 8.25%", 0.0825m, "US");
        // Japan's reduced 8 % is for food and newspapers: books pay the standard 10 %, as they do Australia's GST.
        var jp = Tax("JP Consumption Tax 10%", 0.10m, "JP");
        var au = Tax("AU GST 10%", 0.10m, "AU");
        var ca = Tax("CA HST 13%", 0.13m, "CA");
        var mx = Tax("MX IVA 16%", 0.16m, "MX");
        var mxZero = Tax("MX IVA 0%", 0m, "MX");
        db.Taxes.AddRange(gb, gbZero, us, jp, au, ca, mx, mxZero);
        await db.SaveChangesAsync(cancellationToken);
        db.FiscalPositions.AddRange(
            Position("United Kingdom (UK VAT)", FiscalPositionScope.Country, "GB", vatRequired: false, sequence++, (vat19, gb), (vat7, gbZero)),
            Position("United States (sales tax)", FiscalPositionScope.Country, "US", vatRequired: false, sequence++, (vat19, us), (vat7, us)),
            Position("Japan (consumption tax)", FiscalPositionScope.Country, "JP", vatRequired: false, sequence++, (vat19, jp), (vat7, jp)),
            Position("Australia (GST)", FiscalPositionScope.Country, "AU", vatRequired: false, sequence++, (vat19, au), (vat7, au)),
            Position("Canada (HST)", FiscalPositionScope.Country, "CA", vatRequired: false, sequence++, (vat19, ca), (vat7, ca)),
            Position("Mexico (IVA)", FiscalPositionScope.Country, "MX", vatRequired: false, sequence++, (vat19, mx), (vat7, mxZero)),
            Position("Export (outside the EU)", FiscalPositionScope.OutsideEu, null, vatRequired: false, 100, (vat19, export), (vat7, export)));
        await db.SaveChangesAsync(cancellationToken);
    }

    private static Tax Tax(string name, decimal rate, string country) => new() { Name = name, Rate = rate, CountryCode = country };

    private static FiscalPosition Position(string name, FiscalPositionScope scope, string? country, bool vatRequired, int sequence, params (Tax From, Tax To)[] maps) => new()
    {
        Name = name,
        Scope = scope,
        CountryCode = country,
        VatRequired = vatRequired,
        Sequence = sequence,
        TaxMaps = maps.Select(m => new FiscalPositionTaxMap { SourceTaxId = m.From.Id, DestinationTaxId = m.To.Id }).ToList(),
    };
}
