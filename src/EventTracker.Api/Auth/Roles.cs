namespace EventTracker.Api.Auth;

/// <summary>Roles are ordered: reader &lt; editor &lt; admin. A key holds its role and every lower one.</summary>
public static class Roles
{
    public const string Reader = "reader";
    public const string Editor = "editor";
    public const string Admin = "admin";

    public const string EditorPolicy = "editor";
    public const string AdminPolicy = "admin";

    private static readonly string[] Ordered = [Reader, Editor, Admin];

    public static bool IsKnown(string role) => Ordered.Contains(role, StringComparer.Ordinal);

    /// <summary>The role itself and every role below it.</summary>
    public static IEnumerable<string> Including(string role) =>
        Ordered.Take(Array.IndexOf(Ordered, role) + 1);
}
