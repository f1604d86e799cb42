using Lottery.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace Lottery.Web.Endpoints;

/// <summary>
/// Public media: a prize's picture at <c>/media/prizes/{id}</c>, for the admin pages and the player page alike. Pictures
/// are public content (players see them without an account), so the lookup is by id across tenants
/// (<c>IgnoreQueryFilters</c>, decision 004). The URL the catalogue hands out carries <c>?v={etag}</c>, so the response
/// may be cached for a long time; conditional requests answer 304.
/// </summary>
public static class MediaEndpoints
{
    public static IEndpointRouteBuilder MapMediaEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/media/prizes/{prizeId:guid}", GetPrizePictureAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> GetPrizePictureAsync(Guid prizeId, HttpContext http,
        IDbContextFactory<LotteryDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var picture = await db.PrizePictures.IgnoreQueryFilters().AsNoTracking()
            .Where(p => p.PrizeId == prizeId)
            .Select(p => new { p.ETag, p.ContentType, p.Data })
            .SingleOrDefaultAsync(cancellationToken);
        if (picture is null)
        {
            return Results.NotFound();
        }

        var etag = new EntityTagHeaderValue($"\"{picture.ETag}\"");
        var headers = http.Response.Headers;
        headers.CacheControl = "public, max-age=31536000, immutable";
        headers.XContentTypeOptions = "nosniff";
        if (http.Request.Query["v"] != picture.ETag)
        {
            // Asked without (or with an old) version: still correct, but revalidate so a new picture shows up.
            headers.CacheControl = "public, max-age=300, must-revalidate";
        }

        return Results.Bytes(picture.Data, picture.ContentType, entityTag: etag);
    }
}
