#!/usr/bin/env bash
# The sample server against Kamailio on this machine: installs the peers (Debian packages kamailio and
# sip-tester, as root), builds the sample in Release and runs compare.py, which prints one table with
# both servers side by side. Loopback only; every process is stopped by PID; every step is bounded.
#
#   bash benchmarks/sip-load/run.sh                         # full comparison, writes docs/benchmarks.md
#   bash benchmarks/sip-load/run.sh --rates 1000,2000 --docs ''   # a subset, nothing written
#   bash benchmarks/sip-load/run.sh --servers sample --rates 200 --step-seconds 3 --warmup-seconds 0 --smoke --docs ''
#                                                           # the CI smoke step: exits 1 unless the step passed
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

need=()
command -v sipp >/dev/null 2>&1 || need+=(sip-tester)
if [[ " $* " != *" --servers sample "* ]]; then
  command -v kamailio >/dev/null 2>&1 || need+=(kamailio)
fi
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "needs ${need[*]} (Debian packages); run as root to install them" >&2
    exit 2
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
  # The package's own service is not wanted: the comparison starts its own instance.
  if command -v systemctl >/dev/null 2>&1; then systemctl stop kamailio >/dev/null 2>&1 || true; fi
fi

# SIP_LOAD_NO_BUILD=1 when the Release build is already there (CI builds the solution first).
if [ "${SIP_LOAD_NO_BUILD:-0}" != 1 ]; then
  dotnet build "$repo/samples/AlwaysConnected.SipProxy/AlwaysConnected.SipProxy.csproj" -c Release -nologo -v q
fi
args=("$@")
if [[ " $* " != *" --docs"* ]]; then args+=(--docs "$repo/docs/benchmarks.md"); fi
exec python3 "$here/compare.py" "${args[@]}"
