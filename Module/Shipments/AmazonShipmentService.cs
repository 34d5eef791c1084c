using ErpAmazonModule.Accounts;
using ErpAmazonModule.Amazon;
using ErpAmazonModule.Api;
using ErpAmazonModule.Hosting;
using ErpAmazonModule.Persistence;
using ErpAmazonModule.Sync;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ErpAmazonModule.Shipments;

/// <summary>What a run of an account's shipment confirmations did.</summary>
public sealed record AmazonShipmentRunResult(int AccountId, int DeliveriesRead, int Queued, int Incomplete, int Sent, int Confirmed, int Failed, int FeedsSubmitted, int FeedsFound);

/// <summary>
/// Confirms the ERP's validated deliveries of an account's merchant-fulfilled orders to Amazon (ADR 0012), in four steps
/// that each survive being killed at any point:
/// <list type="number">
/// <item>read the deliveries validated since the account's watermark (less an overlap) from the host, store each once
/// (unique per delivery) as <c>Queued</c>, or <c>Incomplete</c> with the reason when Amazon could not take it;</item>
/// <item>settle feeds whose submission has an unknown outcome (<c>Preparing</c>): look for them at Amazon; found, they
/// are <c>Submitted</c>; not found, their shipments go back to the queue. A feed is never sent again blindly;</item>
/// <item>poll submitted feeds; once processed, each shipment is <c>Confirmed</c> or <c>Failed</c> with Amazon's message;</item>
/// <item>send what is queued as one feed (at most <see cref="MaxMessagesPerFeed"/> messages): recorded as
/// <c>Preparing</c> before it is submitted, <c>Submitted</c> after.</item>
/// </list>
/// One sender per account at a time (a lock of its own); the ERP's validation never waits for any of it.
/// </summary>
public sealed partial class AmazonShipmentService(IServiceScopeFactory scopes, AmazonAccountLocks locks, TimeProvider time, ILogger<AmazonShipmentService> logger)
{
    /// <summary>Deliveries read from the ERP per page.</summary>
    public const int DeliveriesPerPage = 200;

    /// <summary>Messages per feed (Amazon advises batching confirmations rather than one feed per order).</summary>
    public const int MaxMessagesPerFeed = 500;

    /// <summary>Feeds a shipment is put in before sending gives up (each run that cannot reach Amazon counts once).</summary>
    public const int MaxAttempts = 10;

    /// <summary>How far before the watermark deliveries are read again, so a validation committed a moment out of order is not missed.</summary>
    public static readonly TimeSpan ReadOverlap = TimeSpan.FromMinutes(10);

    /// <summary>Clock difference allowed between this installation and Amazon when looking for a submission.</summary>
    private static readonly TimeSpan SubmissionSkew = TimeSpan.FromMinutes(5);

    /// <summary>Runs the four steps for <paramref name="accountId"/>; a problem when it cannot run at all.</summary>
    public async Task<AmazonResult<AmazonShipmentRunResult>> RunAsync(int accountId, CancellationToken cancellationToken)
    {
        using var held = locks.TryTakeShipments(accountId, TimeSpan.FromSeconds(5));
        if (held is null)
        {
            return AmazonProblem.Busy($"The shipments of account {accountId} are being sent by another run; try again in a moment.");
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AmazonDbContext>();
        var account = await db.Accounts.AsNoTracking().Include(a => a.Marketplaces).ThenInclude(m => m.Marketplace).SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account is null)
        {
            return AmazonProblem.NotFound("Accounts", accountId);
        }

        var host = scope.ServiceProvider.GetService<IAmazonHostShipments>();
        if (host is null)
        {
            return AmazonProblem.NotPossible("This ERP does not report validated deliveries (the shipments port of host contract 1.3), so no shipment can be confirmed to Amazon.");
        }

        var counts = new Counts();
        await CollectAsync(db, host, account, counts, cancellationToken);

        AmazonSellerContext seller;
        IAmazonFeedSource source;
        try
        {
            seller = scope.ServiceProvider.GetRequiredService<AmazonSyncRunContextLoader>().Seller(account);
            source = scope.ServiceProvider.GetServices<IAmazonFeedSource>().FirstOrDefault(s => s.Api == seller.Api)
                ?? throw new AmazonConfigurationException($"This installation cannot send feeds over {seller.Api}.");
        }
        catch (Exception e) when (e is AmazonSyncNotPossibleException or AmazonConfigurationException)
        {
            return AmazonProblem.NotPossible($"{e.Message} The deliveries read are kept and sent once that is fixed.");
        }

        var marketplaceIds = account.Marketplaces.Where(m => m.IsActive && m.Marketplace is not null).Select(m => m.Marketplace!.ApiIdentifier).Take(25).ToList();
        try
        {
            await SettleUnknownAsync(db, source, seller, accountId, counts, cancellationToken);
            await PollAsync(db, source, seller, accountId, counts, cancellationToken);
            await SendAsync(db, source, seller, marketplaceIds, accountId, counts, cancellationToken);
        }
        catch (Exception e) when (AmazonErrors.Classify(e) is { } kind)
        {
            LogAmazonProblem(logger, accountId, AmazonErrors.Describe(e));
            return kind == AmazonErrorKind.Transient
                ? new AmazonProblem(AmazonOutcome.AmazonUnavailable, "AmazonUnavailable", $"{AmazonErrors.Describe(e)} Nothing is lost: the shipments are sent on the next run.", [])
                : AmazonProblem.NotPossible($"{AmazonErrors.Describe(e)}{(kind == AmazonErrorKind.Unauthorized ? " The seller's authorization was refused; save a new token on the account." : "")}");
        }

        return counts.Result(accountId);
    }

    /// <summary>
    /// Queues shipment <paramref name="id"/> again (a failed or incomplete one), with the carrier, method or tracking number
    /// given (<paramref name="carrier"/> etc. fill in what the ERP's delivery lacked); its attempts start again.
    /// </summary>
    public async Task<AmazonResult<AmazonShipmentEntity>> RetryAsync(int id, object? carrier, object? shippingMethod, object? trackingNumber, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AmazonDbContext>();
        var shipment = await db.Shipments.Include(s => s.Lines).SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (shipment is null)
        {
            return AmazonProblem.NotFound("Shipments", id);
        }

        if (shipment.State is not (AmazonShipmentState.Failed or AmazonShipmentState.Incomplete))
        {
            return AmazonProblem.Conflict("State", $"shipment {id} is {shipment.State}: only a failed or incomplete shipment can be retried.");
        }

        var errors = new List<AmazonFieldError>();
        string? Text(object? value, string field)
        {
            if (value is null)
            {
                return null;
            }

            if (value is not string text || text.Trim().Length is 0 or > 64)
            {
                errors.Add(new AmazonFieldError(field, "must be text of 1 to 64 characters."));
                return null;
            }

            return text.Trim();
        }

        var newCarrier = Text(carrier, "Carrier");
        var newMethod = Text(shippingMethod, "ShippingMethod");
        var newTracking = Text(trackingNumber, "TrackingNumber");
        if (errors.Count > 0)
        {
            return AmazonProblem.Invalid(errors);
        }

        var next = (Carrier: newCarrier ?? shipment.Carrier, Method: newMethod ?? shipment.ShippingMethod, Tracking: newTracking ?? shipment.TrackingNumber);
        if (Incompleteness(next.Carrier, next.Tracking, shipment.Lines.Count) is { } missing)
        {
            return AmazonProblem.Invalid(next.Carrier is null ? "Carrier" : "TrackingNumber", $"is required: {missing}");
        }

        shipment.Carrier = next.Carrier;
        shipment.CarrierCode = AmazonCarriers.CodeOf(next.Carrier);
        shipment.ShippingMethod = next.Method;
        shipment.TrackingNumber = next.Tracking;
        shipment.State = AmazonShipmentState.Queued;
        shipment.Attempts = 0;
        shipment.Message = "Queued again by hand; sent with the account's next feed.";
        shipment.UpdatedOn = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return shipment;
    }

    private async Task CollectAsync(AmazonDbContext db, IAmazonHostShipments host, AmazonAccountEntity account, Counts counts, CancellationToken cancellationToken)
    {
        var origin = AmazonSyncRunContext.OriginOf(account.Region, account.SellerId);
        var since = (account.ShipmentsWatermark ?? account.CreatedOn) - ReadOverlap;
        while (true)
        {
            var deliveries = await host.ListValidatedAsync(origin, since, DeliveriesPerPage, cancellationToken);
            if (deliveries.Count == 0)
            {
                return;
            }

            counts.Read += deliveries.Count;
            var ids = deliveries.Select(d => d.DeliveryId).ToList();
            var known = (await db.Shipments.Where(s => s.AccountId == account.Id && ids.Contains(s.DeliveryId)).Select(s => s.DeliveryId).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
            var orderIds = deliveries.Select(d => d.SalesOrderId).Distinct().ToList();
            var links = await db.OrderLinks.AsNoTracking()
                .Where(l => l.AccountId == account.Id && l.SalesOrderId != null && orderIds.Contains(l.SalesOrderId))
                .Select(l => new { l.SalesOrderId, l.AmazonOrderId, l.FulfillmentChannel })
                .ToListAsync(cancellationToken);
            var now = time.GetUtcNow();
            foreach (var delivery in deliveries.Where(d => !known.Contains(d.DeliveryId)))
            {
                // Only the seller's own deliveries of Amazon orders: Amazon ships its FBA orders itself. An order whose link
                // the sync has not recorded yet (it died between the ERP's commit and its own) is known by the sales
                // order's client reference, so its delivery is not passed over.
                var link = links.FirstOrDefault(l => l.SalesOrderId == delivery.SalesOrderId);
                var amazonOrderId = link?.AmazonOrderId ?? delivery.ClientReference;
                if (amazonOrderId is null || link?.FulfillmentChannel == AmazonFulfillmentChannel.Amazon)
                {
                    continue;
                }

                var shipment = New(account.Id, amazonOrderId, delivery, now);
                db.Shipments.Add(shipment);
                if (shipment.State == AmazonShipmentState.Incomplete)
                {
                    counts.Incomplete++;
                    LogIncomplete(logger, account.Id, delivery.DeliveryId, shipment.Message!);
                }
                else
                {
                    counts.Queued++;
                }
            }

            // The page's shipments first, then the watermark: killed in between, the page is read again and adds nothing twice.
            await db.SaveChangesAsync(cancellationToken);
            var last = deliveries[^1].ValidatedOn;
            if (last > (account.ShipmentsWatermark ?? DateTimeOffset.MinValue))
            {
                await db.Accounts.Where(a => a.Id == account.Id).ExecuteUpdateAsync(u => u.SetProperty(a => a.ShipmentsWatermark, last), cancellationToken);
                account.ShipmentsWatermark = last;
            }

            if (deliveries.Count < DeliveriesPerPage || last <= since)
            {
                return;
            }

            since = last;
        }
    }

    private static AmazonShipmentEntity New(int accountId, string amazonOrderId, AmazonHostValidatedDelivery delivery, DateTimeOffset now)
    {
        // The module gave item lines the id "{OrderItemId}:item"; shipping, gift wrap and fee lines move nothing.
        var lines = delivery.Lines
            .Where(l => l.ExternalLineId.EndsWith(":item", StringComparison.Ordinal) && l.Quantity > 0)
            .Select(l => new AmazonShipmentLineEntity { OrderItemId = l.ExternalLineId[..^":item".Length], Quantity = (int)decimal.Ceiling(l.Quantity) })
            .ToList();
        var carrier = string.IsNullOrWhiteSpace(delivery.Carrier) ? null : delivery.Carrier.Trim();
        var tracking = string.IsNullOrWhiteSpace(delivery.TrackingNumber) ? null : delivery.TrackingNumber.Trim();
        var missing = Incompleteness(carrier, tracking, lines.Count);
        return new AmazonShipmentEntity
        {
            AccountId = accountId,
            DeliveryId = delivery.DeliveryId,
            SalesOrderId = delivery.SalesOrderId,
            AmazonOrderId = amazonOrderId,
            Carrier = Clip(carrier),
            CarrierCode = AmazonCarriers.CodeOf(carrier),
            ShippingMethod = Clip(delivery.ShippingMethod?.Trim()),
            TrackingNumber = Clip(tracking),
            ShipDate = delivery.ShipDate,
            ValidatedOn = delivery.ValidatedOn,
            State = missing is null ? AmazonShipmentState.Queued : AmazonShipmentState.Incomplete,
            Message = missing,
            CreatedOn = now,
            UpdatedOn = now,
            Lines = lines,
        };
    }

    private static string? Clip(string? text) => text is { Length: > 64 } ? text[..64] : text;

    /// <summary>Why Amazon could not take a confirmation with these, or null when it can.</summary>
    private static string? Incompleteness(string? carrier, string? tracking, int lines) =>
        lines == 0 ? "the delivery moved none of the order's items, so there is nothing to confirm."
        : carrier is null ? "the delivery has no carrier; Amazon needs the carrier to confirm a shipment. Retry with the Carrier."
        : tracking is null ? "the delivery has no tracking number; Amazon needs one to confirm the shipment (late or untracked orders hurt the seller's rating). Retry with the TrackingNumber."
        : null;

    private async Task SettleUnknownAsync(AmazonDbContext db, IAmazonFeedSource source, AmazonSellerContext seller, int accountId, Counts counts, CancellationToken cancellationToken)
    {
        var unknown = await db.ShipmentFeeds.Where(f => f.AccountId == accountId && f.State == AmazonShipmentFeedState.Preparing).OrderBy(f => f.Id).ToListAsync(cancellationToken);
        if (unknown.Count == 0)
        {
            return;
        }

        // One sender per account: an order fulfillment feed this installation has not recorded, received after it
        // prepared one of its feeds, is that feed (the oldest unrecorded submission for the oldest prepared feed).
        var known = (await db.ShipmentFeeds.Where(f => f.AccountId == accountId && f.FeedSubmissionId != null).Select(f => f.FeedSubmissionId!).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var unrecorded = (await source.ListSinceAsync(seller, unknown[0].PreparedOn - SubmissionSkew, cancellationToken))
            .Where(s => !known.Contains(s.FeedId)).OrderBy(s => s.SubmittedOn).ToList();
        foreach (var feed in unknown)
        {
            var found = unrecorded.FirstOrDefault(s => s.SubmittedOn is not { } on || on >= feed.PreparedOn - SubmissionSkew);
            var shipments = await db.Shipments.Where(s => s.FeedId == feed.Id && s.State == AmazonShipmentState.Sending).ToListAsync(cancellationToken);
            var now = time.GetUtcNow();
            if (found is not null)
            {
                unrecorded.Remove(found);
                feed.FeedSubmissionId = found.FeedId;
                feed.State = AmazonShipmentFeedState.Submitted;
                feed.SubmittedOn = found.SubmittedOn ?? now;
                foreach (var shipment in shipments)
                {
                    MarkSent(shipment, found.FeedId, feed.SubmittedOn.Value, now);
                }

                counts.Found++;
                LogFound(logger, accountId, found.FeedId);
            }
            else
            {
                feed.State = AmazonShipmentFeedState.NotSubmitted;
                foreach (var shipment in shipments)
                {
                    Requeue(shipment, "The feed it was in never reached Amazon; it is sent with the next feed.", now, counts);
                }
            }

            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private async Task PollAsync(AmazonDbContext db, IAmazonFeedSource source, AmazonSellerContext seller, int accountId, Counts counts, CancellationToken cancellationToken)
    {
        var submitted = await db.ShipmentFeeds.Where(f => f.AccountId == accountId && f.State == AmazonShipmentFeedState.Submitted).OrderBy(f => f.Id).ToListAsync(cancellationToken);
        foreach (var feed in submitted)
        {
            var status = await source.GetAsync(seller, feed.FeedSubmissionId!, cancellationToken);
            if (status.Status == AmazonFeedStatus.InProgress)
            {
                continue;
            }

            IReadOnlyList<AmazonFeedMessageError> errors = [];
            string? documentError = null;
            if (status.Status == AmazonFeedStatus.Done)
            {
                errors = AmazonFulfillmentFeed.ReadReport(await source.GetReportAsync(seller, status, cancellationToken), out documentError);
            }
            else
            {
                documentError = $"Amazon aborted feed {feed.FeedSubmissionId}; some of it may have been applied. Check the order in Seller Central, then retry.";
            }

            var byMessage = errors.GroupBy(e => e.MessageId).ToDictionary(g => g.Key, g => string.Join(" ", g.Select(e => $"{e.Code}: {e.Description}")));
            var now = time.GetUtcNow();
            foreach (var shipment in await db.Shipments.Where(s => s.FeedId == feed.Id && s.State == AmazonShipmentState.Sent).ToListAsync(cancellationToken))
            {
                var error = documentError ?? (shipment.MessageId is { } m ? byMessage.GetValueOrDefault(m) : null);
                shipment.State = error is null ? AmazonShipmentState.Confirmed : AmazonShipmentState.Failed;
                shipment.Message = error is null ? null : Clip1000($"Amazon: {error}");
                shipment.ConfirmedOn = error is null ? now : null;
                shipment.UpdatedOn = now;
                if (error is null)
                {
                    counts.Confirmed++;
                }
                else
                {
                    counts.Failed++;
                }
            }

            feed.State = AmazonShipmentFeedState.Done;
            feed.CompletedOn = now;
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private async Task SendAsync(AmazonDbContext db, IAmazonFeedSource source, AmazonSellerContext seller, IReadOnlyList<string> marketplaceIds, int accountId, Counts counts, CancellationToken cancellationToken)
    {
        var queued = await db.Shipments.Include(s => s.Lines)
            .Where(s => s.AccountId == accountId && s.State == AmazonShipmentState.Queued)
            .OrderBy(s => s.Id).Take(MaxMessagesPerFeed).ToListAsync(cancellationToken);
        if (queued.Count == 0)
        {
            return;
        }

        // Recorded before it is submitted: killed from here on, the next run looks for it at Amazon before sending again.
        var now = time.GetUtcNow();
        var feed = new AmazonShipmentFeedEntity { AccountId = accountId, State = AmazonShipmentFeedState.Preparing, PreparedOn = now, Messages = queued.Count };
        db.ShipmentFeeds.Add(feed);
        await db.SaveChangesAsync(cancellationToken);
        var message = 0;
        foreach (var shipment in queued)
        {
            shipment.State = AmazonShipmentState.Sending;
            shipment.FeedId = feed.Id;
            shipment.MessageId = ++message;
            shipment.Attempts++;
            shipment.Message = null;
            shipment.UpdatedOn = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        var document = AmazonFulfillmentFeed.Build(seller.SellerId, queued.Select(s => new AmazonShipmentConfirmation(
            s.MessageId!.Value, s.AmazonOrderId, s.ShipDate, s.CarrierCode, s.CarrierCode is null ? s.Carrier : null, s.ShippingMethod, s.TrackingNumber!,
            [.. s.Lines.Select(l => (l.OrderItemId, l.Quantity))])));

        string feedId;
        try
        {
            feedId = await source.SubmitAsync(seller, marketplaceIds, document, cancellationToken);
        }
        catch (Exception e) when (AmazonErrors.Classify(e) is { } kind and not AmazonErrorKind.Transient)
        {
            // Amazon refused the submission itself: it has nothing, so nothing can be doubled.
            feed.State = AmazonShipmentFeedState.NotSubmitted;
            foreach (var shipment in queued)
            {
                if (kind == AmazonErrorKind.Unauthorized)
                {
                    Requeue(shipment, $"Amazon refused the seller's authorization ({AmazonErrors.Describe(e)}); sent once the account has a valid token.", now, counts);
                }
                else
                {
                    shipment.State = AmazonShipmentState.Failed;
                    shipment.Message = Clip1000($"Amazon refused the feed: {AmazonErrors.Describe(e)}");
                    counts.Failed++;
                }
            }

            await db.SaveChangesAsync(CancellationToken.None);
            throw;
        }
        catch (Exception e) when (AmazonErrors.Classify(e) is AmazonErrorKind.Transient)
        {
            // Unknown outcome (Amazon down, the answer lost): the feed stays Preparing and is looked for before anything is resent.
            foreach (var shipment in queued)
            {
                shipment.Message = Clip1000($"Amazon could not be reached ({AmazonErrors.Describe(e)}); the next run checks whether the feed arrived and sends it otherwise.");
            }

            await db.SaveChangesAsync(CancellationToken.None);
            throw;
        }

        feed.FeedSubmissionId = feedId;
        feed.State = AmazonShipmentFeedState.Submitted;
        feed.SubmittedOn = time.GetUtcNow();
        foreach (var shipment in queued)
        {
            MarkSent(shipment, feedId, feed.SubmittedOn.Value, feed.SubmittedOn.Value);
        }

        await db.SaveChangesAsync(CancellationToken.None);
        counts.Sent += queued.Count;
        counts.Submitted++;
        LogSubmitted(logger, accountId, feedId, queued.Count);
    }

    private static void MarkSent(AmazonShipmentEntity shipment, string feedId, DateTimeOffset sentOn, DateTimeOffset now)
    {
        shipment.State = AmazonShipmentState.Sent;
        shipment.FeedSubmissionId = feedId;
        shipment.SentOn = sentOn;
        shipment.Message = null;
        shipment.UpdatedOn = now;
    }

    private static void Requeue(AmazonShipmentEntity shipment, string reason, DateTimeOffset now, Counts counts)
    {
        var givenUp = shipment.Attempts >= MaxAttempts;
        shipment.State = givenUp ? AmazonShipmentState.Failed : AmazonShipmentState.Queued;
        shipment.Message = givenUp ? $"Sending gave up after {shipment.Attempts} attempts: {reason} Retry once Amazon can be reached." : reason;
        shipment.UpdatedOn = now;
        if (givenUp)
        {
            counts.Failed++;
        }
    }

    private static string Clip1000(string text) => text.Length > 1000 ? text[..1000] : text;

    private sealed class Counts
    {
        public int Read;
        public int Queued;
        public int Incomplete;
        public int Sent;
        public int Confirmed;
        public int Failed;
        public int Submitted;
        public int Found;

        public AmazonShipmentRunResult Result(int accountId) => new(accountId, Read, Queued, Incomplete, Sent, Confirmed, Failed, Submitted, Found);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {AccountId}: feed {FeedId} with {Count} shipment confirmations submitted to Amazon.")]
    private static partial void LogSubmitted(ILogger logger, int accountId, string feedId, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {AccountId}: feed {FeedId}, whose answer was lost, was found at Amazon; it is not sent again.")]
    private static partial void LogFound(ILogger logger, int accountId, string feedId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {AccountId}: delivery {DeliveryId} cannot be confirmed to Amazon: {Reason}")]
    private static partial void LogIncomplete(ILogger logger, int accountId, string deliveryId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {AccountId}: shipment confirmations wait for the next run: {Reason}")]
    private static partial void LogAmazonProblem(ILogger logger, int accountId, string reason);
}
