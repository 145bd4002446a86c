#!/usr/bin/env bash
# The project's one test command: installs what the tests need (Azurite and playwright-core from npm,
# Chromium from Debian; NuGet packages, the Bicep CLI among them, by restore), runs every test of
# every project in Movies.Functions.sln (the Functions app included), and checks formatting.
set -euo pipefail
cd "$(dirname "$0")/.."

# Headless Chromium renders the run report in a test (Debian's package; that test never skips).
if [ ! -x /usr/bin/chromium ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

npm ci --no-audit --no-fund
dotnet test Movies.Functions.sln --configuration Release
dotnet format Movies.Functions.sln --verify-no-changes --no-restore
