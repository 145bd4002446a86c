#!/usr/bin/env bash
# The project's one test command: installs what the tests need (Azurite from npm; NuGet packages,
# the Bicep CLI among them, by restore), runs every test of the CI build, and checks formatting.
set -euo pipefail
cd "$(dirname "$0")/.."

npm ci --no-audit --no-fund
dotnet test Movies.Pipeline.slnf --configuration Release
dotnet format Movies.Pipeline.slnf --verify-no-changes --no-restore
