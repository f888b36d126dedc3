#!/usr/bin/env bash
# Issue 15's benchmark: the boundary index built at start (time, memory) and look-ups by position and name, in one
# process on one thread. Prints a table (docs/benchmarks.md, "Places").
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/Pantau.Bench/Pantau.Bench.csproj -c Release -nologo -v q
dotnet bench/Pantau.Bench/bin/Release/net10.0/Pantau.Bench.dll places "$@"
