using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jianguan.Web.Platform.Data.Migrations.Postgres
{
    /// <summary>
    /// Tells every application instance which public answers it may no longer serve from memory (PublicCreditCache):
    /// whenever a snapshot is voided, rewritten or deleted, its credit codes go out on the channel
    /// <c>jianguan_public_credit</c>, sent at commit, up to 400 codes a message (a payload holds 8,000 bytes), or
    /// <c>*</c> (forget everything) past 2,000 codes or on TRUNCATE. A snapshot inserted with its answer (a first
    /// look-up) tells no one: no instance can have kept an answer for a code no snapshot had. Entities added tell their
    /// codes, which an instance may have kept as unknown (a new code of an existing entity voids its snapshot: told).
    /// </summary>
    public partial class PublicCreditCacheNotifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION jianguan_public_credit_notify() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    codes text[];
                BEGIN
                    IF TG_OP = 'TRUNCATE' THEN
                        PERFORM pg_notify('jianguan_public_credit', '*');
                        RETURN NULL;
                    ELSIF TG_OP = 'INSERT' AND TG_TABLE_NAME = 'supervised_entities' THEN
                        SELECT array_agg("CreditCode") INTO codes FROM new_rows;
                    ELSIF TG_OP = 'INSERT' THEN
                        SELECT array_agg("CreditCode") INTO codes FROM new_rows WHERE "Json" IS NULL;
                    ELSIF TG_OP = 'UPDATE' THEN
                        SELECT array_agg(c) INTO codes FROM (SELECT "CreditCode" AS c FROM old_rows UNION SELECT "CreditCode" FROM new_rows) AS u;
                    ELSE
                        SELECT array_agg("CreditCode") INTO codes FROM old_rows;
                    END IF;
                    IF codes IS NULL THEN
                        RETURN NULL;
                    ELSIF cardinality(codes) > 2000 THEN
                        PERFORM pg_notify('jianguan_public_credit', '*');
                    ELSE
                        FOR i IN 0 .. (cardinality(codes) - 1) / 400 LOOP
                            PERFORM pg_notify('jianguan_public_credit', array_to_string(codes[i * 400 + 1 : i * 400 + 400], ','));
                        END LOOP;
                    END IF;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER public_credit_snapshots_notify_insert AFTER INSERT ON public_credit_snapshots REFERENCING NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION jianguan_public_credit_notify();
                CREATE TRIGGER public_credit_snapshots_notify_update AFTER UPDATE ON public_credit_snapshots REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION jianguan_public_credit_notify();
                CREATE TRIGGER public_credit_snapshots_notify_delete AFTER DELETE ON public_credit_snapshots REFERENCING OLD TABLE AS old_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION jianguan_public_credit_notify();
                CREATE TRIGGER supervised_entities_notify_insert AFTER INSERT ON supervised_entities REFERENCING NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION jianguan_public_credit_notify();
                CREATE TRIGGER public_credit_snapshots_notify_truncate AFTER TRUNCATE ON public_credit_snapshots
                    FOR EACH STATEMENT EXECUTE FUNCTION jianguan_public_credit_notify();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER public_credit_snapshots_notify_insert ON public_credit_snapshots;
                DROP TRIGGER public_credit_snapshots_notify_update ON public_credit_snapshots;
                DROP TRIGGER public_credit_snapshots_notify_delete ON public_credit_snapshots;
                DROP TRIGGER public_credit_snapshots_notify_truncate ON public_credit_snapshots;
                DROP TRIGGER supervised_entities_notify_insert ON supervised_entities;
                DROP FUNCTION jianguan_public_credit_notify();
                """);
        }
    }
}
