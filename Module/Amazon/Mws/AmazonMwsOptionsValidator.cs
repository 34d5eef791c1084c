using Microsoft.Extensions.Options;

namespace ErpAmazonModule.Amazon.Mws;

/// <summary>
/// Checks the MWS options when the host starts (<c>ValidateOnStart</c>): a value out of range stops the host with the
/// key and the accepted values instead of being used as it is or clamped.
/// </summary>
internal sealed class AmazonMwsOptionsValidator : IValidateOptions<AmazonMwsOptions>
{
    public ValidateOptionsResult Validate(string? name, AmazonMwsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        void Require(bool condition, string key, object? value, string accepted)
        {
            if (!condition)
            {
                failures.Add($"{AmazonMwsOptions.Section}:{key} is '{value}'; {accepted}.");
            }
        }

        Require(!string.IsNullOrWhiteSpace(options.ApplicationName) && options.ApplicationName.Length <= 64, nameof(options.ApplicationName), options.ApplicationName, "set a name of 1 to 64 characters");
        Require(options.RetryCount is >= 0 and <= 10, nameof(options.RetryCount), options.RetryCount, "set 0 to 10");
        Require(options.RetryBaseDelay > TimeSpan.Zero && options.RetryBaseDelay <= TimeSpan.FromMinutes(5), nameof(options.RetryBaseDelay), options.RetryBaseDelay, "set more than 00:00:00 and at most 00:05:00");
        Require(options.AttemptTimeout >= TimeSpan.FromSeconds(1) && options.AttemptTimeout <= TimeSpan.FromMinutes(10), nameof(options.AttemptTimeout), options.AttemptTimeout, "set 00:00:01 to 00:10:00");
        Require(options.ThrottleTimeScale is > 0 and <= 100_000, nameof(options.ThrottleTimeScale), options.ThrottleTimeScale, "set more than 0 (1 against Amazon)");
        foreach (var (region, credentials) in options.Regions)
        {
            var prefix = $"Regions:{region}";
            Require(credentials.Endpoint is null || (credentials.Endpoint.IsAbsoluteUri && credentials.Endpoint.Scheme is "https" or "http"), $"{prefix}:Endpoint", credentials.Endpoint, "set an absolute http(s) URL such as https://mws-eu.amazonservices.com");
            Require(string.IsNullOrWhiteSpace(credentials.AccessKeyId) == string.IsNullOrWhiteSpace(credentials.SecretKey), $"{prefix}:AccessKeyId",
                string.IsNullOrWhiteSpace(credentials.AccessKeyId) ? "" : "(set)", "set both AccessKeyId and SecretKey, or neither");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
