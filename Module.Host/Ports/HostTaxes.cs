using ErpAmazonModule.Hosting;

namespace ErpAmazonModule.Host.Ports;

/// <summary>Fiscal positions and taxes port.</summary>
public sealed class HostTaxes(HostDbContext db, IConfiguration configuration) : IAmazonHostTaxes
{
    /// <summary>EU member states.</summary>
    public static readonly IReadOnlySet<string> EuCountries = new HashSet<string>(StringComparer.Ordinal)
    {
        "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT",
        "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
    };

    private string CompanyCountry => configuration["Erp:CompanyCountry"] ?? "DE";

    /// <inheritdoc />
    public async Task<int?> GetFiscalPositionAsync(int customerId, int deliveryAddressId, CancellationToken cancellationToken)
    {
        var customer = await db.Partners.AsNoTracking().SingleAsync(p => p.Id == customerId, cancellationToken);
        var delivery = await db.Partners.AsNoTracking().SingleAsync(p => p.Id == deliveryAddressId, cancellationToken);
        var country = delivery.CountryCode ?? customer.CountryCode;
        if (country is null)
        {
            return null;
        }

        var hasVat = !string.IsNullOrWhiteSpace(customer.VatNumber);
        var positions = await db.FiscalPositions.AsNoTracking().OrderBy(f => f.Sequence).ThenBy(f => f.Id).ToListAsync(cancellationToken);
        return positions.FirstOrDefault(f => (!f.VatRequired || hasVat) && Matches(f, country))?.Id;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AmazonHostTax>> GetProductTaxesAsync(int productId, int? fiscalPositionId, CancellationToken cancellationToken)
    {
        var taxes = await db.Products.AsNoTracking().Where(p => p.Id == productId).SelectMany(p => p.Taxes).ToListAsync(cancellationToken);
        if (fiscalPositionId is { } positionId)
        {
            var maps = await db.FiscalPositionTaxMaps.AsNoTracking().Where(m => m.FiscalPositionId == positionId).ToListAsync(cancellationToken);
            var mappedIds = taxes.SelectMany(t => maps.Any(m => m.SourceTaxId == t.Id)
                    ? maps.Where(m => m.SourceTaxId == t.Id && m.DestinationTaxId != null).Select(m => m.DestinationTaxId!.Value)
                    : [t.Id])
                .Distinct().ToList();
            taxes = await db.Taxes.AsNoTracking().Where(t => mappedIds.Contains(t.Id)).ToListAsync(cancellationToken);
        }

        return taxes.OrderBy(t => t.Id).Select(t => new AmazonHostTax(t.Id, t.Name, t.Rate, t.PriceIncluded)).ToList();
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
