#!/bin/sh
# Makes Sluice's start-up cache for the JVM that will run it, and the option file that uses it:
#   deploy/docker/start-cache.sh APP_DIR JVM_OPTIONS DIR
# writes DIR/start-cache.options; run with: java @JVM_OPTIONS @DIR/start-cache.options -jar ...
#
# On a JVM with an AOT cache (JDK 25 and later: -XX:AOTCacheOutput) it writes DIR/sluice.aot,
# the classes start-up loads, parsed, verified and linked, with the method profiles of the
# training run; elsewhere DIR/sluice.jsa, a dynamic class-data-sharing archive (loaded classes
# only). Either way the JVM maps them instead of loading the classes again at every start (see the
# README's Deploy section for the figures). A cache only fits the JVM and JVM options that made
# it and the same APP_DIR (with others the JVM starts without it, after a warning), so the image
# makes it at build time with its own JVM, and the benchmark makes it the same way.
#
# The training run needs no server: it runs 'sluice check' against addresses where nothing
# listens. The check fails, as it should here, after loading Quarkus, the settings, the JDBC
# driver, the Kafka admin client and the checks; the JVM writes the cache as it exits.
set -eu
if [ $# -ne 3 ]; then
  echo "usage: $0 APP_DIR JVM_OPTIONS DIR" >&2
  exit 2
fi
app_dir=$(cd "$1" && pwd) options=$2 dir=$(cd "$3" && pwd)
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
if "$java" -XX:+PrintFlagsFinal -version 2>/dev/null | grep -q ' AOTCacheOutput '; then
  cache=$dir/sluice.aot
  make_option="-XX:AOTCacheOutput=$cache" use_option="-XX:AOTCache=$cache"
else
  cache=$dir/sluice.jsa
  make_option="-XX:ArchiveClassesAtExit=$cache" use_option="-XX:SharedArchiveFile=$cache"
fi
rm -f "$cache" "$dir/start-cache.options"
env -i PATH="$PATH" \
    SLUICE_NAME=cache-training SLUICE_MYSQL_HOST=127.0.0.1 SLUICE_MYSQL_PORT=9 SLUICE_MYSQL_USER=cache-training \
    SLUICE_MYSQL_PASSWORD=none SLUICE_MYSQL_CONNECT_TIMEOUT=2s SLUICE_TABLES=training.orders \
    KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9 \
    "$java" "@$options" "$make_option" \
    -jar "$app_dir/quarkus-run.jar" check > /dev/null 2>&1 || true
if [ ! -s "$cache" ]; then
  echo "start-cache: the JVM wrote no cache at $cache (run the command above by hand to see why)" >&2
  exit 1
fi
echo "$use_option" > "$dir/start-cache.options"
echo "start-cache: $cache ($(du -k "$cache" | cut -f1) KB), used through $dir/start-cache.options"
