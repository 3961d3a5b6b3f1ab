#!/usr/bin/env bash
# The demo: starts the local stack, builds Sluice, starts it against MySQL 9.7 (it snapshots
# the existing rows, then streams), runs a small workload and shows the events in Kafka. Sluice keeps running afterwards so
# its health and metrics can be looked at; `demo.sh stop` stops it (and `stack.sh down` the servers).
source "$(dirname "$0")/common.sh"
HERE="$(cd "$(dirname "$0")" && pwd)"
DEMO="$STACK_HOME/demo"
PIDFILE="$DEMO/sluice.pid"
HTTP_PORT="${SLUICE_DEMO_HTTP_PORT:-18080}"
KAFKA_LIB="$STACK_HOME/kafka-4.1.2/lib"
mkdir -p "$DEMO"

mysql_admin() {
  chroot "$STACK_HOME/sid-root" /usr/bin/env -i PATH=/usr/bin:/bin \
    mysql -uroot -S /var/lib/sluice/mysql-main/mysqld.sock "$@"
}

show_topic() {
  java -cp "$KAFKA_LIB/*" org.apache.kafka.tools.consumer.ConsoleConsumer \
    --bootstrap-server 127.0.0.1:19092 --topic "$1" --from-beginning --max-messages "$2" \
    --timeout-ms 60000 --property print.key=true --property key.separator=" => " 2>/dev/null
}

if [ "${1:-}" = "stop" ]; then
  stop_pid "$PIDFILE" 'quarkus-run.jar\|deploy/sluice.sh' 60
  echo "Sluice stopped. Stop the servers with: deploy/local/stack.sh down"
  exit 0
fi

bash "$HERE/stack.sh" up
log "building Sluice"
(cd "$REPO_ROOT" && ./mvnw -q -B package -DskipTests)

log "creating the demo database (demo.customers, demo.orders)"
mysql_admin <<'SQL'
DROP DATABASE IF EXISTS demo;
CREATE DATABASE demo;
CREATE TABLE demo.customers (id INT PRIMARY KEY AUTO_INCREMENT, name VARCHAR(64) NOT NULL, email VARCHAR(128));
CREATE TABLE demo.orders (id BIGINT PRIMARY KEY AUTO_INCREMENT, customer_id INT NOT NULL,
  amount DECIMAL(12,2) NOT NULL, status VARCHAR(16) NOT NULL, created_at DATETIME(3) NOT NULL,
  updated_at TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), details JSON);
INSERT INTO demo.customers (name, email) VALUES ('Ada', 'ada@example.com'), ('Grace', 'grace@example.com');
SQL

stop_pid "$PIDFILE" 'quarkus-run.jar\|deploy/sluice.sh' 60
# A fresh connector name (and topic prefix) per run: the demo never resumes an old offset and
# its topics hold only this run's events.
NAME="demo-$(date +%s)"
log "starting Sluice as connector '$NAME' (log: $DEMO/sluice.log)"
(
  export SLUICE_NAME="$NAME" SLUICE_MYSQL_HOST=127.0.0.1 SLUICE_MYSQL_PORT=13306
  export SLUICE_MYSQL_USER=sluice SLUICE_MYSQL_PASSWORD=sluice-pw SLUICE_TABLES='demo.*'
  export KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:19092 SLUICE_HTTP_PORT="$HTTP_PORT"
  exec setsid bash "$REPO_ROOT/deploy/sluice.sh" </dev/null >"$DEMO/sluice.log" 2>&1
) &
echo $! > "$PIDFILE"
for ((i = 0; i < 600; i++)); do
  grep -q "Streaming from" "$DEMO/sluice.log" 2>/dev/null && break
  [ -n "$(live_pid "$PIDFILE" 'quarkus-run.jar\|deploy/sluice.sh')" ] || { cat "$DEMO/sluice.log"; die "Sluice exited"; }
  sleep 0.1
done
grep -q "Streaming from" "$DEMO/sluice.log" || die "Sluice did not start streaming; see $DEMO/sluice.log"

log "running a small workload"
mysql_admin <<'SQL'
INSERT INTO demo.customers (name, email) VALUES ('Edsger', 'edsger@example.com');
START TRANSACTION;
INSERT INTO demo.orders (customer_id, amount, status, created_at, details)
  VALUES (1, 42.50, 'new', NOW(3), '{"items": [{"sku": "A-1", "qty": 2}], "gift": false}');
INSERT INTO demo.orders (customer_id, amount, status, created_at, details)
  VALUES (2, 1999.99, 'new', NOW(3), '{"items": [{"sku": "B-7", "qty": 1}], "gift": true}');
COMMIT;
UPDATE demo.orders SET status = 'paid' WHERE id = 1;
UPDATE demo.customers SET email = 'grace@navy.example' WHERE id = 2;
DELETE FROM demo.orders WHERE id = 2;
SQL

echo
echo "=== demo.customers (topic $NAME.demo.customers): key => value (two snapshot rows, op \"r\", then changes)"
show_topic "$NAME.demo.customers" 4
echo
echo "=== demo.orders (topic $NAME.demo.orders): key => value (the delete is followed by a tombstone)"
show_topic "$NAME.demo.orders" 5
echo
echo "Sluice is running (pid $(cat "$PIDFILE"), log $DEMO/sluice.log):"
echo "  health:  curl -s http://127.0.0.1:$HTTP_PORT/q/health"
echo "  metrics: curl -s http://127.0.0.1:$HTTP_PORT/q/metrics"
echo "  more changes: chroot $STACK_HOME/sid-root mysql -uroot -S /var/lib/sluice/mysql-main/mysqld.sock demo"
echo "Stop it with: deploy/local/demo.sh stop   (servers: deploy/local/stack.sh down)"
curl -s "http://127.0.0.1:$HTTP_PORT/q/health/ready" || true
echo
