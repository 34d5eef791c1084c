using System.Security.Cryptography;
using System.Text;

namespace ErpAmazonModule.Sandbox.Mws;

/// <summary>
/// Checks AWS Signature Version 2 as Amazon documents it, written for the sandbox alone so that a mistake
/// in a client's signer cannot hide behind the same mistake here.
/// </summary>
public static class SandboxSignature
{
    /// <summary>The string a client must have signed.</summary>
    public static string StringToSign(string method, string host, string path, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var sorted = parameters.Where(p => p.Key != "Signature").OrderBy(p => p.Key, StringComparer.Ordinal);
        var query = string.Join('&', sorted.Select(p => Rfc3986(p.Key) + "=" + Rfc3986(p.Value)));
        return $"{method.ToUpperInvariant()}\n{host.ToLowerInvariant()}\n{(path.Length == 0 ? "/" : path)}\n{query}";
    }

    /// <summary>Base64 HMAC of the string to sign, with SHA-256 or SHA-1 as <c>SignatureMethod</c> says.</summary>
    public static string Compute(string stringToSign, string secretKey, string signatureMethod)
    {
        var key = Encoding.UTF8.GetBytes(secretKey);
        var data = Encoding.UTF8.GetBytes(stringToSign);
        var mac = signatureMethod == "HmacSHA1" ? HMACSHA1.HashData(key, data) : HMACSHA256.HashData(key, data);
        return Convert.ToBase64String(mac);
    }

    /// <summary>Constant-time comparison of the presented and the expected signature.</summary>
    public static bool Matches(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(presented), Encoding.ASCII.GetBytes(expected));

    private static string Rfc3986(string value)
    {
        var builder = new StringBuilder(value.Length * 2);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.' or '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
