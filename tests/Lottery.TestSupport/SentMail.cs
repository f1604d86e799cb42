using System.Text.RegularExpressions;
using MimeKit;

namespace Lottery.TestSupport;

/// <summary>
/// Reads the e-mail the app sent, from a folder: the SMTP test server's Maildir (<see cref="TestServices.MailDir"/>, one
/// file per message under <c>new/</c>) or the app's pickup directory (<c>.eml</c> files). Delivery is asynchronous, so
/// reads wait for the message (<see cref="Eventually"/>), never sleep.
/// </summary>
public static partial class SentMail
{
    /// <summary>Every message in <paramref name="folder"/> (and its <c>new/</c> and <c>cur/</c>) addressed to <paramref name="to"/>, oldest first.</summary>
    public static IReadOnlyList<MimeMessage> To(string folder, string to)
    {
        var files = new[] { folder, Path.Combine(folder, "new"), Path.Combine(folder, "cur") }
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d).Where(f => !f.EndsWith(".tmp", StringComparison.Ordinal)));
        return [.. files.Select(f => (File: f, Message: MimeMessage.Load(f)))
            .Where(m => m.Message.To.Mailboxes.Any(a => string.Equals(a.Address, to, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(m => m.Message.Date).ThenBy(m => File.GetLastWriteTimeUtc(m.File))
            .Select(m => m.Message)];
    }

    /// <summary>Waits until <paramref name="count"/> messages to <paramref name="to"/> arrived and returns the code of the newest.</summary>
    public static async Task<string> CodeAsync(string folder, string to, int count = 1)
    {
        var messages = await Eventually.ReturnsAsync(() => Task.FromResult(To(folder, to)), m => m.Count >= count,
            TimeSpan.FromSeconds(30), $"{count} message(s) to {to} arrived in {folder}");
        return CodeOf(messages[^1]);
    }

    /// <summary>The six-digit code of a sign-in message (from its subject, checked against its text body).</summary>
    public static string CodeOf(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var code = Digits().Match(message.Subject ?? "").Value;
        Assert.Matches("^[0-9]{6}$", code);
        Assert.Contains(code, message.TextBody, StringComparison.Ordinal);
        return code;
    }

    [GeneratedRegex("[0-9]{6}")]
    private static partial Regex Digits();
}
