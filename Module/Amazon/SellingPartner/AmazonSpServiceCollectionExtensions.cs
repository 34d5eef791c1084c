using System.Net;
using ErpAmazonModule.Amazon;
using ErpAmazonModule.Amazon.SellingPartner;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Selling Partner API transport on its own (the connector registers it too).</summary>
public static class AmazonSpServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="AmazonSpClient"/> and Login with Amazon (options from <c>AmazonConnector:SellingPartner</c>) through
    /// <c>IHttpClientFactory</c>: 500, 503 and lost connections retried with exponential back-off and jitter, never a 4xx
    /// (a 429 is waited out by the client at the operation's rate); a timeout per attempt.
    /// </summary>
    public static IServiceCollection AddAmazonSpTransport(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AmazonSpOptions>().Bind(configuration.GetSection(AmazonSpOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AmazonSpOptions>, AmazonSpOptionsValidator>();
        services.AddSingleton<AmazonLwaTokens>();
        services.AddSingleton<AmazonSpRestrictedTokens>();
        services.AddSingleton<AmazonSpThrottle>();
        services.AddHttpClient<AmazonSpClient>(AmazonSpClient.HttpClientName).AddResilienceHandler(AmazonSpClient.HttpClientName, (pipeline, context) =>
        {
            var sp = context.ServiceProvider.GetRequiredService<IOptionsMonitor<AmazonSpOptions>>().CurrentValue;
            AmazonHttpResilience.Configure(pipeline, context, sp.RetryCount, sp.RetryBaseDelay, sp.AttemptTimeout, args => ValueTask.FromResult(args.Outcome switch
            {
                { Exception: HttpRequestException or TimeoutRejectedException } => true,
                { Result.StatusCode: HttpStatusCode.InternalServerError or HttpStatusCode.ServiceUnavailable } => true,
                _ => false,
            }));
        });
        services.AddTransient<AmazonSpSellers>();
        return services;
    }
}
