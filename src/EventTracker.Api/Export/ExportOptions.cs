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

    /// <summary>CSV only: neutralize (the default) writes a text cell that starts with =, +, -, @, tab or carriage return quoted and with a single quote ' before it, so that a spreadsheet shows it as text instead of running it as a formula (OWASP CSV Injection); raw writes every cell as stored, for programs that read the file as data. Numbers (id, latitude, longitude, version) are never changed. NDJSON is always as stored.</summary>
    [AllowedValues("neutralize", "raw")]
    [DefaultValue("neutralize")]
    [FromQuery(Name = "csvFormulas")]
    public string? CsvFormulas { get; init; }

    /// <summary>Whether CSV cells that start like a formula are guarded (see <see cref="CsvFormulas"/>).</summary>
    public bool NeutralizeFormulas => CsvFormulas != "raw";
}

public sealed class ExportOptionsValidator : AbstractValidator<ExportOptions>
{
    public ExportOptionsValidator()
    {
        RuleFor(o => o.Format).Must(f => f is null or "csv" or "ndjson").WithMessage("format must be csv or ndjson.");
        RuleFor(o => o.Order).Must(o => o is null or "asc" or "desc").WithMessage("order must be asc or desc.");
        RuleFor(o => o.CsvFormulas).Must(f => f is null or "neutralize" or "raw").WithMessage("csvFormulas must be neutralize or raw.");
    }
}
