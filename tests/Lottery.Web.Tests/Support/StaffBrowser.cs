using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Lottery.Web.Tests.Support;

/// <summary>
/// An HTTP client that behaves like a browser without JavaScript: it keeps cookies, does not follow redirects on its
/// own (tests look at them), reads pages as HTML and posts the login form with the token the page gave it.
/// </summary>
public sealed class StaffBrowser(LotteryAppFactory app) : IDisposable
{
    public const string DemoPassword = LotteryAppFactory.DemoPassword;

    private static readonly HtmlParser Parser = new();

    public HttpClient Http { get; } = app.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
    });

    public async Task<IHtmlDocument> GetPageAsync(string url)
    {
        using var response = await Http.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Opens the login page (which sets the antiforgery cookie) and returns the form's token.</summary>
    public async Task<string> GetAntiforgeryTokenAsync(string loginUrl = "/account/login")
    {
        var page = await GetPageAsync(loginUrl);
        var token = page.QuerySelector("form.login-form input[name=__RequestVerificationToken]") as IHtmlInputElement;
        Assert.NotNull(token);
        return token.Value;
    }

    /// <summary>Posts the login form as the page would, with a fresh token, and returns the (redirect) response.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string email, string password, string? returnUrl = "/admin", bool rememberMe = false)
    {
        var token = await GetAntiforgeryTokenAsync();
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["username"] = email,
            ["password"] = password,
        };
        if (rememberMe)
        {
            // An unticked checkbox posts nothing; a ticked one posts its value.
            fields["rememberMe"] = "true";
        }

        if (returnUrl is not null)
        {
            fields["returnUrl"] = returnUrl;
        }

        using var form = new FormUrlEncodedContent(fields);
        return await Http.PostAsync(new Uri("/account/login", UriKind.Relative), form);
    }

    public void Dispose() => Http.Dispose();
}
