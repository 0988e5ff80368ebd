using Jianguan.Web.Platform.Data;
using Npgsql;

namespace Jianguan.Tests.Platform.Data;

/// <summary>The platform's defaults for PostgreSQL connection strings: statements prepared and pooled connections not reset, unless the operator says otherwise.</summary>
public sealed class PostgresConnectionStringsTests
{
    [Fact]
    public void Statements_are_prepared_automatically_when_the_connection_string_does_not_say()
    {
        var resolved = new NpgsqlConnectionStringBuilder(PostgresConnectionStrings.Resolve("Host=db.example;Database=jianguan;Username=jg"));
        Assert.Equal(PostgresConnectionStrings.DefaultMaxAutoPrepare, resolved.MaxAutoPrepare);
        Assert.True(resolved.NoResetOnClose);
        Assert.Equal("db.example", resolved.Host);
        Assert.Equal("jianguan", resolved.Database);
    }

    [Theory]
    [InlineData("Host=db.example;Max Auto Prepare=0", 0)]
    [InlineData("Host=db.example;max auto prepare=10", 10)]
    [InlineData("Host=db.example;MaxAutoPrepare=5", 5)]
    public void A_setting_in_the_connection_string_is_kept(string connectionString, int expected) =>
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(PostgresConnectionStrings.Resolve(connectionString)).MaxAutoPrepare);

    [Theory]
    [InlineData("Host=db.example;No Reset On Close=false", false)]
    [InlineData("Host=db.example;noresetonclose=false", false)]
    [InlineData("Host=db.example;No Reset On Close=true", true)]
    public void The_reset_of_pooled_connections_is_as_the_connection_string_says(string connectionString, bool expected) =>
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(PostgresConnectionStrings.Resolve(connectionString)).NoResetOnClose);
}
