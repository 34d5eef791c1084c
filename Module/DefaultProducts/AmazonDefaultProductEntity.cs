namespace ErpAmazonModule.DefaultProducts;

/// <summary>What a default product stands in for.</summary>
public enum AmazonDefaultProductKind
{
    /// <summary>A SKU (or gift-wrap code) without a matching product.</summary>
    Sale,
    /// <summary>A shipping service level without a matching product.</summary>
    Shipping,
    /// <summary>Gift wrap without a matching product; falls back to <see cref="Sale"/> when unset.</summary>
    GiftWrap,
}

/// <summary>Which host product stands in for unmatched SKUs, shipping or gift wrap.</summary>
public sealed class AmazonDefaultProductEntity
{
    public AmazonDefaultProductKind Kind { get; set; }

    /// <summary>The host product; null only for <see cref="AmazonDefaultProductKind.GiftWrap"/> (falls back to Sale).</summary>
    public string? ProductId { get; set; }
    public DateTimeOffset UpdatedOn { get; set; }
}
