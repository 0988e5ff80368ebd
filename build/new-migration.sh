#!/usr/bin/env bash
# A schema change, for both providers: adds the migration and regenerates the compiled model of each.
#   ./build/new-migration.sh AddCatalog
# The compiled models (Platform/Data/CompiledModels) spare a second of model building at every start;
# MigrationTests fail when they or the migrations lag behind the entity classes, or when the SQLite
# schema script lags behind the migrations.
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: build/new-migration.sh MigrationName}
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$name" --project src/Jianguan.Web --context "${provider}AppDbContext" \
    --output-dir "Platform/Data/Migrations/$provider"
  dotnet ef dbcontext optimize --project src/Jianguan.Web --context "${provider}AppDbContext" \
    --output-dir "Platform/Data/CompiledModels/$provider" --namespace "Jianguan.Web.Platform.Data.CompiledModels.$provider"
done
# The schema of a new SQLite database in one script (Platform/Data/SqliteSchemaScript.cs).
dotnet ef migrations script --project src/Jianguan.Web --context SqliteAppDbContext \
  --output src/Jianguan.Web/Platform/Data/Migrations/Sqlite/schema.sql
