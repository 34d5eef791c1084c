namespace ErpAmazonModule.DefaultProducts;

/// <summary>A default product, as the OData API shows and accepts it.</summary>
public sealed class AmazonDefaultProduct
{
    /// <summary>Key: <c>Sale</c>, <c>Shipping</c> or <c>GiftWrap</c> (a string, so URLs read <c>DefaultProducts('Sale')</c>).</summary>
    public string Kind { get; set; } = "";

    /// <summary>The host product; null only for GiftWrap, which then uses the Sale product.</summary>
    public string? ProductId { get; set; }

    /// <summary>The product actually used (GiftWrap falls back to Sale) (read-only).</summary>
    public string? EffectiveProductId { get; set; }

    /// <summary>Last change (read-only).</summary>
    public DateTimeOffset UpdatedOn { get; set; }
}
