namespace ModelGen.Data;

/// <summary>One file of a published data set.</summary>
/// <param name="Name">Its name without <c>.gz</c>; a local copy may be gzipped or not, the download is gzipped.</param>
/// <param name="GzipMd5">Lower-case hex MD5 of the published gzipped file, checked after every download.</param>
internal sealed record DatasetFile(string Name, string GzipMd5);
