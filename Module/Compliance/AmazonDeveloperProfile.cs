using ErpAmazonModule.Accounts;
using ErpAmazonModule.Amazon.Mws;
using ErpAmazonModule.Amazon.SellingPartner;
using ErpAmazonModule.Hosting;
using ErpAmazonModule.Persistence;
using ErpAmazonModule.Settings;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ErpAmazonModule.Compliance;

/// <summary>Who answers a question of Amazon's developer profile.</summary>
public enum AmazonProfileSource
{
    /// <summary>Answered from this installation's configuration, as it is now.</summary>
    Installation,

    /// <summary>The company must answer it itself (its policies, its people, its infrastructure): the text says what to cover.</summary>
    CompanyStatement,
}

/// <summary>One question of Amazon's developer profile and data protection assessment, with its answer.</summary>
public sealed class AmazonProfileAnswer
{
    public string Topic { get; set; } = "";
    public string Question { get; set; } = "";
    public string Answer { get; set; } = "";
    public AmazonProfileSource Source { get; set; }
}

/// <summary>
/// <c>GET /odata/amazon/DeveloperProfile</c>: the answers to Amazon's developer profile and data protection questions this
/// installation can give from its real configuration, and the ones the company must give itself, marked as such.
/// </summary>
public sealed class AmazonDeveloperProfile
{
    /// <summary>Always <c>installation</c>: there is one profile.</summary>
    public string Id { get; set; } = "installation";
    public DateTimeOffset GeneratedOn { get; set; }

    /// <summary>Where the module's data and the ERP's Amazon customers are stored: the database provider (never the connection string).</summary>
    public string DatabaseProvider { get; set; } = "";

    /// <summary>How sellers' tokens are encrypted at rest.</summary>
    public string SecretsEncryption { get; set; } = "";

    /// <summary>Whether the key ring that encrypts them is itself protected by a certificate.</summary>
    public bool KeysProtectedByCertificate { get; set; }

    /// <summary>Days after shipment buyer data is kept (the applied value), and the last erasure run.</summary>
    public int BuyerDataRetentionDays { get; set; }
    public DateTimeOffset? LastBuyerDataErasure { get; set; }
    public int AuditRetentionDays { get; set; }

    /// <summary>Whether every Amazon endpoint the accounts use is reached over TLS.</summary>
    public bool AmazonOverTls { get; set; }
    public List<AmazonProfileAnswer> Answers { get; set; } = [];
}

/// <summary>Builds the developer profile from the installation's configuration, settings, accounts and runs.</summary>
public sealed class AmazonDeveloperProfileService(
    AmazonDbContext db,
    IAmazonHostSettings settings,
    IAmazonHostPermissions permissions,
    IServiceProvider services,
    IOptions<KeyManagementOptions> keys,
    IOptionsMonitor<AmazonMwsOptions> mws,
    IOptionsMonitor<AmazonSpOptions> sp,
    AmazonInstallation installation,
    TimeProvider time)
{
    /// <summary>The profile as of now.</summary>
    public async Task<AmazonDeveloperProfile> BuildAsync(bool requestOverTls, CancellationToken cancellationToken)
    {
        var (retention, clamped) = await settings.BuyerDataRetentionAsync(cancellationToken);
        var taxReason = await settings.GetAsync(AmazonSettings.TaxRetentionReason, cancellationToken);
        var auditDays = await settings.GetAsync(AmazonSettings.AuditRetentionDays, cancellationToken);
        var lastPurge = await db.DataPurges.AsNoTracking().Where(p => p.EndedOn != null).OrderByDescending(p => p.Id).FirstOrDefaultAsync(cancellationToken);
        var accounts = await db.Accounts.AsNoTracking().Select(a => new { a.Api, a.Region }).ToListAsync(cancellationToken);
        var buyerData = services.GetService<IAmazonHostBuyerData>();
        var endpoints = accounts.Select(a => a.Api == AmazonApi.Mws ? mws.CurrentValue.Resolve(a.Region, out _)?.Endpoint : sp.CurrentValue.Resolve(a.Region, out _)?.Endpoint)
            .OfType<Uri>().Append(sp.CurrentValue.TokenEndpoint).Distinct().ToList();
        var amazonOverTls = endpoints.All(e => e.Scheme == Uri.UriSchemeHttps);
        var certificate = keys.Value.XmlEncryptor?.GetType().Name.Contains("Certificate", StringComparison.Ordinal) == true;
        var algorithm = keys.Value.AuthenticatedEncryptorConfiguration is Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption.ConfigurationModel.AuthenticatedEncryptorConfiguration c
            ? $"{c.EncryptionAlgorithm} with {c.ValidationAlgorithm}"
            : "AES_256_CBC with HMACSHA256";
        var keyStore = keys.Value.XmlRepository?.GetType().Name switch
        {
            null => "the host's default key store",
            var name when name.Contains("EntityFramework", StringComparison.Ordinal) => "the ERP's database (its Data Protection key table)",
            var name when name.Contains("FileSystem", StringComparison.Ordinal) => "a folder of the server",
            var name => name,
        };
        var secrets = $"ASP.NET Core Data Protection, {algorithm}; keys kept in {keyStore}, {(certificate ? "each key encrypted with an X.509 certificate" : "the keys themselves NOT encrypted by a certificate (configure one outside Development)")}, new keys every {keys.Value.NewKeyLifetime.TotalDays:0} days.";
        var modulePermissions = new[] { AmazonConnectorDefaults.Permissions.Read, AmazonConnectorDefaults.Permissions.ManageAccounts, AmazonConnectorDefaults.Permissions.Finance, AmazonConnectorDefaults.Permissions.Shipments };
        string Roles(IReadOnlyList<string>? roles) => roles is null ? "(the ERP does not list them)" : roles.Count == 0 ? "none" : string.Join(", ", roles);
        var erasure = buyerData is null
            ? "This ERP does not erase buyer data: it keeps the Amazon buyers' names and addresses (the ERP lacks the buyer data port of contract 1.4)."
            : $"Buyer names, e-mails, phones and street addresses are erased from the ERP {retention} days after an order shipped or was canceled, by a daily job"
                + (taxReason.Length > 0 ? $" (longer than 30 days for a tax reason: {taxReason})" : "")
                + (clamped ? " (the setting asks for more, but without a tax reason 30 days apply)" : "")
                + $"; last run {(lastPurge is null ? "never" : $"{lastPurge.EndedOn:yyyy-MM-dd HH:mm} UTC, {lastPurge.Orders} orders")}. The connector's own tables hold no buyer data.";

        return new AmazonDeveloperProfile
        {
            GeneratedOn = time.GetUtcNow(),
            DatabaseProvider = installation.DatabaseProvider.ToString(),
            SecretsEncryption = secrets,
            KeysProtectedByCertificate = certificate,
            BuyerDataRetentionDays = retention,
            LastBuyerDataErasure = lastPurge?.EndedOn,
            AuditRetentionDays = auditDays,
            AmazonOverTls = amazonOverTls,
            Answers =
            [
                Ours("Use of PII", "Describe all functionalities in your application where Personally Identifiable Information is required.",
                    "Amazon orders become the ERP's sales orders: the buyer's name and address are needed for the delivery orders of merchant-fulfilled orders and for the customer invoices; orders fulfilled by Amazon keep no street address, only the tax jurisdiction (country, region, city, postal code)."),
                Ours("Sources", "List all non-Amazon sources where you retrieve Amazon Information.",
                    $"None: the connector reads Amazon Information only from Amazon's APIs ({string.Join(", ", accounts.Select(a => a.Api).Distinct().DefaultIfEmpty(AmazonApi.SellingPartner).Select(a => a == AmazonApi.Mws ? "MWS" : "the Selling Partner API"))})."),
                Ours("Storage", "Describe where your organization stores Amazon Information.",
                    $"In the ERP's own database ({installation.DatabaseProvider}), on the company's server; the connector's tables are prefixed Amazon."),
                Ours("Encryption", "Provide details on how you encrypt Amazon Information (e.g., algorithm).",
                    $"Sellers' tokens: {secrets} Other Amazon Information is protected by the database's own encryption, which the company describes."),
                Ours("Encryption in transit", "Is Amazon Information encrypted in transit?",
                    (amazonOverTls ? "Yes: every Amazon endpoint the accounts use is reached over TLS (HTTPS)." : $"Not everywhere: {string.Join(", ", endpoints.Where(e => e.Scheme != Uri.UriSchemeHttps).Select(e => e.GetLeftPart(UriPartial.Authority)))} is reached without TLS (a local test Amazon?).")
                    + (requestOverTls ? " The ERP's API answered this request over TLS." : " The ERP's API answered this request without TLS: put it behind HTTPS.")),
                Ours("Retention", "How long do you retain PII, and how is it deleted?", erasure),
                Ours("Access control", "Describe how your organization restricts access to Amazon Information on a need-to-know basis.",
                    "Each person has their own key or login and a role; permissions follow the role: "
                    + string.Join("; ", modulePermissions.Select(p => $"{p}: {Roles(permissions.RolesHolding(p))}"))
                    + $"; the buyers' names and addresses in the ERP: {Roles(buyerData?.RolesWithAccess)}. Salespeople see no Amazon orders unless granted."),
                Ours("Logging", "Describe how your organization monitors activity and keeps security logs.",
                    $"Every change to accounts, credentials (recorded as changed, never their value), marketplaces, offers, default products and settings, every approved write-off, order recovery and shipment retry is recorded with who, when, from where, before and after, kept {auditDays} days (Amazon asks for at least 90). Logs hold no tokens, secrets or buyer data."),
                Ours("Credentials", "How are Amazon credentials stored and shown?",
                    "Encrypted at rest (above), never returned by the API (only a mask of their last four characters), never written to logs; the application's developer keys are configuration, outside the database."),
                Company("Outside parties", "List all outside parties with whom your organization shares Amazon Information.",
                    "Name your hosting provider, backup provider and anyone else who can reach the ERP's database, and your policy for sharing."),
                Company("Network", "Describe how your organization restricts public access to databases, file servers, and desktop/developer endpoints.",
                    "Describe your firewall, who can reach the database server, and how developer machines are kept apart from production."),
                Company("Personal devices", "Describe how your organization prevents Amazon Information from being accessed from employee personal devices.",
                    "State your policy; the ERP's role-based permissions apply on any device."),
                Company("Privacy policy", "Provide details on your organization's privacy and data handling policies.", "Link your privacy policy."),
                Company("Backups", "Describe how your organization backs up or archives Amazon Information and how backups are encrypted.",
                    "Describe the database backups: where, how often, how they are encrypted, how long kept (buyer data erased from the database stays in older backups until they expire)."),
                Company("Incident response", "Describe how your incident response plan addresses database hacks, unauthorized access, and data leaks.",
                    "Link your incident response plan: who is told, how fast (Amazon included), how access is cut and what is restored."),
            ],
        };
    }

    private static AmazonProfileAnswer Ours(string topic, string question, string answer) => new() { Topic = topic, Question = question, Answer = answer, Source = AmazonProfileSource.Installation };

    private static AmazonProfileAnswer Company(string topic, string question, string guidance) => new() { Topic = topic, Question = question, Answer = $"To be answered by the company: {guidance}", Source = AmazonProfileSource.CompanyStatement };
}

/// <summary>What the module was configured with at start-up that its answers need (the provider, never the connection string).</summary>
public sealed record AmazonInstallation(Persistence.AmazonDatabaseProvider DatabaseProvider);
