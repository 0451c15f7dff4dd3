using EventTracker.Api.Paging;
using EventTracker.Api.Records;
using EventTracker.Api.Values;
using FluentValidation;

namespace EventTracker.Api.Changes;

public sealed class ChangesQueryValidator : AbstractValidator<ChangesQuery>
{
    public static readonly string[] Kinds = [.. EnumText.All<RecordKind>()];

    public ChangesQueryValidator(CursorCodec cursors)
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, ChangesQuery.MaxLimit).WithMessage($"limit must be between 1 and {ChangesQuery.MaxLimit}.");
        RuleFor(q => q.Wait).InclusiveBetween(0, ChangesQuery.MaxWaitSeconds).WithMessage($"wait must be between 0 and {ChangesQuery.MaxWaitSeconds} seconds.");
        RuleFor(q => q.Kind).Must(kinds => kinds is null || kinds.Length <= Kinds.Length * 4).WithMessage("Too many values of kind.");
        RuleForEach(q => q.Kind).Must(kind => Kinds.Contains(kind))
            .WithMessage("'{PropertyValue}' is not a kind: organization, actor, source or event.");
        RuleFor(q => q.After).Must(after => after is null || cursors.DecodeChangePosition(after) is not null)
            .WithMessage("The cursor is not valid: pass back a nextCursor (or an export's Changes-Cursor) unchanged.")
            .OverridePropertyName("after");
    }
}

/// <summary>A position in the change feed, as an opaque cursor that does not depend on the kind filter.</summary>
public static class ChangeCursor
{
    private const string Fingerprint = "changes";

    public static string EncodeChangePosition(this CursorCodec cursors, long position) =>
        cursors.Encode([position.ToString(System.Globalization.CultureInfo.InvariantCulture)], Fingerprint);

    public static long? DecodeChangePosition(this CursorCodec cursors, string cursor) =>
        cursors.Decode(cursor, Fingerprint) is [var text] &&
        long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var position)
            ? position
            : null;
}
