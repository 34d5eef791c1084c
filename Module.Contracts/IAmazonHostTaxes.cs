namespace ErpAmazonModule.Hosting;

/// <summary>A tax of the host ERP.</summary>
/// <param name="Id">The host's tax id (opaque to the module).</param>
/// <param name="Name">Display name.</param>
/// <param name="Rate">Rate as a fraction (0.19 for 19 %).</param>
/// <param name="PriceIncluded">True when prices are entered tax-included for this tax.</param>
public sealed record AmazonHostTax(string Id, string Name, decimal Rate, bool PriceIncluded);

/// <summary>Amounts of one line as the host computes them.</summary>
public sealed record AmazonHostLineAmounts(decimal Untaxed, decimal Tax, decimal Total);

/// <summary>Fiscal positions and taxes port.</summary>
public interface IAmazonHostTaxes
{
    /// <summary>The fiscal position (its id) for this customer shipped to this delivery address, or null when none applies.</summary>
    Task<string?> GetFiscalPositionAsync(string customerId, string deliveryAddressId, CancellationToken cancellationToken);

    /// <summary>The product's sales taxes mapped through the fiscal position (unmapped when null).</summary>
    Task<IReadOnlyList<AmazonHostTax>> GetProductTaxesAsync(string productId, string? fiscalPositionId, CancellationToken cancellationToken);

    /// <summary>Computes a line: <paramref name="untaxedAmount"/> is the whole line before tax; rounding follows the currency.</summary>
    AmazonHostLineAmounts ComputeLine(decimal untaxedAmount, IReadOnlyList<AmazonHostTax> taxes, string currencyCode);

    /// <summary>Splits a tax-included total into untaxed amount and tax with these taxes; the total stays exact.</summary>
    AmazonHostLineAmounts ComputeLineFromTotal(decimal totalIncludingTax, IReadOnlyList<AmazonHostTax> taxes, string currencyCode);
}
