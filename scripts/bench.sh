#!/usr/bin/env bash
# Runs the benchmarks on this machine and rewrites docs/benchmarks-latest.md with the figures: the gateway in its own
# process, load from another, over loopback; SQLite, then PostgreSQL on a throwaway cluster with fsync ON (durable
# commits, as in production). Both benchmarks run with their defaults; BENCH_PROCESSING and BENCH_INGEST add
# arguments (e.g. BENCH_PROCESSING="--rate 500"). Takes about 9 minutes.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
source "$repo/scripts/pg-cluster.sh"

# The SQLite scenarios' files (a few GB by the end) go with the cluster.
trap 'pg_cluster_stop; rm -rf "${TMPDIR:-/tmp}/hookgate-bench"' EXIT
pg_cluster_start on

dotnet build -c Release bench/Hookgate.Bench >/dev/null
out="$repo/docs/benchmarks-latest.md"
{
  echo "# Latest benchmark run"
  echo
  echo "$(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD), $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sr), .NET $(dotnet --version)"
  echo
} > "$out"
server="Host=127.0.0.1;Port=$PG_PORT;Username=hookgate;Database=postgres"
bench="bench/Hookgate.Bench/bin/Release/net10.0/hookgate-bench.dll"
# shellcheck disable=SC2086 # word splitting of the extra arguments is intended
dotnet "$bench" ingest --postgres "$server" --out "$out" --plot "$repo/docs/benchmarks-latency.png" ${BENCH_INGEST:-} >/dev/null
# shellcheck disable=SC2086
dotnet "$bench" processing --postgres "$server" --out "$out" ${BENCH_PROCESSING:-} >/dev/null
cat "$out"
echo "Written to $out"
