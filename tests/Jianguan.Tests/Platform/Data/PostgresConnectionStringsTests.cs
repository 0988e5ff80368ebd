using Jianguan.Web.Platform.Data;
using Npgsql;

namespace Jianguan.Tests.Platform.Data;

/// <summary>The platform's defaults for PostgreSQL connection strings: statements prepared unless the operator says otherwise.</summary>
public sealed class PostgresConnectionStringsTests
{
    [Fact]
    public void Statements_are_prepared_automatically_when_the_connection_string_does_not_say()
    {
        var resolved = new NpgsqlConnectionStringBuilder(PostgresConnectionStrings.Resolve("Host=db.example;Database=jianguan;Username=jg"));
        Assert.Equal(PostgresConnectionStrings.DefaultMaxAutoPrepare, resolved.MaxAutoPrepare);
        Assert.Equal("db.example", resolved.Host);
        Assert.Equal("jianguan", resolved.Database);
    }

    [Theory]
    [InlineData("Host=db.example;Max Auto Prepare=0", 0)]
    [InlineData("Host=db.example;max auto prepare=10", 10)]
    [InlineData("Host=db.example;MaxAutoPrepare=5", 5)]
    public void A_setting_in_the_connection_string_is_kept(string connectionString, int expected) =>
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(PostgresConnectionStrings.Resolve(connectionString)).MaxAutoPrepare);
}
