#!/usr/bin/env bash
# Rebuilds src/Pantau.Web/Features/Places/Boundaries/villages.bin from the villages' source polygons
# (boundaries-kel.geojsonl.gz, cahyadsn/wilayah_boundaries as GeoJSON lines; see that folder's README).
#   scripts/build-boundaries.sh [SOURCE]      default: ../shared/geo/boundaries-kel.geojsonl.gz
set -euo pipefail
cd "$(dirname "$0")/.."
SOURCE=${1:-../shared/geo/boundaries-kel.geojsonl.gz}
dotnet build src/Pantau.Web -c Release -nologo -v q
dotnet src/Pantau.Web/bin/Release/net10.0/Pantau.Web.dll build-boundaries --source "$SOURCE" \
  --out src/Pantau.Web/Features/Places/Boundaries/villages.bin
