using System.ComponentModel.DataAnnotations;
using MailKit.Security;

namespace Lottery.Web.Features.Email;

/// <summary>
/// Section <c>Email</c>: where mail goes and how sign-in codes behave. Without <c>Email:Smtp:Host</c> (the embedded
/// default) every message is written as an <c>.eml</c> file to <see cref="PickupDirectory"/>; the start banner says where.
/// </summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary>The sender, e.g. <c>Lucky draw &lt;no-reply@example.com&gt;</c>.</summary>
    [Required]
    public string From { get; set; } = "Lucky draw <no-reply@lottery.local>";

    /// <summary>Folder for <c>.eml</c> files when no SMTP host is set; relative to the app's content root.</summary>
    [Required]
    public string PickupDirectory { get; set; } = Path.Combine("App_Data", "mail-pickup");

    [Microsoft.Extensions.Options.ValidateObjectMembers]
    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>How long a code works (10 minutes by default).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Wrong codes a code survives; the next wrong one kills it (5 by default).</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Codes one e-mail address may be sent per <see cref="CodesPerEmailWindow"/> (3 per 15 minutes); 0 = no limit.</summary>
    [Range(0, 1000)]
    public int CodesPerEmail { get; set; } = 3;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan CodesPerEmailWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Codes one network address may ask for per <see cref="CodesPerAddressWindow"/> (20 per hour); 0 = no limit.</summary>
    [Range(0, 100_000)]
    public int CodesPerAddress { get; set; } = 20;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan CodesPerAddressWindow { get; set; } = TimeSpan.FromHours(1);

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(Smtp.Host);
}

/// <summary>Section <c>Email:Smtp</c>: the mail server. No host: messages go to the pickup directory instead.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    /// <summary>User name for SMTP authentication; none: no authentication.</summary>
    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>
    /// MailKit's <see cref="MailKit.Security.SecureSocketOptions"/>: <c>Auto</c> (default: TLS on 465, STARTTLS when the server
    /// offers it), <c>None</c>, <c>SslOnConnect</c>, <c>StartTls</c> (required) or <c>StartTlsWhenAvailable</c>.
    /// </summary>
    public SecureSocketOptions SecureSocketOptions { get; set; } = SecureSocketOptions.Auto;

    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
