#!/usr/bin/env bash
# MariaDB 11.4 LTS, the stack's second MariaDB: mariadb.sh with MARIADB_SERIES=11.4, instance
# "m114" on 127.0.0.1:13308.
#   mariadb114.sh start|stop|status|env
MARIADB_SERIES=11.4 exec bash "$(dirname "$0")/mariadb.sh" "${1:-start}" m114 13308
