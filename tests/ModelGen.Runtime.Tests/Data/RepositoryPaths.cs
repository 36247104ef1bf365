namespace ModelGen.Runtime.Tests.Data;

/// <summary>Finds files checked into the repository from a test's output folder, wherever the build put it.</summary>
internal static class RepositoryPaths
{
    /// <summary>Walks up from the test binaries to the folder holding ModelGen.sln or samples/data.</summary>
    public static string Root()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ModelGen.sln")) ||
                Directory.Exists(Path.Combine(folder.FullName, "samples", "data")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} contains ModelGen.sln or samples/data.");
    }

    /// <summary>A file under samples/data.</summary>
    public static string SampleData(string fileName) => Path.Combine(Root(), "samples", "data", fileName);
}
