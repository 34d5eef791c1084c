using System.Collections.Concurrent;

namespace ErpAmazonModule.Amazon.SellingPartner;

/// <summary>
/// The Restricted Data Token each seller's orders are read with, kept for 50 minutes (Amazon's last an hour) across the
/// run's units of work; an answer "no token for this application" is kept as long, so a seller without the restricted
/// role is not asked again for every order.
/// </summary>
public sealed class AmazonSpRestrictedTokens(TimeProvider time)
{
    /// <summary>How long a token (or its refusal) is used.</summary>
    public static readonly TimeSpan Use = TimeSpan.FromMinutes(50);

    private readonly ConcurrentDictionary<string, (string? Token, DateTimeOffset Until)> _tokens = new(StringComparer.Ordinal);

    /// <summary>The seller's token, from <paramref name="create"/> when none is kept (null: Amazon gives none).</summary>
    public async Task<string?> GetAsync(AmazonSpSeller seller, Func<Task<string?>> create)
    {
        ArgumentNullException.ThrowIfNull(seller);
        ArgumentNullException.ThrowIfNull(create);
        var key = seller.CacheKey();
        if (_tokens.TryGetValue(key, out var kept) && kept.Until > time.GetUtcNow())
        {
            return kept.Token;
        }

        var token = await create().ConfigureAwait(false);
        _tokens[key] = (token, time.GetUtcNow() + Use);
        return token;
    }

    /// <summary>Forgets the seller's token: the next call asks Amazon again.</summary>
    public void Forget(AmazonSpSeller seller)
    {
        ArgumentNullException.ThrowIfNull(seller);
        _tokens.TryRemove(seller.CacheKey(), out _);
    }
}
