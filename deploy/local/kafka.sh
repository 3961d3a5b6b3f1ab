#!/usr/bin/env bash
# Kafka 4.1.2 in KRaft mode (one combined broker + controller), from Maven Central jars.
#   kafka.sh start [NAME [PORT]]   fetch jars if missing, format, start; idempotent
#   kafka.sh stop  [NAME]
#   kafka.sh kill|freeze|thaw [NAME]  SIGKILL, SIGSTOP, SIGCONT (fault tests)
#   kafka.sh status [NAME]           exit 0 when it runs
#   kafka.sh env   [NAME [PORT]]
#   kafka.sh delete-topics REGEX [NAME [PORT]]  delete the topics whose whole name matches REGEX
#   kafka.sh wipe  [NAME]            stop it and remove its data (topics, offsets, metadata)
# The controller listens on PORT+1. Extra server.properties lines: KAFKA_EXTRA_PROPERTIES.
source "$(dirname "$0")/common.sh"

ACTION="${1:-start}"
NAME="${2:-main}"
PORT="${3:-19092}"
KAFKA_VERSION=4.1.2
LIB="$STACK_HOME/kafka-$KAFKA_VERSION/lib"
INST="$STACK_HOME/kafka-$NAME"
PIDFILE="$INST/kafka.pid"

fetch_jars() {
  [ -f "$LIB/.complete" ] && return 0
  local build="$STACK_HOME/kafka-$KAFKA_VERSION"
  mkdir -p "$build"
  cat > "$build/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.sluice.local</groupId>
  <artifactId>kafka-broker</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>$KAFKA_VERSION</version></dependency>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka-tools</artifactId><version>$KAFKA_VERSION</version></dependency>
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-slf4j-impl</artifactId><version>2.24.3</version></dependency>
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-core</artifactId><version>2.24.3</version></dependency>
  </dependencies>
</project>
POM
  log "fetching Kafka $KAFKA_VERSION jars (once)"
  rm -rf "$LIB"
  "$REPO_ROOT/mvnw" -q -B -f "$build/pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$LIB" >"$build/fetch.log" 2>&1 ||
    { tail -n 20 "$build/fetch.log" >&2; die "fetching the Kafka jars failed"; }
  # The broker logs through slf4j 1.7; an slf4j 2 binding would leave it silent.
  rm -f "$LIB"/slf4j-reload4j-*.jar "$LIB"/log4j-slf4j2-impl-*.jar
  touch "$LIB/.complete"
}

write_config() {
  mkdir -p "$INST/data"
  cat > "$INST/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$((PORT + 1))
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$((PORT + 1))
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT
log.dirs=$INST/data
num.partitions=1
auto.create.topics.enable=false
offsets.topic.replication.factor=1
offsets.topic.num.partitions=4
transaction.state.log.num.partitions=4
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
min.insync.replicas=1
group.initial.rebalance.delay.ms=0
log.retention.hours=48
${KAFKA_EXTRA_PROPERTIES:-}
PROPS
  cat > "$INST/log4j2.properties" <<'L4J'
status = warn
appender.file.type = File
appender.file.name = file
appender.file.fileName = ${sys:kafka.logs.dir}/server.log
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = file
logger.kafka.name = kafka
logger.kafka.level = INFO
logger.org.name = org.apache.kafka
logger.org.level = WARN
L4J
}

format_storage() {
  [ -f "$INST/data/meta.properties" ] && return 0
  local id
  id="$(java -cp "$LIB/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)"
  java -cp "$LIB/*" kafka.tools.StorageTool format -t "$id" -c "$INST/server.properties" \
    --ignore-formatted >"$INST/format.log" 2>&1 ||
    { cat "$INST/format.log" >&2; die "formatting the Kafka storage failed"; }
}

# A class-data-sharing archive per instance and JDK: the first start that ends in a clean stop
# writes it, and later starts (the tests restart their brokers many times) map Kafka's classes
# from it instead of loading them. Named after the JDK's release file, so another JDK makes its own.
class_archive_option() {
  local java_home jdk archive
  java_home="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
  jdk="$(md5sum < "$java_home/release" 2>/dev/null | cut -c1-8)"
  archive="$INST/kafka-$KAFKA_VERSION-${jdk:-unknown}.jsa"
  if [ -f "$archive" ]; then
    echo "-XX:SharedArchiveFile=$archive"
  else
    echo "-XX:ArchiveClassesAtExit=$archive"
  fi
}

start() {
  if [ -n "$(live_pid "$PIDFILE" kafka.Kafka)" ]; then return 0; fi
  fetch_jars
  write_config
  format_storage
  wait_port_free "$PORT"
  log "starting Kafka '$NAME' on 127.0.0.1:$PORT"
  # server.log keeps earlier runs: only what this start writes after this offset counts
  local from=1
  [ -f "$INST/server.log" ] && from=$(( $(stat -c %s "$INST/server.log") + 1 ))
  setsid java -Xms256m -Xmx512m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC "$(class_archive_option)" \
    -Dkafka.logs.dir="$INST" -Dlog4j2.configurationFile="$INST/log4j2.properties" \
    -cp "$LIB/*" kafka.Kafka "$INST/server.properties" </dev/null >"$INST/stdout.log" 2>&1 &
  local pid=$!
  echo "$pid" > "$PIDFILE"
  wait_port "$PORT" "$pid" "$INST/server.log" 120
  local i
  for ((i = 0; i < 1200; i++)); do
    # grep -c reads to the end: grep -q would stop early, and tail's SIGPIPE fail the pipeline
    [ "$(tail -c +"$from" "$INST/server.log" 2>/dev/null | grep -c 'Kafka Server started')" != 0 ] && return 0
    [ -d "/proc/$pid" ] || die "Kafka exited during start-up; log: $INST/server.log"
    sleep 0.1
  done
  die "Kafka did not report 'Kafka Server started' within 120s; log: $INST/server.log"
}

# Test runs create topics under fresh names; left behind, thousands of them slow the broker's
# start-up and its latency (a start once took over 120 s with 10,000 partitions).
delete_topics() {
  local regex="$1"
  [ -n "$regex" ] || die "usage: kafka.sh delete-topics REGEX [NAME [PORT]]"
  [ -n "$(live_pid "$PIDFILE" kafka.Kafka)" ] || return 0
  java -cp "$LIB/*" org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:$PORT" \
    --delete --if-exists --topic "$regex" >"$INST/delete-topics.log" 2>&1 ||
    { tail -n 5 "$INST/delete-topics.log" >&2; die "deleting the topics matching '$regex' failed"; }
}

wipe() {
  stop_pid "$PIDFILE" kafka.Kafka 60
  rm -rf "$INST/data"
}

case "$ACTION" in
  start) start ;;
  delete-topics)
    NAME="${3:-main}"; PORT="${4:-19092}"; INST="$STACK_HOME/kafka-$NAME"; PIDFILE="$INST/kafka.pid"
    delete_topics "${2:-}" ;;
  wipe) wipe ;;
  status) [ -n "$(live_pid "$PIDFILE" kafka.Kafka)" ] ;;
  stop) stop_pid "$PIDFILE" kafka.Kafka 60 ;;
  kill) signal_pid "$PIDFILE" kafka.Kafka KILL ;;
  freeze) signal_pid "$PIDFILE" kafka.Kafka STOP ;;
  thaw) signal_pid "$PIDFILE" kafka.Kafka CONT ;;
  env) echo "SLUICE_TEST_KAFKA_BOOTSTRAP=127.0.0.1:$PORT" ;;
  *) die "usage: kafka.sh start|stop|kill|freeze|thaw|status|env|wipe [NAME [PORT]], or delete-topics REGEX [NAME [PORT]]" ;;
esac
