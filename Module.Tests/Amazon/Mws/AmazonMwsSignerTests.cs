using ErpAmazonModule.Amazon.Mws;

namespace ErpAmazonModule.Tests.Amazon.Mws;

[TestClass]
public sealed class AmazonMwsSignerTests
{
    [TestMethod]
    public void Sign_AwsPublicVector_GivesThePublishedSignature()
    {
        const string stringToSign = "GET\nelasticmapreduce.amazonaws.com\n/\nAWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Action=DescribeJobFlows&SignatureMethod=HmacSHA256&SignatureVersion=2&Timestamp=2011-10-03T15%3A19%3A30&Version=2009-03-31";

        Assert.AreEqual("i91nKc4PWAt0JJIdXwz9HxZCJDdiy6cf/Mj6vPxyYIs=", AmazonMwsSigner.Sign(stringToSign, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
    }

    [TestMethod]
    public void StringToSign_ProductAdvertisingVector_IsBuiltFromUnsortedParametersAndGivesThePublishedSignature()
    {
        var parameters = new Dictionary<string, string>
        {
            ["Version"] = "2013-08-01",
            ["Timestamp"] = "2014-08-18T12:00:00Z",
            ["Service"] = "AWSECommerceService",
            ["ResponseGroup"] = "Images,ItemAttributes,Offers,Reviews",
            ["Operation"] = "ItemLookup",
            ["ItemId"] = "0679722769",
            ["AssociateTag"] = "mytag-20",
            ["AWSAccessKeyId"] = "AKIAIOSFODNN7EXAMPLE",
        };

        var stringToSign = AmazonMwsSigner.StringToSign("GET", new Uri("https://webservices.amazon.com/onca/xml"), parameters);

        Assert.AreEqual("GET\nwebservices.amazon.com\n/onca/xml\nAWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&AssociateTag=mytag-20&ItemId=0679722769&Operation=ItemLookup&ResponseGroup=Images%2CItemAttributes%2COffers%2CReviews&Service=AWSECommerceService&Timestamp=2014-08-18T12%3A00%3A00Z&Version=2013-08-01", stringToSign);
        Assert.AreEqual("j7bZM0LXZ9eXeZruTqWm2DIvDYVUU3wxPPpp+iXxzQc=", AmazonMwsSigner.Sign(stringToSign, "1234567890"));
    }

    [TestMethod]
    [DataRow("Zoë Müller", "Zo%C3%AB%20M%C3%BCller")]
    [DataRow("a+b=c&d/e*f~g", "a%2Bb%3Dc%26d%2Fe%2Af~g")]
    [DataRow("-_.~AZaz09", "-_.~AZaz09")]
    [DataRow("山田", "%E5%B1%B1%E7%94%B0")]
    [DataRow("🎂", "%F0%9F%8E%82")]
    [DataRow("", "")]
    [DataRow("50%", "50%25")]
    public void Encode_FollowsRfc3986WithUppercaseHex(string value, string expected) => Assert.AreEqual(expected, AmazonMwsSigner.Encode(value));

    [TestMethod]
    public void CanonicalQuery_SortsOrdinallyKeepsEmptyValuesAndDropsSignature()
    {
        var query = AmazonMwsSigner.CanonicalQuery(new Dictionary<string, string>
        {
            ["MarketplaceId.Id.1"] = "A1PA6795UKMFR9",
            ["Action"] = "ListOrders",
            ["AWSAccessKeyId"] = "K",
            ["MWSAuthToken"] = "amzn.mws.x",
            ["NextToken"] = "",
            ["Signature"] = "ignored",
            ["aLowercase"] = "1",
        });

        Assert.AreEqual("AWSAccessKeyId=K&Action=ListOrders&MWSAuthToken=amzn.mws.x&MarketplaceId.Id.1=A1PA6795UKMFR9&NextToken=&aLowercase=1", query);
    }

    [TestMethod]
    [DataRow("https://mws-eu.amazonservices.com/Orders/2013-09-01", "POST\nmws-eu.amazonservices.com\n/Orders/2013-09-01\nA=1")]
    [DataRow("https://MWS.AmazonServices.com:443/", "POST\nmws.amazonservices.com\n/\nA=1")]
    [DataRow("http://127.0.0.1:5090/sandbox/Sellers/2011-07-01", "POST\n127.0.0.1:5090\n/sandbox/Sellers/2011-07-01\nA=1")]
    [DataRow("http://localhost", "POST\nlocalhost\n/\nA=1")]
    public void StringToSign_LowercaseHostWithoutStandardPort(string endpoint, string expected) =>
        Assert.AreEqual(expected, AmazonMwsSigner.StringToSign("post", new Uri(endpoint), [new("A", "1")]));
}
