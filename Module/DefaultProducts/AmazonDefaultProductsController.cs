using ErpAmazonModule.Api;
using ErpAmazonModule.Hosting;
using ErpAmazonModule.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Deltas;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.AspNetCore.OData.Results;
using Microsoft.AspNetCore.OData.Routing.Attributes;
using Microsoft.EntityFrameworkCore;
using Permissions = ErpAmazonModule.AmazonConnectorDefaults.Permissions;

namespace ErpAmazonModule.DefaultProducts;

/// <summary><c>/odata/amazon/DefaultProducts</c>: the products used when nothing else matches.</summary>
[ODataRouteComponent(AmazonConnectorDefaults.RoutePrefix)]
[Authorize(Policy = Permissions.Read)]
public sealed class DefaultProductsController(AmazonDbContext db, IAmazonHostProducts products, TimeProvider time) : AmazonODataController
{
    private const string EntitySet = "DefaultProducts";

    /// <summary>Lists the three default products.</summary>
    [AmazonEnableQuery]
    public IQueryable<AmazonDefaultProduct> Get() => Project(db.DefaultProducts);

    /// <summary>One default product.</summary>
    [AmazonEnableQuery]
    [ProducesResponseType<AmazonDefaultProduct>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Get(string key, CancellationToken cancellationToken) =>
        Enum.TryParse<AmazonDefaultProductKind>(key, out var kind)
            ? await SingleOrNotFoundAsync(Project(db.DefaultProducts.Where(d => d.Kind == kind)), EntitySet, $"'{key}'", cancellationToken)
            : NotFoundError(EntitySet, $"'{key}'");

    /// <summary>Points a default product at another host product (GiftWrap may be null to use Sale).</summary>
    [Authorize(Policy = Permissions.ManageOffers)]
    [ProducesResponseType<AmazonDefaultProduct>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Patch(string key, [FromBody] Delta<AmazonDefaultProduct>? delta, CancellationToken cancellationToken)
    {
        var entity = Enum.TryParse<AmazonDefaultProductKind>(key, out var kind)
            ? await db.DefaultProducts.SingleOrDefaultAsync(d => d.Kind == kind, cancellationToken)
            : null;
        if (entity is null)
        {
            return NotFoundError(EntitySet, $"'{key}'");
        }

        if (delta is null || !ModelState.IsValid)
        {
            return await InvalidBodyAsync();
        }

        const string field = nameof(AmazonDefaultProduct.ProductId);
        if (delta.GetChangedPropertyNames().FirstOrDefault(f => f != field) is { } other)
        {
            return FieldError(new(other, "is read-only."));
        }

        var patched = new AmazonDefaultProduct { Kind = key, ProductId = entity.ProductId };
        delta.Patch(patched);
        if (patched.ProductId is null && kind != AmazonDefaultProductKind.GiftWrap)
        {
            return FieldError(new(field, $"is required for {kind}; only GiftWrap may fall back to Sale."));
        }

        if (patched.ProductId is { } productId && await products.GetAsync(productId, cancellationToken) is null)
        {
            return FieldError(new(field, $"product {productId} does not exist in the ERP."));
        }

        entity.ProductId = patched.ProductId;
        entity.UpdatedOn = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return Updated(await Project(db.DefaultProducts.Where(d => d.Kind == kind)).SingleAsync(cancellationToken));
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
