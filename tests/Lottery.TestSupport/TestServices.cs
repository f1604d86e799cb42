namespace Lottery.TestSupport;

/// <summary>
/// Where the real services of a test run are. <c>./test.sh</c> starts a throwaway PostgreSQL, Redis, Redis Cluster and SMTP server and exports
/// their addresses; a test that needs one and finds no address fails (it never skips: a run that could not reach a
/// service must not come out green).
/// </summary>
public static class TestServices
{
    public const string PostgresVariable = "LOTTERY_TEST_POSTGRES";
    public const string RedisVariable = "LOTTERY_TEST_REDIS";
    public const string RedisClusterVariable = "LOTTERY_TEST_REDIS_CLUSTER";
    public const string SmtpVariable = "LOTTERY_TEST_SMTP";
    public const string MailDirVariable = "LOTTERY_TEST_MAILDIR";

    /// <summary>An Npgsql connection string to a server on which tests create and drop their own databases.</summary>
    public static string Postgres => Require(PostgresVariable, "Host=127.0.0.1;Port=5439;Username=postgres");

    /// <summary>The <c>host:port</c> of a Redis server.</summary>
    public static string Redis => Require(RedisVariable, "127.0.0.1:6390");

    /// <summary>The seed nodes (<c>host:port,host:port,...</c>) of a Redis Cluster with three primaries.</summary>
    public static string RedisCluster => Require(RedisClusterVariable, "127.0.0.1:7390,127.0.0.1:7391,127.0.0.1:7392");

    /// <summary>The <c>host:port</c> of an SMTP server that stores every message it receives in <see cref="MailDir"/>.</summary>
    public static string Smtp => Require(SmtpVariable, "127.0.0.1:2525");

    /// <summary>The Maildir the SMTP server writes to (one file per message under <c>new/</c>).</summary>
    public static string MailDir => Require(MailDirVariable, "/tmp/lottery-tests.XXXX/maildir");

    private static string Require(string variable, string example) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{variable} is not set, so this test cannot reach its service. Run the tests with ./test.sh at the "
                + $"repository root: it starts throwaway PostgreSQL and Redis servers and sets {variable} "
                + $"(for example {variable}=\"{example}\").");
}
