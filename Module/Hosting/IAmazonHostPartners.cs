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

/// <summary>Partners port: customers and their delivery addresses.</summary>
public interface IAmazonHostPartners
{
    /// <summary>Finds the customer with this e-mail (and name), or creates it. Never creates a second one for the same buyer.</summary>
    Task<int> FindOrCreateCustomerAsync(AmazonHostCustomer customer, CancellationToken cancellationToken);

    /// <summary>Finds the delivery address (a child of the customer) equal to this one, or creates it.</summary>
    Task<int> FindOrCreateDeliveryAddressAsync(int customerId, AmazonHostAddress address, CancellationToken cancellationToken);

    /// <summary>The anonymous "Amazon customer" partner used when Amazon withholds buyer data; one per <paramref name="scope"/> (the account).</summary>
    Task<int> GetAnonymousCustomerAsync(string scope, CancellationToken cancellationToken);
}
