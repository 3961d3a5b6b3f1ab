#!/usr/bin/env bash
# Runs the whole test suite against real servers: starts whatever part of the local stack is
# not running (installing it on first use), runs ./mvnw verify, then stops the servers this run
# started, so nothing is left behind. Extra arguments go to Maven (e.g. -Dit.test=CrashIT).
source "$(dirname "$0")/common.sh"
stack_up_for_this_run

cd "$REPO_ROOT"
./mvnw -B verify "$@"
