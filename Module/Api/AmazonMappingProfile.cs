using AutoMapper;
using ErpAmazonModule.Accounts;
using ErpAmazonModule.Marketplaces;
using ErpAmazonModule.Offers;
using ErpAmazonModule.Sync;

namespace ErpAmazonModule.Api;

/// <summary>Entity-to-API projections; run as SQL through <c>ProjectTo</c>. Business mapping lives elsewhere.</summary>
public sealed class AmazonMappingProfile : Profile
{
    /// <summary>ProjectTo parameter: accounts whose authorization expires before this are flagged.</summary>
    public const string WarnBeforeParameter = "warnBefore";

    /// <summary>ProjectTo parameter: the current hour; authorizations that ended before it are expired.</summary>
    public const string NowParameter = "now";

    public AmazonMappingProfile()
    {
        DateTimeOffset warnBefore = default;
        DateTimeOffset now = default;

        CreateMap<AmazonMarketplaceEntity, AmazonMarketplace>();

        CreateMap<AmazonAccountEntity, AmazonAccount>()
            .ForMember(d => d.AuthorizationToken, o => o.MapFrom(s => s.AuthorizationTokenMask))
            .ForMember(d => d.AuthorizationExpiresSoon, o => o.MapFrom(s => s.AuthorizationExpiresOn != null && s.AuthorizationExpiresOn < warnBefore))
            .ForMember(d => d.NeedsReauthorization, o => o.MapFrom(s => s.ReauthorizationNeededSince != null))
            .ForMember(d => d.AuthorizationState, o => o.MapFrom(s => s.AuthorizationExpiresOn == null ? AmazonAuthorizationState.Unknown
                : s.AuthorizationExpiresOn <= now ? AmazonAuthorizationState.Expired
                : s.AuthorizationExpiresOn < warnBefore ? AmazonAuthorizationState.ExpiresSoon
                : AmazonAuthorizationState.Valid))
            .ForMember(d => d.AvailableMarketplaces, o =>
            {
                o.MapFrom(s => s.Marketplaces.Select(am => am.Marketplace));
                o.ExplicitExpansion();
            })
            .ForMember(d => d.ActiveMarketplaces, o =>
            {
                o.MapFrom(s => s.Marketplaces.Where(am => am.IsActive).Select(am => am.Marketplace));
                o.ExplicitExpansion();
            });

        // Navigations are joined only when $expand asks for them (AmazonProjection).
        CreateMap<AmazonOfferEntity, AmazonOffer>()
            .ForMember(d => d.Account, o => o.ExplicitExpansion())
            .ForMember(d => d.Marketplace, o => o.ExplicitExpansion());
        CreateMap<AmazonSyncRunEntity, AmazonSyncRun>().ForMember(d => d.Account, o => o.ExplicitExpansion());
        CreateMap<ErpAmazonModule.Finance.AmazonFinancialEventEntity, ErpAmazonModule.Finance.AmazonFinancialEvent>();
        CreateMap<ErpAmazonModule.Finance.AmazonFinancialEventAmountEntity, ErpAmazonModule.Finance.AmazonFinancialEventAmount>();
        CreateMap<ErpAmazonModule.Finance.AmazonReconciliationEntity, ErpAmazonModule.Finance.AmazonReconciliation>();
        CreateMap<ErpAmazonModule.Shipments.AmazonShipmentEntity, ErpAmazonModule.Shipments.AmazonShipment>();
        CreateMap<ErpAmazonModule.Compliance.AmazonAuditEntryEntity, ErpAmazonModule.Compliance.AmazonAuditEntry>();
        CreateMap<ErpAmazonModule.Shipments.AmazonShipmentLineEntity, ErpAmazonModule.Shipments.AmazonShipmentLine>();
        CreateMap<AmazonOrderLinkEntity, AmazonOrderLink>().ForMember(d => d.Account, o => o.ExplicitExpansion());
    }
}
