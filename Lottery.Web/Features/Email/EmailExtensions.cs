namespace Lottery.Web.Features.Email;

public static class EmailExtensions
{
    /// <summary>E-mail code sign-in: options (checked at start), the MailKit sender, the outbox and its background delivery.</summary>
    public static IServiceCollection AddEmailSignIn(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmailOptions>().Bind(configuration.GetSection(EmailOptions.Section)).ValidateDataAnnotations()
            .Validate(o => MimeKit.MailboxAddress.TryParse(o.From, out _), "Email:From is not an e-mail address (e.g. \"Lucky draw <no-reply@example.com>\").")
            .ValidateOnStart();
        services.AddSingleton<MailKitEmailSender>();
        services.AddSingleton<IEmailSender>(sp => sp.GetRequiredService<MailKitEmailSender>());
        services.AddSingleton<EmailOutbox>();
        services.AddHostedService<EmailDelivery>();
        services.AddSingleton<EmailCodeHasher>();
        services.AddScoped<EmailSignIn>();
        return services;
    }
}
