using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace ErpAmazonModule.Sandbox.Store;

/// <summary>The sandbox's state: who may call, what each seller sells, orders, feeds, what was received.</summary>
public sealed class SandboxStore
{
    private readonly Lock _lock = new();
    private readonly SandboxOptions _options;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, SandboxDeveloper> _developersByKey = new(StringComparer.Ordinal);
    private readonly List<SandboxAuthorization> _authorizations = [];
    private readonly Dictionary<string, SandboxSeller> _sellers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SandboxOrder> _orders = new(StringComparer.Ordinal);
    private readonly List<SandboxFeed> _feeds = [];
    private readonly ConcurrentDictionary<string, SandboxFeedDocument> _documents = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<SandboxRequestRecord> _requests = new();
    private readonly ConcurrentDictionary<(string? Action, int Status, string? ErrorCode), long> _answered = new();
    private readonly ConcurrentDictionary<string, object> _pages = new(StringComparer.Ordinal);
    private long _feedSequence = 50_000_000_000;

    public SandboxStore(IOptions<SandboxOptions> options, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
        Reset(_options.Seed);
    }

    public DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>The end of the seeded history: the configured epoch, or the start of the current UTC day.</summary>
    public DateTimeOffset Epoch => _options.Epoch?.ToUniversalTime() ?? new DateTimeOffset(Now.UtcDateTime.Date, TimeSpan.Zero);

    /// <summary>Forgets everything and seeds again: the same seed and epoch give the same data.</summary>
    public void Reset(int seed)
    {
        lock (_lock)
        {
            _developersByKey.Clear();
            _authorizations.Clear();
            _sellers.Clear();
            _orders.Clear();
            _feeds.Clear();
            _documents.Clear();
            _pages.Clear();
            _requests.Clear();
            _answered.Clear();
            var epoch = Epoch;
            foreach (var developer in SandboxCatalog.Developers)
            {
                _developersByKey[developer.AccessKeyId] = developer;
            }

            foreach (var (sellerId, region, token, marketplaces, restricted) in SandboxCatalog.Sellers)
            {
                var seller = new SandboxSeller { SellerId = sellerId, Region = region, MarketplaceIds = [.. marketplaces], RestrictedRole = restricted };
                _sellers[sellerId] = seller;
                _authorizations.Add(new SandboxAuthorization
                {
                    SellerId = sellerId,
                    AuthToken = token,
                    DeveloperId = SandboxCatalog.Developers.Single(d => d.Region == region).DeveloperId,
                    GrantedOn = epoch.AddDays(-30),
                    ExpiresOn = epoch.AddDays(335),
                });
                foreach (var order in OrderGenerator.Generate(seller, _options.OrdersPerSeller, seed, epoch, _options.HistoryDays))
                {
                    _orders[order.AmazonOrderId] = order;
                }
            }
        }
    }

    public SandboxDeveloper? DeveloperByAccessKey(string accessKeyId)
    {
        lock (_lock)
        {
            return _developersByKey.GetValueOrDefault(accessKeyId);
        }
    }

    public IReadOnlyList<SandboxDeveloper> Developers()
    {
        lock (_lock)
        {
            return [.. _developersByKey.Values];
        }
    }

    public void AddDeveloper(SandboxDeveloper developer)
    {
        lock (_lock)
        {
            _developersByKey[developer.AccessKeyId] = developer;
        }
    }

    /// <summary>Why the seller may not be called by this developer with this token, or null.</summary>
    public string? AuthorizationError(string sellerId, string? authToken, SandboxDeveloper developer)
    {
        lock (_lock)
        {
            if (!_sellers.ContainsKey(sellerId))
            {
                return $"Access denied: seller {sellerId} is not known.";
            }

            var own = _authorizations.Where(a => a.SellerId == sellerId && a.DeveloperId == developer.DeveloperId).ToList();
            if (authToken is null)
            {
                return "Access denied: MWSAuthToken is required when a developer acts for a seller.";
            }

            var match = own.FirstOrDefault(a => a.AuthToken == authToken);
            if (match is null)
            {
                return "Access denied: the MWSAuthToken is not valid for this seller and developer.";
            }

            if (match.Revoked)
            {
                return "Access denied: the seller revoked this authorization.";
            }

            return match.ExpiresOn <= Now ? "Access denied: the authorization expired; the seller must renew it." : null;
        }
    }

    public SandboxSeller? Seller(string sellerId)
    {
        lock (_lock)
        {
            return _sellers.GetValueOrDefault(sellerId);
        }
    }

    /// <summary>Registers (or replaces) a seller and grants <paramref name="developerId"/> a token.</summary>
    public SandboxAuthorization RegisterSeller(SandboxSeller seller, string developerId, string? token, TimeSpan validFor)
    {
        lock (_lock)
        {
            _sellers[seller.SellerId] = seller;
            var authorization = new SandboxAuthorization
            {
                SellerId = seller.SellerId,
                DeveloperId = developerId,
                AuthToken = token ?? $"amzn.mws.{Guid.NewGuid()}",
                GrantedOn = Now,
                ExpiresOn = Now + validFor,
            };
            _authorizations.Add(authorization);
            return authorization;
        }
    }

    public IReadOnlyList<SandboxAuthorization> Authorizations()
    {
        lock (_lock)
        {
            return [.. _authorizations];
        }
    }

    /// <summary>Revokes every token of the seller (or one token); false when none matched.</summary>
    public bool Revoke(string sellerId, string? token)
    {
        lock (_lock)
        {
            var matches = _authorizations.Where(a => a.SellerId == sellerId && (token is null || a.AuthToken == token)).ToList();
            matches.ForEach(a => a.Revoked = true);
            return matches.Count > 0;
        }
    }

    public bool Expire(string sellerId)
    {
        lock (_lock)
        {
            var matches = _authorizations.Where(a => a.SellerId == sellerId).ToList();
            matches.ForEach(a => a.ExpiresOn = Now.AddSeconds(-1));
            return matches.Count > 0;
        }
    }

    public IReadOnlyList<SandboxOrder> Orders(string sellerId)
    {
        lock (_lock)
        {
            ProcessDueFeeds();
            var now = Now;
            return _orders.Values.Where(o => o.SellerId == sellerId && o.ExistsAt(now)).ToList();
        }
    }

    public SandboxOrder? Order(string sellerId, string amazonOrderId)
    {
        lock (_lock)
        {
            ProcessDueFeeds();
            return _orders.TryGetValue(amazonOrderId, out var order) && order.SellerId == sellerId && order.ExistsAt(Now) ? order : null;
        }
    }

    public void PutOrder(SandboxOrder order)
    {
        lock (_lock)
        {
            _orders[order.AmazonOrderId] = order;
        }
    }

    /// <summary>Applies a change to an order under the store's lock; the change moves its LastUpdateDate to now.</summary>
    public SandboxOrder? ChangeOrder(string amazonOrderId, Action<SandboxOrder, DateTimeOffset> change)
    {
        lock (_lock)
        {
            if (!_orders.TryGetValue(amazonOrderId, out var order))
            {
                return null;
            }

            var now = Now;
            change(order, now);
            order.EditedOn = now;
            return order;
        }
    }

    /// <summary>Stores a submitted feed; it is processed once <see cref="SandboxOptions.FeedProcessingMinutes"/> have passed, at the first request after.</summary>
    public SandboxFeed AddFeed(string sellerId, string feedType, string content, IReadOnlyList<string>? marketplaceIds = null)
    {
        lock (_lock)
        {
            var feed = new SandboxFeed
            {
                FeedSubmissionId = (++_feedSequence).ToString(System.Globalization.CultureInfo.InvariantCulture),
                SellerId = sellerId,
                FeedType = feedType,
                Content = content,
                SubmittedDate = Now,
                CompletedDate = Now.AddMinutes(_options.FeedProcessingMinutes / Math.Max(_options.TimeScale, 0.0001)),
                MarketplaceIds = marketplaceIds ?? [],
            };
            _feeds.Add(feed);
            return feed;
        }
    }

    public IReadOnlyList<SandboxFeed> Feeds(string? sellerId = null)
    {
        lock (_lock)
        {
            ProcessDueFeeds();
            return _feeds.Where(f => sellerId is null || f.SellerId == sellerId).ToList();
        }
    }

    /// <summary>A new feed document of the Selling Partner API (its content comes with the upload, or is a report).</summary>
    public SandboxFeedDocument AddDocument(string sellerId, string contentType, string? content = null)
    {
        var document = new SandboxFeedDocument
        {
            FeedDocumentId = "amzn1.tortuga.4.eu." + Guid.NewGuid().ToString("N"),
            SellerId = sellerId,
            ContentType = contentType,
            Content = content,
        };
        _documents[document.FeedDocumentId] = document;
        return document;
    }

    public SandboxFeedDocument? Document(string feedDocumentId) => _documents.GetValueOrDefault(feedDocumentId);

    /// <summary>
    /// Processes the feeds whose processing time has come, in submission order, each at its completion time: as Amazon
    /// does, the orders change when a feed is processed, not when it is submitted. Called under the lock by every read of
    /// orders and feeds, so no reader sees the moment before a due feed was applied.
    /// </summary>
    private void ProcessDueFeeds()
    {
        var now = Now;
        foreach (var feed in _feeds.Where(f => !f.Processed && f.CompletedDate <= now))
        {
            SandboxFulfillmentFeeds.Process(feed, _orders, feed.CompletedDate);
            if (feed.MarketplaceIds.Count > 0)
            {
                feed.ResultDocumentId = AddDocument(feed.SellerId, SandboxFulfillmentFeeds.IsFlatFile(feed.FeedType) ? "text/tab-separated-values; charset=UTF-8" : "text/xml; charset=UTF-8", feed.Report).FeedDocumentId;
            }
        }
    }

    /// <summary>Keeps the rest of a listing for its NextToken.</summary>
    public string SavePage(object remainder)
    {
        var token = Convert.ToBase64String(Guid.NewGuid().ToByteArray()).TrimEnd('=');
        _pages[token] = remainder;
        return token;
    }

    public T? TakePage<T>(string token) where T : class => _pages.TryRemove(token, out var page) ? page as T : null;

    public void Record(SandboxRequestRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        _answered.AddOrUpdate((record.Action, record.Status, record.ErrorCode), 1, (_, n) => n + 1);
        _requests.Enqueue(record);
        while (_requests.Count > 10_000 && _requests.TryDequeue(out _))
        {
        }
    }

    /// <summary>The latest 10,000 requests.</summary>
    public IReadOnlyList<SandboxRequestRecord> Requests() => [.. _requests];

    /// <summary>Every request since the start or the last reset, counted by action, status and error code.</summary>
    public IReadOnlyDictionary<(string? Action, int Status, string? ErrorCode), long> Answered() => _answered.ToDictionary();

    /// <summary>Generates <paramref name="count"/> more orders for a known seller (the generator's cases, placed over the history days); returns how many the seller has.</summary>
    public int GenerateOrders(string sellerId, int count, int seed)
    {
        lock (_lock)
        {
            var seller = _sellers.GetValueOrDefault(sellerId) ?? throw new ArgumentException($"Seller {sellerId} is not known.", nameof(sellerId));
            foreach (var order in OrderGenerator.Generate(seller, count, seed, Now, _options.HistoryDays))
            {
                _orders[order.AmazonOrderId] = order;
            }

            return _orders.Values.Count(o => o.SellerId == sellerId);
        }
    }

    public SandboxOptions Options => _options;
}
