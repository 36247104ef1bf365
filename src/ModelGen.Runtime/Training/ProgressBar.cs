using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ModelGen.Training;

/// <summary>
/// Keras' per-epoch progress line: <c>25/25 ━━━━━━━━━━━━━━━━━━━━ 0s 2ms/step - accuracy: 0.84 - loss: 0.41</c>.
/// </summary>
/// <remarks>
/// Hand-written rather than taken from a console library: the format is one line, it must
/// not allocate per batch, and the runtime stays dependency-free for NativeAOT inference.
/// Verbose 1 redraws the bar in place on a terminal (at most every 50 ms) and prints only the
/// final line when output is redirected; verbose 2 prints one line per epoch without a bar.
/// </remarks>
internal sealed class ProgressBar(TextWriter log, int verbose, int steps, bool interactive)
{
    private const int Width = 20;
    private static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(50);
    private readonly Stopwatch _clock = new();
    private TimeSpan _lastDraw;

    public void BeginEpoch(int epoch, int epochs)
    {
        log.WriteLine($"Epoch {epoch + 1}/{epochs}");
        _clock.Restart();
        _lastDraw = TimeSpan.Zero;
    }

    public void Update(int step, double loss, double accuracy)
    {
        if (verbose != 1 || !interactive || _clock.Elapsed - _lastDraw < RedrawInterval) return;
        _lastDraw = _clock.Elapsed;
        log.Write('\r' + Line(step, [new("accuracy", accuracy), new("loss", loss)], withBar: true));
    }

    public void EndEpoch(EpochLogs logs)
    {
        string line = Line(steps, logs, withBar: verbose == 1);
        log.WriteLine(interactive && verbose == 1 ? '\r' + line : line);
    }

    private string Line(int step, IEnumerable<KeyValuePair<string, double>> metrics, bool withBar)
    {
        var text = new StringBuilder();
        text.Append(step).Append('/').Append(steps);
        if (withBar) AppendBar(text.Append(' '), step, steps);
        double seconds = _clock.Elapsed.TotalSeconds;
        double perStep = seconds / Math.Max(step, 1);
        if (perStep >= 1e-3) text.Append(CultureInfo.InvariantCulture, $" {seconds:0}s {perStep * 1e3:0}ms/step");
        else text.Append(CultureInfo.InvariantCulture, $" {seconds:0}s {perStep * 1e6:0}us/step");
        foreach ((string name, double value) in metrics)
            if (!double.IsNaN(value)) text.Append(CultureInfo.InvariantCulture, $" - {name}: {value:0.0000}");
        return text.ToString();
    }

    /// <summary>The bar alone, <paramref name="done"/> of <paramref name="total"/> filled; shared with download progress.</summary>
    internal static StringBuilder AppendBar(StringBuilder text, long done, long total)
    {
        int filled = total == 0 ? Width : (int)(Math.Min(done, total) * Width / total);
        return text.Append('━', filled).Append(' ', Width - filled);
    }
}
