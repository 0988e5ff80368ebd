using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jianguan.Web.Platform.Data.Migrations.Postgres
{
    /// <summary>
    /// Two things a bulk import (EntityImporter) paid for on every row.
    /// The credit code as varchar, not char(18): PostgreSQL compared the char column with the importer's array of
    /// codes (a text[] parameter) as text, so looking up which codes exist read the whole table for every batch.
    /// The name index's function (EntityNameIndex) in PL/pgSQL: lower() once and a loop over the pairs cost 3.3 µs a
    /// name where the SQL of AddNameSearch (two generate_series, a UNION and array_agg DISTINCT) cost 14, on every
    /// insert, every change of name and every build of the GIN index. The array may now hold a key twice, which GIN
    /// removes when it extracts the keys: the index holds the same keys for every name, so the function is replaced in
    /// place (checked on 1,000,000 generated names, both arrays containing each other for all).
    /// </summary>
    public partial class FasterImport : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "CreditCode",
                table: "supervised_entities",
                type: "character varying(18)",
                maxLength: 18,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character(18)",
                oldFixedLength: true,
                oldMaxLength: 18);

            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION jianguan_name_grams(name text) RETURNS text[]
                LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
                DECLARE
                    folded text := lower(name);
                    grams text[] := string_to_array(folded, NULL);
                BEGIN
                    FOR i IN 1 .. length(folded) - 1 LOOP
                        grams := grams || substr(folded, i, 2);
                    END LOOP;
                    RETURN grams;
                END
                $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION jianguan_name_grams(name text) RETURNS text[]
                LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
                    SELECT coalesce(array_agg(DISTINCT gram), '{}') FROM (
                        SELECT substr(lower(name), i, 1) FROM generate_series(1, length(name)) AS i
                        UNION ALL
                        SELECT substr(lower(name), i, 2) FROM generate_series(1, length(name) - 1) AS i) AS grams(gram)
                $$;
                """);

            migrationBuilder.AlterColumn<string>(
                name: "CreditCode",
                table: "supervised_entities",
                type: "character(18)",
                fixedLength: true,
                maxLength: 18,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(18)",
                oldMaxLength: 18);
        }
    }
}
