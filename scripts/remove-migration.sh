#!/usr/bin/env bash
# Removes the last generated migration of both providers, files and snapshot, when it was applied nowhere yet.
# --force: no database is opened (there is none at design time), so EF cannot check that; only for a migration that
# has not left your machine.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
build=()
for provider in Sqlite Postgres; do
  dotnet ef migrations remove --force --project src/Pantau.Web --configuration Release "${build[@]}" -- "$provider"
  build=(--no-build)
done
