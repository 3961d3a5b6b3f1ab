#!/usr/bin/env bash
# Runs the built Sluice (./mvnw package -DskipTests) with the container image's JVM options,
# deploy/docker/jvm.options: a 160 MB heap, serial GC, bounded metaspace, direct memory and code
# cache, two JIT threads, exit on OutOfMemoryError; so it runs in the memory the image
# publishes, where a bare `java -jar` sizes itself to the machine. Arguments go to Sluice
# (`deploy/sluice.sh check --format json`); SLUICE_JAVA_OPTIONS adds JVM options after the
# image's (`SLUICE_JAVA_OPTIONS=-Xmx512m` for a larger heap).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/../target/quarkus-app/quarkus-run.jar"
if [ ! -f "$jar" ]; then
  echo "sluice.sh: $jar is missing; build it first with ./mvnw package -DskipTests" >&2
  exit 1
fi
read -r -a extra <<< "${SLUICE_JAVA_OPTIONS:-}"
unset SLUICE_JAVA_OPTIONS # not a setting of Sluice's own, which would refuse it
exec java @"$here/docker/jvm.options" "${extra[@]}" -jar "$jar" "$@"
