using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Lottery.TestSupport;

/// <summary>Collects the app's error logs so a failing test can show what went wrong on the server.</summary>
public sealed class ServerErrors : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _errors = new();

    public IReadOnlyCollection<string> All => _errors;

    public override string ToString() => _errors.IsEmpty ? "(no server errors)" : string.Join(Environment.NewLine, _errors.TakeLast(3));

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _errors);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> errors) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // EF's probe of the migrations table on a fresh database is logged as an error; it is not one.
            if (IsEnabled(logLevel) && !formatter(state, exception).Contains("__EFMigrationsHistory", StringComparison.Ordinal))
            {
                errors.Enqueue($"{category}: {formatter(state, exception)} {exception}");
            }
        }
    }
}
