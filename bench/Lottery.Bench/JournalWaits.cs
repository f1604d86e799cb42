using System.Diagnostics.Metrics;
using Lottery.Infrastructure.Stock.Embedded;

namespace Lottery.Bench;

/// <summary>
/// Listens to the draw journal's own instrument (<see cref="DrawJournal.WaitInstrument"/>: milliseconds each draw
/// spent queued, decided and committed) in this process while it is open; only the in-process scenario can see it.
/// </summary>
internal sealed class JournalWaits : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<double> _waits = [];
    private readonly Lock _gate = new();

    public JournalWaits()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == DrawJournal.MeterName && instrument.Name == DrawJournal.WaitInstrument)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, wait, _, _) =>
        {
            lock (_gate)
            {
                _waits.Add(wait);
            }
        });
        _listener.Start();
    }

    /// <summary>The waits recorded so far, forgotten afterwards (call it after the warm-up to start afresh).</summary>
    public JournalWait Take()
    {
        double[] waits;
        lock (_gate)
        {
            waits = [.. _waits];
            _waits.Clear();
        }

        Array.Sort(waits);
        return new JournalWait(waits.Length, Percentile(waits, 0.50), Percentile(waits, 0.99), waits.Length == 0 ? 0 : waits[^1]);
    }

    public void Dispose() => _listener.Dispose();

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}

/// <summary>How long draws spent in the journal during a measured row.</summary>
internal sealed record JournalWait(long Draws, double P50Ms, double P99Ms, double MaxMs)
{
    public override string ToString() =>
        FormattableString.Invariant($"journal wait p50 {P50Ms:0.00} ms, p99 {P99Ms:0.00} ms, max {MaxMs:0.0} ms over {Draws:N0} draws");
}
