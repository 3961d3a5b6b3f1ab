#!/usr/bin/env bash
# The benchmark: builds Sluice and the harness, brings up the local stack (MySQL 9.7, MariaDB,
# Kafka 4.1.2), runs every scenario with its limits, and writes target/bench/report.md (and
# report.json). Stops the servers it started.
#   deploy/bench/run.sh [--quick]
# Sizes: BENCH_SNAPSHOT_ROWS, BENCH_BACKLOG_EVENTS, BENCH_SHORT_BACKLOG_EVENTS, BENCH_BIG_TRANSACTION_ROWS,
# BENCH_RECORD_SIZES (standard,1kb: rows of about 350 bytes, or events of about 1 KB as Debezium's),
# BENCH_LATENCY_SECONDS, BENCH_REPETITIONS, BENCH_SERVERS (mysql,mariadb),
# BENCH_SCENARIOS (snapshot,catchup,latency,largetx); BENCH_JVM_OPTIONS names another options file;
# BENCH_CDS_ARCHIVE another class-data-sharing archive (a missing file: none);
# BENCH_SLUICE_* and BENCH_KAFKA_* reach Sluice as SLUICE_* and KAFKA_* (to compare settings).
source "$(dirname "$0")/../local/common.sh"
stack_up_for_this_run

cd "$REPO_ROOT"
log "building Sluice and the benchmark harness"
./mvnw -B -q -Pbench package test-compile -DskipTests
./mvnw -B -q -Pbench dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
log "making Sluice's class-data-sharing archive, as the image build does"
mkdir -p target/cds
bash deploy/docker/cds-archive.sh target/quarkus-app "${BENCH_JVM_OPTIONS:-deploy/docker/jvm.options}" target/cds/sluice.jsa

export BENCH_GIT_COMMIT="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
java -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" dev.sluice.bench.Bench "$@"
