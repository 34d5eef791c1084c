using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace ErpAmazonModule.Tests.Reliability;

/// <summary>One request that must be refused.</summary>
public sealed record BadRequest(string What, HttpMethod Method, string Url, byte[]? Body = null, string? ContentType = "application/json", string? IfMatch = null)
{
    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(Method, Url);
        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            if (ContentType is not null)
            {
                message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
            }
        }

        if (IfMatch is not null)
        {
            message.Headers.TryAddWithoutValidation("If-Match", IfMatch);
        }

        return message;
    }

    public override string ToString() => $"{What}: {Method} {(Url.Length > 120 ? Url[..120] + "…" : Url)}";
}

/// <summary>
/// Generates the bad requests: malformed JSON, wrong types, missing and extra fields, 1 MB strings, a 20 MB body, NUL
/// and right-to-left override characters, overflowing numbers, injection-looking keys and filters, huge $top, deep
/// $expand, $apply, $search, long URLs, wrong methods and content types, stale and malformed ETags.
/// </summary>
public static class BadRequests
{
    private const string Root = "/odata/amazon/";

    private static readonly string[] MalformedJson =
    [
        "{", "}", "{\"Name\":}", "{'Name':'x'}", "\uFEFF{\"Name\":\"x\"}", "[]", "[{}]", "null", "\"text\"", "42", "true",
        "{\"Name\":\"x\",}", "{\"Name\":\"x\"}{\"Name\":\"y\"}", "{/* comment */\"Name\":\"x\"}", "{\"Name\":NaN}",
        "{\"Name\":\"x\" \"Region\":\"EU\"}", "{\"Name\":\"\\uZZZZ\"}", "{\"Name\":\"unterminated}", "<xml/>", "Name=x",
        new string('[', 2000) + new string(']', 2000), "{\"a\":" + string.Concat(Enumerable.Repeat("{\"a\":", 500)) + "1" + new string('}', 501),
    ];

    /// <summary>Values no property of the given JSON kind accepts.</summary>
    private static IEnumerable<(string What, JsonNode? Value)> WrongValues(JsonNode? current)
    {
        var oneMegabyte = new string('x', 1024 * 1024);
        switch (current?.GetValueKind())
        {
            case System.Text.Json.JsonValueKind.String:
                yield return ("number for text", 12345);
                yield return ("boolean for text", true);
                yield return ("object for text", new JsonObject { ["a"] = 1 });
                yield return ("array for text", new JsonArray(1, 2));
                yield return ("1 MB text", oneMegabyte);
                yield return ("NUL in text", "ab\u0000cd");
                yield return ("right-to-left override in text", "ab\u202Ecd");
                yield return ("control character in text", "ab\u0007cd");
                break;
            case System.Text.Json.JsonValueKind.Number:
                yield return ("text for number", "abc");
                yield return ("number beyond any type", JsonNode.Parse("1e400"));
                yield return ("number beyond long", JsonNode.Parse("99999999999999999999999999999"));
                yield return ("object for number", new JsonObject());
                yield return ("array for number", new JsonArray());
                yield return ("boolean for number", false);
                yield return ("1 MB text for number", oneMegabyte);
                break;
            case System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False:
                yield return ("text for boolean", "yes");
                yield return ("number for boolean", 1);
                yield return ("object for boolean", new JsonObject());
                yield return ("array for boolean", new JsonArray());
                yield return ("NUL text for boolean", "\u0000");
                break;
            case System.Text.Json.JsonValueKind.Array:
                yield return ("text for list", "x");
                yield return ("number for list", 1);
                yield return ("object for list", new JsonObject());
                break;
        }
    }

    public static IEnumerable<BadRequest> Generate(IReadOnlyDictionary<string, (string Key, JsonObject Body)> entities, int accountId)
    {
        byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
        string Entity(string set) => $"{Root}{set}({entities[set].Key})";
        var writable = new[] { "Accounts", "Offers", "Marketplaces" };
        var patchable = new[] { "Accounts", "Offers", "Marketplaces", "DefaultProducts" };
        var actions = new[] { "SyncOrders", "UpdateMarketplaces", "ActivateMarketplace", "DeactivateMarketplace", "RecoverOrder" };
        var bodyTargets = writable.Select(set => (HttpMethod.Post, Root + set))
            .Concat(patchable.Select(set => (HttpMethod.Patch, Entity(set))))
            .Concat(actions.Where(a => a is not "SyncOrders" and not "UpdateMarketplaces").Select(a => (HttpMethod.Post, $"{Root}Accounts({accountId})/{a}")))
            .Concat([(HttpMethod.Put, "/api/settings/erp.amazon.sync.max_order_attempts")])
            .ToList();

        // Malformed JSON, everywhere a body is read.
        foreach (var (method, url) in bodyTargets)
        {
            foreach (var json in MalformedJson)
            {
                yield return new("malformed JSON", method, url, Utf8(json));
            }

            yield return new("invalid UTF-8", method, url, [0x7B, 0x22, 0x4E, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D]);
            yield return new("empty body", method, url, []);
            yield return new("20 MB body", method, url, Utf8("{\"Name\":\"" + new string('x', 20 * 1024 * 1024) + "\"}"));
        }

        // Wrong types, NUL, RTL and 1 MB strings in each property of each entity that can be changed.
        foreach (var set in patchable)
        {
            foreach (var (property, value) in entities[set].Body)
            {
                foreach (var (what, wrong) in WrongValues(value))
                {
                    yield return new($"{set}.{property}: {what}", HttpMethod.Patch, Entity(set), Utf8(new JsonObject { [property] = wrong?.DeepClone() }.ToJsonString()));
                    if (writable.Contains(set))
                    {
                        var body = (JsonObject)entities[set].Body.DeepClone();
                        body[property] = wrong?.DeepClone();
                        yield return new($"new {set} with {property}: {what}", HttpMethod.Post, Root + set, Utf8(body.ToJsonString()));
                    }
                }
            }

            yield return new($"{set}: unknown property", HttpMethod.Patch, Entity(set), Utf8("{\"NoSuchProperty\":1}"));
            yield return new($"{set}: empty property name", HttpMethod.Patch, Entity(set), Utf8("{\"\":1}"));
            yield return new($"{set}: OData annotation only", HttpMethod.Patch, Entity(set), Utf8("{\"@odata.type\":\"#System.Object\"}"));
        }

        // Missing and extra fields on creation.
        foreach (var set in writable)
        {
            var valid = entities[set].Body;
            foreach (var property in valid.Select(p => p.Key).ToList())
            {
                var missing = (JsonObject)valid.DeepClone();
                missing.Remove(property);
                missing.Remove("Id");
                // Removing an optional field may leave a body that is valid apart from its duplicate key: still refused (409).
                yield return new($"new {set} without {property}", HttpMethod.Post, Root + set, Utf8(missing.ToJsonString()));
            }

            var extra = (JsonObject)valid.DeepClone();
            extra["Extra"] = "x";
            yield return new($"new {set} with an extra field", HttpMethod.Post, Root + set, Utf8(extra.ToJsonString()));
        }

        // Keys that are not keys.
        var badKeys = new[]
        {
            "1 or 1 eq 1", "1)", "1,2", "'1'", "-1", "0", "99999999999999999999", "1.5", "1e3", "null", "", " 1", "%E2%80%AE1",
            "'Sale' or '1'='1'", "Sale", "'0'", "'Sale'')", "1;DROP TABLE AmazonAccounts", new string('9', 5000), "Id=1", "$it",
        };
        foreach (var set in entities.Keys)
        {
            foreach (var key in badKeys)
            {
                var url = $"{Root}{set}({key})";
                yield return new($"{set} key {key[..Math.Min(key.Length, 20)]}", HttpMethod.Get, url);
                if (patchable.Contains(set))
                {
                    yield return new($"{set} key {key[..Math.Min(key.Length, 20)]} patched", HttpMethod.Patch, url, Utf8("{}"));
                }

                if (writable.Contains(set))
                {
                    yield return new($"{set} key {key[..Math.Min(key.Length, 20)]} deleted", HttpMethod.Delete, url);
                }
            }
        }

        // Query options that are refused, on every set.
        var badQueries = new[]
        {
            "$top=1000000", "$top=-1", "$top=abc", "$skip=-5", "$skip=99999999999999999999", "$search=amazon", "$apply=aggregate($count as n)",
            "$compute=Id add 1 as X", "$format=xml", "$format=atom", "$filter=1=1", "$filter=Id eq 1; DROP TABLE x", "$filter=' or '1'='1",
            "$filter=Id eq 1 --", "$filter=Name eq 'x' or 1 eq 1)", "$filter=" + new string('(', 3000), "$filter=Id eq 1e400",
            "$filter=Id eq 99999999999999999999999999999999999999m", "$filter=NoSuchProperty eq 1", "$filter=year(NoSuchDate) eq 2026",
            "$filter=matchesPattern(Name,'.*')", "$orderby=NoSuchProperty", "$orderby=Id desc desc", "$select=NoSuchProperty",
            "$expand=NoSuchNavigation", "$expand=Account($expand=Account($expand=Account))",
            "$expand=Account($levels=max)", "$levels=5", "$count=maybe", "$skiptoken=%00", "$unknown=1", "$filter=Name eq '\u0000'",
            "$filter=" + Uri.EscapeDataString(new string('a', 9000)), "$orderby=" + string.Join(",", Enumerable.Repeat("Id", 400)),
            "$filter=contains(Name,'x'", "$deltatoken=1", "$id=1", "$schemaversion=2",
        };
        foreach (var set in entities.Keys)
        {
            foreach (var query in badQueries)
            {
                yield return new($"{set} query {query[..Math.Min(query.Length, 40)]}", HttpMethod.Get, $"{Root}{set}?{query}");
            }
        }

        // Methods a resource does not have.
        foreach (var set in entities.Keys)
        {
            yield return new($"{set}: PUT on the set", HttpMethod.Put, Root + set, Utf8("{}"));
            yield return new($"{set}: DELETE on the set", HttpMethod.Delete, Root + set);
            yield return new($"{set}: PATCH on the set", HttpMethod.Patch, Root + set, Utf8("{}"));
            yield return new($"{set}: PUT on an entity", HttpMethod.Put, Entity(set), Utf8(entities[set].Body.ToJsonString()));
            yield return new($"{set}: POST on an entity", HttpMethod.Post, Entity(set), Utf8("{}"));
            if (!writable.Contains(set))
            {
                yield return new($"{set}: POST on a read-only set", HttpMethod.Post, Root + set, Utf8("{}"));
                yield return new($"{set}: DELETE on a read-only entity", HttpMethod.Delete, Entity(set));
                if (set != "DefaultProducts")
                {
                    yield return new($"{set}: PATCH on a read-only entity", HttpMethod.Patch, Entity(set), Utf8("{}"));
                }
            }
        }

        foreach (var action in actions)
        {
            yield return new($"{action} read with GET", HttpMethod.Get, $"{Root}Accounts({accountId})/{action}");
            yield return new($"{action} on a missing account", HttpMethod.Post, $"{Root}Accounts(987654)/{action}", Utf8("{}"));
            yield return new($"{action} on the set", HttpMethod.Post, $"{Root}Accounts/{action}", Utf8("{}"));
        }

        // Content types that are not JSON.
        foreach (var (method, url) in bodyTargets)
        {
            foreach (var type in new[] { "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/octet-stream" })
            {
                yield return new($"body as {type}", method, url, Utf8("{\"Name\":\"x\"}"), type);
            }

            yield return new("no content type", method, url, Utf8("{\"Name\":\"x\"}"), null);
        }

        // Stale and malformed ETags.
        foreach (var set in patchable)
        {
            foreach (var etag in new[] { "W/\"zzz\"", "\"plain\"", "W/\"MQ==\"", "W/\"\"", "W/", "*x", "W/\"bnVsbA==\"", "W/\"" + new string('A', 5000) + "\"", "\u0000" })
            {
                yield return new($"{set} If-Match {etag[..Math.Min(etag.Length, 12)]}", HttpMethod.Patch, Entity(set), Utf8("{}"), IfMatch: etag);
                if (writable.Contains(set))
                {
                    yield return new($"{set} deleted with If-Match {etag[..Math.Min(etag.Length, 12)]}", HttpMethod.Delete, Entity(set), IfMatch: etag);
                }
            }
        }

        // Settings: unknown keys, bad values, wrong shapes.
        foreach (var key in new[] { "no.such.setting", "erp.amazon.sync.max_order_attempts%20", new string('k', 3000), "..%2F..%2Fetc", "erp.amazon.enabled'--" })
        {
            yield return new($"setting {key[..Math.Min(key.Length, 20)]}", HttpMethod.Put, "/api/settings/" + key, Utf8("{\"Value\":\"1\"}"));
        }

        foreach (var value in new[] { "\"-1\"", "\"0\"", "\"abc\"", "\"1e400\"", "\"99999999999999999999\"", "1", "null", "\"\\u0000\"", "\"\\u202E5\"", "\"" + new string('9', 100000) + "\"" })
        {
            yield return new($"max_order_attempts = {value[..Math.Min(value.Length, 12)]}", HttpMethod.Put, "/api/settings/erp.amazon.sync.max_order_attempts", Utf8("{\"Value\":" + value + "}"));
            yield return new($"enabled = {value[..Math.Min(value.Length, 12)]}", HttpMethod.Put, "/api/settings/erp.amazon.enabled", Utf8("{\"Value\":" + value + "}"));
        }

        yield return new("settings: DELETE", HttpMethod.Delete, "/api/settings/erp.amazon.enabled");
        yield return new("settings: POST", HttpMethod.Post, "/api/settings", Utf8("{}"));
    }
}
