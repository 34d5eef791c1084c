using ErpAmazonModule.DefaultProducts;
using ErpAmazonModule.Hosting;

namespace ErpAmazonModule.Lifecycle;

/// <summary>Recurring job: restores default products that disappeared from the host.</summary>
public sealed class AmazonDefaultProductsJob(IAmazonHostSettings settings, AmazonDefaultProductsService defaultProducts)
{
    /// <summary>Runs once; does nothing while the module is disabled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (await settings.IsModuleEnabledAsync(cancellationToken))
        {
            await defaultProducts.EnsureAsync(cancellationToken);
        }
    }
}
