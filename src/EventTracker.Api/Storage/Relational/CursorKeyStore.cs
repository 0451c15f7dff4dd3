using Dapper;
using EventTracker.Api.Paging;

namespace EventTracker.Api.Storage.Relational;

public sealed class CursorKeyStore(IRelationalDialect dialect) : ICursorKeyStore
{
    private const string ReadSql = "SELECT key FROM cursor_key WHERE id = 1";

    // Read once per process (CursorCodec keeps it), on the first cursor: waiting here costs one query.
    public byte[] ReadKey()
    {
        using var connection = dialect.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
        return connection.QuerySingle<byte[]>(ReadSql);
    }
}
