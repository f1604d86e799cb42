using Lottery.Infrastructure.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Lottery.Web.Endpoints;

public static class AccountEndpoints
{
    /// <summary>
    /// Staff sign-in and sign-out. The login page posts a plain HTML form here (the cookie has to be set on an HTTP
    /// response, not over a circuit); form binding makes ASP.NET Core validate the antiforgery token.
    /// </summary>
    public static WebApplication MapAccountEndpoints(this WebApplication app)
    {
        var account = app.MapGroup("/account").ExcludeFromDescription();
        account.MapPost("/login", LoginAsync);
        account.MapPost("/logout", LogoutAsync);
        return app;
    }

    private static async Task<RedirectHttpResult> LoginAsync(
        [FromForm] LoginForm form, SignInManager<ApplicationUser> signIn)
    {
        var returnUrl = SafeReturnUrl(form.ReturnUrl);
        if (string.IsNullOrWhiteSpace(form.Username) || string.IsNullOrEmpty(form.Password))
        {
            return TypedResults.LocalRedirect($"/account/login?error=missing&returnUrl={Uri.EscapeDataString(returnUrl)}");
        }

        var result = await signIn.PasswordSignInAsync(form.Username.Trim(), form.Password, form.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return TypedResults.LocalRedirect(returnUrl);
        }

        var error = result.IsLockedOut ? "locked" : "invalid";
        return TypedResults.LocalRedirect($"/account/login?error={error}&returnUrl={Uri.EscapeDataString(returnUrl)}");
    }

    private static async Task<RedirectHttpResult> LogoutAsync(SignInManager<ApplicationUser> signIn, [FromForm] string? returnUrl)
    {
        await signIn.SignOutAsync();
        return TypedResults.LocalRedirect(SafeReturnUrl(returnUrl, "/"));
    }

    /// <summary>Only local paths: an open redirect would let a phishing link bounce through our login.</summary>
    private static string SafeReturnUrl(string? url, string fallback = "/admin") =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : fallback;

    /// <summary>
    /// The login form's fields. Settable properties, not a positional record: form mapping requires every constructor
    /// parameter, and an unticked "Keep me signed in" checkbox posts no <c>rememberMe</c> field at all.
    /// </summary>
    public sealed class LoginForm
    {
        public string? Username { get; set; }

        public string? Password { get; set; }

        public string? ReturnUrl { get; set; }

        public bool RememberMe { get; set; }
    }
}
