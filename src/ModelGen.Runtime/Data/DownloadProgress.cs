using System.Diagnostics;
using System.Globalization;
using System.Text;
using ModelGen.Training;

namespace ModelGen.Data;

/// <summary>
/// One line per downloaded file: <c>train-images-idx3-ubyte.gz ━━━━━━━━━━━━━━━━━━━━ 26.4 MB/26.4 MB 3s 8.8 MB/s</c>.
/// </summary>
/// <remarks>
/// Drawn like <see cref="ProgressBar"/>: redrawn in place at most every 50 ms on a terminal, and only the
/// final line when output is redirected, so logs stay readable. Without a Content-Length there is no bar.
/// </remarks>
internal sealed class DownloadProgress(TextWriter log, string name, long? total, bool interactive)
{
    private static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(50);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _lastDraw;
    private int _drawnWidth;

    public void Update(long received)
    {
        if (!interactive || _clock.Elapsed - _lastDraw < RedrawInterval) return;
        _lastDraw = _clock.Elapsed;
        log.Write('\r' + Redrawn(Line(received)));
    }

    public void Finish(long received)
    {
        string line = Line(received);
        log.WriteLine(interactive ? '\r' + Redrawn(line) : line);
    }

    // Padded to the widest line drawn so far, so a shorter line (a slower rate) leaves no stale characters.
    private string Redrawn(string line)
    {
        _drawnWidth = Math.Max(_drawnWidth, line.Length);
        return line.PadRight(_drawnWidth);
    }

    private string Line(long received)
    {
        var text = new StringBuilder(name).Append(' ');
        if (total is > 0) ProgressBar.AppendBar(text, received, total.Value).Append(' ');
        text.Append(Size(received));
        if (total is > 0) text.Append('/').Append(Size(total.Value));
        double seconds = _clock.Elapsed.TotalSeconds;
        text.Append(CultureInfo.InvariantCulture, $" {seconds:0}s");
        if (seconds > 0) text.Append(' ').Append(Size((long)(received / seconds))).Append("/s");
        return text.ToString();
    }

    // Decimal units, as the Fashion-MNIST README sizes its files ("26 MBytes").
    private static string Size(long bytes) => bytes switch
    {
        < 1_000 => $"{bytes} B",
        < 1_000_000 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e3:0.0} kB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e6:0.0} MB"),
    };
}
