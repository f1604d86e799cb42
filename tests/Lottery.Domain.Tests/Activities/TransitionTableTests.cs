using Lottery.Domain.Activities;
using Lottery.Domain.Common;
using Lottery.Domain.Tests.TestSupport;

namespace Lottery.Domain.Tests.Activities;

public enum Move
{
    Publish,
    Start,
    Pause,
    Resume,
    End,
    Cancel,
    BeginDraw,
    CompleteDraw,
}

/// <summary>The two state machines as tables: every legal move reaches its status, every other pair is refused.</summary>
public sealed class TransitionTableTests
{
    private static readonly (ActivityKind Kind, ActivityStatus From, Move Move, ActivityStatus To)[] _legal =
    [
        (ActivityKind.Instant, ActivityStatus.Draft, Move.Publish, ActivityStatus.Published),
        (ActivityKind.Instant, ActivityStatus.Draft, Move.Cancel, ActivityStatus.Cancelled),
        (ActivityKind.Instant, ActivityStatus.Published, Move.Start, ActivityStatus.Running),
        (ActivityKind.Instant, ActivityStatus.Published, Move.Cancel, ActivityStatus.Cancelled),
        (ActivityKind.Instant, ActivityStatus.Running, Move.Pause, ActivityStatus.Paused),
        (ActivityKind.Instant, ActivityStatus.Running, Move.End, ActivityStatus.Ended),
        (ActivityKind.Instant, ActivityStatus.Running, Move.Cancel, ActivityStatus.Cancelled),
        (ActivityKind.Instant, ActivityStatus.Paused, Move.Resume, ActivityStatus.Running),
        (ActivityKind.Instant, ActivityStatus.Paused, Move.End, ActivityStatus.Ended),
        (ActivityKind.Instant, ActivityStatus.Paused, Move.Cancel, ActivityStatus.Cancelled),
        (ActivityKind.Scheduled, ActivityStatus.Draft, Move.Publish, ActivityStatus.Open),
        (ActivityKind.Scheduled, ActivityStatus.Draft, Move.Cancel, ActivityStatus.Cancelled),
        (ActivityKind.Scheduled, ActivityStatus.Open, Move.BeginDraw, ActivityStatus.Drawing),
        (ActivityKind.Scheduled, ActivityStatus.Open, Move.Cancel, ActivityStatus.Cancelled),
        (ActivityKind.Scheduled, ActivityStatus.Drawing, Move.CompleteDraw, ActivityStatus.Drawn),
    ];

    private static readonly ActivityStatus[] _instantStatuses =
    [
        ActivityStatus.Draft, ActivityStatus.Published, ActivityStatus.Running, ActivityStatus.Paused,
        ActivityStatus.Ended, ActivityStatus.Cancelled,
    ];

    private static readonly ActivityStatus[] _scheduledStatuses =
    [
        ActivityStatus.Draft, ActivityStatus.Open, ActivityStatus.Drawing, ActivityStatus.Drawn, ActivityStatus.Cancelled,
    ];

    private readonly Scenario _s = new();

    public static TheoryData<ActivityKind, ActivityStatus, Move, ActivityStatus> LegalMoves()
    {
        var data = new TheoryData<ActivityKind, ActivityStatus, Move, ActivityStatus>();
        foreach (var (kind, from, move, to) in _legal)
        {
            data.Add(kind, from, move, to);
        }

        return data;
    }

    public static TheoryData<ActivityKind, ActivityStatus, Move> IllegalMoves()
    {
        var data = new TheoryData<ActivityKind, ActivityStatus, Move>();
        foreach (var (kind, statuses) in new[] { (ActivityKind.Instant, _instantStatuses), (ActivityKind.Scheduled, _scheduledStatuses) })
        {
            foreach (var status in statuses)
            {
                foreach (var move in Enum.GetValues<Move>())
                {
                    if (!_legal.Any(l => l.Kind == kind && l.From == status && l.Move == move))
                    {
                        data.Add(kind, status, move);
                    }
                }
            }
        }

        return data;
    }

    [Fact]
    public void The_tables_cover_all_73_illegal_pairs()
    {
        // 6 instant statuses and 5 scheduled statuses times 8 moves, minus the 15 legal moves.
        Assert.Equal((6 + 5) * 8 - 15, IllegalMoves().Count);
    }

    [Theory]
    [MemberData(nameof(LegalMoves))]
    public void Every_legal_move_reaches_its_status(ActivityKind kind, ActivityStatus from, Move move, ActivityStatus to)
    {
        var activity = _s.Drive(kind, from);

        Expect.Success(Apply(activity, move));

        Assert.Equal(to, activity.Status);
    }

    [Theory]
    [MemberData(nameof(IllegalMoves))]
    public void Every_illegal_move_is_refused_and_changes_nothing(ActivityKind kind, ActivityStatus from, Move move)
    {
        var activity = _s.Drive(kind, from);
        var (version, updatedAt, endedAt, publishedAt) = (activity.Version, activity.UpdatedAt, activity.EndedAt, activity.PublishedAt);
        var (phone, coupon) = (_s.Phone.PoolStock, _s.Coupon.PoolStock);

        var error = Expect.Failure(Apply(activity, move), ErrorCodes.IllegalTransition);

        // The refusal names the current status, so it is the state machine (not a time guard) that said no.
        Assert.Contains(from.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Equal(from, activity.Status);
        Assert.Equal(version, activity.Version);
        Assert.Equal(updatedAt, activity.UpdatedAt);
        Assert.Equal(endedAt, activity.EndedAt);
        Assert.Equal(publishedAt, activity.PublishedAt);
        Assert.Equal(phone, _s.Phone.PoolStock);
        Assert.Equal(coupon, _s.Coupon.PoolStock);
    }

    /// <summary>
    /// Applies a move at an instant its time guard (if any) accepts, so only the status decides. That instant may lie
    /// before the scenario clock's (publishing a drawn activity), and a fake clock only moves forward: the move gets a
    /// clock of its own.
    /// </summary>
    private Result Apply(Activity activity, Move move)
    {
        var clock = new FakeTimeProvider(move switch
        {
            Move.Publish => _s.Origin,
            Move.BeginDraw or Move.CompleteDraw => _s.DrawAt,
            _ => _s.InsideWindow,
        });

        return move switch
        {
            Move.Publish => activity.Publish(_s.Catalogue, clock),
            Move.Start => activity.Start(clock),
            Move.Pause => activity.Pause(clock),
            Move.Resume => activity.Resume(clock),
            Move.End => activity.End(clock),
            Move.Cancel => activity.Cancel(clock),
            Move.BeginDraw => activity.BeginDraw(clock),
            Move.CompleteDraw => activity.CompleteDraw(clock),
            _ => throw new ArgumentOutOfRangeException(nameof(move), move, null),
        };
    }
}
