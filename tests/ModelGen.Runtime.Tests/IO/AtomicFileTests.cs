namespace ModelGen.IO.Tests;

public sealed class AtomicFileTests
{
    [Fact]
    public void Write_replaces_the_file_and_leaves_no_temporary_file()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.File("model.onnx");
        File.WriteAllText(path, "an older, longer file that must disappear completely");

        AtomicFile.Write(path, stream => stream.Write([1, 2, 3]));

        Assert.Equal(["model.onnx"], directory.FileNames());
        Assert.Equal([1, 2, 3], File.ReadAllBytes(path));
    }

    [Fact]
    public void A_writer_that_throws_halfway_leaves_the_old_file_and_no_temporary_file()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.File("model.onnx");
        File.WriteAllText(path, "old");

        Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write([1, 2, 3]);
            throw new IOException("disk full");
        }));

        Assert.Equal(["model.onnx"], directory.FileNames());
        Assert.Equal("old", File.ReadAllText(path));
    }
}
