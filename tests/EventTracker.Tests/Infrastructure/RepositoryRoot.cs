namespace EventTracker.Tests.Infrastructure;

public static class RepositoryRoot
{
    /// <summary>The folder holding EventTracker.sln, found from the test assembly's location.</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "EventTracker.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("EventTracker.sln not found above " + AppContext.BaseDirectory);
    }
}
