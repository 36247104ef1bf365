namespace ModelGen.IO;

/// <summary>
/// Replaces a file so that readers see the old file or the complete new one, never a partial
/// write: the bytes go to a temporary file in the same folder, which is then moved over the target.
/// </summary>
public static class AtomicFile
{
    /// <summary>
    /// Writes <paramref name="path"/> through <paramref name="write"/>. If <paramref name="write"/>
    /// throws, the existing file is untouched and no temporary file is left behind.
    /// </summary>
    /// <param name="path">The target file; replaced if it exists. Its directory must exist.</param>
    /// <param name="write">Writes the file's whole content to the stream it is given.</param>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);

        // Same directory, so the final move is a rename within one file system.
        string temporaryPath = $"{path}.tmp-{Guid.NewGuid():N}";
        try
        {
            using (var stream = new FileStream(temporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporaryPath, path, overwrite: true);
        }
        catch
        {
            DeleteLeftover(temporaryPath);
            throw;
        }
    }

    private static void DeleteLeftover(string temporaryPath)
    {
        try
        {
            File.Delete(temporaryPath);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The failure that brought us here matters more than a leftover temporary file.
        }
    }
}
