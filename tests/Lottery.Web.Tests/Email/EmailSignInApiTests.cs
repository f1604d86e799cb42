using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Lottery.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;

namespace Lottery.Web.Tests.Email;

/// <summary>
/// E-mail code sign-in through the API, with the mail read from where it really went (the SMTP test server's Maildir, or
/// the pickup directory): request → code from the message → verify → 201 session → draw.
/// </summary>
public abstract class EmailSignInApiTests<TFactory>(TFactory api) : IClassFixture<TFactory>
    where TFactory : EmailApiFactory
{
    protected TFactory Api => api;

    [Fact]
    public async Task A_code_from_the_e_mail_opens_a_session_that_can_draw_in_an_e_mail_activity()
    {
        var tenant = await api.NewTenantAsync();
        var activity = await ApiSteps.CreateRunningAsync(tenant, EmailDefinition(chances: 3));
        var client = api.ClientFrom(EmailApiFactory.NewAddress());
        var email = NewEmail();

        var sent = await client.PostAsJsonAsync("/api/player/sessions/email", new { email = email.ToUpperInvariant(), activityId = activity });
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        var message = (await Eventually.ReturnsAsync(() => Task.FromResult(SentMail.To(api.MailFolder, email)), m => m.Count == 1))[0];
        var code = SentMail.CodeOf(message);
        Assert.StartsWith("Your code: ", message.Subject, StringComparison.Ordinal);
        Assert.Contains("works for 10 minutes", message.TextBody, StringComparison.Ordinal);
        Assert.Contains(code, message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("no-reply@lottery.test", message.From.ToString(), StringComparison.Ordinal);

        // Only the code's HMAC is stored, never the code.
        var stored = await api.QueryAsync(db => db.EmailCodes.Where(c => c.Email == email).Select(c => c.CodeHash).SingleAsync());
        Assert.DoesNotContain(code, stored, StringComparison.Ordinal);
        Assert.Equal(64, stored.Length);

        var verified = await client.PostAsJsonAsync("/api/player/sessions/email/verify", new { email, code, activityId = activity });
        Assert.Equal(HttpStatusCode.Created, verified.StatusCode);
        var session = await verified.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(email, session.GetProperty("email").GetString());
        Assert.False(session.GetProperty("guestPromoted").GetBoolean());
        Assert.Contains(verified.Headers.GetValues("Set-Cookie"), c => c.StartsWith("lottery.player=", StringComparison.Ordinal) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));

        var player = Bearer(session.GetProperty("token").GetString()!);
        var draw = await ApiSteps.DrawAsync(player, activity);
        Assert.Equal(HttpStatusCode.OK, draw.StatusCode);
        Assert.True((await draw.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("won").GetBoolean());
        var current = await player.GetFromJsonAsync<JsonElement>("/api/player/sessions/current");
        Assert.Equal("email", current.GetProperty("kind").GetString());
        Assert.Equal(email, current.GetProperty("email").GetString());

        // The same code opens nothing a second time.
        var again = await client.PostAsJsonAsync("/api/player/sessions/email/verify", new { email, code, activityId = activity });
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        Assert.Equal("invalid-credentials", await ApiSteps.ProblemCodeAsync(again));
    }

    [Fact]
    public async Task Five_wrong_codes_kill_the_code_so_the_right_one_fails_after_them()
    {
        var client = api.ClientFrom(EmailApiFactory.NewAddress());
        var email = NewEmail();
        Assert.Equal(HttpStatusCode.Accepted, (await RequestAsync(client, email)).StatusCode);
        var code = await SentMail.CodeAsync(api.MailFolder, email);
        var wrong = code == "000000" ? "000001" : "000000";

        for (var i = 1; i <= 5; i++)
        {
            var response = await VerifyAsync(client, email, wrong);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("invalid-credentials", problem.GetProperty("code").GetString());
            Assert.Equal(5 - i, problem.GetProperty("attemptsLeft").GetInt32());
            Assert.Equal(i < 5 ? "wrong" : "locked", problem.GetProperty("reason").GetString());
        }

        var right = await VerifyAsync(client, email, code);
        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        var dead = await right.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("locked", dead.GetProperty("reason").GetString());
        Assert.Contains("ask for a new code", dead.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await api.QueryAsync(db => db.Players.CountAsync(p => p.Email == email)));

        // A new code works again.
        Assert.Equal(HttpStatusCode.Accepted, (await RequestAsync(client, email)).StatusCode);
        var fresh = await SentMail.CodeAsync(api.MailFolder, email, count: 2);
        Assert.Equal(HttpStatusCode.Created, (await VerifyAsync(client, email, fresh)).StatusCode);
    }

    [Fact]
    public async Task An_expired_code_and_a_code_superseded_by_a_newer_one_open_nothing()
    {
        var client = api.ClientFrom(EmailApiFactory.NewAddress());
        var email = NewEmail();
        await RequestAsync(client, email);
        var first = await SentMail.CodeAsync(api.MailFolder, email);
        await RequestAsync(client, email);
        var second = await SentMail.CodeAsync(api.MailFolder, email, count: 2);

        // The newer request superseded the first code (unless the two happen to be equal, one in a million).
        if (first != second)
        {
            var old = await VerifyAsync(client, email, first);
            Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
            Assert.Equal("wrong", (await old.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
        }

        // Ten minutes pass for the newest code: it is refused although it is right.
        var past = DateTimeOffset.UtcNow.AddSeconds(-1);
        await api.QueryAsync(db => db.EmailCodes.Where(c => c.Email == email).ExecuteUpdateAsync(s => s.SetProperty(c => c.ExpiresAt, past)));
        var expired = await VerifyAsync(client, email, second);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        var problem = await expired.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("invalid-credentials", problem.GetProperty("code").GetString());
        Assert.Equal("expired", problem.GetProperty("reason").GetString());
        Assert.Equal(0, await api.QueryAsync(db => db.Players.CountAsync(p => p.Email == email)));
    }

    [Fact]
    public async Task Of_ten_parallel_verifications_of_one_code_exactly_one_opens_a_session()
    {
        var client = api.ClientFrom(EmailApiFactory.NewAddress());
        var email = NewEmail();
        await RequestAsync(client, email);
        var code = await SentMail.CodeAsync(api.MailFolder, email);

        using var start = new SemaphoreSlim(0);
        var attempts = Enumerable.Range(0, 10).Select(async _ =>
        {
            await start.WaitAsync();
            return await VerifyAsync(api.ClientFrom(EmailApiFactory.NewAddress()), email, code);
        }).ToList();
        start.Release(attempts.Count);
        var answers = await Task.WhenAll(attempts);

        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.Created), a => Assert.Equal(HttpStatusCode.Unauthorized, a.StatusCode));
        Assert.Equal(1, await api.QueryAsync(db => db.PlayerSessions.CountAsync(s => db.Players.Any(p => p.Id == s.PlayerId && p.Email == email))));
    }

    [Fact]
    public async Task Codes_are_limited_per_e_mail_and_per_network_address_with_a_time_to_come_back()
    {
        // Per e-mail: 3 codes, the 4th is refused; another e-mail from the same network still gets one.
        var network = api.ClientFrom(EmailApiFactory.NewAddress());
        var email = NewEmail();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await RequestAsync(network, email)).StatusCode);
        }

        var fourth = await RequestAsync(network, email);
        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        Assert.Equal("too-many-attempts", await ApiSteps.ProblemCodeAsync(fourth));
        var wait = fourth.Headers.RetryAfter?.Delta ?? TimeSpan.Zero;
        Assert.InRange(wait, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await RequestAsync(api.ClientFrom(EmailApiFactory.NewAddress()), email)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await RequestAsync(network, NewEmail())).StatusCode);
        Assert.Equal(3, await api.QueryAsync(db => db.EmailCodes.CountAsync(c => c.Email == email)));

        // Per network address: 5 codes an hour whatever the e-mails; another address is not affected.
        var busy = api.ClientFrom(EmailApiFactory.NewAddress());
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await RequestAsync(busy, NewEmail())).StatusCode);
        }

        var sixth = NewEmail();
        var refused = await RequestAsync(busy, sixth);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(refused.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(60));
        Assert.Equal(0, await api.QueryAsync(db => db.EmailCodes.CountAsync(c => c.Email == sixth)));
        Assert.Equal(HttpStatusCode.Accepted, (await RequestAsync(api.ClientFrom(EmailApiFactory.NewAddress()), sixth)).StatusCode);
    }

    [Fact]
    public async Task An_address_that_never_played_gets_the_same_answer_as_one_that_did_and_a_non_address_is_refused()
    {
        var client = api.ClientFrom(EmailApiFactory.NewAddress());
        var known = NewEmail();
        await RequestAsync(client, known);
        Assert.Equal(HttpStatusCode.Created, (await VerifyAsync(client, known, await SentMail.CodeAsync(api.MailFolder, known))).StatusCode);

        var forKnown = await RequestAsync(client, known);
        var forNew = await RequestAsync(client, NewEmail());
        Assert.Equal(HttpStatusCode.Accepted, forKnown.StatusCode);
        Assert.Equal(forKnown.StatusCode, forNew.StatusCode);
        Assert.Equal(await forKnown.Content.ReadAsStringAsync(), await forNew.Content.ReadAsStringAsync());

        var invalid = await client.PostAsJsonAsync("/api/player/sessions/email", new { email = "not an address" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var problem = await invalid.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("email", out _));
        var badCode = await VerifyAsync(client, known, "12a456");
        Assert.Equal(HttpStatusCode.BadRequest, badCode.StatusCode);
        Assert.True((await badCode.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("code", out _));
    }

    [Fact]
    public async Task Two_sessions_of_one_e_mail_are_one_player_sharing_its_chances()
    {
        var tenant = await api.NewTenantAsync();
        var activity = await ApiSteps.CreateRunningAsync(tenant, EmailDefinition(chances: 3));
        var email = NewEmail();
        var a = await SignInAsync(email, activity, count: 1);
        var b = await SignInAsync(email, activity, count: 2);
        Assert.Equal(a.PlayerId, b.PlayerId);
        Assert.NotEqual(a.Token, b.Token);

        var sessionA = Bearer(a.Token);
        var sessionB = Bearer(b.Token);
        Assert.Equal(HttpStatusCode.OK, (await ApiSteps.DrawAsync(sessionA, activity)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ApiSteps.DrawAsync(sessionA, activity)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ApiSteps.DrawAsync(sessionB, activity)).StatusCode);
        var fourth = await ApiSteps.DrawAsync(sessionB, activity);
        Assert.Equal(HttpStatusCode.Conflict, fourth.StatusCode);
        Assert.Equal("no-chances-left", await ApiSteps.ProblemCodeAsync(fourth));
        Assert.Equal(1, await api.QueryAsync(db => db.Players.CountAsync(p => p.Email == email)));

        // A guest is refused in an e-mail activity before anything is counted.
        var guest = await api.NewPlayerAsync();
        Assert.Equal("identity-required", await ApiSteps.ProblemCodeAsync(await ApiSteps.DrawAsync(guest, activity)));
    }

    [Fact]
    public async Task A_guest_who_verifies_a_new_address_keeps_its_wins_and_one_who_verifies_a_taken_address_stays_behind()
    {
        var tenant = await api.NewTenantAsync();
        var activity = await ApiSteps.CreateRunningAsync(tenant, ApiSteps.Definition(prize: "Mug " + Guid.NewGuid().ToString("N")[..6], chances: 3));
        var guest = await api.NewPlayerAsync();
        var guestToken = guest.DefaultRequestHeaders.Authorization!.Parameter!;
        guest.DefaultRequestHeaders.Add(EmailApiFactory.PeerHeader, EmailApiFactory.NewAddress());
        Assert.True((await (await ApiSteps.DrawAsync(guest, activity)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("won").GetBoolean());
        var guestId = (await guest.GetFromJsonAsync<JsonElement>("/api/player/sessions/current")).GetProperty("playerId").GetGuid();
        Assert.Equal("guest", (await guest.GetFromJsonAsync<JsonElement>("/api/player/sessions/current")).GetProperty("kind").GetString());

        var email = NewEmail();
        await RequestAsync(guest, email);
        var promoted = await VerifyAsync(guest, email, await SentMail.CodeAsync(api.MailFolder, email));
        Assert.Equal(HttpStatusCode.Created, promoted.StatusCode);
        var session = await promoted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(session.GetProperty("guestPromoted").GetBoolean());
        Assert.Equal(guestId, session.GetProperty("playerId").GetGuid());

        // The new session and the guest's own token are the e-mail player now (no stale cached guest), with the win.
        var verified = Bearer(session.GetProperty("token").GetString()!);
        Assert.Single(await verified.GetFromJsonAsync<JsonElement[]>($"/api/me/wins?activityId={activity}") ?? []);
        var old = await guest.GetFromJsonAsync<JsonElement>("/api/player/sessions/current");
        Assert.Equal("email", old.GetProperty("kind").GetString());
        Assert.Equal(email, old.GetProperty("email").GetString());
        Assert.Equal(2, await RemainingAsync(verified, activity));

        // Another guest verifying the same address gets the existing player's session; its own win stays with it.
        var other = await api.NewPlayerAsync();
        other.DefaultRequestHeaders.Add(EmailApiFactory.PeerHeader, EmailApiFactory.NewAddress());
        Assert.Equal(HttpStatusCode.OK, (await ApiSteps.DrawAsync(other, activity)).StatusCode);
        await RequestAsync(other, email);
        var joined = await VerifyAsync(other, email, await SentMail.CodeAsync(api.MailFolder, email, count: 2));
        var second = await joined.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.Created, joined.StatusCode);
        Assert.False(second.GetProperty("guestPromoted").GetBoolean());
        Assert.True(second.GetProperty("guestLeftBehind").GetBoolean());
        Assert.Equal(guestId, second.GetProperty("playerId").GetGuid());
        Assert.Equal("guest", (await other.GetFromJsonAsync<JsonElement>("/api/player/sessions/current")).GetProperty("kind").GetString());
        Assert.Single(await other.GetFromJsonAsync<JsonElement[]>($"/api/me/wins?activityId={activity}") ?? []);
        Assert.Single(await Bearer(second.GetProperty("token").GetString()!).GetFromJsonAsync<JsonElement[]>($"/api/me/wins?activityId={activity}") ?? []);
        Assert.NotEqual(guestToken, second.GetProperty("token").GetString());
    }

    protected static string NewEmail() => $"player-{Guid.NewGuid():N}@example.com";

    protected static object EmailDefinition(int chances) => new
    {
        name = "E-mail campaign " + Guid.NewGuid().ToString("N")[..6],
        kind = "instant",
        startsAt = DateTimeOffset.UtcNow.AddHours(-1),
        endsAt = DateTimeOffset.UtcNow.AddDays(7),
        rules = new { chancesPerPlayer = chances },
        tiers = new[] { new { name = "First prize", probability = 1m, prizes = new[] { new { name = "Cap " + Guid.NewGuid().ToString("N")[..6], kind = "physical", stock = 100 } } } },
        gameplay = new { type = "wheel" },
        players = new { identity = "email" },
    };

    protected static Task<HttpResponseMessage> RequestAsync(HttpClient client, string email, Guid? activityId = null) =>
        client.PostAsJsonAsync("/api/player/sessions/email", new { email, activityId });

    protected static Task<HttpResponseMessage> VerifyAsync(HttpClient client, string email, string code) =>
        client.PostAsJsonAsync("/api/player/sessions/email/verify", new { email, code });

    private async Task<(Guid PlayerId, string Token)> SignInAsync(string email, Guid activity, int count)
    {
        var client = api.ClientFrom(EmailApiFactory.NewAddress());
        Assert.Equal(HttpStatusCode.Accepted, (await RequestAsync(client, email, activity)).StatusCode);
        var code = await SentMail.CodeAsync(api.MailFolder, email, count);
        var response = await client.PostAsJsonAsync("/api/player/sessions/email/verify", new { email, code, activityId = activity });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var session = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (session.GetProperty("playerId").GetGuid(), session.GetProperty("token").GetString()!);
    }

    private HttpClient Bearer(string token)
    {
        var client = api.ClientFrom(EmailApiFactory.NewAddress());
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<int> RemainingAsync(HttpClient player, Guid activity) =>
        (await player.GetFromJsonAsync<JsonElement>($"/api/activities/{activity}")).GetProperty("remainingChances").GetInt32();
}

/// <summary>Through the real SMTP server (aiosmtpd from ./test.sh), on SQLite.</summary>
public sealed class SmtpSqliteEmailSignInTests(SmtpSqliteEmailApi api) : EmailSignInApiTests<SmtpSqliteEmailApi>(api);

/// <summary>Through the real SMTP server, on PostgreSQL (the concurrency token of a code on the other provider).</summary>
public sealed class SmtpPostgresEmailSignInTests(SmtpPostgresEmailApi api) : EmailSignInApiTests<SmtpPostgresEmailApi>(api);

/// <summary>No SMTP server configured: the messages are .eml files in the pickup directory.</summary>
public sealed class PickupEmailSignInTests(PickupEmailApi api) : EmailSignInApiTests<PickupEmailApi>(api)
{
    [Fact]
    public async Task Each_message_is_an_eml_file_in_the_pickup_directory()
    {
        var email = NewEmail();
        Assert.Equal(HttpStatusCode.Accepted, (await RequestAsync(Api.ClientFrom(EmailApiFactory.NewAddress()), email)).StatusCode);

        var file = await Eventually.ReturnsAsync(
            () => Task.FromResult(Directory.Exists(Api.MailFolder)
                ? Directory.GetFiles(Api.MailFolder).FirstOrDefault(f => File.ReadAllText(f).Contains(email, StringComparison.Ordinal))
                : null),
            f => f is not null, what: "the message was written to the pickup directory");
        Assert.EndsWith(".eml", file, StringComparison.Ordinal);
        var message = MimeKit.MimeMessage.Load(file!);
        Assert.Equal(email, message.To.Mailboxes.Single().Address);
        Assert.Matches("^[0-9]{6}$", SentMail.CodeOf(message));
    }
}
