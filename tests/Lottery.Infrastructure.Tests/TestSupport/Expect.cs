using Lottery.Domain.Common;

namespace Lottery.Infrastructure.Tests.TestSupport;

/// <summary>Assertions on <see cref="Result"/> values that print the failure when a test trips over one.</summary>
public static class Expect
{
    public static void Success(Result result) =>
        Assert.True(result.IsSuccess, $"Expected success but got {result.Error?.Code}: {result.Error?.Message} "
            + string.Join("; ", result.ValidationErrors.Select(e => $"{e.Path}: {e.Message}")));

    public static T Success<T>(Result<T> result)
    {
        Success((Result)result);
        return result.Value;
    }
}
