namespace Lottery.Domain.Common;

/// <summary>An expected failure: a stable machine-readable code plus a message for people.</summary>
public sealed record Error(string Code, string Message)
{
    public static Error Conflict(string code, string message) => new(code, message);
}

/// <summary>The outcome of an operation whose failure is an expected business outcome, not a bug.</summary>
public class Result
{
    protected Result(Error? error, IReadOnlyList<ValidationError>? validationErrors)
    {
        Error = error;
        ValidationErrors = validationErrors ?? [];
    }

    public Error? Error { get; }

    /// <summary>Every individual problem found, when the failure has several reasons (validation, short pools).</summary>
    public IReadOnlyList<ValidationError> ValidationErrors { get; }

    public bool IsSuccess => Error is null;

    public bool IsFailure => !IsSuccess;

    public static Result Success() => new(null, null);

    public static Result Failure(Error error) => new(error, null);

    /// <summary>A failure with every individual reason listed (e.g. each short stock pool).</summary>
    public static Result Failure(Error error, IReadOnlyList<ValidationError> reasons) => new(error, reasons);

    public static Result Invalid(IReadOnlyList<ValidationError> errors) =>
        new(new Error(ErrorCodes.Validation, "The definition is not valid."), errors);

    public static Result<T> Success<T>(T value) => Result<T>.Ok(value);
}

public sealed class Result<T> : Result
{
    private readonly T? _value;

    private Result(T? value, Error? error, IReadOnlyList<ValidationError>? validationErrors)
        : base(error, validationErrors) => _value = value;

    /// <summary>The value of a successful result; reading it from a failure is a bug.</summary>
    public T Value => IsSuccess
        ? _value!
        : throw new InvalidOperationException($"A failed result has no value ({Error!.Code}).");

    internal static Result<T> Ok(T value) => new(value, null, null);

    public static new Result<T> Failure(Error error) => new(default, error, null);

    public static new Result<T> Failure(Error error, IReadOnlyList<ValidationError> reasons) => new(default, error, reasons);

    public static new Result<T> Invalid(IReadOnlyList<ValidationError> errors) =>
        new(default, new Error(ErrorCodes.Validation, "The definition is not valid."), errors);

    public static implicit operator Result<T>(T value) => Ok(value);

    public static implicit operator Result<T>(Error error) => Failure(error);
}

/// <summary>One problem with an input, attached to the path of the field at fault (e.g. <c>tiers[0].probability</c>).</summary>
public sealed record ValidationError(string Path, string Message);
