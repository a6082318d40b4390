#!/usr/bin/env bash
# Runs every test: installs PostgreSQL from Debian's packages when it is missing, starts a throwaway cluster on a
# free loopback port, runs the suite against it (and against SQLite files), then stops and deletes the cluster.
# Extra arguments go to `dotnet test` (e.g. --filter "Category!=reliability").
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"

find_pg_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  done
  return 1
}

if ! pg_bin=$(find_pg_bin); then
  echo "PostgreSQL server not found: installing it from Debian's packages..."
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq postgresql >/dev/null
  pg_bin=$(find_pg_bin)
fi

# PostgreSQL refuses to run as root: as root, the cluster belongs to the postgres user the package created.
run_pg() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$(( 20000 + RANDOM % 20000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  echo "no free port found" >&2
  return 1
}

cluster=$(mktemp -d /tmp/hookgate-pg.XXXXXX)
chmod 755 "$cluster"
[ "$(id -u)" -eq 0 ] && chown postgres "$cluster"
port=$(free_port)

cleanup() {
  run_pg "$pg_bin/pg_ctl" -D "$cluster/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$cluster"
}
trap cleanup EXIT

run_pg "$pg_bin/initdb" -D "$cluster/data" -U hookgate --auth=trust -E UTF8 --no-instructions >/dev/null
# fsync off: the test cluster is thrown away; durability of acks is Hookgate's commit path, tested at the app.
run_pg "$pg_bin/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -w -o \
  "-p $port -k $cluster -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=300" start >/dev/null

export HOOKGATE_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=hookgate;Database=postgres"
echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') running on 127.0.0.1:$port (cluster $cluster)"

dotnet test "$repo/Hookgate.slnx" -c Release --logger "console;verbosity=normal" "$@"
