using System.Data;

namespace EventTracker.Api.Storage.Relational;

/// <summary>
/// A store that loads many rows faster into a staging table of its own than it reads them from JSON text
/// (PostgreSQL: binary COPY into a temporary table). The shared statements then move them on with one
/// INSERT … SELECT per table, reading <see cref="Staged"/> where they would read <see cref="IRelationalDialect.JsonRows"/>.
/// </summary>
public interface IRowStaging
{
    /// <summary>Below this many events a batch's rows go as JSON: staging costs a few round trips per table whatever the rows.</summary>
    const int StagedFrom = 64;

    /// <summary>Empties the staging table of <paramref name="table"/> and loads <paramref name="rows"/> (values in its columns' order) into it.</summary>
    Task StageAsync(IDbConnection connection, IDbTransaction transaction, RowTable table, IReadOnlyList<object?[]> rows);

    /// <summary>The staging table of <paramref name="table"/> as <paramref name="rowsAlias"/>, for a FROM clause.</summary>
    string Staged(RowTable table, string rowsAlias);
}
