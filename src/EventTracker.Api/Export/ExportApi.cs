using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using EventTracker.Api.Changes;
using EventTracker.Api.OpenApi;
using EventTracker.Api.Operations;
using EventTracker.Api.Paging;
using EventTracker.Api.Storage;
using EventTracker.Api.Timeline;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace EventTracker.Api.Export;

public static class ExportApi
{
    /// <summary>Events read and written per batch: memory stays bounded whatever the export's size.</summary>
    public const int BatchSize = 500;

    private const int LineBufferBytes = 64 * 1024;

    public static RouteGroupBuilder MapExport(this RouteGroupBuilder api)
    {
        api.MapGet("/events/export", Export)
            .WithTags("Export")
            .WithName("ExportEvents")
            .WithSummary("Download every event the timeline filters match, as CSV or NDJSON")
            .WithDescription(
                "The timeline's filters and order, without a page limit, streamed as the events are read. " +
                "`format=csv`: RFC 4180 with a header row and one row per event; lists are flattened with \" | \" between " +
                "entries. Columns: " + CsvColumns.Documentation + ". Formula injection (OWASP CSV Injection): by default a text cell " +
                "that starts with `=`, `+`, `-`, `@`, tab or carriage return is written quoted with a single quote `'` before it, so " +
                "that a spreadsheet shows it as text instead of running it (a title \"-1 diplomats\" comes out as `'-1 diplomats`); " +
                "the number columns (`id`, `latitude`, `longitude`, `version`) are never changed. `csvFormulas=raw` writes every " +
                "cell as stored, for programs that read the file as data. `format=ndjson`: one whole event per line, as in the " +
                "timeline, always as stored.")
            .Produces<Stream>(StatusCodes.Status200OK, "text/csv", "application/x-ndjson")
            .WithMetadata(new ResponseHeader(StatusCodes.Status200OK, ChangesApi.CursorHeader,
                "The change feed's position when the export began: pass it as `after` to GET /api/v1/changes to follow this copy with every change since."))
            .IsBulkOperation()
            .DisableRequestTimeout();
        return api;
    }

    private static async Task<PushStreamHttpResult> Export(
        [AsParameters] TimelineFilters filters, [AsParameters] ExportOptions options, ITimelineStore store, IStoreFailures failures,
        ChangeFeed changes, CursorCodec cursors, IOptions<JsonOptions> json, TimeProvider clock, HttpContext http)
    {
        // Taken before the export reads: every change the export may miss comes after it in the feed.
        http.Response.Headers[ChangesApi.CursorHeader] = cursors.EncodeChangePosition(await changes.LatestPositionAsync(http.RequestAborted));
        var csv = (options.Format ?? "csv") == "csv";
        var descending = options.Order == "desc";
        var fileName = $"eventtracker-events-{clock.GetUtcNow():yyyyMMdd-HHmmss}.{(csv ? "csv" : "ndjson")}";
        var cancellationToken = http.RequestAborted;

        return TypedResults.Stream(async body =>
        {
            try
            {
                await WriteAllAsync(body);
            }
            catch (Exception exception) when (failures.IsInterruption(exception) && cancellationToken.IsCancellationRequested)
            {
                // The client went away and the statement under way was stopped: that is the end of the export.
            }
        }, csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8", fileName);

        async Task WriteAllAsync(Stream body)
        {
            await using var read = await store.OpenAsync(cancellationToken);
            var resolved = await read.ResolveAsync(filters);
            await using var text = new StreamWriter(body, new UTF8Encoding(false), bufferSize: 64 * 1024);
            // NDJSON lines are serialised straight to UTF-8 bytes in one reused buffer: no string per event.
            var lines = new ArrayBufferWriter<byte>(LineBufferBytes);
            await using var line = new Utf8JsonWriter(lines, new JsonWriterOptions { Encoder = json.Value.SerializerOptions.Encoder });
            await using var writer = csv ? new CsvWriter(text, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\r\n" }) : null;
            if (writer is not null)
            {
                CsvColumns.WriteHeader(writer);
            }

            TimelinePosition? after = null;
            do
            {
                var page = await FilteredEvents.ReadPageAsync(read, resolved, after, descending, BatchSize);
                foreach (var e in page.Items)
                {
                    if (writer is not null)
                    {
                        CsvColumns.WriteRow(writer, e, options.NeutralizeFormulas);
                    }
                    else
                    {
                        line.Reset(lines);
                        JsonSerializer.Serialize(line, e, json.Value.SerializerOptions);
                        line.Flush();
                        lines.Write("\n"u8);
                        if (lines.WrittenCount >= LineBufferBytes)
                        {
                            await body.WriteAsync(lines.WrittenMemory, cancellationToken);
                            lines.ResetWrittenCount();
                        }
                    }
                }

                if (writer is not null)
                {
                    await writer.FlushAsync();
                    await text.FlushAsync(cancellationToken);
                }
                else
                {
                    await body.WriteAsync(lines.WrittenMemory, cancellationToken);
                    lines.ResetWrittenCount();
                }

                after = page.Next;
            }
            while (after is not null);
        }
    }
}
