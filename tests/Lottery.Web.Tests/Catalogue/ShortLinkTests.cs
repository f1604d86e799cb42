using System.Net;
using Lottery.Domain.Activities;
using Lottery.Infrastructure.Persistence;
using Lottery.Infrastructure.Persistence.Seeding;
using Lottery.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lottery.Web.Tests.Catalogue;

/// <summary>Short links: <c>/p/{code}</c> (8 characters, printed on posters) and the <c>/p/{id}</c> links printed before codes existed.</summary>
[Collection(SharedApp.Name)]
public sealed class ShortLinkTests(LotteryAppFactory app)
{
    [Fact]
    public async Task A_short_code_redirects_to_the_player_page_in_any_case_keeping_the_source()
    {
        var (id, code) = await DemoActivityAsync(DemoSeeder.InstantActivityName);
        using var http = app.CreateClient(new() { AllowAutoRedirect = false });

        using var exact = await http.GetAsync(new Uri($"/p/{code}", UriKind.Relative));
        using var typed = await http.GetAsync(new Uri($"/p/{code.ToUpperInvariant()}?utm_source=poster", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, exact.StatusCode);
        Assert.Equal($"/play/{id}", exact.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.Redirect, typed.StatusCode);
        Assert.Equal($"/play/{id}?utm_source=poster", typed.Headers.Location?.ToString());
    }

    [Fact]
    public async Task A_link_printed_with_the_activity_id_still_redirects()
    {
        var (id, _) = await DemoActivityAsync(DemoSeeder.ScheduledActivityName);
        using var http = app.CreateClient(new() { AllowAutoRedirect = false });

        using var response = await http.GetAsync(new Uri($"/p/{id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/play/{id}", response.Headers.Location?.ToString());
    }

    [Theory]
    [InlineData("zzzzzzzz")] // well-formed, nobody's
    [InlineData("k7m2x9q0")] // 0 is not in the alphabet (it reads as O)
    [InlineData("k7m2x9q")] // too short
    public async Task An_unknown_or_malformed_code_is_not_found(string code)
    {
        using var http = app.CreateClient(new() { AllowAutoRedirect = false });

        using var response = await http.GetAsync(new Uri($"/p/{code}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Every_activity_has_its_own_well_formed_code()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<LotteryDbContext>>().CreateDbContextAsync();

        var codes = await db.Activities.IgnoreQueryFilters().IgnoreAutoIncludes().Select(a => a.ShortCode).ToListAsync();

        Assert.True(codes.Count >= 2);
        Assert.All(codes, c => Assert.Matches($"^[{ShortCodes.Alphabet}]{{{ShortCodes.Length}}}$", c));
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
    }

    private async Task<(Guid Id, string Code)> DemoActivityAsync(string name)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<LotteryDbContext>>().CreateDbContextAsync();
        var activity = await db.Activities.IgnoreQueryFilters().IgnoreAutoIncludes().Where(a => a.Name == name)
            .OrderBy(a => a.CreatedAt).Select(a => new { a.Id, a.ShortCode }).FirstAsync();
        return (activity.Id, activity.ShortCode);
    }
}
