namespace ErpAmazonModule.Hosting;

/// <summary>What the host erased of the buyers of some sales orders, and what it kept (by its own tax rules).</summary>
/// <param name="Orders">Sales orders whose buyer data is now erased (asked for before included).</param>
/// <param name="Partners">Customers and delivery addresses whose personal data the host erased this time.</param>
/// <param name="Kept">What the host keeps of them and why, in words (for example "country and postal code: VAT jurisdiction of the invoice").</param>
public sealed record AmazonHostBuyerErasure(int Orders, int Partners, IReadOnlyList<string> Kept);

/// <summary>
/// Buyer data port (optional, added in contract 1.4): Amazon's Data Protection Policy lets a seller keep a buyer's
/// personal data at most 30 days after shipment unless a tax reason requires longer. The module says which sales orders
/// are due; the host erases the names, e-mails, phones and street addresses of the customers and delivery addresses the
/// module created for their buyers, once none of those partners' other orders still needs them, and keeps what its tax
/// rules require. A host without it keeps buyer data; the module's developer profile says so.
/// </summary>
public interface IAmazonHostBuyerData
{
    /// <summary>Erases the buyer data of <paramref name="salesOrderIds"/>; asking again for the same orders erases nothing new.</summary>
    Task<AmazonHostBuyerErasure> EraseAsync(IReadOnlyList<string> salesOrderIds, CancellationToken cancellationToken);

    /// <summary>The roles that can read the buyers' names and addresses in the ERP (for the developer profile).</summary>
    IReadOnlyList<string> RolesWithAccess { get; }
}
