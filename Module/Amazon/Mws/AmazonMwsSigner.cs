using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ErpAmazonModule.Amazon.Mws;

/// <summary>MWS Signature Version 2: the canonical query string, the string to sign and its HMAC-SHA256.</summary>
public static class AmazonMwsSigner
{
    /// <summary>RFC 3986 percent-encoding of UTF-8 bytes: unreserved characters stay, the rest is <c>%XY</c> (uppercase), space is <c>%20</c>.</summary>
    public static string Encode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var bytes = Encoding.UTF8.GetBytes(value);
        var encoded = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            if (IsUnreserved(b))
            {
                encoded.Append((char)b);
            }
            else
            {
                encoded.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return encoded.ToString();
    }

    /// <summary>Every parameter but <c>Signature</c>, sorted by name in ordinal (byte) order, encoded, joined with <c>&amp;</c>.</summary>
    public static string CanonicalQuery(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return string.Join('&', parameters
            .Where(p => p.Key != "Signature")
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => Encode(p.Key) + "=" + Encode(p.Value)));
    }

    /// <summary><c>VERB\nhost\npath\ncanonical query</c>, the host lowercase and without a standard port.</summary>
    public static string StringToSign(string httpVerb, Uri endpoint, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var host = endpoint.IsDefaultPort ? endpoint.Host : $"{endpoint.Host}:{endpoint.Port.ToString(CultureInfo.InvariantCulture)}";
        var path = string.IsNullOrEmpty(endpoint.AbsolutePath) ? "/" : endpoint.AbsolutePath;
        return $"{httpVerb.ToUpperInvariant()}\n{host.ToLowerInvariant()}\n{path}\n{CanonicalQuery(parameters)}";
    }

    /// <summary>Base64 of HMAC-SHA256 of <paramref name="stringToSign"/> keyed with the secret key.</summary>
    public static string Sign(string stringToSign, string secretKey)
    {
        ArgumentNullException.ThrowIfNull(stringToSign);
        ArgumentException.ThrowIfNullOrEmpty(secretKey);
        return Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secretKey), Encoding.UTF8.GetBytes(stringToSign)));
    }

    private static bool IsUnreserved(byte b) =>
        b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~';
}
