using Lottery.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lottery.TestSupport;

/// <summary>A generic host composed with the app's own <c>AddInfrastructure</c>, configured from memory only.</summary>
public static class TestHost
{
    public static IHost Build(IReadOnlyDictionary<string, string?> configuration)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            EnvironmentName = Environments.Development,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(configuration);
        // As in Development, a scoped service taken from the root provider fails. (Not ValidateOnBuild: Identity's
        // sign-in and token services need the web host's authentication and data protection, which are not here.)
        builder.ConfigureContainer(new DefaultServiceProviderFactory(new ServiceProviderOptions { ValidateScopes = true }));
        builder.AddInfrastructure();
        return builder.Build();
    }
}
