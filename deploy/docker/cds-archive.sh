#!/bin/sh
# Makes Sluice's class-data-sharing archive: the classes start-up loads, already parsed and
# verified, so that the JVM maps them instead of loading them again at every start (about 0.2 s
# and 0.25 CPU-s less start-up; see the README's Deploy section).
#   deploy/docker/cds-archive.sh APP_DIR JVM_OPTIONS ARCHIVE
# APP_DIR holds quarkus-run.jar. The archive only fits the JVM that made it and the same APP_DIR
# (the JVM records its absolute path; with another path or JVM it starts without the archive),
# so the image makes it at build time with its own JVM, and the benchmark makes it the same way
# before it measures. Run with: java @JVM_OPTIONS -XX:SharedArchiveFile=ARCHIVE -jar ...
#
# It needs no server: it runs 'sluice check' against addresses where nothing listens. The check
# fails, as it should here, after loading Quarkus, the settings, the JDBC driver, the Kafka
# admin client and the checks; the JVM writes the archive as it exits.
set -eu
if [ $# -ne 3 ]; then
  echo "usage: $0 APP_DIR JVM_OPTIONS ARCHIVE" >&2
  exit 2
fi
app_dir=$(cd "$1" && pwd) options=$2 archive=$3
rm -f "$archive"
env -i PATH="$PATH" ${JAVA_HOME:+JAVA_HOME="$JAVA_HOME"} \
    SLUICE_NAME=cds-training SLUICE_MYSQL_HOST=127.0.0.1 SLUICE_MYSQL_PORT=9 SLUICE_MYSQL_USER=cds-training \
    SLUICE_MYSQL_PASSWORD=none SLUICE_MYSQL_CONNECT_TIMEOUT=2s SLUICE_TABLES=training.orders \
    KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9 \
    java "@$options" "-XX:ArchiveClassesAtExit=$archive" -Xlog:cds=off -Xlog:cds+dynamic=off \
    -jar "$app_dir/quarkus-run.jar" check > /dev/null 2>&1 || true
if [ ! -s "$archive" ]; then
  echo "cds-archive: the JVM wrote no archive at $archive (run the command above by hand to see why)" >&2
  exit 1
fi
echo "cds-archive: $archive ($(du -k "$archive" | cut -f1) KB)"
