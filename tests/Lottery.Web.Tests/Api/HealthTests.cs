using System.Net;
using System.Text.Json;
using Lottery.Web.Tests.Support;

namespace Lottery.Web.Tests.Api;

[Collection(SharedApp.Name)]
public sealed class HealthTests(LotteryAppFactory app)
{
    [Fact]
    public async Task Liveness_answers_ok()
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Readiness_answers_ok_with_the_database_check_healthy()
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("Healthy", body.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }
}
