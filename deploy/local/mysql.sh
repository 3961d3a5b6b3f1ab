#!/usr/bin/env bash
# MySQL 9.7 from Debian sid, run in a chroot (Debian 12 ships no MySQL server).
#   mysql.sh start [NAME [PORT]]   install if missing, initialise, start; idempotent
#   mysql.sh stop  [NAME]
#   mysql.sh kill|freeze|thaw [NAME]  SIGKILL, SIGSTOP, SIGCONT (fault tests)
#   mysql.sh status [NAME]           exit 0 when it runs
#   mysql.sh env   [NAME [PORT]]   print the connection details as shell variables
#   mysql.sh replicate NAME SOURCE_PORT  make NAME a replica of the instance on SOURCE_PORT (GTID
#                                    auto-positioning); both must run
#   mysql.sh promote NAME            let NAME apply what it received, then stop replicating: the
#                                    replica becomes a primary (failover tests)
#   mysql.sh reset NAME              stop NAME and delete its data, so the next start is a new server
# Extra my.cnf lines for a dedicated instance come from MYSQLD_EXTRA_CNF; MYSQL_TLS_DIR names a
# folder with ca.pem, server-cert.pem and server-key.pem (tls-certs.sh) for the server to use.
source "$(dirname "$0")/common.sh"

ACTION="${1:-start}"
NAME="${2:-main}"
PORT="${3:-13306}"
ROOT="$STACK_HOME/sid-root"
INST="/var/lib/sluice/mysql-$NAME"   # path inside the chroot
HOST_INST="$ROOT$INST"
PIDFILE="$HOST_INST/mysqld.pid"
CHROOT_PATH=/usr/sbin:/usr/bin:/sbin:/bin

build_root() {
  [ -x "$ROOT/usr/sbin/mysqld" ] && return 0
  apt_install debootstrap
  local partial="$ROOT.partial" mirror
  mirror="$(debian_mirror)"
  rm -rf "$partial"
  log "building a Debian sid root for MySQL 9.7 (about 2 minutes, once)"
  debootstrap --variant=minbase sid "$partial" "$mirror" >"$STACK_HOME/debootstrap.log" 2>&1 ||
    { tail -n 20 "$STACK_HOME/debootstrap.log" >&2; die "debootstrap failed; see $STACK_HOME/debootstrap.log"; }
  printf '#!/bin/sh\nexit 101\n' > "$partial/usr/sbin/policy-rc.d"
  chmod +x "$partial/usr/sbin/policy-rc.d"
  cp /etc/resolv.conf "$partial/etc/resolv.conf" 2>/dev/null || true
  chroot "$partial" /usr/bin/env -i PATH="$CHROOT_PATH" DEBIAN_FRONTEND=noninteractive \
    apt-get -q -o Acquire::Check-Valid-Until=false install -y --no-install-recommends \
    mysql-server-core mysql-client-core >"$STACK_HOME/mysql-apt.log" 2>&1 ||
    { tail -n 20 "$STACK_HOME/mysql-apt.log" >&2; die "installing mysql-server-core in the sid root failed"; }
  chroot "$partial" /usr/bin/env -i PATH="$CHROOT_PATH" useradd --system --no-create-home mysql 2>/dev/null || true
  # Leave no mirror address behind in the root.
  rm -f "$partial/etc/apt/sources.list" "$partial"/etc/apt/sources.list.d/*
  rm -rf "$partial"/var/lib/apt/lists/* "$partial"/var/cache/apt/archives/*.deb
  mv "$partial" "$ROOT"
}

write_config() {
  mkdir -p "$HOST_INST"
  local tls=""
  if [ -n "${MYSQL_TLS_DIR:-}" ]; then
    mkdir -p "$HOST_INST/tls"
    cp "$MYSQL_TLS_DIR/ca.pem" "$MYSQL_TLS_DIR/server-cert.pem" "$MYSQL_TLS_DIR/server-key.pem" "$HOST_INST/tls/"
    tls="ssl_ca=$INST/tls/ca.pem
ssl_cert=$INST/tls/server-cert.pem
ssl_key=$INST/tls/server-key.pem"
  fi
  cat > "$HOST_INST/my.cnf" <<CNF
[mysqld]
datadir=$INST/data
socket=$INST/mysqld.sock
pid-file=$INST/mysqld.pid
log-error=$INST/error.log
port=$PORT
bind-address=127.0.0.1
mysqlx=OFF
secure-file-priv=NULL
skip-name-resolve
server-id=$(( 100 + $(printf '%s' "$NAME" | cksum | cut -d' ' -f1) % 900 ))
log-bin=mysql-bin
binlog_row_image=FULL
binlog_expire_logs_seconds=604800
gtid_mode=ON
enforce_gtid_consistency=ON
innodb_buffer_pool_size=128M
innodb_redo_log_capacity=64M
performance_schema=OFF
max_connections=200
${MYSQLD_EXTRA_CNF:-}
$tls
CNF
}

in_root() { chroot "$ROOT" /usr/bin/env -i PATH="$CHROOT_PATH" HOME=/root "$@"; }

initialise() {
  [ -d "$HOST_INST/data/mysql" ] && return 0
  log "initialising MySQL datadir $HOST_INST/data"
  rm -rf "$HOST_INST/data"
  mkdir -p "$HOST_INST/data"
  chroot "$ROOT" /usr/bin/env -i PATH="$CHROOT_PATH" chown -R mysql:mysql "$INST"
  in_root mysqld --defaults-file="$INST/my.cnf" --initialize-insecure --user=mysql ||
    { tail -n 20 "$HOST_INST/error.log" >&2; die "mysqld --initialize-insecure failed"; }
  touch "$HOST_INST/.needs-users"
}

create_users() {
  [ -f "$HOST_INST/.needs-users" ] || return 0
  in_root mysql -uroot -S "$INST/mysqld.sock" <<'SQL'
CREATE USER IF NOT EXISTS 'admin'@'%' IDENTIFIED WITH caching_sha2_password BY 'admin-pw';
GRANT ALL PRIVILEGES ON *.* TO 'admin'@'%' WITH GRANT OPTION;
CREATE USER IF NOT EXISTS 'sluice'@'%' IDENTIFIED WITH caching_sha2_password BY 'sluice-pw';
GRANT REPLICATION SLAVE, REPLICATION CLIENT, RELOAD, SHOW DATABASES, SELECT ON *.* TO 'sluice'@'%';
SQL
  rm -f "$HOST_INST/.needs-users"
}

start() {
  if [ -n "$(live_pid "$PIDFILE" mysqld)" ]; then return 0; fi
  build_root
  write_config
  initialise
  chroot "$ROOT" /usr/bin/env -i PATH="$CHROOT_PATH" chown -R mysql:mysql "$INST"
  wait_port_free "$PORT"
  log "starting MySQL '$NAME' on 127.0.0.1:$PORT"
  # A server killed with -9 leaves its socket lock naming its pid; if that pid still exists (a
  # zombie not yet reaped, or a new process with the recycled number) mysqld refuses to start.
  rm -f "$PIDFILE" "$HOST_INST/mysqld.sock" "$HOST_INST/mysqld.sock.lock"
  setsid chroot "$ROOT" /usr/bin/env -i PATH="$CHROOT_PATH" \
    mysqld --defaults-file="$INST/my.cnf" --user=mysql </dev/null >/dev/null 2>&1 &
  local pid=$!
  wait_port "$PORT" "$pid" "$HOST_INST/error.log" 180
  create_users
}

root_sql() { in_root mysql -uroot -S "$INST/mysqld.sock" -N -B -e "$1"; }

replicate() {
  local source_port="$1"
  [ -n "$(live_pid "$PIDFILE" mysqld)" ] || die "MySQL '$NAME' is not running"
  root_sql "STOP REPLICA; RESET REPLICA ALL;
    CHANGE REPLICATION SOURCE TO SOURCE_HOST='127.0.0.1', SOURCE_PORT=$source_port, SOURCE_USER='admin',
      SOURCE_PASSWORD='admin-pw', SOURCE_AUTO_POSITION=1, GET_SOURCE_PUBLIC_KEY=1;
    START REPLICA;"
  log "MySQL '$NAME' replicates from 127.0.0.1:$source_port"
}

promote() {
  [ -n "$(live_pid "$PIDFILE" mysqld)" ] || die "MySQL '$NAME' is not running"
  root_sql "STOP REPLICA IO_THREAD"
  local received
  received="$(in_root mysql -uroot -S "$INST/mysqld.sock" -E -e "SHOW REPLICA STATUS" | awk -F': ' '/Retrieved_Gtid_Set/ {print $2}' | tr -d ' \n')"
  if [ -n "$received" ]; then
    [ "$(root_sql "SELECT WAIT_FOR_EXECUTED_GTID_SET('$received', 120)")" = 0 ] ||
      die "MySQL '$NAME' did not apply the transactions it received ($received) within 120s"
  fi
  root_sql "STOP REPLICA; RESET REPLICA ALL"
  log "MySQL '$NAME' promoted: it no longer replicates"
}

case "$ACTION" in
  start) start ;;
  replicate) replicate "${3:?usage: mysql.sh replicate NAME SOURCE_PORT}" ;;
  promote) promote ;;
  reset) stop_pid "$PIDFILE" mysqld 120; rm -rf "$HOST_INST" ;;
  status) [ -n "$(live_pid "$PIDFILE" mysqld)" ] ;;
  stop) stop_pid "$PIDFILE" mysqld 120 ;;
  kill) signal_pid "$PIDFILE" mysqld KILL ;;
  freeze) signal_pid "$PIDFILE" mysqld STOP ;;
  thaw) signal_pid "$PIDFILE" mysqld CONT ;;
  env)
    echo "SLUICE_TEST_MYSQL_HOST=127.0.0.1"
    echo "SLUICE_TEST_MYSQL_PORT=$PORT"
    echo "SLUICE_TEST_MYSQL_ADMIN_USER=admin"
    echo "SLUICE_TEST_MYSQL_ADMIN_PASSWORD=admin-pw"
    echo "SLUICE_TEST_MYSQL_USER=sluice"
    echo "SLUICE_TEST_MYSQL_PASSWORD=sluice-pw" ;;
  *) die "usage: mysql.sh start|stop|kill|freeze|thaw|status|env|replicate|promote|reset [NAME [PORT]]" ;;
esac
