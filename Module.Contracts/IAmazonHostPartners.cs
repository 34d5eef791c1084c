namespace ErpAmazonModule.Hosting;

/// <summary>A postal address as Amazon gives it.</summary>
public sealed record AmazonHostAddress(
    string Name,
    string? Street,
    string? Street2,
    string? City,
    string? StateOrRegion,
    string? PostalCode,
    string CountryCode,
    string? Phone);

/// <summary>A buyer as Amazon gives it; e-mail and address are what make a customer unique.</summary>
public sealed record AmazonHostCustomer(string Name, string? Email, AmazonHostAddress? BillingAddress, string? VatNumber, bool IsCompany);

/// <summary>
/// Whom an order is for: a customer, or, when Amazon withholds the buyer, the anonymous "Amazon customer" of
/// <see cref="AnonymousScope"/> (one per account); and the address the order ships to (a child of the customer).
/// </summary>
public sealed record AmazonHostBuyer(AmazonHostCustomer? Customer, string? AnonymousScope, AmazonHostAddress DeliveryAddress)
{
    /// <summary>A known buyer.</summary>
    public static AmazonHostBuyer Known(AmazonHostCustomer customer, AmazonHostAddress deliveryAddress) => new(customer, null, deliveryAddress);

    /// <summary>A buyer Amazon withheld, shipped to <paramref name="deliveryAddress"/> (as much of it as Amazon gives).</summary>
    public static AmazonHostBuyer Anonymous(string scope, AmazonHostAddress deliveryAddress) => new(null, scope, deliveryAddress);
}

/// <summary>The host's partners for a buyer (opaque ids).</summary>
public sealed record AmazonHostBuyerIds(string CustomerId, string DeliveryAddressId);

/// <summary>Partners port: customers and their delivery addresses.</summary>
public interface IAmazonHostPartners
{
    /// <summary>
    /// Reads, without creating anything, the partners that already exist for each buyer (one answer per buyer, in
    /// order; null when the customer or its delivery address does not exist yet). The module asks once per page of orders.
    /// </summary>
    Task<IReadOnlyList<AmazonHostBuyerIds?>> FindBuyersAsync(IReadOnlyList<AmazonHostBuyer> buyers, CancellationToken cancellationToken);

    /// <summary>
    /// Finds the customer (by e-mail, else name and address; or the anonymous customer of the scope) and its delivery
    /// address equal to this one, creating what is missing. Never creates a second customer or address for the same buyer.
    /// </summary>
    Task<AmazonHostBuyerIds> FindOrCreateBuyerAsync(AmazonHostBuyer buyer, CancellationToken cancellationToken);
}
