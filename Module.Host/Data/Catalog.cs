namespace ErpAmazonModule.Host.Data;

/// <summary>A product of the reference ERP.</summary>
public sealed class Product
{
    public int Id { get; set; }

    /// <summary>Internal reference (default code); Amazon SKUs are matched against it.</summary>
    public required string InternalReference { get; set; }
    public required string Name { get; set; }
    public bool IsService { get; set; }
    public bool IsActive { get; set; } = true;
    public decimal ListPrice { get; set; }

    /// <summary>Sales taxes applied before any fiscal position.</summary>
    public List<Tax> Taxes { get; set; } = [];
}

/// <summary>A sales tax.</summary>
public sealed class Tax
{
    public int Id { get; set; }
    public required string Name { get; set; }

    /// <summary>Rate as a fraction (0.19 for 19 %).</summary>
    public decimal Rate { get; set; }
    public bool PriceIncluded { get; set; }

    /// <summary>Country the tax belongs to.</summary>
    public required string CountryCode { get; set; }

    /// <summary>The company's default sales tax: what a product created without taxes is sold with.</summary>
    public bool IsDefaultSalesTax { get; set; }
}

/// <summary>Where a fiscal position applies.</summary>
public enum FiscalPositionScope
{
    /// <summary>Delivery to exactly <see cref="FiscalPosition.CountryCode"/>.</summary>
    Country,
    /// <summary>Delivery to another EU country than the company's.</summary>
    OtherEuCountry,
    /// <summary>Delivery outside the EU.</summary>
    OutsideEu,
}

/// <summary>Rules that replace taxes for some customers and destinations.</summary>
public sealed class FiscalPosition
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public FiscalPositionScope Scope { get; set; }
    public string? CountryCode { get; set; }

    /// <summary>Applies only to customers with a VAT number (B2B).</summary>
    public bool VatRequired { get; set; }

    /// <summary>Lower sequences are tried first.</summary>
    public int Sequence { get; set; }
    public List<FiscalPositionTaxMap> TaxMaps { get; set; } = [];
}

/// <summary>One tax replaced by another (or removed when <see cref="DestinationTaxId"/> is null).</summary>
public sealed class FiscalPositionTaxMap
{
    public int Id { get; set; }
    public int FiscalPositionId { get; set; }
    public int SourceTaxId { get; set; }
    public int? DestinationTaxId { get; set; }
}

/// <summary>A customer, or a delivery address (a child of its customer).</summary>
public sealed class Partner
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public string? Email { get; set; }
    public string? Street { get; set; }
    public string? Street2 { get; set; }
    public string? City { get; set; }
    public string? State { get; set; }
    public string? Zip { get; set; }
    public string? CountryCode { get; set; }
    public string? Phone { get; set; }
    public string? VatNumber { get; set; }
    public bool IsCompany { get; set; }

    /// <summary>The customer of a delivery address.</summary>
    public int? ParentId { get; set; }
    public bool IsDeliveryAddress { get; set; }

    /// <summary>Set on anonymous customers: what they stand for (e.g. one Amazon account).</summary>
    public string? AnonymousScope { get; set; }
    public List<Partner> Children { get; set; } = [];
}
