#!/usr/bin/env bash
# Records every new public symbol of the library in PublicAPI.Unshipped.txt (RS0016 code fix),
# and drops entries for symbols that no longer exist (RS0017).
set -euo pipefail
cd "$(dirname "$0")/.."
proj=src/AlwaysConnected.Routing/AlwaysConnected.Routing.csproj
EnableSourceLink=false dotnet format analyzers "$proj" --diagnostics RS0016 RS0017 --severity info
