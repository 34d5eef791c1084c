using ErpAmazonModule.Security;
using Microsoft.AspNetCore.DataProtection;

namespace ErpAmazonModule.Tests.Security;

[TestClass]
public sealed class AmazonSecretProtectorTests
{
    [TestMethod]
    [DataRow("amzn.mws.4ea38b7b-f563-7709-4bae-87aeaEXAMPLE", "****MPLE")]
    [DataRow("Atzr|IwEBIA-refresh-token-1234", "****1234")]
    [DataRow("12345678", "****")]
    [DataRow("abc", "****")]
    [DataRow("", "****")]
    public void Mask_ShowsAtMostTheLastFourCharacters(string secret, string expected) =>
        Assert.AreEqual(expected, AmazonSecretProtector.Mask(secret));

    [TestMethod]
    public void Protect_IsNotTheSecret_AndUnprotectsWithTheSameKeysOnly()
    {
        var protector = new AmazonSecretProtector(new EphemeralDataProtectionProvider());
        var other = new AmazonSecretProtector(new EphemeralDataProtectionProvider());
        const string secret = "amzn.mws.secret-value";

        var stored = protector.Protect(secret);

        Assert.IsFalse(stored.Contains("secret-value", StringComparison.Ordinal));
        Assert.AreEqual(secret, protector.Unprotect(stored));
        Assert.ThrowsExactly<System.Security.Cryptography.CryptographicException>(() => other.Unprotect(stored));
    }
}
