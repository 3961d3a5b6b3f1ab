#!/usr/bin/env bash
# Runs the whole test suite against real servers: starts whatever part of the local stack is
# not running (installing it on first use), runs ./mvnw verify, then stops the servers this run
# started, so nothing is left behind. Extra arguments go to Maven (e.g. -Dit.test=CrashIT).
source "$(dirname "$0")/common.sh"
HERE="$(cd "$(dirname "$0")" && pwd)"

started=()
cleanup() {
  local service
  for service in "${started[@]}"; do
    bash "$HERE/$service.sh" stop || true
  done
}
trap cleanup EXIT

for service in mysql mariadb kafka; do
  if ! bash "$HERE/$service.sh" status; then
    started+=("$service")
  fi
done
bash "$HERE/stack.sh" up

cd "$REPO_ROOT"
./mvnw -B verify "$@"
