using System.Threading.Channels;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Lottery.Web.Features.Email;

/// <summary>Delivers one message now: to the SMTP server in configuration, or as an <c>.eml</c> file to the pickup directory.</summary>
public interface IEmailSender
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

/// <summary>
/// MailKit: one SMTP connection per message (codes are few and far between; a pool would only hold idle sockets), or
/// <see cref="MimeMessage.WriteToAsync(string, CancellationToken)"/> into the pickup directory when no host is configured.
/// </summary>
public sealed partial class MailKitEmailSender(
    IOptions<EmailOptions> options, IHostEnvironment environment, TimeProvider clock, ILogger<MailKitEmailSender> logger)
    : IEmailSender
{
    private readonly EmailOptions _options = options.Value;

    /// <summary>The pickup directory as an absolute path (relative paths are under the content root).</summary>
    public string PickupDirectory => Path.GetFullPath(_options.PickupDirectory, environment.ContentRootPath);

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!_options.UsesSmtp)
        {
            Directory.CreateDirectory(PickupDirectory);
            // Written under a temporary name and renamed: whoever watches the folder never reads half a message.
            var name = $"{clock.GetUtcNow():yyyyMMdd-HHmmss}-{Guid.NewGuid():N}";
            var partial = Path.Combine(PickupDirectory, name + ".tmp");
            await message.WriteToAsync(partial, cancellationToken);
            File.Move(partial, Path.Combine(PickupDirectory, name + ".eml"));
            LogPickedUp(logger, name);
            return;
        }

        var smtp = _options.Smtp;
        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        await client.ConnectAsync(smtp.Host!, smtp.Port, smtp.SecureSocketOptions, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.User))
        {
            await client.AuthenticateAsync(smtp.User, smtp.Password ?? "", cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(true, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "E-mail written to the pickup directory as {Name}.eml")]
    private static partial void LogPickedUp(ILogger logger, string name);
}

/// <summary>
/// Messages waiting to go out. A code request only queues its message, so the answer does not wait for (or reveal
/// anything through) the mail server; <see cref="EmailDelivery"/> sends them in the background.
/// </summary>
public sealed class EmailOutbox
{
    private readonly Channel<MimeMessage> _queue = Channel.CreateBounded<MimeMessage>(new BoundedChannelOptions(10_000)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    public ValueTask EnqueueAsync(MimeMessage message, CancellationToken cancellationToken) => _queue.Writer.WriteAsync(message, cancellationToken);

    internal ChannelReader<MimeMessage> Reader => _queue.Reader;
}

/// <summary>Sends queued messages one after another; a failure is logged with the reason and three tries are made.</summary>
public sealed partial class EmailDelivery(EmailOutbox outbox, IEmailSender sender, ILogger<EmailDelivery> logger) : BackgroundService
{
    private const int Tries = 3;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var message in outbox.Reader.ReadAllAsync(stoppingToken))
        {
            for (var attempt = 1; attempt <= Tries; attempt++)
            {
                try
                {
                    await sender.SendAsync(message, stoppingToken);
                    break;
                }
                catch (Exception e) when (e is not OperationCanceledException && attempt < Tries)
                {
                    LogRetry(logger, attempt, e.Message);
                    await Task.Delay(TimeSpan.FromSeconds(attempt), stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogFailed(logger, Tries, e);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending an e-mail failed (try {Attempt}): {Reason}; trying again")]
    private static partial void LogRetry(ILogger logger, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "An e-mail could not be sent after {Tries} tries; the player can ask for a new code")]
    private static partial void LogFailed(ILogger logger, int tries, Exception exception);
}
