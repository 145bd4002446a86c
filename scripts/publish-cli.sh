#!/usr/bin/env bash
# The `movies` CLI as one self-contained folder with a single composite ReadyToRun image of the CLI, the engine,
# their packages and the .NET runtime itself, so a process starts with almost nothing left to JIT-compile (the
# Release build's own images cannot hold the framework's generic code instantiated over the engine's types;
# docs/performance.md, "Overlap, and a composite build"). Takes a few minutes of CPU.
# Usage, from the repository root:
#   bash scripts/publish-cli.sh [output folder, default artifacts/movies]
#   artifacts/movies/movies bench --full --json
set -euo pipefail
cd "$(dirname "$0")/.."
output=${1:-artifacts/movies}
# Its own obj/bin folders (the runtime identifier appended), so the Release build's framework-dependent
# bin/Release/net10.0, which the tests use, is left as it is.
dotnet publish src/Movies.Cli -c Release --self-contained \
  -p:PublishReadyToRunComposite=true -p:ReadyToRunOnBuild=false -p:AppendRuntimeIdentifierToOutputPath=true \
  -o "$output"
