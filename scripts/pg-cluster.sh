# Sourced by test.sh and bench.sh: a throwaway PostgreSQL cluster on a free loopback port.
# pg_cluster_start [fsync on|off] sets PG_PORT, PG_CLUSTER and PG_BIN; pg_cluster_stop removes it all.
# pg_ctl_command prints the cluster's pg_ctl command line, for tests that stop and start the server.

find_pg_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  done
  return 1
}

ensure_postgres() {
  if ! PG_BIN=$(find_pg_bin); then
    echo "PostgreSQL server not found: installing it from Debian's packages..."
    local sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq postgresql >/dev/null
    PG_BIN=$(find_pg_bin)
  fi
}

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

pg_cluster_start() {
  local fsync=${1:-off}
  ensure_postgres
  PG_CLUSTER=$(mktemp -d /tmp/hookgate-pg.XXXXXX)
  chmod 755 "$PG_CLUSTER"
  [ "$(id -u)" -eq 0 ] && chown postgres "$PG_CLUSTER"
  PG_PORT=$(free_port)
  run_pg "$PG_BIN/initdb" -D "$PG_CLUSTER/data" -U hookgate --auth=trust -E UTF8 --no-instructions >/dev/null
  # In the cluster's own configuration rather than on pg_ctl's command line, so a plain `pg_ctl start` after a stop
  # brings back the same server (the outage test stops it under load).
  cat >>"$PG_CLUSTER/data/postgresql.conf" <<EOF
port = $PG_PORT
unix_socket_directories = '$PG_CLUSTER'
listen_addresses = '127.0.0.1'
fsync = $fsync
full_page_writes = $fsync
max_connections = 300
EOF
  # A durable cluster (the benchmarks') is set up as a production one would be rather than with the stock settings,
  # which are sized for a laptop: the bench grows the inbox by about 2 KB an event, far past 128 MB of shared
  # buffers and 1 GB of WAL between checkpoints (docs/benchmarks.md measures both).
  if [ "$fsync" = on ]; then
    cat >>"$PG_CLUSTER/data/postgresql.conf" <<EOF
shared_buffers = 1GB
max_wal_size = 8GB
checkpoint_timeout = 15min
wal_compression = lz4
min_wal_size = 4GB
EOF
    pg_cluster_huge_pages
  fi
  run_pg "$PG_BIN/pg_ctl" -D "$PG_CLUSTER/data" -l "$PG_CLUSTER/server.log" -w start >/dev/null
  if [ "$fsync" = on ]; then
    pg_cluster_recycle_wal 256
  fi
  echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT (fsync=$fsync$([ "${PG_HUGE_PAGES:-0}" -gt 0 ] && echo ", huge pages"), cluster $PG_CLUSTER)"
}

# A server that has run a while reuses its old 16 MB WAL segments; a new cluster creates and zero-fills each one
# inside whichever commit first needs it, a stall of 60-80 ms every second or two at 4,000 webhooks/s
# (docs/benchmarks.md). So the durable cluster writes $1 segments and checkpoints: min_wal_size keeps them, renamed
# for reuse, and the benchmark measures the steady state rather than a first day. 256 segments: 4 GB, about 15 s.
pg_cluster_recycle_wal() {
  local segments=$1 i
  for i in $(seq 1 "$segments"); do
    echo "CREATE TABLE wal_fill (); DROP TABLE wal_fill; SELECT pg_switch_wal();"
  done | "$PG_BIN/psql" -q -h 127.0.0.1 -p "$PG_PORT" -U hookgate -d postgres >/dev/null
  "$PG_BIN/psql" -q -h 127.0.0.1 -p "$PG_PORT" -U hookgate -d postgres -c "CHECKPOINT" >/dev/null
  echo "WAL ready for reuse: $(find "$PG_CLUSTER/data/pg_wal" -maxdepth 1 -type f -name '0*' | wc -l) segments"
}

# The shared buffers in 2 MiB huge pages, as PostgreSQL's documentation advises for a large shared_buffers. On 4 KiB
# pages every backend faults on each buffer it first touches, and on this VM a fault is dear: with huge pages
# PostgreSQL's CPU per event was a fifth to a third lower (docs/benchmarks.md, twelfth pass). Reserving them takes root
# (vm.nr_hugepages, given back by pg_cluster_stop); without it, or if the kernel cannot find that many, the cluster
# runs on 4 KiB pages and says so.
pg_cluster_huge_pages() {
  local needed before
  PG_HUGE_PAGES=0
  needed=$(run_pg "$PG_BIN/postgres" -D "$PG_CLUSTER/data" -C shared_memory_size_in_huge_pages)
  before=$(cat /proc/sys/vm/nr_hugepages)
  if [ "$(id -u)" -eq 0 ] && [[ "$needed" =~ ^[1-9][0-9]*$ ]] && echo $((before + needed)) > /proc/sys/vm/nr_hugepages; then
    if [ "$(cat /proc/sys/vm/nr_hugepages)" -ge $((before + needed)) ]; then
      PG_HUGE_PAGES=$needed
      echo "huge_pages = on" >>"$PG_CLUSTER/data/postgresql.conf"
      return 0
    fi
    echo "$before" > /proc/sys/vm/nr_hugepages
  fi
  echo "PostgreSQL's shared memory stays on 4 KiB pages: could not reserve ${needed:-its} huge pages (that takes root)" >&2
}

pg_ctl_command() {
  local prefix=""
  [ "$(id -u)" -eq 0 ] && prefix="runuser -u postgres -- "
  echo "$prefix$PG_BIN/pg_ctl -D $PG_CLUSTER/data -l $PG_CLUSTER/server.log"
}

pg_cluster_stop() {
  [ -n "${PG_CLUSTER:-}" ] || return 0
  run_pg "$PG_BIN/pg_ctl" -D "$PG_CLUSTER/data" -m immediate stop >/dev/null 2>&1 || true
  if [ "${PG_HUGE_PAGES:-0}" -gt 0 ]; then
    echo $(($(cat /proc/sys/vm/nr_hugepages) - PG_HUGE_PAGES)) > /proc/sys/vm/nr_hugepages
    PG_HUGE_PAGES=0
  fi
  rm -rf "$PG_CLUSTER"
}
