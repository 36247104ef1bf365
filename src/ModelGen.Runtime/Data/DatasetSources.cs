namespace ModelGen.Data;

/// <summary>Where the files of a published data set are looked for, in order, and where they are downloaded from.</summary>
/// <remarks>
/// Everything that depends on the machine lives here, so tests point the search at temporary folders and
/// the download at a fake <see cref="HttpMessageHandler"/>.
/// </remarks>
/// <param name="Name">The data set's name, for messages.</param>
/// <param name="LoadMethod">The public method that loads it, for messages: <c>FashionMnist.Load</c>.</param>
/// <param name="AptPackage">The Debian package that installs it into <paramref name="SystemFolder"/>.</param>
/// <param name="SystemFolder">Where the Debian package puts the files.</param>
/// <param name="CacheFolder">Where downloads are kept, per user.</param>
/// <param name="DownloadBase">The URL each file's <c>.gz</c> name is appended to.</param>
/// <param name="Files">The files, each with the checksum its download must have.</param>
/// <param name="Handler">The HTTP stack for downloads; null for the real network.</param>
internal sealed record DatasetSources(
    string Name,
    string LoadMethod,
    string AptPackage,
    string SystemFolder,
    string CacheFolder,
    Uri DownloadBase,
    IReadOnlyList<DatasetFile> Files,
    HttpMessageHandler? Handler = null)
{
    /// <summary>
    /// <c>ModelGen/datasets/{name}</c> under the user's cache folder: <c>$XDG_CACHE_HOME</c> when set, else
    /// <c>~/.cache</c>, and <c>%LOCALAPPDATA%</c> on Windows.
    /// </summary>
    /// <remarks>
    /// A cache rather than LocalApplicationData (which .NET maps to <c>~/.local/share</c> on Linux) because the
    /// XDG spec puts data that can be fetched again in the cache, where users and tools expect to reclaim space,
    /// and that is where pip, Hugging Face and torch hub keep theirs.
    /// </remarks>
    public static string UserCacheFolder(string name)
    {
        string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        string root =
            !string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg) ? xdg
            : OperatingSystem.IsWindows() ? Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData)
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        // A service account without a home folder still gets a writable, if temporary, cache.
        if (!Path.IsPathRooted(root)) root = Path.GetTempPath();
        return Path.Combine(root, "ModelGen", "datasets", name);
    }
}
