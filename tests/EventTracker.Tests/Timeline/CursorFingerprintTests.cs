using EventTracker.Api.Timeline;

namespace EventTracker.Tests.Timeline;

/// <summary>A cursor is bound to every filter: a filter added later cannot be forgotten by the fingerprint.</summary>
public sealed class CursorFingerprintTests
{
    private static readonly TimelineFilters Base = new()
    {
        Organization = [1], IncludeSubOrganizations = true, Counterpart = 2, Actor = [3], Type = ["expulsion"],
        Status = ["completed"], Country = ["RU"], From = "2021", To = "2022", Overlap = false, Q = "spy", Source = [4], Tag = ["nato"], Wave = 5,
    };

    public static TheoryData<string> FilterProperties() => new(typeof(TimelineFilters).GetProperties().Select(property => property.Name));

    [Theory]
    [MemberData(nameof(FilterProperties))]
    public void ChangingAnyFilterChangesTheFingerprint(string propertyName)
    {
        var property = typeof(TimelineFilters).GetProperty(propertyName)!;
        var changed = Base with { };
        property.SetValue(changed, OtherValue(property.PropertyType, property.GetValue(Base)));

        Assert.NotEqual(Base.Fingerprint("asc"), changed.Fingerprint("asc"));
    }

    [Fact]
    public void TheOrderIsPartOfTheFingerprint() =>
        Assert.NotEqual(Base.Fingerprint("asc"), Base.Fingerprint("desc"));

    [Fact]
    public void RepeatedValuesInAnotherOrderAndSpelledOutDefaultsKeepTheFingerprint()
    {
        var given = new TimelineFilters { Organization = [2, 1, 2], Type = ["staff_cap", "expulsion"], Q = "  spy   mission " };
        var same = new TimelineFilters
        {
            Organization = [1, 2], Type = ["expulsion", "staff_cap"], Q = "spy mission", IncludeSubOrganizations = true, Overlap = false,
        };

        Assert.Equal(given.Fingerprint("asc"), same.Fingerprint("asc"));
    }

    private static object? OtherValue(Type type, object? current) => current switch
    {
        long[] ids => ids.Append(99).ToArray(),
        string[] texts => texts.Append("other").ToArray(),
        long id => id + 1,
        bool flag => !flag,
        string text => text + "9",
        _ => throw new InvalidOperationException($"Give {type} a changed value in this test."),
    };
}
