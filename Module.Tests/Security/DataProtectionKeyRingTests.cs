using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ErpAmazonModule.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ErpAmazonModule.Tests.Security;

[TestClass]
public sealed class DataProtectionKeyRingTests
{
    [TestMethod]
    public async Task KeyRing_WithCertificateConfigured_IsStoredEncrypted()
    {
        var folder = Path.Combine(Path.GetTempPath(), "erp-amazon-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var certificatePath = Path.Combine(folder, "keyring.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=ErpAmazonModule key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            await File.WriteAllBytesAsync(certificatePath, certificate.Export(X509ContentType.Pfx, "test-password"));
        }

        using var factory = new ErpHostFactory(settings: new Dictionary<string, string?>
        {
            [ErpAmazonModule.Host.HostApplication.CertificatePathKey] = certificatePath,
            [ErpAmazonModule.Host.HostApplication.CertificatePasswordKey] = "test-password",
        });
        var token = Demo.MwsToken();
        var account = await Demo.CreateAccountAsync(factory, factory.Client(), token: token);

        var keys = await factory.WithHostDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync());
        Assert.IsTrue(keys.Count > 0);
        Assert.IsTrue(keys.All(k => k.Contains("EncryptedXml", StringComparison.Ordinal) && !k.Contains("<masterKey", StringComparison.Ordinal)), keys[0]);
        var id = (int)account["Id"]!;
        var stored = await factory.WithModuleDbAsync(db => db.Accounts.Where(a => a.Id == id).Select(a => a.ProtectedAuthorizationToken).SingleAsync());
        Assert.AreEqual(token, factory.Services.GetRequiredService<ErpAmazonModule.Security.AmazonSecretProtector>().Unprotect(stored));
    }

    [TestMethod]
    public async Task KeyRing_WithoutCertificate_IsPersistedInTheHostsTable()
    {
        using var factory = new ErpHostFactory();
        await Demo.CreateAccountAsync(factory, factory.Client());

        Assert.AreEqual(1, await factory.WithHostDbAsync(db => db.DataProtectionKeys.CountAsync()));
        Assert.AreEqual(HttpStatusCode.OK, (await factory.Client().GetAsync("/odata/amazon/Accounts")).StatusCode);
    }
}
