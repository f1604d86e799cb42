using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lottery.Domain.Activities;
using Lottery.Domain.Common;
using Lottery.Domain.Prizes;
using Lottery.Infrastructure.Persistence;
using Lottery.Web.Features.Activities;
using Lottery.Web.Features.Audit;
using Lottery.Web.Features.Catalogue;
using Lottery.Web.Features.Designer;
using Lottery.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lottery.Web.Tests.Catalogue;

/// <summary>
/// The catalogue, activity-list and audit use cases in process, against the real app on SQLite: each test works in a
/// fresh tenant, through the same services the admin pages call.
/// </summary>
public sealed partial class CatalogueTests(EmbeddedSqliteApi api) : IClassFixture<EmbeddedSqliteApi>
{
    private const string Actor = "marketer@test.local";

    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 1, 2, 3];

    [Fact]
    public async Task Duplicating_copies_the_definition_into_a_new_draft_named_copy_and_audits_it()
    {
        var tenant = await NewTenantAsync();
        var source = await ApiSteps.CreateRunningAsync(tenant.Client, ApiSteps.Definition(prize: "Mug " + Suffix(), stock: 7));

        var copied = await tenant.RunAsync(sp => sp.GetRequiredService<ActivityListCommands>().DuplicateAsync(source, Actor));

        Assert.True(copied.IsSuccess, copied.Error?.Message);
        var (original, copy) = await tenant.RunAsync(async sp =>
        {
            await using var db = await sp.GetRequiredService<IDbContextFactory<LotteryDbContext>>().CreateDbContextAsync();
            var a = await db.Activities.AsNoTracking().AsSplitQuery().SingleAsync(x => x.Id == source);
            var b = await db.Activities.AsNoTracking().AsSplitQuery().SingleAsync(x => x.Id == copied.Value);
            return (a, b);
        });
        Assert.Equal(ActivityStatus.Draft, copy.Status);
        Assert.Equal(ActivityStatus.Running, original.Status);
        Assert.Equal(original.Name + " (copy)", copy.Name);
        // The copy is a campaign of its own: its own short link, never the original's.
        Assert.NotEqual(original.ShortCode, copy.ShortCode);
        Assert.Equal(copy.ShortCode, ShortCodes.Normalize(copy.ShortCode));
        Assert.Equal(original.ToDefinition() with { Name = copy.Name }, copy.ToDefinition(), DefinitionComparer.Instance);
        Assert.False(Assert.Single(copy.Prizes).IsReserved);
        var audit = await api.QueryAsync(db => db.Audit.IgnoreQueryFilters().AsNoTracking().SingleAsync(a => a.ActivityId == copy.Id));
        Assert.Equal(("activity.duplicate", Actor), (audit.Action, audit.Actor));
        Assert.Null(audit.Before);
        Assert.Contains(new AuditChange("CopiedFrom", null, source.ToString()), AuditDiff.Compute(audit.Before, audit.After));
    }

    [Fact]
    public async Task Only_a_draft_can_be_deleted_and_the_deletion_is_audited()
    {
        var tenant = await NewTenantAsync();
        var running = await ApiSteps.CreateRunningAsync(tenant.Client, ApiSteps.Definition(prize: "Pen " + Suffix(), stock: 5));
        var created = await tenant.Client.PostAsJsonAsync("/api/admin/activities", ApiSteps.Definition(prize: "Cap " + Suffix(), stock: 5));
        var draft = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var refused = await tenant.RunAsync(sp => sp.GetRequiredService<ActivityListCommands>().DeleteDraftAsync(running, Actor));
        var deleted = await tenant.RunAsync(sp => sp.GetRequiredService<ActivityListCommands>().DeleteDraftAsync(draft, Actor));

        Assert.Equal(ErrorCodes.IllegalTransition, refused.Error?.Code);
        Assert.Contains("Only a draft can be deleted", refused.Error!.Message, StringComparison.Ordinal);
        Assert.True(deleted.IsSuccess, deleted.Error?.Message);
        Assert.True(await api.QueryAsync(db => db.Activities.IgnoreQueryFilters().AnyAsync(a => a.Id == running)));
        Assert.False(await api.QueryAsync(db => db.Activities.IgnoreQueryFilters().AnyAsync(a => a.Id == draft)));
        Assert.False(await api.QueryAsync(db => db.ActivityPrizes.IgnoreQueryFilters().AnyAsync(a => a.ActivityId == draft)));
        var actions = await api.QueryAsync(db => db.Audit.IgnoreQueryFilters().Where(a => a.ActivityId == draft).Select(a => a.Action).ToListAsync());
        Assert.Equal(["activity.create", "activity.delete"], actions.Order());
        Assert.False(await api.QueryAsync(db => db.Audit.IgnoreQueryFilters().AnyAsync(a => a.ActivityId == running && a.Action == "activity.delete")));
    }

    [Fact]
    public async Task An_unpublished_design_is_listed_as_a_draft_and_an_api_draft_being_designed_is_listed_once()
    {
        var tenant = await NewTenantAsync();
        var designId = Guid.NewGuid();
        var design = DesignerDocuments.Empty() with { Name = "Spring design " + Suffix(), Kind = "scheduled" };
        var saved = await tenant.RunAsync(sp => sp.GetRequiredService<DesignerService>().SaveDraftAsync(tenant.Id, designId, design, Actor));
        Assert.True(saved.IsSuccess, saved.Error?.Message);
        var created = await tenant.Client.PostAsJsonAsync("/api/admin/activities", ApiSteps.Definition(prize: "Cap " + Suffix(), stock: 5));
        var apiDraft = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var apiDraftName = await api.QueryAsync(db => db.Activities.IgnoreQueryFilters().Where(a => a.Id == apiDraft).Select(a => a.Name).SingleAsync());
        var working = await tenant.RunAsync(sp => sp.GetRequiredService<DesignerService>().LoadAsync(apiDraft));
        var edited = working!.Live!.Document with { Name = "Edited in the designer" };
        Assert.True((await tenant.RunAsync(sp => sp.GetRequiredService<DesignerService>().SaveDraftAsync(tenant.Id, apiDraft, edited, Actor))).IsSuccess);

        var list = await tenant.RunAsync(sp => sp.GetRequiredService<ActivityQueries>().ListAsync());

        Assert.Equal(2, list.Count);
        var row = Assert.Single(list, a => a.Id == designId);
        Assert.Equal((design.Name, ActivityKind.Scheduled, ActivityStatus.Draft, true, (DateTimeOffset?)null), (row.Name, row.Kind, row.Status, row.Unpublished, row.StartsAt));
        var once = Assert.Single(list, a => a.Id == apiDraft);
        Assert.Equal((apiDraftName, ActivityStatus.Draft, false, 5), (once.Name, once.Status, once.Unpublished, once.Allocated));
    }

    [Fact]
    public async Task An_unpublished_design_is_duplicated_into_a_new_design_and_deleted_with_both_audited()
    {
        var tenant = await NewTenantAsync();
        var designId = Guid.NewGuid();
        var name = "Half-done " + Suffix();
        // Not valid yet (no kind, no schedule): a design is kept as it is.
        var design = DesignerDocuments.Empty() with { Name = name, Tiers = [new TierDocument("Gold", 0.25m, [new PrizeDocument("Mug", "physical", 12)])] };
        Assert.True((await tenant.RunAsync(sp => sp.GetRequiredService<DesignerService>().SaveDraftAsync(tenant.Id, designId, design, Actor))).IsSuccess);
        var commands = (Func<IServiceProvider, ActivityListCommands>)(sp => sp.GetRequiredService<ActivityListCommands>());

        var copied = await tenant.RunAsync(sp => commands(sp).DuplicateAsync(designId, Actor));
        var deleted = await tenant.RunAsync(sp => commands(sp).DeleteDraftAsync(designId, Actor));
        var again = await tenant.RunAsync(sp => commands(sp).DeleteDraftAsync(designId, Actor));

        Assert.True(copied.IsSuccess, copied.Error?.Message);
        Assert.True(deleted.IsSuccess, deleted.Error?.Message);
        Assert.Equal(ErrorCodes.NotFound, again.Error?.Code);
        var list = await tenant.RunAsync(sp => sp.GetRequiredService<ActivityQueries>().ListAsync());
        var copy = Assert.Single(list);
        Assert.Equal((copied.Value, name + " (copy)", true, 12, 1), (copy.Id, copy.Name, copy.Unpublished, copy.Allocated, copy.Tiers));
        var opened = await tenant.RunAsync(sp => sp.GetRequiredService<DesignerService>().LoadAsync(copied.Value));
        Assert.Equal("Gold", opened!.Draft!.Document.Tiers![0]!.Name);
        Assert.Null(opened.Live);
        var audit = await api.QueryAsync(db => db.Audit.IgnoreQueryFilters().AsNoTracking()
            .Where(a => a.ActivityId == designId || a.ActivityId == copied.Value).ToListAsync());
        var deletion = Assert.Single(audit, a => a.ActivityId == designId);
        Assert.Equal(("activity.delete", Actor), (deletion.Action, deletion.Actor));
        Assert.Contains(name, deletion.Before, StringComparison.Ordinal);
        var duplication = Assert.Single(audit, a => a.ActivityId == copied.Value);
        Assert.Equal("activity.duplicate", duplication.Action);
        Assert.Contains(new AuditChange("CopiedFrom", null, designId.ToString()), AuditDiff.Compute(duplication.Before, duplication.After));
    }

    [Fact]
    public async Task Deleting_an_api_draft_also_deletes_its_working_draft_so_it_does_not_come_back_as_a_design()
    {
        var tenant = await NewTenantAsync();
        var created = await tenant.Client.PostAsJsonAsync("/api/admin/activities", ApiSteps.Definition(prize: "Pin " + Suffix(), stock: 3));
        var draft = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var working = await tenant.RunAsync(sp => sp.GetRequiredService<DesignerService>().LoadAsync(draft));
        Assert.True((await tenant.RunAsync(sp => sp.GetRequiredService<DesignerService>().SaveDraftAsync(tenant.Id, draft, working!.Live!.Document, Actor))).IsSuccess);

        var deleted = await tenant.RunAsync(sp => sp.GetRequiredService<ActivityListCommands>().DeleteDraftAsync(draft, Actor));

        Assert.True(deleted.IsSuccess, deleted.Error?.Message);
        Assert.Empty(await tenant.RunAsync(sp => sp.GetRequiredService<ActivityQueries>().ListAsync()));
        Assert.False(await api.QueryAsync(db => db.ActivityDrafts.IgnoreQueryFilters().AnyAsync(d => d.ActivityId == draft)));
    }

    [Fact]
    public async Task Uploading_codes_skips_repeats_and_known_codes_reports_them_and_adds_one_unit_per_new_code()
    {
        var tenant = await NewTenantAsync();
        var prize = await tenant.CreatePrizeAsync(new PrizeForm("Voucher " + Suffix(), PrizeKind.Code, null, 2.5m, null, 0));

        var first = await tenant.RunAsync(sp => sp.GetRequiredService<CatalogueCommands>().UploadCodesAsync(prize, " A-1 \nB-2\r\nA-1\n\nC-3\n", csv: false, Actor));
        var second = await tenant.RunAsync(sp => sp.GetRequiredService<CatalogueCommands>().UploadCodesAsync(prize, "code,batch\n\"C-3\",x\nD-4,y\n", csv: true, Actor));

        Assert.True(first.IsSuccess, first.Error?.Message);
        Assert.Equal((5, 3, 1), (first.Value.Lines, first.Value.Added, first.Value.BlankLines));
        Assert.Equal(["A-1"], first.Value.DuplicatesInFile);
        Assert.Empty(first.Value.AlreadyInPool);
        Assert.Equal(1, second.Value.Added);
        Assert.Equal(["C-3"], second.Value.AlreadyInPool);
        Assert.Equal(4, second.Value.PoolStockAfter);
        var row = await tenant.RunAsync(sp => sp.GetRequiredService<CatalogueQueries>().GetAsync(prize));
        Assert.Equal((4, 4, 0, 4), (row!.Available, row.CodesUnused, row.CodesUsed, row.Total));
        var codes = await api.QueryAsync(db => db.PrizeCodes.IgnoreQueryFilters().Where(c => c.PrizeId == prize).Select(c => c.Code).ToListAsync());
        Assert.Equal(["A-1", "B-2", "C-3", "D-4"], codes.Order(StringComparer.Ordinal));
        var history = await tenant.RunAsync(sp => sp.GetRequiredService<AuditQueries>().ForPrizeAsync(prize));
        Assert.Equal(["prize.codes", "prize.codes", "prize.create"], history.Rows.Select(r => r.Action));
        Assert.Contains(new AuditChange("available", "3", "4"), history.Rows[0].Changes);

        // A code prize's stock cannot outgrow its codes, and only code prizes take codes.
        var tooMuch = await tenant.RunAsync(sp => sp.GetRequiredService<CatalogueCommands>().SetStockAsync(prize, 5, Actor));
        Assert.Equal(ErrorCodes.Validation, tooMuch.Error?.Code);
        var mug = await tenant.CreatePrizeAsync(new PrizeForm("Mug " + Suffix(), PrizeKind.Physical, null, 4m, null, 3));
        var notCodes = await tenant.RunAsync(sp => sp.GetRequiredService<CatalogueCommands>().UploadCodesAsync(mug, "X\n", csv: false, Actor));
        Assert.Equal(ErrorCodes.Validation, notCodes.Error?.Code);
    }

    [Fact]
    public async Task Stock_changes_are_audited_with_before_and_after_and_never_go_below_what_activities_reserved()
    {
        var tenant = await NewTenantAsync();
        var name = "Tote " + Suffix();
        var prize = await tenant.CreatePrizeAsync(new PrizeForm(name, PrizeKind.Physical, "Canvas", 12m, null, 10));
        // The activity names the catalogue prize by name and kind, so publishing reserves 6 of its 10 units.
        await ApiSteps.CreateRunningAsync(tenant.Client, ApiSteps.Definition(prize: name, stock: 6));

        var below = await tenant.RunAsync(sp => sp.GetRequiredService<CatalogueCommands>().SetStockAsync(prize, 5, Actor));
        var raised = await tenant.RunAsync(sp => sp.GetRequiredService<CatalogueCommands>().SetStockAsync(prize, 12, Actor));

        Assert.Equal(ErrorCodes.StockPoolShort, below.Error?.Code);
        Assert.Contains("reserved 6", below.Error!.Message, StringComparison.Ordinal);
        Assert.True(raised.IsSuccess, raised.Error?.Message);
        var row = await tenant.RunAsync(sp => sp.GetRequiredService<CatalogueQueries>().GetAsync(prize));
        Assert.Equal((6, 6, 12), (row!.Available, row.Reserved, row.Total));
        var entry = await api.QueryAsync(db => db.Audit.IgnoreQueryFilters().AsNoTracking().SingleAsync(a => a.PrizeId == prize && a.Action == "prize.stock"));
        Assert.Equal(Actor, entry.Actor);
        Assert.Equal([new AuditChange("available", "4", "6"), new AuditChange("total", "10", "12")], AuditDiff.Compute(entry.Before, entry.After));
    }

    [Fact]
    public async Task A_picture_is_checked_by_its_signature_and_size_then_served_with_long_caching()
    {
        var tenant = await NewTenantAsync();
        var prize = await tenant.CreatePrizeAsync(new PrizeForm("Phone " + Suffix(), PrizeKind.Physical, null, 699m, null, 2));
        var commands = (Func<byte[], Task<Result<string>>>)(bytes => tenant.RunAsync(sp => sp.GetRequiredService<CatalogueCommands>().SetPictureAsync(prize, bytes, Actor)));

        var text = await commands("<svg xmlns='http://www.w3.org/2000/svg'/>"u8.ToArray());
        var huge = await commands([.. Png, .. new byte[PrizePicture.MaxBytes]]);
        var png = await commands(Png);

        Assert.Equal("Only PNG, JPEG and WebP pictures are accepted.", Assert.Single(text.ValidationErrors).Message);
        Assert.Contains("at most 1 MB", Assert.Single(huge.ValidationErrors).Message, StringComparison.Ordinal);
        Assert.True(png.IsSuccess, png.Error?.Message);
        Assert.Matches($"^/media/prizes/{prize}\\?v=[0-9a-f]{{16}}$", png.Value);
        Assert.Equal(png.Value, (await tenant.RunAsync(sp => sp.GetRequiredService<CatalogueQueries>().GetAsync(prize)))!.ImageUrl);

        using var http = api.CreateClient();
        using var response = await http.GetAsync(png.Value);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Png, await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("immutable", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        using var again = new HttpRequestMessage(HttpMethod.Get, png.Value);
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        using var notModified = await http.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        Assert.True((await tenant.RunAsync(sp => sp.GetRequiredService<CatalogueCommands>().RemovePictureAsync(prize, Actor))).IsSuccess);
        using var gone = await http.GetAsync(png.Value);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10 }, "image/jpeg")]
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50, 0x56, 0x50 }, "image/webp")]
    [InlineData(new byte[] { 0x47, 0x49, 0x46, 0x38, 0x39, 0x61 }, null)]
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x41, 0x56, 0x45 }, null)]
    public void Picture_types_are_recognised_by_signature_only(byte[] data, string? contentType)
    {
        Assert.Equal(contentType, PrizePicture.Sniff(data));
    }

    [Fact]
    public async Task Another_tenants_prizes_activities_and_audit_entries_are_not_found()
    {
        var owner = await NewTenantAsync();
        var other = await NewTenantAsync();
        var prize = await owner.CreatePrizeAsync(new PrizeForm("Secret " + Suffix(), PrizeKind.Code, null, 1m, null, 0));
        var activity = await ApiSteps.CreateRunningAsync(owner.Client, ApiSteps.Definition(prize: "Hidden " + Suffix(), stock: 3));

        await other.RunAsync(async sp =>
        {
            var catalogue = sp.GetRequiredService<CatalogueCommands>();
            var list = sp.GetRequiredService<ActivityListCommands>();
            Assert.Null(await sp.GetRequiredService<CatalogueQueries>().GetAsync(prize));
            Assert.Empty(await sp.GetRequiredService<CatalogueQueries>().ListAsync());
            Assert.Equal(ErrorCodes.NotFound, (await catalogue.UpdateAsync(prize, new PrizeForm("Mine", PrizeKind.Code, null, 0, null, 0), Actor)).Error?.Code);
            Assert.Equal(ErrorCodes.NotFound, (await catalogue.SetStockAsync(prize, 0, Actor)).Error?.Code);
            Assert.Equal(ErrorCodes.NotFound, (await catalogue.UploadCodesAsync(prize, "X", false, Actor)).Error?.Code);
            Assert.Equal(ErrorCodes.NotFound, (await catalogue.SetPictureAsync(prize, Png, Actor)).Error?.Code);
            Assert.Equal(ErrorCodes.NotFound, (await list.DuplicateAsync(activity, Actor)).Error?.Code);
            Assert.Equal(ErrorCodes.NotFound, (await list.DeleteDraftAsync(activity, Actor)).Error?.Code);
            Assert.Equal(0, (await sp.GetRequiredService<AuditQueries>().ForPrizeAsync(prize)).Total);
            Assert.Equal(0, (await sp.GetRequiredService<AuditQueries>().SearchAsync(new AuditFilter())).Total);
            return true;
        });
        Assert.Equal(1, (await owner.RunAsync(sp => sp.GetRequiredService<AuditQueries>().ForPrizeAsync(prize))).Total);
    }

    [Fact]
    public async Task The_audit_log_filters_by_action_actor_and_date_newest_first()
    {
        var tenant = await NewTenantAsync();
        var prize = await tenant.CreatePrizeAsync(new PrizeForm("Cup " + Suffix(), PrizeKind.Physical, null, 3m, null, 1));
        await tenant.RunAsync(sp => sp.GetRequiredService<CatalogueCommands>().SetStockAsync(prize, 2, "manager@test.local"));
        await tenant.RunAsync(sp => sp.GetRequiredService<CatalogueCommands>().SetStockAsync(prize, 3, Actor));

        var queries = (Func<AuditFilter, Task<AuditPage>>)(f => tenant.RunAsync(sp => sp.GetRequiredService<AuditQueries>().SearchAsync(f, 1, 2)));
        var all = await queries(new AuditFilter());
        var stock = await queries(new AuditFilter(Action: "prize.stock", Actor: Actor));
        var future = await queries(new AuditFilter(From: DateTimeOffset.UtcNow.AddDays(1)));
        var facets = await tenant.RunAsync(sp => sp.GetRequiredService<AuditQueries>().FacetsAsync());

        Assert.Equal((3, 2, 2), (all.Total, all.Rows.Count, all.PageCount));
        Assert.Equal(["prize.stock", "prize.stock"], all.Rows.Select(r => r.Action));
        Assert.Equal(new AuditChange("total", "2", "3"), Assert.Single(all.Rows[0].Changes, c => c.Path == "total"));
        Assert.Equal(Actor, Assert.Single(stock.Rows).Actor);
        Assert.Equal(0, future.Total);
        Assert.Equal(["prize.create", "prize.stock"], facets.Actions);
        Assert.Equal(["manager@test.local", Actor], facets.Actors);
    }

    [Fact]
    public async Task The_database_context_refuses_to_change_or_delete_audit_entries()
    {
        var tenant = await NewTenantAsync();
        var prize = await tenant.CreatePrizeAsync(new PrizeForm("Hat " + Suffix(), PrizeKind.Physical, null, 1m, null, 1));

        await tenant.RunAsync(async sp =>
        {
            var contexts = sp.GetRequiredService<IDbContextFactory<LotteryDbContext>>();
            await using (var db = await contexts.CreateDbContextAsync())
            {
                var entry = await db.Audit.SingleAsync(a => a.PrizeId == prize);
                db.Entry(entry).Property(e => e.Actor).CurrentValue = "someone else";
                var changed = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
                Assert.Contains("append-only", changed.Message, StringComparison.Ordinal);
            }

            await using (var db = await contexts.CreateDbContextAsync())
            {
                db.Audit.Remove(await db.Audit.SingleAsync(a => a.PrizeId == prize));
                var removed = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
                Assert.Contains("append-only", removed.Message, StringComparison.Ordinal);
            }

            return true;
        });
        var kept = await api.QueryAsync(db => db.Audit.IgnoreQueryFilters().AsNoTracking().SingleAsync(a => a.PrizeId == prize));
        Assert.Equal(("prize.create", Actor), (kept.Action, kept.Actor));
    }

    [Fact]
    public void No_code_updates_or_deletes_audit_rows_in_bulk()
    {
        // ExecuteUpdate/ExecuteDelete skip SaveChanges and so its append-only guard: none may target the audit table.
        var root = FindRepositoryRoot();
        var offenders = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => f.StartsWith(Path.Combine(root, "Lottery."), StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/Migrations/", StringComparison.Ordinal))
            .Where(f => BulkAuditWrite().IsMatch(File.ReadAllText(f)))
            .ToList();

        Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(root, "Lottery.Web"), "*.cs", SearchOption.AllDirectories));
        Assert.Empty(offenders);
        Assert.Matches(BulkAuditWrite(), "await db.Audit.Where(a => a.Id == id).ExecuteDeleteAsync();");
        Assert.Matches(BulkAuditWrite(), "db.Set<AuditEntry>()\n   .ExecuteUpdateAsync(s => s)");
    }

    [GeneratedRegex(@"(\.Audit\b|Set<AuditEntry>\(\))[^;]*\.Execute(Update|Delete)", RegexOptions.Singleline)]
    private static partial Regex BulkAuditWrite();

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Lottery.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Lottery.sln not found above " + AppContext.BaseDirectory);
    }

    private static string Suffix() => Guid.NewGuid().ToString("N")[..6];

    private async Task<TestTenant> NewTenantAsync()
    {
        var slug = "c-" + Guid.NewGuid().ToString("N")[..10];
        using var platform = api.Platform();
        var response = await platform.PostAsJsonAsync("/api/platform/tenants", new { name = "Tenant " + slug, slug });
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {api.Errors}");
        var created = await response.Content.ReadFromJsonAsync<LotteryApiFactory.TenantCreated>();
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", created!.ApiKey);
        return new TestTenant(api, created.Id, client);
    }

    /// <summary>A tenant: its management API client, and a way to run the page-facing services in its scope.</summary>
    private sealed record TestTenant(EmbeddedSqliteApi Api, Guid Id, HttpClient Client)
    {
        public async Task<T> RunAsync<T>(Func<IServiceProvider, Task<T>> work)
        {
            await using var scope = Api.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantScope>().Set(Id);
            return await work(scope.ServiceProvider);
        }

        public async Task<Guid> CreatePrizeAsync(PrizeForm form)
        {
            var created = await RunAsync(sp => sp.GetRequiredService<CatalogueCommands>().CreateAsync(Id, form, Actor));
            Assert.True(created.IsSuccess, string.Join("; ", created.ValidationErrors.Select(e => e.Message)));
            return created.Value;
        }
    }

    /// <summary>Definitions hold lists, which records compare by reference: compare them as JSON.</summary>
    private sealed class DefinitionComparer : IEqualityComparer<ActivityDefinition>
    {
        public static readonly DefinitionComparer Instance = new();

        public bool Equals(ActivityDefinition? x, ActivityDefinition? y) =>
            JsonSerializer.Serialize(x) == JsonSerializer.Serialize(y);

        public int GetHashCode(ActivityDefinition obj) => 0;
    }
}
