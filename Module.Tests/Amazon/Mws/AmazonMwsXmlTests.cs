using System.Xml.Linq;
using ErpAmazonModule.Amazon;
using ErpAmazonModule.Amazon.Mws;

namespace ErpAmazonModule.Tests.Amazon.Mws;

[TestClass]
public sealed class AmazonMwsXmlTests
{
    private static XElement Order(string inner) => XElement.Parse($"""<Order xmlns="https://mws.amazonservices.com/Orders/2099-01-01">{inner}</Order>""");

    [TestMethod]
    public void Read_AnyNamespace_MoneyIsDecimalAndDatesAreUtc()
    {
        var order = Order("<OrderTotal><CurrencyCode>EUR</CurrencyCode><Amount>1234.50</Amount></OrderTotal><PurchaseDate>2026-11-20T10:15:30.123+01:00</PurchaseDate><IsPrime>true</IsPrime>");

        Assert.AreEqual(new ErpAmazonModule.Amazon.AmazonMoney(1234.50m, "EUR"), order.Money("OrderTotal"));
        Assert.AreEqual(new DateTimeOffset(2026, 11, 20, 9, 15, 30, 123, TimeSpan.Zero), order.Date("PurchaseDate"));
        Assert.AreEqual(TimeSpan.Zero, order.Date("PurchaseDate")!.Value.Offset);
        Assert.IsTrue(order.Bool("IsPrime"));
        Assert.IsNull(order.Money("ShippingPrice"));
        Assert.IsNull(order.Text("BuyerEmail"));
    }

    [TestMethod]
    public void Read_FinancesMoney_UsesCurrencyAmount()
    {
        var charge = XElement.Parse("<ChargeComponent><ChargeAmount><CurrencyCode>JPY</CurrencyCode><CurrencyAmount>-1500</CurrencyAmount></ChargeAmount></ChargeComponent>");
        Assert.AreEqual(new ErpAmazonModule.Amazon.AmazonMoney(-1500m, "JPY"), charge.Money("ChargeAmount"));
    }

    [TestMethod]
    [DataRow("<OrderTotal><CurrencyCode>EUR</CurrencyCode><Amount>12,34.5x</Amount></OrderTotal>", "OrderTotal", "Order/OrderTotal/Amount '12,34.5x' is not an amount.")]
    [DataRow("<OrderTotal><Amount>1.00</Amount></OrderTotal>", "OrderTotal", "Amazon's answer has no value for OrderTotal/CurrencyCode.")]
    [DataRow("<PurchaseDate>last tuesday</PurchaseDate>", "PurchaseDate", "Order/PurchaseDate 'last tuesday' is not a date.")]
    public void Read_UnreadableValue_NamesTheElement(string inner, string element, string message)
    {
        var order = Order(inner);
        var error = Assert.ThrowsExactly<AmazonFormatException>(() => _ = element == "PurchaseDate" ? (object?)order.Date(element) : order.Money(element));
        Assert.AreEqual(message, error.Message);
    }

    [TestMethod]
    public void Required_Missing_NamesParentAndChild()
    {
        var error = Assert.ThrowsExactly<AmazonFormatException>(() => Order("<OrderStatus>Shipped</OrderStatus>").RequiredText("AmazonOrderId"));
        Assert.AreEqual("Amazon's answer has no value for Order/AmazonOrderId.", error.Message);
    }
}
