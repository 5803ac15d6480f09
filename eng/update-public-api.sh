#!/usr/bin/env bash
# Records every new public symbol of the library (and of the Redis package) in PublicAPI.Unshipped.txt (RS0016 code fix),
# drops entries for symbols that no longer exist (RS0017), and removes duplicates that a union
# merge of two branches leaves behind (RS0025).
set -euo pipefail
cd "$(dirname "$0")/.."
# The library and the Redis package both track their public API.
for dir in src/AlwaysConnected.Routing src/AlwaysConnected.Routing.Redis; do
project="$dir/$(basename "$dir").csproj"
for f in "$dir/PublicAPI.Unshipped.txt" "$dir/PublicAPI.Shipped.txt"; do
  { echo '#nullable enable'; { grep -v -e '^#nullable enable$' -e '^$' "$f" || true; } | LC_ALL=C sort -u; } > "$f.tmp"
  mv "$f.tmp" "$f"
done
# SourceLink is switched off for the workspace load: it needs a git remote that a fresh worktree may lack.
EnableSourceLink=false dotnet format analyzers "$project" --diagnostics RS0016 RS0017 --severity info
# RS0017 (a listed symbol that no longer exists) has no code fix: drop those lines as the build names them.
stale=$(dotnet build "$project" -p:EnableSourceLink=false 2>&1 | grep -o "error RS0017: Symbol '[^']*'" | sed "s/error RS0017: Symbol '//; s/'\$//" | sort -u || true)
if [ -n "$stale" ]; then
  python3 - "$dir/PublicAPI.Unshipped.txt" <<PY
import sys
path = sys.argv[1]
stale = set('''$stale'''.splitlines())
lines = open(path).read().splitlines()
open(path, 'w').write('\n'.join(l for l in lines if l not in stale) + '\n')
PY
fi
done
