namespace ModelGen.IO.Tests;

public sealed class SafeTensorsSaveLoadTests
{
    [Fact]
    public void Save_then_load_restores_every_parameter()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.File("model.safetensors");
        FakeModel saved = FakeModel.Counting();
        FakeModel loaded = FakeModel.Zeroed();

        SafeTensors.Save(saved, path);
        SafeTensors.Load(loaded, path);

        Assert.Equal(saved.Parameters.ToArray(), loaded.Parameters.ToArray());
    }

    [Fact]
    public void Save_replaces_an_existing_file_and_leaves_no_temporary_files()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.File("model.safetensors");
        File.WriteAllText(path, "an older, longer file that must disappear completely");

        SafeTensors.Save(FakeModel.Counting(), path);

        Assert.Equal(["model.safetensors"], directory.FileNames());
        Assert.Equal(SafeTensorsBytes.Build(SafeTensorsBytes.DenseHeader, SafeTensorsBytes.DenseData), File.ReadAllBytes(path));
    }

    [Fact]
    public void Save_into_a_missing_directory_throws_and_creates_nothing()
    {
        using var directory = new TemporaryDirectory();
        string path = Path.Combine(directory.Path, "missing", "model.safetensors");

        Assert.Throws<DirectoryNotFoundException>(() => SafeTensors.Save(FakeModel.Counting(), path));

        Assert.Empty(directory.FileNames());
    }

    [Fact]
    public void Failed_save_removes_its_temporary_file_and_keeps_the_old_one()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.File("model.safetensors");
        File.WriteAllText(path, "old");
        ParameterTensor[] outOfRange = [new("w", Offset: 0, Shape: [9], FileLayout.Same, L1: 0f, L2: 0f)];

        Assert.Throws<ArgumentException>(() => SafeTensors.Save(new FakeModel(outOfRange, new float[8]), path));

        Assert.Equal(["model.safetensors"], directory.FileNames());
        Assert.Equal("old", File.ReadAllText(path));
    }

    [Fact]
    public void Load_accepts_tensors_and_metadata_in_any_order()
    {
        // Other tools sort keys or put the bias first; only the offsets say where the data lies.
        const string reordered =
            """{"__metadata__":{"format":"pt","note":"x"},"dense.bias":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"dense.weight":{"dtype":"F32","shape":[2,3],"data_offsets":[8,32]}}""";
        byte[] file = SafeTensorsBytes.Build(reordered, 7f, 8f, 1f, 3f, 5f, 2f, 4f, 6f);
        FakeModel model = FakeModel.Zeroed();

        SafeTensors.Read(new MemoryStream(file), model.ParameterTensors, model.Parameters);

        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f], model.Parameters.ToArray());
    }

    [Fact]
    public void Read_works_on_a_stream_that_cannot_seek()
    {
        byte[] file = SafeTensorsBytes.Build(SafeTensorsBytes.DenseHeader, SafeTensorsBytes.DenseData);
        FakeModel model = FakeModel.Zeroed();

        SafeTensors.Read(new ForwardOnlyStream(file), model.ParameterTensors, model.Parameters);

        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f], model.Parameters.ToArray());
    }
}
