namespace ErpAmazonModule.Api;

/// <summary>A validation failure tied to one field of the request body.</summary>
/// <param name="Field">The field's name as the API spells it.</param>
/// <param name="Message">What is wrong, for a person.</param>
public sealed record AmazonFieldError(string Field, string Message);
