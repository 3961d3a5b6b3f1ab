#!/usr/bin/env bash
# Runs the whole test suite against real servers: starts whatever part of the local stack is
# not running (installing it on first use), runs ./mvnw verify, then stops the servers this run
# started, so nothing is left behind. Extra arguments go to Maven (e.g. -Dit.test=CrashIT).
# The topics tests create on the shared broker (their names start with it-, tid-, failover- or
# badconfig-) are deleted before and after the run, so they do not pile up run after run.
source "$(dirname "$0")/common.sh"
TEST_TOPICS='((it|tid|failover|badconfig)[-_]|__sluice-heartbeat\.(it|tid|failover|badconfig)[-_]).*'

delete_test_topics() {
  bash "$REPO_ROOT/deploy/local/kafka.sh" delete-topics "$TEST_TOPICS" || log "could not delete the test topics"
}

stack_up_for_this_run
delete_test_topics

cd "$REPO_ROOT"
status=0
./mvnw -B verify "$@" || status=$?
delete_test_topics
exit "$status"
