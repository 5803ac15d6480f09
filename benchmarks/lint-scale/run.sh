#!/usr/bin/env bash
# Whole-process timings of `sip-route validate` and `sip-route explain` on generated plans of number-prefix
# dial plan rules (PrefixRulePlan in the benchmarks project: deterministic, the last rule matches the INVITE).
# Usage, from the repository root after `dotnet build AlwaysConnected.Routing.sln -c Release`:
#   bash benchmarks/lint-scale/run.sh [RULES...]        (default: 10000 100000)
# Prints one line per run: rules, command, wall seconds, peak memory, exit code; and the load average before.
set -euo pipefail
cd "$(dirname "$0")/../.."
rules=("$@")
[ ${#rules[@]} -gt 0 ] || rules=(10000 100000)
cli=src/AlwaysConnected.Routing.Cli/bin/Release/net10.0/sip-route.dll
bench=benchmarks/AlwaysConnected.Routing.Benchmarks/bin/Release/net10.0/AlwaysConnected.Routing.Benchmarks.dll
for f in "$cli" "$bench"; do
  [ -f "$f" ] || { echo "missing $f: build the solution in Release first" >&2; exit 2; }
done
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
for n in "${rules[@]}"; do
  dotnet "$bench" --write-prefix-plan "$n" "$out"
done
# One untimed run so that the first timing does not include loading the runtime from a cold disk cache.
dotnet "$cli" validate "$out/prefix-rules-${rules[0]}.txt" > /dev/null || true
printf '%-8s %-9s %8s %10s %4s   %s\n' rules command seconds peak_MB exit "load (1/5/15 min) before"
for n in "${rules[@]}"; do
  for command in validate explain; do
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    if [ "$command" = validate ]; then
      args=(validate "$out/prefix-rules-$n.txt")
    else
      args=(explain --message "$out/prefix-invite-$n.sip" --dialplan "$out/prefix-rules-$n.txt" --source 203.0.113.7:5060)
    fi
    set +e
    /usr/bin/time -f '%e %M' -o "$out/time" dotnet "$cli" "${args[@]}" > "$out/stdout" 2> "$out/stderr"
    code=$?
    set -e
    read -r seconds kb < <(tail -n1 "$out/time")
    printf '%-8s %-9s %8s %10s %4s   %s\n' "$n" "$command" "$seconds" "$((kb / 1024))" "$code" "$load"
    if [ "$code" -ne 0 ]; then
      head -n 5 "$out/stdout" "$out/stderr" >&2
    fi
  done
done
