using System.ComponentModel.DataAnnotations;
using System.ComponentModel;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;

namespace EventTracker.Api.Export;

/// <summary>The file format and order of an export.</summary>
public sealed record ExportOptions
{
    /// <summary>csv (RFC 4180 with a header row, one row per event, lists flattened) or ndjson (one whole event as JSON per line, as in the timeline).</summary>
    [AllowedValues("csv", "ndjson")]
    [DefaultValue("csv")]
    [FromQuery(Name = "format")]
    public string? Format { get; init; }

    /// <summary>asc (oldest first, the default) or desc.</summary>
    [AllowedValues("asc", "desc")]
    [DefaultValue("asc")]
    [FromQuery(Name = "order")]
    public string? Order { get; init; }
}

public sealed class ExportOptionsValidator : AbstractValidator<ExportOptions>
{
    public ExportOptionsValidator()
    {
        RuleFor(o => o.Format).Must(f => f is null or "csv" or "ndjson").WithMessage("format must be csv or ndjson.");
        RuleFor(o => o.Order).Must(o => o is null or "asc" or "desc").WithMessage("order must be asc or desc.");
    }
}
