#!/usr/bin/env bash
# Runs every test: installs PostgreSQL from Debian's packages when it is missing, starts a throwaway cluster on a
# free loopback port, runs the suite against it (and against SQLite files), then stops and deletes the cluster.
# Extra arguments go to `dotnet test` (e.g. --filter "FullyQualifiedName~Stripe").
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
source "$repo/scripts/pg-cluster.sh"

trap pg_cluster_stop EXIT
# fsync off: the cluster is thrown away; what the ack promises is Hookgate's own commit path, tested at the app.
pg_cluster_start off

export HOOKGATE_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=hookgate;Database=postgres"
# The reliability tests stop and start this server to play a database outage (they run alone, after the rest).
export HOOKGATE_TEST_PG_CTL="$(pg_ctl_command)"
dotnet test "$repo/Hookgate.slnx" -c Release --logger "console;verbosity=detailed" "$@"
