#!/usr/bin/env bash
# Adds a migration named $1 for both providers (ADR 012): Data/Migrations/Sqlite/ and Data/Migrations/Postgres/,
# each with its provider's model snapshot. No database is opened. Undo the last one with scripts/remove-migration.sh.
set -euo pipefail
name="${1:?usage: scripts/add-migration.sh MigrationName}"
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
build=()
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$name" --project src/Pantau.Web --configuration Release "${build[@]}" \
    --output-dir "Data/Migrations/$provider" --namespace "Pantau.Web.Data.Migrations.$provider" -- "$provider"
  build=(--no-build) # the second provider's migration needs none of the first's files
done
