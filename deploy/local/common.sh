# Shared helpers for the local stack scripts. Sourced, not executed.
set -euo pipefail

STACK_HOME="${SLUICE_STACK_HOME:-$HOME/.cache/sluice-stack}"
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
mkdir -p "$STACK_HOME"

log() { echo "[$(date +%H:%M:%S)] $*" >&2; }
die() { echo "ERROR: $*" >&2; exit 1; }

# The pid recorded in FILE when that process is still alive and its command line
# contains PATTERN; empty otherwise (a stale file from a reused pid never matches).
live_pid() {
  local file="$1" pattern="$2" pid
  [ -s "$file" ] || return 0
  pid="$(tr -d '[:space:]' < "$file")"
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 0
  if tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q -- "$pattern"; then echo "$pid"; fi
}

# Stops the process recorded in FILE (only if it matches PATTERN): TERM, then KILL
# after the grace period.
stop_pid() {
  local file="$1" pattern="$2" grace="${3:-60}" pid i
  pid="$(live_pid "$file" "$pattern")"
  if [ -z "$pid" ]; then rm -f "$file"; return 0; fi
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < grace * 10; i++)); do
    [ -d "/proc/$pid" ] || break
    sleep 0.1
  done
  if [ -d "/proc/$pid" ]; then
    log "pid $pid did not stop in ${grace}s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$file"
}

# Sends SIG (KILL, STOP, CONT) to the process recorded in FILE, if it matches PATTERN: the
# fault tests' crash, freeze and thaw. After KILL the pid file goes, as after a stop.
signal_pid() {
  local file="$1" pattern="$2" sig="$3" pid
  pid="$(live_pid "$file" "$pattern")"
  [ -n "$pid" ] || die "no live process recorded in $file"
  kill -"$sig" "$pid"
  if [ "$sig" = KILL ]; then
    while [ -d "/proc/$pid" ] && ! grep -q '^State:.*Z' "/proc/$pid/status" 2>/dev/null; do sleep 0.1; done
    rm -f "$file"
  fi
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Waits until nothing listens on PORT any more: a server killed with -9 shows as a zombie while
# its other threads still hold its sockets, and a new one started then would find the port taken,
# or be taken for started.
wait_port_free() {
  local port="$1" timeout="${2:-60}" i
  for ((i = 0; i < timeout * 10; i++)); do
    port_open "$port" || return 0
    sleep 0.1
  done
  die "port $port is still in use after ${timeout}s; is another server listening there?"
}

# Waits until PORT accepts connections while PID lives; shows LOGFILE on failure.
wait_port() {
  local port="$1" pid="$2" logfile="$3" timeout="${4:-120}" i
  for ((i = 0; i < timeout * 10; i++)); do
    if port_open "$port"; then return 0; fi
    if ! [ -d "/proc/$pid" ]; then
      tail -n 30 "$logfile" >&2 || true
      die "the server (pid $pid) exited before port $port opened; log: $logfile"
    fi
    sleep 0.1
  done
  tail -n 30 "$logfile" >&2 || true
  die "port $port did not open within ${timeout}s; log: $logfile"
}

# The Debian mirror this machine's apt uses, read at run time so no host is written down.
debian_mirror() {
  local uri=""
  if compgen -G "/etc/apt/sources.list.d/*.sources" >/dev/null; then
    uri="$(grep -h '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' | grep -v security | head -n 1)"
  fi
  if [ -z "$uri" ] && [ -f /etc/apt/sources.list ]; then
    uri="$(grep -E '^deb ' /etc/apt/sources.list | awk '{print $2}' | grep -v security | head -n 1)"
  fi
  [ -n "$uri" ] || die "cannot find a Debian mirror in /etc/apt/sources.list.d/*.sources or /etc/apt/sources.list"
  echo "$uri"
}

apt_install() {
  local missing=() p
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # The stack scripts run side by side; apt and dpkg allow one user at a time.
  (
    flock -w 900 9 || die "waited 15 minutes for another package installation"
    apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null 2>&1 ||
      { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null; }
  ) 9>"$STACK_HOME/.apt.lock" || die "apt-get install ${missing[*]} failed"
}

# Brings the local stack up for this script's run and, when the script exits, stops the servers
# that were not already running, so a run leaves behind only what it found.
STACK_STARTED=()
stop_stack_started_here() {
  local service
  for service in "${STACK_STARTED[@]}"; do
    bash "$REPO_ROOT/deploy/local/$service.sh" stop || true
  done
}
stack_up_for_this_run() {
  local service
  trap stop_stack_started_here EXIT
  for service in mysql mariadb mariadb114 kafka; do
    bash "$REPO_ROOT/deploy/local/$service.sh" status || STACK_STARTED+=("$service")
  done
  bash "$REPO_ROOT/deploy/local/stack.sh" up
}
