#!/usr/bin/env bash
# The benchmark: builds Sluice and the harness, brings up the local stack (MySQL 9.7, MariaDB,
# Kafka 4.1.2), runs every scenario with its limits, and writes target/bench/report.md (and
# report.json). Stops the servers it started.
#   deploy/bench/run.sh [--quick]
# Sizes: BENCH_SNAPSHOT_ROWS, BENCH_BACKLOG_EVENTS, BENCH_SHORT_BACKLOG_EVENTS, BENCH_BIG_TRANSACTION_ROWS,
# BENCH_RECORD_SIZES (standard,1kb: rows of about 350 bytes, or events of about 1 KB as Debezium's),
# BENCH_LATENCY_SECONDS, BENCH_REPETITIONS, BENCH_SERVERS (mysql,mariadb),
# BENCH_SCENARIOS (snapshot,catchup,latency,largetx); BENCH_JVM_OPTIONS names another options file;
# BENCH_START_CACHE another start-up cache's options file (a missing file: none);
# BENCH_JAVA_HOME the JDK that runs Sluice and the harness (default: a JDK 25 under /usr/lib/jvm,
# the image's, else the java on the PATH);
# BENCH_SLUICE_* and BENCH_KAFKA_* reach Sluice as SLUICE_* and KAFKA_* (to compare settings).
source "$(dirname "$0")/../local/common.sh"
stack_up_for_this_run

cd "$REPO_ROOT"
log "building Sluice and the benchmark harness"
./mvnw -B -q -Pbench package test-compile -DskipTests
./mvnw -B -q -Pbench dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
java_home=${BENCH_JAVA_HOME:-}
if [ -z "$java_home" ]; then
  for candidate in /usr/lib/jvm/temurin-25* /usr/lib/jvm/java-25*; do
    if [ -x "$candidate/bin/java" ]; then java_home=$candidate; break; fi
  done
fi
if [ -n "$java_home" ]; then
  export JAVA_HOME=$java_home
  java="$java_home/bin/java"
else
  java=java
  log "no JDK 25 under /usr/lib/jvm (the image's; BENCH_JAVA_HOME names one): measuring on the java on the PATH"
fi
log "making Sluice's start-up cache with $("$java" -version 2>&1 | head -n 1), as the image build does"
mkdir -p target/start-cache
sh deploy/docker/start-cache.sh target/quarkus-app "${BENCH_JVM_OPTIONS:-deploy/docker/jvm.options}" target/start-cache

export BENCH_GIT_COMMIT="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
"$java" -Xmx1g --enable-native-access=ALL-UNNAMED -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" dev.sluice.bench.Bench "$@"
