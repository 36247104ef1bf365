using ModelGen.Data;

namespace ModelGen.Runtime.Tests.Data;

public class DownloadProgressTests
{
    [Fact]
    public void TerminalLineIsRedrawnInPlaceWithABar()
    {
        var log = new StringWriter();

        new DownloadProgress(log, "a.gz", total: 26_421_856, interactive: true).Finish(26_421_856);

        Assert.StartsWith("\ra.gz ━━━━━━━━━━━━━━━━━━━━ 26.4 MB/26.4 MB 0s ", log.ToString());
    }

    [Fact]
    public void WithoutContentLengthThereIsNoBar()
    {
        var log = new StringWriter();

        new DownloadProgress(log, "a.gz", total: null, interactive: false).Finish(5_125);

        Assert.StartsWith("a.gz 5.1 kB 0s ", log.ToString());
    }
}
