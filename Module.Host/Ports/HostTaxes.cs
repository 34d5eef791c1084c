using ErpAmazonModule.Hosting;

namespace ErpAmazonModule.Host.Ports;

/// <summary>Fiscal positions and taxes port.</summary>
public sealed class HostTaxes(HostDbContext db, IConfiguration configuration, HostReferenceData reference) : IAmazonHostTaxes
{
    /// <summary>EU member states.</summary>
    public static readonly IReadOnlySet<string> EuCountries = new HashSet<string>(StringComparer.Ordinal)
    {
        "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT",
        "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
    };

    private string CompanyCountry => configuration["Erp:CompanyCountry"] ?? "DE";

    /// <inheritdoc />
    public async Task<string?> GetFiscalPositionAsync(string customerId, string deliveryAddressId, CancellationToken cancellationToken) =>
        HostIds.Of(await FiscalPositionAsync(HostIds.Require(customerId), HostIds.Require(deliveryAddressId), cancellationToken));

    private async Task<int?> FiscalPositionAsync(int customerId, int deliveryAddressId, CancellationToken cancellationToken)
    {
        // Partners this scope just created are still in the context: no need to read them back.
        var partners = db.Partners.Local.Where(p => p.Id == customerId || p.Id == deliveryAddressId).Select(p => (p.Id, p.CountryCode, p.VatNumber)).ToList();
        if (partners.Count < (customerId == deliveryAddressId ? 1 : 2))
        {
            partners = (await db.Partners.AsNoTracking().Where(p => p.Id == customerId || p.Id == deliveryAddressId)
                .Select(p => new { p.Id, p.CountryCode, p.VatNumber }).ToListAsync(cancellationToken)).Select(p => (p.Id, p.CountryCode, p.VatNumber)).ToList();
        }

        var customer = partners.Single(p => p.Id == customerId);
        var country = partners.Single(p => p.Id == deliveryAddressId).CountryCode ?? customer.CountryCode;
        if (country is null)
        {
            return null;
        }

        var hasVat = !string.IsNullOrWhiteSpace(customer.VatNumber);
        var positions = (await reference.GetAsync(db, cancellationToken)).FiscalPositions;
        return positions.FirstOrDefault(f => (!f.VatRequired || hasVat) && Matches(f, country))?.Id;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AmazonHostTax>> GetProductTaxesAsync(string productId, string? fiscalPositionId, CancellationToken cancellationToken)
    {
        var key = HostIds.Require(productId);
        var taxes = await db.Products.AsNoTracking().Where(p => p.Id == key).SelectMany(p => p.Taxes).ToListAsync(cancellationToken);
        var known = await reference.GetAsync(db, cancellationToken);
        if (HostIds.Parse(fiscalPositionId) is { } positionId && known.FiscalPositions.SingleOrDefault(f => f.Id == positionId) is { } position)
        {
            var maps = position.TaxMaps;
            taxes = taxes.SelectMany(t => maps.Any(m => m.SourceTaxId == t.Id)
                    ? maps.Where(m => m.SourceTaxId == t.Id && m.DestinationTaxId != null).Select(m => m.DestinationTaxId!.Value)
                    : [t.Id])
                .Distinct().Select(id => known.Taxes[id]).ToList();
        }

        return taxes.OrderBy(t => t.Id).Select(ToPort).ToList();
    }

    /// <summary>A tax as the contract shows it.</summary>
    public static AmazonHostTax ToPort(Tax tax)
    {
        ArgumentNullException.ThrowIfNull(tax);
        return new AmazonHostTax(HostIds.Of(tax.Id), tax.Name, tax.Rate, tax.PriceIncluded);
    }

    /// <inheritdoc />
    public AmazonHostLineAmounts ComputeLine(decimal untaxedAmount, IReadOnlyList<AmazonHostTax> taxes, string currencyCode)
    {
        ArgumentNullException.ThrowIfNull(taxes);
        var untaxed = HostCurrencies.Round(untaxedAmount, currencyCode);
        var tax = taxes.Sum(t => HostCurrencies.Round(untaxed * t.Rate, currencyCode));
        return new AmazonHostLineAmounts(untaxed, tax, untaxed + tax);
    }

    /// <inheritdoc />
    public AmazonHostLineAmounts ComputeLineFromTotal(decimal totalIncludingTax, IReadOnlyList<AmazonHostTax> taxes, string currencyCode)
    {
        ArgumentNullException.ThrowIfNull(taxes);
        var total = HostCurrencies.Round(totalIncludingTax, currencyCode);
        var rates = taxes.Sum(t => t.Rate);
        var tax = taxes.Sum(t => HostCurrencies.Round(total * t.Rate / (1 + rates), currencyCode));
        return new AmazonHostLineAmounts(total - tax, tax, total);
    }

    private bool Matches(FiscalPosition position, string country) => position.Scope switch
    {
        FiscalPositionScope.Country => position.CountryCode == country,
        FiscalPositionScope.OtherEuCountry => EuCountries.Contains(country) && country != CompanyCountry,
        FiscalPositionScope.OutsideEu => !EuCountries.Contains(country),
        _ => false,
    };
}
