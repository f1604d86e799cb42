using Lottery.Web.Features.Activities;

namespace Lottery.Web.Features.Designer;

/// <summary>Undo and redo over whole documents (they are immutable records, so a snapshot is a reference).</summary>
public sealed class DesignerHistory
{
    private const int Limit = 200;
    private readonly LinkedList<ActivityDocument> _undo = new();
    private readonly Stack<ActivityDocument> _redo = new();

    public bool CanUndo => _undo.Count > 0;

    public bool CanRedo => _redo.Count > 0;

    /// <summary>Records the document as it was before a change; a new change forgets what could be redone.</summary>
    public void Record(ActivityDocument before)
    {
        _undo.AddLast(before);
        if (_undo.Count > Limit)
        {
            _undo.RemoveFirst();
        }

        _redo.Clear();
    }

    public ActivityDocument? Undo(ActivityDocument current)
    {
        if (_undo.Last is not { } last)
        {
            return null;
        }

        _undo.RemoveLast();
        _redo.Push(current);
        return last.Value;
    }

    public ActivityDocument? Redo(ActivityDocument current)
    {
        if (!_redo.TryPop(out var next))
        {
            return null;
        }

        _undo.AddLast(current);
        return next;
    }
}
