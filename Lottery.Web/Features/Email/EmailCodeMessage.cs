using System.Globalization;
using System.Net;
using Lottery.Web.Features.Play;
using MimeKit;

namespace Lottery.Web.Features.Email;

/// <summary>
/// The e-mail that carries a sign-in code, in the player page's language (English or Simplified Chinese): the code in
/// the subject and large in the body, how long it works, and what to do if the player did not ask for it.
/// </summary>
public static class EmailCodeMessage
{
    public static MimeMessage Create(string from, string to, string code, string? activityName, TimeSpan lifetime, DateTimeOffset expiresAt, string language)
    {
        var zh = language == PlayText.Chinese;
        var minutes = (int)Math.Round(lifetime.TotalMinutes);
        var until = expiresAt.ToUniversalTime().ToString("HH:mm", CultureInfo.InvariantCulture) + " UTC";
        var subject = zh ? $"你的验证码：{code}" : $"Your code: {code}";
        var intro = (zh, activityName) switch
        {
            (true, { } name) => $"你正在登录“{name}”。请在页面中输入下面的验证码：",
            (true, null) => "请在抽奖页面中输入下面的验证码：",
            (false, { } name) => $"Here is your code to play {name}. Type it on the page where you asked for it:",
            (false, null) => "Here is your code. Type it on the page where you asked for it:",
        };
        var expiry = zh
            ? $"验证码 {minutes} 分钟内有效（至 {until}），只能使用一次。"
            : $"It works for {minutes} minutes (until {until}) and only once.";
        var ignore = zh
            ? "如果不是你本人操作，请忽略这封邮件：没有验证码，任何人都无法用你的邮箱登录。"
            : "If you did not ask for a code, ignore this e-mail: nobody can sign in with your address without it.";

        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        var body = new BodyBuilder
        {
            TextBody = string.Join("\n\n", intro, code, expiry, ignore) + "\n",
            HtmlBody = $"""
                <!DOCTYPE html>
                <html lang="{(zh ? "zh-CN" : "en")}"><head><meta charset="utf-8"><title>{Html(subject)}</title></head>
                <body style="margin:0;padding:24px;font-family:system-ui,-apple-system,Segoe UI,sans-serif;color:#1a1a1a;background:#f4f4f7">
                <div style="max-width:480px;margin:0 auto;padding:24px;border-radius:12px;background:#ffffff">
                <p style="margin:0 0 16px;font-size:16px;line-height:1.5">{Html(intro)}</p>
                <p style="margin:0 0 16px;font-size:32px;font-weight:700;letter-spacing:6px;text-align:center">{code}</p>
                <p style="margin:0 0 16px;font-size:15px;line-height:1.5">{Html(expiry)}</p>
                <p style="margin:0;font-size:13px;line-height:1.5;color:#555555">{Html(ignore)}</p>
                </div></body></html>
                """,
        };
        message.Body = body.ToMessageBody();
        return message;
    }

    private static string Html(string text) => WebUtility.HtmlEncode(text);
}
