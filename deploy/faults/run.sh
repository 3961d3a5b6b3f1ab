#!/usr/bin/env bash
# The fault suite's long run: every fault kind five times (or ROUNDS times) on a seeded schedule,
# against a MySQL and a Kafka of its own, then the table rebuilt from the topic compared with the
# database. Writes target/it-logs/faults-report.md. The test command runs one round of it.
#   deploy/faults/run.sh [ROUNDS [SEED]]
# FAULTS_EXACTLY_ONCE=true runs Sluice with SLUICE_EXACTLY_ONCE and reads the topic read_committed:
# then no change may arrive twice.
set -euo pipefail
rounds="${1:-5}"
seed_arg=()
[ -n "${2:-}" ] && seed_arg=("-Dfaults.seed=$2")
exec bash "$(dirname "$0")/../local/test.sh" -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test='FaultSuiteIT#everyFaultLosesNothing' -Dfaults.rounds="$rounds" -Dfaults.exactlyOnce="${FAULTS_EXACTLY_ONCE:-false}" \
  "${seed_arg[@]}"
