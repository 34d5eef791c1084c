namespace ErpAmazonModule.Sandbox.Store;

/// <summary>A developer registered with Amazon: keys per region.</summary>
public sealed record SandboxDeveloper(string DeveloperId, string Region, string AccessKeyId, string SecretKey, string Name);

/// <summary>A Selling Partner API application: its Login with Amazon client.</summary>
public sealed record SandboxApplication(string ClientId, string ClientSecret, string Name);

/// <summary>A seller's authorization of a developer (the MWS auth token).</summary>
public sealed class SandboxAuthorization
{
    public required string SellerId { get; init; }
    public required string AuthToken { get; init; }
    public required string DeveloperId { get; init; }
    public required DateTimeOffset GrantedOn { get; init; }
    public required DateTimeOffset ExpiresOn { get; set; }
    public bool Revoked { get; set; }
}

/// <summary>A seller and the marketplaces it sells in.</summary>
public sealed class SandboxSeller
{
    public required string SellerId { get; init; }
    public required string Region { get; init; }
    public required List<string> MarketplaceIds { get; init; }

    /// <summary>The developer's role for this seller lacks the PII role: buyer data is withheld.</summary>
    public bool RestrictedRole { get; set; }
}

/// <summary>A marketplace as Amazon's Sellers API describes it.</summary>
public sealed record SandboxMarketplace(string MarketplaceId, string Region, string Name, string CountryCode, string CurrencyCode, string LanguageCode, string DomainName, bool PricesIncludeTax);

/// <summary>A money amount as Amazon sends it.</summary>
public readonly record struct SandboxMoney(string CurrencyCode, decimal Amount)
{
    public static SandboxMoney Zero(string currency) => new(currency, 0m);
}

/// <summary>A postal address.</summary>
public sealed record SandboxAddress(string Name, string AddressLine1, string? AddressLine2, string City, string? StateOrRegion, string PostalCode, string CountryCode, string? Phone);

/// <summary>One status an order reaches at a time.</summary>
public sealed record SandboxStatusChange(DateTimeOffset At, string Status, int ItemsShipped);

/// <summary>An item of an order.</summary>
public sealed class SandboxOrderItem
{
    public required string OrderItemId { get; init; }
    public required string Asin { get; init; }
    public string? SellerSku { get; set; }
    public required string Title { get; init; }
    public int QuantityOrdered { get; set; }
    public int QuantityShipped { get; set; }
    public required SandboxMoney ItemPrice { get; set; }
    public required SandboxMoney ItemTax { get; set; }
    public SandboxMoney? ShippingPrice { get; set; }
    public SandboxMoney? ShippingTax { get; set; }
    public SandboxMoney? ShippingDiscount { get; set; }
    public SandboxMoney? ShippingDiscountTax { get; set; }
    public SandboxMoney? GiftWrapPrice { get; set; }
    public SandboxMoney? GiftWrapTax { get; set; }
    public string? GiftWrapLevel { get; set; }
    public string? GiftMessageText { get; set; }
    public bool IsGift { get; set; }
    public SandboxMoney? PromotionDiscount { get; set; }
    public SandboxMoney? PromotionDiscountTax { get; set; }
    public List<string> PromotionIds { get; init; } = [];
    public SandboxMoney? CodFee { get; set; }
    public SandboxMoney? CodFeeDiscount { get; set; }
    public string ConditionId { get; init; } = "New";

    /// <summary>Set by fault tests: the amount is written as this text instead of a number.</summary>
    public string? RawItemPriceAmount { get; set; }
}

/// <summary>An order and the statuses it goes through over time.</summary>
public sealed class SandboxOrder
{
    public required string AmazonOrderId { get; init; }
    public required string SellerId { get; init; }
    public required string MarketplaceId { get; init; }
    public required string FulfillmentChannel { get; init; }
    public required DateTimeOffset PurchaseDate { get; init; }
    public required string ShipServiceLevel { get; init; }
    public required string ShipmentServiceLevelCategory { get; init; }
    public required string PaymentMethod { get; init; }
    public required string BuyerName { get; set; }
    public required string BuyerEmail { get; set; }
    public required SandboxAddress ShippingAddress { get; set; }
    public string? BuyerVatNumber { get; init; }
    public bool IsBusinessOrder { get; init; }
    public string? PurchaseOrderNumber { get; init; }
    public bool IsPrime { get; init; }
    public bool WithholdBuyerData { get; init; }
    public required List<SandboxOrderItem> Items { get; init; }

    /// <summary>Status changes in time order; the order as seen at a moment is the last change not after it.</summary>
    public required List<SandboxStatusChange> Timeline { get; init; }

    /// <summary>Set by tests: what Amazon's payment for the order differs from its total (added to the first item's principal).</summary>
    public decimal PaymentAdjustment { get; set; }

    /// <summary>Set by tests: when Amazon refunds the whole order (otherwise some orders are refunded five days after shipping).</summary>
    public DateTimeOffset? RefundOn { get; set; }

    /// <summary>Changes made through the admin API after creation (each moves LastUpdateDate).</summary>
    public DateTimeOffset? EditedOn { get; set; }

    public SandboxStatusChange StatusAt(DateTimeOffset now) => Timeline.LastOrDefault(c => c.At <= now) ?? Timeline[0];

    /// <summary>What Amazon shows of the order at <paramref name="now"/>, whatever the protocol that carries it.</summary>
    public SandboxOrderView ViewAt(DateTimeOffset now)
    {
        var status = StatusAt(now);
        var pending = status.Status is "Pending" or "PendingAvailability";
        return new SandboxOrderView(
            status,
            pending,
            // No total for an order never paid: pending, or canceled before it was ever unshipped.
            Paid: !pending && !(status.Status == "Canceled" && !Timeline.Any(c => c.Status == "Unshipped" && c.At <= now)),
            UnitsOrdered: Items.Sum(i => i.QuantityOrdered),
            UnitsShipped: Math.Max(status.ItemsShipped, Items.Sum(i => i.QuantityShipped)),
            Marketplace: SandboxCatalog.Marketplaces.Single(m => m.MarketplaceId == MarketplaceId));
    }

    /// <summary>Visible from its purchase date on.</summary>
    public bool ExistsAt(DateTimeOffset now) => PurchaseDate <= now;

    public DateTimeOffset LastUpdateDateAt(DateTimeOffset now)
    {
        var status = StatusAt(now).At;
        return EditedOn is { } edited && edited <= now && edited > status ? edited : status;
    }
}

/// <summary>A feed the sandbox received; processed (orders changed, report written) once its <see cref="CompletedDate"/> has passed.</summary>
public sealed class SandboxFeed
{
    /// <summary>Amazon's id: MWS's FeedSubmissionId and the Selling Partner API's feedId alike.</summary>
    public required string FeedSubmissionId { get; init; }
    public required string SellerId { get; init; }
    public required string FeedType { get; init; }
    public required string Content { get; init; }
    public required DateTimeOffset SubmittedDate { get; init; }
    public required DateTimeOffset CompletedDate { get; init; }

    /// <summary>Marketplaces the feed was sent for (Selling Partner API; empty over MWS).</summary>
    public IReadOnlyList<string> MarketplaceIds { get; init; } = [];

    /// <summary>Set when processed: what each message came to.</summary>
    public bool Processed { get; set; }
    public List<(string MessageId, string Code, string Description)> Errors { get; } = [];
    public int MessagesProcessed { get; set; }

    /// <summary>The processing report, once processed (an XML <c>AmazonEnvelope</c>, or text for a flat file).</summary>
    public string? Report { get; set; }

    /// <summary>Selling Partner API: the document the report was stored in.</summary>
    public string? ResultDocumentId { get; set; }

    /// <summary>Where it stands at <paramref name="now"/>: queued for the first half of its processing time, in progress for the second, then done.</summary>
    public SandboxFeedStatus StatusAt(DateTimeOffset now) =>
        CompletedDate <= now ? SandboxFeedStatus.Done
        : now >= SubmittedDate + (CompletedDate - SubmittedDate) / 2 ? SandboxFeedStatus.InProgress
        : SandboxFeedStatus.InQueue;
}

/// <summary>A feed's processing status, whatever the protocol's words for it.</summary>
public enum SandboxFeedStatus
{
    InQueue,
    InProgress,
    Done,
}

/// <summary>A document of the Selling Partner API's Feeds API: uploaded by the caller (a feed) or written by the sandbox (a report).</summary>
public sealed class SandboxFeedDocument
{
    public required string FeedDocumentId { get; init; }
    public required string SellerId { get; init; }
    public required string ContentType { get; init; }
    public string? Content { get; set; }
}

/// <summary>A request as the sandbox answered it (for the admin API and tests).</summary>
public sealed record SandboxRequestRecord(DateTimeOffset At, string? Action, string? SellerId, int Status, string? ErrorCode);

/// <summary>An order as Amazon shows it at a moment: its status, whether it is pending (no buyer data) or was paid (a total), its units.</summary>
public sealed record SandboxOrderView(SandboxStatusChange Status, bool Pending, bool Paid, int UnitsOrdered, int UnitsShipped, SandboxMarketplace Marketplace);
