using ErpAmazonModule.Api;
using ErpAmazonModule.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Deltas;
using Microsoft.AspNetCore.OData.Routing.Attributes;
using Microsoft.EntityFrameworkCore;
using Permissions = ErpAmazonModule.AmazonConnectorDefaults.Permissions;

namespace ErpAmazonModule.DefaultProducts;

/// <summary><c>/odata/amazon/DefaultProducts</c>: the products used when nothing else matches. The work is <see cref="AmazonDefaultProductsService"/>'s.</summary>
[ODataRouteComponent(AmazonConnectorDefaults.RoutePrefix)]
[Authorize(Policy = Permissions.Read)]
public sealed class DefaultProductsController(AmazonDbContext db, AmazonDefaultProductsService defaults) : AmazonODataController
{
    private const string EntitySet = AmazonDefaultProductsService.EntitySet;

    /// <summary>Lists the three default products.</summary>
    [AmazonEnableQuery]
    public IQueryable<AmazonDefaultProduct> Get() => Project(db.DefaultProducts);

    /// <summary>One default product.</summary>
    [AmazonEnableQuery]
    [ProducesResponseType<AmazonDefaultProduct>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Get(string key, CancellationToken cancellationToken) =>
        AmazonDefaultProductsService.TryParseKind(key, out var kind)
            ? await SingleOrNotFoundAsync(Project(db.DefaultProducts.Where(d => d.Kind == kind)), EntitySet, $"'{key}'", cancellationToken)
            : Error(AmazonProblem.NotFound(EntitySet, $"'{key}'"));

    /// <summary>Points a default product at another host product (GiftWrap may be null to use Sale).</summary>
    [Authorize(Policy = Permissions.ManageOffers)]
    [ProducesResponseType<AmazonDefaultProduct>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Patch(string key, [FromBody] Delta<AmazonDefaultProduct>? delta, CancellationToken cancellationToken)
    {
        if (IfMatchWithoutETags(EntitySet) is { } precondition)
        {
            return Error(precondition);
        }

        if (delta is null || !ModelState.IsValid)
        {
            return AmazonDefaultProductsService.TryParseKind(key, out _) ? await InvalidBodyAsync() : Error(AmazonProblem.NotFound(EntitySet, $"'{key}'"));
        }

        var set = await defaults.SetAsync(key, delta.GetChangedPropertyNames().ToHashSet(StringComparer.Ordinal), d => delta.Patch(d), cancellationToken);
        return set.Problem is { } problem ? Error(problem) : Updated(await Project(db.DefaultProducts.Where(d => d.Kind == set.Value)).SingleAsync(cancellationToken));
    }

    private IQueryable<AmazonDefaultProduct> Project(IQueryable<AmazonDefaultProductEntity> query) =>
        query.Select(d => new AmazonDefaultProduct
        {
            Kind = d.Kind.ToString(),
            ProductId = d.ProductId,
            EffectiveProductId = d.ProductId ?? db.DefaultProducts.Where(s => s.Kind == AmazonDefaultProductKind.Sale).Select(s => s.ProductId).FirstOrDefault(),
            UpdatedOn = d.UpdatedOn,
        });
}
