using Lottery.Domain.Audit;
using Lottery.Domain.Common;

namespace Lottery.Domain.Tests.Common;

public sealed class ResultTests
{
    [Fact]
    public void A_success_has_no_error_and_no_reasons()
    {
        var result = Result.Success();

        Assert.True(result.IsSuccess);
        Assert.False(result.IsFailure);
        Assert.Null(result.Error);
        Assert.Empty(result.ValidationErrors);
    }

    [Fact]
    public void A_value_converts_to_a_successful_result()
    {
        Result<int> result = 42;

        Assert.Equal(42, Expect.Success(result));
    }

    [Fact]
    public void An_error_converts_to_a_failed_result_whose_value_cannot_be_read()
    {
        Result<int> result = new Error(ErrorCodes.NotFound, "No such activity.");

        Expect.Failure(result, ErrorCodes.NotFound);
        var thrown = Assert.Throws<InvalidOperationException>(() => result.Value);
        Assert.Contains(ErrorCodes.NotFound, thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_is_a_validation_failure_carrying_every_reason()
    {
        var result = Result.Invalid([new("a", "first"), new("b", "second")]);

        Assert.Equal(["a", "b"], Expect.Invalid(result));
    }

    [Fact]
    public void Ids_are_time_ordered_version_7_guids_from_the_clock()
    {
        var clock = TestClock.New();
        var first = Ids.New(clock);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var second = Ids.New(clock);

        Assert.Equal(7, first.Version);
        Assert.True(first.CompareTo(second) < 0);
    }

    [Fact]
    public void An_audit_entry_records_who_did_what_and_when()
    {
        var clock = TestClock.New();
        var (tenant, activity) = (Guid.NewGuid(), Guid.NewGuid());

        var entry = AuditEntry.Record(tenant, activity, "system", "stock.return", clock, "{\"a\":1}", "{\"a\":0}");

        Assert.Equal((tenant, activity, "system", "stock.return", clock.GetUtcNow()), (entry.TenantId, entry.ActivityId, entry.Actor, entry.Action, entry.At));
        Assert.Equal(("{\"a\":1}", "{\"a\":0}"), (entry.Before, entry.After));
    }
}
