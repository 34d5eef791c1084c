using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace ErpAmazonModule.Tests.TestSupport;

/// <summary>JSON over HTTP, the way an OData client talks to the API.</summary>
public static class Http
{
    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, string json) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Post, url) { Content = Body(json) });

    /// <summary>PATCH asking for the changed entity back (<c>Prefer: return=representation</c>), as OData clients do.</summary>
    public static Task<HttpResponseMessage> PatchJsonAsync(this HttpClient client, string url, string json, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, url) { Content = Body(json) };
        request.Headers.Add("Prefer", "return=representation");
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> DeleteAsync(this HttpClient client, string url, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, url);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string url, string json) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Put, url) { Content = Body(json) });

    /// <summary>Reads the body as JSON, failing with the body when the status is not <paramref name="expected"/>.</summary>
    public static async Task<JsonNode> ExpectAsync(this Task<HttpResponseMessage> responseTask, HttpStatusCode expected)
    {
        using var response = await responseTask;
        var text = await response.Content.ReadAsStringAsync();
        Assert.AreEqual(expected, response.StatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {text}");
        return string.IsNullOrEmpty(text) ? new JsonObject() : JsonNode.Parse(text)!;
    }

    /// <summary>Asserts an OData error with this status whose target (and, unless told otherwise, message) names <paramref name="field"/>.</summary>
    public static async Task<string> ExpectErrorAsync(this Task<HttpResponseMessage> responseTask, HttpStatusCode expected, string? field = null, bool messageNamesField = true)
    {
        var body = await responseTask.ExpectAsync(expected);
        var message = (string?)body["error"]?["message"];
        Assert.IsNotNull(message, $"No OData error body: {body.ToJsonString()}");
        if (field is not null)
        {
            Assert.AreEqual(field, (string?)body["error"]?["target"], body.ToJsonString());
            Assert.IsTrue(!messageNamesField || message.Contains(field, StringComparison.Ordinal), message);
        }

        return message;
    }

    private static StringContent Body(string json) => new(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
}
