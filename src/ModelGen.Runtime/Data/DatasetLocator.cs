namespace ModelGen.Data;

/// <summary>
/// Finds a folder that holds every file of a data set: the folder the user passed, then the Debian package's
/// folder, then the user's download cache; failing those, downloads the missing files into the cache.
/// </summary>
internal static class DatasetLocator
{
    public static string Locate(DatasetSources sources, string? folder, bool download, TextWriter? log)
    {
        var searched = new List<SearchedFolder>();
        foreach (SearchedFolder candidate in Candidates(sources, folder))
        {
            string? problem = Problem(sources, candidate.Path);
            if (problem is null) return candidate.Path;
            searched.Add(candidate with { Problem = problem });
        }

        if (!download) throw DatasetNotFound.Create(sources, searched, "downloading is turned off (download: false)", inner: null);
        try
        {
            DatasetDownload.FetchMissing(sources, log);
        }
        catch (Exception e) when (e is HttpRequestException or HttpIOException or TaskCanceledException)
        {
            throw DatasetNotFound.Create(sources, searched, $"downloading it failed: {e.Message.TrimEnd('.')}", e);
        }
        return sources.CacheFolder;
    }

    /// <summary>The file named <paramref name="name"/> in <paramref name="folder"/>, uncompressed or with <c>.gz</c>; null when neither exists.</summary>
    public static string? Find(string folder, string name)
    {
        string plain = Path.Combine(folder, name);
        if (File.Exists(plain)) return plain;
        string gzipped = plain + ".gz";
        return File.Exists(gzipped) ? gzipped : null;
    }

    private static IEnumerable<SearchedFolder> Candidates(DatasetSources sources, string? folder)
    {
        if (folder is not null) yield return new(Path.GetFullPath(folder), "the folder passed to Load");
        yield return new(sources.SystemFolder, $"Debian package {sources.AptPackage}");
        yield return new(sources.CacheFolder, "download cache");
    }

    private static string? Problem(DatasetSources sources, string folder)
    {
        if (!Directory.Exists(folder)) return "no such folder";
        string[] missing = sources.Files.Where(file => Find(folder, file.Name) is null).Select(file => file.Name).ToArray();
        return missing.Length == 0 ? null : "lacks " + string.Join(", ", missing);
    }
}
