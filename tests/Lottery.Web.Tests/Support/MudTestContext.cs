using Bunit;
using MudBlazor.Services;

namespace Lottery.Web.Tests.Support;

/// <summary>
/// A bUnit context for MudBlazor components: MudBlazor's services, and JS interop answered loosely (MudBlazor calls
/// its browser script for focus, popovers and sizes; these tests assert markup and behaviour, not that script).
/// Render <see cref="MudBlazor.MudPopoverProvider"/> first (<see cref="RenderWithProviders{T}"/>) where a select,
/// menu or dialog opens.
/// </summary>
public abstract class MudTestContext : BunitContext, IAsyncLifetime
{
    protected MudTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>MudBlazor's services are only IAsyncDisposable: xunit 2 disposes test classes synchronously unless
    /// they are IAsyncLifetime, and the synchronous Dispose afterwards finds the context already disposed.</summary>
    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    /// <summary>Renders the popover and dialog providers (as AdminLayout does), then the component.</summary>
    protected IRenderedComponent<T> RenderWithProviders<T>(Action<ComponentParameterCollectionBuilder<T>>? parameters = null)
        where T : Microsoft.AspNetCore.Components.IComponent
    {
        Render<MudBlazor.MudPopoverProvider>();
        Render<MudBlazor.MudDialogProvider>();
        return parameters is null ? Render<T>() : Render(parameters);
    }
}
