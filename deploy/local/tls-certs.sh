#!/usr/bin/env bash
# Test certificates for TLS on the local stack, made with openssl, once:
#   tls-certs.sh DIR
# DIR/ca.pem, ca-key.pem         a CA
# DIR/server-cert.pem, server-key.pem   signed by it, for 127.0.0.1 and localhost
# DIR/client-cert.pem, client-key.pem   signed by it, CN=sluice (PKCS#1 RSA key, as MySQL writes)
# DIR/other-ca.pem               an unrelated CA (for "wrong CA" tests)
source "$(dirname "$0")/common.sh"
DIR="${1:?usage: tls-certs.sh DIR}"
[ -f "$DIR/.complete" ] && exit 0
command -v openssl >/dev/null || apt_install openssl
mkdir -p "$DIR"
cd "$DIR"
quiet() { "$@" >/dev/null 2>&1 || die "openssl failed: $*"; }
quiet openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=Sluice Test CA" \
  -keyout ca-key.pem -out ca.pem
quiet openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=Unrelated CA" \
  -keyout other-ca-key.pem -out other-ca.pem
quiet openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout server-key.pem -out server.csr
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n' > server.ext
quiet openssl x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 3650 \
  -extfile server.ext -out server-cert.pem
quiet openssl req -newkey rsa:2048 -nodes -subj "/CN=sluice" -keyout client-key.pkcs8.pem -out client.csr
quiet openssl x509 -req -in client.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 3650 \
  -out client-cert.pem
quiet openssl rsa -in client-key.pkcs8.pem -traditional -out client-key.pem
chmod 644 ./*.pem
touch .complete
