namespace Lottery.Infrastructure.Stock;

/// <summary>Section <c>Redis</c>. When <see cref="Configuration"/> is empty the embedded (database) stock store is used.</summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>A StackExchange.Redis configuration string, e.g. <c>localhost:6379,abortConnect=false</c>.</summary>
    public string? Configuration { get; set; }

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Configuration);
}
