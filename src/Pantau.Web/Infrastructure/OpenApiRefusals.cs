using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace Pantau.Web.Infrastructure;

/// <summary>
/// The refusals no handler's signature shows, added to the OpenAPI document from the endpoint's own metadata: 401 and
/// 403 where the endpoint needs a signed-in user with a policy, 429 where it has a rate limit. Each is a problem
/// document, like every refusal of the API.
/// </summary>
public sealed class OpenApiRefusals : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var signedIn = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
        if (signedIn)
        {
            Add(operation, "401", "Not signed in, or the session ended.");
            Add(operation, "403", "Signed in, but this account's role may not do this.");
        }
        if (metadata.OfType<EnableRateLimitingAttribute>().Any())
            Add(operation, "429", "Too many requests: the Retry-After header says when to try again.");
        return Task.CompletedTask;
    }

    private static void Add(OpenApiOperation operation, string status, string description)
    {
        operation.Responses ??= [];
        if (operation.Responses.ContainsKey(status)) return;
        operation.Responses[status] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() },
        };
    }
}
