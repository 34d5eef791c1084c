using Microsoft.AspNetCore.DataProtection;

namespace ErpAmazonModule.Security;

/// <summary>Encrypts account secrets at rest (the host's Data Protection, with the module's own purpose) and masks them for display.</summary>
public sealed class AmazonSecretProtector(IDataProtectionProvider provider)
{
    private const int VisibleCharacters = 4;
    private readonly IDataProtector _protector = provider.CreateProtector(AmazonConnectorDefaults.SecretProtectionPurpose);

    /// <summary>Encrypts a secret for storage.</summary>
    public string Protect(string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        return _protector.Protect(secret);
    }

    /// <summary>Decrypts a stored secret.</summary>
    public string Unprotect(string protectedSecret)
    {
        ArgumentException.ThrowIfNullOrEmpty(protectedSecret);
        return _protector.Unprotect(protectedSecret);
    }

    /// <summary>The form users see: four stars and the last four characters (all stars for short secrets).</summary>
    public static string Mask(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return secret.Length <= VisibleCharacters * 2
            ? new string('*', VisibleCharacters)
            : string.Concat(new string('*', VisibleCharacters), secret.AsSpan(secret.Length - VisibleCharacters));
    }
}
