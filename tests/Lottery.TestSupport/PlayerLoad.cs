using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Lottery.TestSupport;

/// <summary>A draw the player was answered with 200: its id (the record's and the win's) and whether it won.</summary>
public sealed record AnsweredDraw(Guid DrawId, bool Won);

/// <summary>What the players of a <see cref="PlayerLoad"/> were told, once it has stopped.</summary>
public sealed record LoadOutcome(IReadOnlyList<AnsweredDraw> Answers, IReadOnlyDictionary<HttpStatusCode, int> Refusals, int TransportFailures)
{
    public int Answered => Answers.Count;

    public int Wins => Answers.Count(a => a.Won);

    /// <summary>Draws that got no 200: an error or refusal status, or no answer at all.</summary>
    public int Failed => Refusals.Values.Sum() + TransportFailures;

    public override string ToString() =>
        $"{Answered} draws answered 200 ({Wins} wins), other answers: "
        + (Refusals.Count == 0 ? "none" : string.Join(", ", Refusals.OrderBy(r => r.Key).Select(r => $"{(int)r.Key}×{r.Value}")))
        + $", requests without an answer: {TransportFailures}";
}

/// <summary>
/// Players drawing nonstop through the player API, one worker per player client (so the concurrency is the number of
/// clients), each sending its next draw as soon as the last one is answered. It counts what the players were told:
/// every 200 answer (draw id and win), the other statuses, and requests that got no answer. A worker whose request
/// gets no answer at all (the app is gone) stops. <see cref="StopAsync"/> lets the draws in flight finish (it never
/// cancels one, so every draw the app decided is either answered here or failed) and returns the tally.
/// </summary>
public sealed class PlayerLoad
{
    private readonly ConcurrentQueue<AnsweredDraw> _answers = new();
    private readonly ConcurrentDictionary<HttpStatusCode, int> _refusals = new();
    private readonly Lock _milestoneLock = new();
    private readonly Task[] _workers;
    private int _transportFailures;
    private int _answered;
    private volatile bool _stopping;
    private (int Count, TaskCompletionSource Reached)? _milestone;

    private PlayerLoad(IReadOnlyList<HttpClient> players, Guid activityId) =>
        _workers = [.. players.Select(p => Task.Run(() => DrawNonstopAsync(p, activityId)))];

    /// <summary>Draws answered 200 so far.</summary>
    public int Answered => Volatile.Read(ref _answered);

    public static PlayerLoad Start(IReadOnlyList<HttpClient> players, Guid activityId) => new(players, activityId);

    /// <summary>
    /// Completes once the players have been answered <paramref name="count"/> draws (counted by the clients, so that what
    /// follows happens after a fixed amount of work, not after a delay); fails after <paramref name="timeout"/>.
    /// </summary>
    public async Task AnsweredAtLeastAsync(int count, TimeSpan timeout)
    {
        Task reached;
        lock (_milestoneLock)
        {
            if (Answered >= count)
            {
                return;
            }

            _milestone = (count, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            reached = _milestone.Value.Reached.Task;
        }

        try
        {
            await reached.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"The players were not answered {count} draws within {timeout}; so far: {Snapshot()}");
        }
    }

    /// <summary>Stops sending draws, waits for those in flight to be answered, and returns what the players were told.</summary>
    public async Task<LoadOutcome> StopAsync()
    {
        _stopping = true;
        await Task.WhenAll(_workers);
        return Snapshot();
    }

    private LoadOutcome Snapshot() =>
        new([.. _answers], new Dictionary<HttpStatusCode, int>(_refusals), Volatile.Read(ref _transportFailures));

    private async Task DrawNonstopAsync(HttpClient player, Guid activityId)
    {
        var path = new Uri($"/api/activities/{activityId}/draws", UriKind.Relative);
        while (!_stopping)
        {
            HttpResponseMessage response;
            try
            {
                response = await player.PostAsync(path, null);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                Interlocked.Increment(ref _transportFailures);
                return;
            }

            using (response)
            {
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    _refusals.AddOrUpdate(response.StatusCode, 1, (_, n) => n + 1);
                    continue;
                }

                JsonElement answer;
                try
                {
                    answer = await response.Content.ReadFromJsonAsync<JsonElement>();
                }
                catch (Exception ex) when (ex is HttpRequestException or IOException)
                {
                    // The body was cut off (the app died mid-answer): the player never saw the result.
                    Interlocked.Increment(ref _transportFailures);
                    return;
                }

                _answers.Enqueue(new AnsweredDraw(answer.GetProperty("drawId").GetGuid(), answer.GetProperty("won").GetBoolean()));
                var answered = Interlocked.Increment(ref _answered);
                lock (_milestoneLock)
                {
                    if (_milestone is { } m && answered >= m.Count)
                    {
                        m.Reached.TrySetResult();
                        _milestone = null;
                    }
                }
            }
        }
    }
}
