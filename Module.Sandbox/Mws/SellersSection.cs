using System.Xml.Linq;
using ErpAmazonModule.Sandbox.Store;

namespace ErpAmazonModule.Sandbox.Mws;

/// <summary>Sellers API 2011-07-01: ListMarketplaceParticipations(+ByNextToken).</summary>
public sealed class SellersSection(SandboxStore store) : ISandboxSection
{
    public static readonly XNamespace Ns = "https://mws.amazonservices.com/Sellers/2011-07-01";

    public string Path => "/Sellers/2011-07-01";
    public string Version => "2011-07-01";
    public XNamespace Namespace => Ns;
    public IReadOnlyCollection<string> Actions { get; } = ["ListMarketplaceParticipations", "ListMarketplaceParticipationsByNextToken"];

    public XDocument Handle(SandboxRequest request, string requestId) => SandboxXml.Response(Ns, request.Action, Result(request), requestId);

    private XElement Result(SandboxRequest request)
    {
        if (request.Action == "ListMarketplaceParticipationsByNextToken")
        {
            // Every seller's participations fit in one page, so no token is ever valid.
            throw SandboxMwsError.NextTokenCorrupted();
        }

        var seller = store.Seller(request.SellerId)!;
        var marketplaces = SandboxCatalog.Marketplaces.Where(m => seller.MarketplaceIds.Contains(m.MarketplaceId)).ToList();
        return new XElement(Ns + "ListMarketplaceParticipationsResult",
            new XElement(Ns + "ListParticipations", seller.MarketplaceIds.Select(id => new XElement(Ns + "Participation",
                new XElement(Ns + "MarketplaceId", id), new XElement(Ns + "SellerId", seller.SellerId), new XElement(Ns + "HasSellerSuspendedListings", "No")))),
            new XElement(Ns + "ListMarketplaces", marketplaces.Select(m => new XElement(Ns + "Marketplace",
                new XElement(Ns + "MarketplaceId", m.MarketplaceId), new XElement(Ns + "Name", m.Name), new XElement(Ns + "DefaultCountryCode", m.CountryCode),
                new XElement(Ns + "DefaultCurrencyCode", m.CurrencyCode), new XElement(Ns + "DefaultLanguageCode", m.LanguageCode), new XElement(Ns + "DomainName", m.DomainName)))));
    }
}
