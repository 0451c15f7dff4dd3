namespace EventTracker.Api.Caching;

/// <summary>The <c>ReadCache</c> configuration section.</summary>
public sealed class ReadCacheOptions
{
    public const string Section = "ReadCache";

    public bool Enabled { get; set; } = true;

    /// <summary>Memory for all cached responses together; the least recently used go first.</summary>
    public int SizeLimitMegabytes { get; set; } = 64;

    /// <summary>Larger responses are served but not kept.</summary>
    public int MaxResponseKilobytes { get; set; } = 4096;

    /// <summary>
    /// How long an entry is kept. Entries never go stale (any change to the data makes new keys), so this
    /// only frees memory held by entries of older data.
    /// </summary>
    public int KeepSeconds { get; set; } = 600;
}
