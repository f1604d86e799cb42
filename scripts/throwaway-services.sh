# Throwaway Redis and PostgreSQL servers in a temp directory, for test.sh and bench/run.sh (sourced, not run).
# The caller defines say/die and sets wait_seconds; start_services sets $work and $pg_bin, starts both servers and
# stops them (and removes $work) on every way out.
#   start_services <label> <redis port> <postgres port> [extra redis-server arguments...]
#   start_redis_cluster <first port>   (after start_services) three Redis Cluster primaries on that port and the next two
#   start_smtp <port>                  (after start_services) an SMTP server (Debian's python3-aiosmtpd) that stores every
#                                      message it receives in the Maildir $work/maildir (one file per message in new/)

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

newest_pg_bin() {
  local initdb
  initdb=$(printf '%s\n' /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)
  [ -x "$initdb" ] && dirname "$initdb"
}

# PostgreSQL refuses to run as root: as root its cluster belongs to the postgres user.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "cd '$work' && $*"; else sh -c "cd '$work' && $*"; fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Polls a check every 0.1 s until it succeeds, for at most $wait_seconds.
wait_until() {
  local what=$1; shift
  local deadline=$((SECONDS + wait_seconds))
  until "$@" >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$deadline" ] || die "$what did not answer within ${wait_seconds}s"
    sleep 0.1
  done
}

redis_started=false
cluster_ports=()
pg_started=false
smtp_pid=
work=

stop_services() {
  local pid
  if [ -n "$smtp_pid" ] && kill "$smtp_pid" 2>/dev/null; then
    for _ in $(seq 1 100); do kill -0 "$smtp_pid" 2>/dev/null || break; sleep 0.05; done
  fi
  smtp_pid=
  if $pg_started; then
    as_pg "'$pg_bin/pg_ctl' -D '$work/data' -m immediate -w stop" >/dev/null 2>&1 || true
    pg_started=false
  fi
  for port in "${cluster_ports[@]}"; do
    if [ -s "$work/cluster/$port/redis.pid" ] && pid=$(cat "$work/cluster/$port/redis.pid") && kill "$pid" 2>/dev/null; then
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
    fi
  done
  cluster_ports=()
  if $redis_started; then
    if [ -s "$work/redis.pid" ] && pid=$(cat "$work/redis.pid") && kill "$pid" 2>/dev/null; then
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
    fi
    redis_started=false
  fi
  [ -z "$work" ] || rm -rf "$work"
}

start_services() {
  local label=$1 redis_port=$2 pg_port=$3
  shift 3
  pg_bin=$(newest_pg_bin) || die "PostgreSQL's initdb was not found under /usr/lib/postgresql/*/bin"
  work=$(mktemp -d -t "lottery-$label.XXXXXX")
  trap stop_services EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM

  redis_started=true
  redis-server --port "$redis_port" --bind 127.0.0.1 --daemonize yes --save '' "$@" \
    --dir "$work" --logfile "$work/redis.log" --pidfile "$work/redis.pid" \
    || die "redis-server did not start: $(cat "$work/redis.log" 2>/dev/null)"
  redis_ping() { [ "$(redis-cli -h 127.0.0.1 -p "$redis_port" ping)" = PONG ]; }
  wait_until "Redis on port $redis_port" redis_ping

  [ "$(id -u)" -eq 0 ] && chown postgres "$work"
  as_pg "'$pg_bin/initdb' -D '$work/data' -U postgres --auth=trust -E UTF8 --no-locale" >"$work/initdb.log" 2>&1 \
    || die "initdb failed: $(cat "$work/initdb.log")"
  pg_started=true
  as_pg "'$pg_bin/pg_ctl' -D '$work/data' -l '$work/server.log' -w -t $wait_seconds start -o \"-p $pg_port -k '$work' -c listen_addresses=127.0.0.1 -c max_connections=400\"" >/dev/null \
    || die "PostgreSQL did not start: $(cat "$work/server.log" 2>/dev/null)"
  wait_until "PostgreSQL on port $pg_port" "$pg_bin/pg_isready" -h 127.0.0.1 -p "$pg_port" -U postgres
}

# Three Redis Cluster primaries (no replicas) on ports P, P+1, P+2 (their cluster bus on P+10000...), slots spread evenly
# by redis-cli; waits until the cluster answers "cluster_state:ok" on every node.
start_redis_cluster() {
  local first=$1 port
  local ports=("$first" $((first + 1)) $((first + 2)))
  for port in "${ports[@]}"; do
    port_in_use "$port" && die "port $port is already in use: set LOTTERY_REDIS_CLUSTER_PORT to a free range"
    port_in_use $((port + 10000)) && die "port $((port + 10000)) (cluster bus) is already in use: set LOTTERY_REDIS_CLUSTER_PORT"
  done
  for port in "${ports[@]}"; do
    mkdir -p "$work/cluster/$port"
    cluster_ports+=("$port")
    redis-server --port "$port" --bind 127.0.0.1 --daemonize yes --save '' --appendonly no \
      --cluster-enabled yes --cluster-config-file "$work/cluster/$port/nodes.conf" --cluster-node-timeout 5000 \
      --dir "$work/cluster/$port" --logfile "$work/cluster/$port/redis.log" --pidfile "$work/cluster/$port/redis.pid" \
      || die "redis-server (cluster node $port) did not start: $(cat "$work/cluster/$port/redis.log" 2>/dev/null)"
  done
  for port in "${ports[@]}"; do
    wait_until "Redis cluster node on port $port" sh -c "[ \"\$(redis-cli -h 127.0.0.1 -p $port ping)\" = PONG ]"
  done
  redis-cli --cluster create "${ports[@]/#/127.0.0.1:}" --cluster-yes >"$work/cluster/create.log" 2>&1 \
    || die "redis-cli --cluster create failed: $(cat "$work/cluster/create.log")"
  for port in "${ports[@]}"; do
    wait_until "Redis Cluster state ok on port $port" sh -c "redis-cli -h 127.0.0.1 -p $port cluster info | grep -q '^cluster_state:ok'"
  done
}

# Debian's aiosmtpd belongs to Debian's Python: /usr/bin/python3 explicitly (a python3 earlier on PATH may not see it).
start_smtp() {
  local port=$1
  port_in_use "$port" && die "port $port is already in use: set LOTTERY_SMTP_PORT to a free port"
  # A Maildir's three folders: Python's mailbox module makes them only for a folder that does not exist yet.
  mkdir -p "$work/maildir/tmp" "$work/maildir/new" "$work/maildir/cur"
  /usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$port" -c aiosmtpd.handlers.Mailbox "$work/maildir" >"$work/smtp.log" 2>&1 &
  smtp_pid=$!
  wait_until "the SMTP server on port $port" port_in_use "$port"
  kill -0 "$smtp_pid" 2>/dev/null || die "the SMTP server did not start: $(cat "$work/smtp.log")"
}
