#!/usr/bin/env bash
# The whole local stack: MySQL 9.7, MariaDB 10.11, MariaDB 11.4 and Kafka 4.1.2 on 127.0.0.1.
#   stack.sh up     install what is missing and start them all (idempotent)
#   stack.sh down   stop them all
#   stack.sh env    print the connection details as shell variables (used by the tests)
source "$(dirname "$0")/common.sh"
HERE="$(dirname "$0")"

case "${1:-up}" in
  up)
    # The installs are independent; run them side by side (MariaDB 11.4 after 10.11, whose
    # Debian packages it shares the client with).
    bash "$HERE/mysql.sh" start & mysql_job=$!
    { bash "$HERE/mariadb.sh" start && bash "$HERE/mariadb114.sh" start; } & mariadb_job=$!
    bash "$HERE/kafka.sh" start & kafka_job=$!
    failed=0
    wait "$mysql_job" || failed=1
    wait "$mariadb_job" || failed=1
    wait "$kafka_job" || failed=1
    [ "$failed" -eq 0 ] || die "the local stack did not start (see the messages above)"
    echo "Local stack is up:"
    echo "  MySQL 9.7     127.0.0.1:13306  users admin/admin-pw (all privileges), sluice/sluice-pw (CDC grants)"
    echo "  MariaDB 10.11 127.0.0.1:13307  same users"
    echo "  MariaDB 11.4  127.0.0.1:13308  same users"
    echo "  Kafka 4.1.2   127.0.0.1:19092"
    echo "  state and logs under $STACK_HOME"
    ;;
  down)
    bash "$HERE/kafka.sh" stop
    bash "$HERE/mysql.sh" stop
    bash "$HERE/mariadb.sh" stop
    bash "$HERE/mariadb114.sh" stop
    ;;
  env)
    bash "$HERE/mysql.sh" env
    bash "$HERE/mariadb.sh" env
    bash "$HERE/mariadb114.sh" env
    bash "$HERE/kafka.sh" env
    ;;
  *) die "usage: stack.sh up|down|env" ;;
esac
