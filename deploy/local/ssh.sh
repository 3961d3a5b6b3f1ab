#!/usr/bin/env bash
# An OpenSSH server (Debian's openssh-server) of its own on 127.0.0.1, for tests of the SSH tunnel:
# own sshd_config, host key, client keys and pid file; key authentication only.
#   ssh.sh start  [NAME [PORT]]   install if missing, create keys, start; idempotent
#   ssh.sh stop   [NAME]
#   ssh.sh status [NAME]          exit 0 when it runs
#   ssh.sh drop   [NAME]          ends every open SSH session (the children of this sshd), so a
#                                 tunnel through it breaks the way a dropped network link would
#   ssh.sh env    [NAME [PORT]]
# client-key and passphrase-key (passphrase "tunnel-passphrase") are authorised, other-key is not;
# known_hosts holds the host key, known_hosts-wrong another key for the same address.
# SSH_HOST_KEY=other-key starts the server with another host key (an impostor, for tests).
source "$(dirname "$0")/common.sh"

ACTION="${1:-start}"
NAME="${2:-main}"
PORT="${3:-12222}"
INST="$STACK_HOME/ssh-$NAME"
PIDFILE="$INST/sshd.pid"
SSHD=/usr/sbin/sshd

create_keys() {
  mkdir -p "$INST"
  chmod 700 "$INST"
  [ -f "$INST/host-key" ] || ssh-keygen -q -t ed25519 -N '' -C "sluice-test-host" -f "$INST/host-key"
  [ -f "$INST/client-key" ] || ssh-keygen -q -t ed25519 -N '' -C "sluice-test-client" -f "$INST/client-key"
  [ -f "$INST/other-key" ] || ssh-keygen -q -t ed25519 -N '' -C "sluice-test-other" -f "$INST/other-key"
  # An RSA key protected by a passphrase (OpenSSH format, bcrypt key derivation).
  [ -f "$INST/passphrase-key" ] ||
    ssh-keygen -q -t rsa -b 3072 -N 'tunnel-passphrase' -C "sluice-test-passphrase" -f "$INST/passphrase-key"
  cat "$INST/client-key.pub" "$INST/passphrase-key.pub" > "$INST/authorized_keys"
  chmod 600 "$INST/authorized_keys"
  echo "[127.0.0.1]:$PORT $(cut -d' ' -f1,2 "$INST/host-key.pub")" > "$INST/known_hosts"
  # A known_hosts file naming another key for this server, for the "host key changed" case.
  echo "[127.0.0.1]:$PORT $(cut -d' ' -f1,2 "$INST/other-key.pub")" > "$INST/known_hosts-wrong"
}

write_config() {
  cat > "$INST/sshd_config" <<CNF
Port $PORT
ListenAddress 127.0.0.1
HostKey $INST/${SSH_HOST_KEY:-host-key}
PidFile $PIDFILE
AuthorizedKeysFile $INST/authorized_keys
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
AllowTcpForwarding yes
PermitTTY no
X11Forwarding no
UsePAM no
StrictModes no
LogLevel VERBOSE
CNF
}

start() {
  if [ -n "$(live_pid "$PIDFILE" "$INST/sshd_config")" ]; then return 0; fi
  apt_install openssh-server
  create_keys
  write_config
  # Run as root, sshd needs its privilege separation directory, which the package makes at boot.
  if [ "$(id -u)" = 0 ] && [ ! -d /run/sshd ]; then mkdir -p -m 0755 /run/sshd; fi
  log "starting sshd '$NAME' on 127.0.0.1:$PORT"
  rm -f "$PIDFILE"
  setsid "$SSHD" -D -f "$INST/sshd_config" -E "$INST/sshd.log" </dev/null >/dev/null 2>&1 &
  local pid=$!
  echo "$pid" > "$PIDFILE"
  wait_port "$PORT" "$pid" "$INST/sshd.log" 60
}

drop_sessions() {
  local pid child
  pid="$(live_pid "$PIDFILE" "$INST/sshd_config")"
  [ -n "$pid" ] || die "sshd '$NAME' is not running"
  for child in $(pgrep -P "$pid" || true); do
    kill -KILL "$child" 2>/dev/null || true
  done
}

case "$ACTION" in
  start) start ;;
  status) [ -n "$(live_pid "$PIDFILE" "$INST/sshd_config")" ] ;;
  stop) stop_pid "$PIDFILE" "$INST/sshd_config" 30 ;;
  drop) drop_sessions ;;
  env)
    echo "SLUICE_TEST_SSH_HOST=127.0.0.1"
    echo "SLUICE_TEST_SSH_PORT=$PORT"
    echo "SLUICE_TEST_SSH_USER=$(id -un)"
    echo "SLUICE_TEST_SSH_KEY=$INST/client-key"
    echo "SLUICE_TEST_SSH_KNOWN_HOSTS=$INST/known_hosts" ;;
  *) die "usage: ssh.sh start|stop|status|drop|env [NAME [PORT]]" ;;
esac
