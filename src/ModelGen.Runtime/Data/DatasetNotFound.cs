using System.Text;

namespace ModelGen.Data;

/// <summary>
/// The error for a data set that is nowhere on the machine and could not be downloaded: every place
/// searched with what was wrong there, and the three ways to get the files.
/// </summary>
internal static class DatasetNotFound
{
    public static FileNotFoundException Create(DatasetSources sources, IReadOnlyList<SearchedFolder> searched, string reason, Exception? inner)
    {
        string names = string.Join(", ", sources.Files.Select(file => file.Name));
        var message = new StringBuilder()
            .AppendLine($"{sources.Name} was not found on this machine, and {reason}.")
            .AppendLine($"Looked for {names} (each gzipped or not) in:");
        foreach (SearchedFolder folder in searched)
            message.AppendLine($"  {folder.Path} ({folder.Role}): {folder.Problem}");
        message
            .AppendLine("Get the data in one of three ways:")
            .AppendLine($"  1. Pass a folder that holds the files: {sources.LoadMethod}(folder: \"path/to/{sources.Name.ToLowerInvariant()}\").")
            .AppendLine($"  2. On Debian or Ubuntu, install them into {sources.SystemFolder}: sudo apt-get install {sources.AptPackage}")
            .Append($"  3. Allow the download (download: true, the default) with network access to {sources.DownloadBase}; ")
            .Append($"the files are kept in {sources.CacheFolder}.");
        return new FileNotFoundException(message.ToString(), inner);
    }
}
