using Lottery.Domain.Common;

namespace Lottery.TestSupport;

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

    public static Error Failure(Result result, string code)
    {
        Assert.True(result.IsFailure, "Expected a failure but the operation succeeded.");
        Assert.Equal(code, result.Error!.Code);
        return result.Error;
    }

    /// <summary>Asserts a validation failure and returns the paths of its errors, in order.</summary>
    public static IReadOnlyList<string> Invalid(Result result)
    {
        Failure(result, ErrorCodes.Validation);
        Assert.NotEmpty(result.ValidationErrors);
        return [.. result.ValidationErrors.Select(e => e.Path)];
    }
}
