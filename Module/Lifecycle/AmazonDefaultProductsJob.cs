using ErpAmazonModule.DefaultProducts;
using ErpAmazonModule.Hosting;
using ErpAmazonModule.Settings;

namespace ErpAmazonModule.Lifecycle;

/// <summary>Recurring job: restores default products that disappeared from the host.</summary>
public sealed class AmazonDefaultProductsJob(IAmazonHostSettings settings, AmazonDefaultProductsService defaultProducts)
{
    /// <summary>Runs once; does nothing while the module is disabled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (await settings.GetAsync(AmazonSettings.Enabled, cancellationToken))
        {
            await defaultProducts.EnsureAsync(cancellationToken);
        }
    }
}
