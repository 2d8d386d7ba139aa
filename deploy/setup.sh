#!/usr/bin/env bash
# Makes what the compose stack needs that must never be in the repository or an image, in one folder
# ($STEVEDORE_DEPLOY_DIR, default .data/deploy): a certificate authority of the deployment's own, the sandbox
# engine's server certificate and the client certificate Stevedore's roles present to it (TLS both ways, never plain
# tcp), the Redis password, and the chat tokens given in the environment as files (compose mounts them as secrets).
# Idempotent: what exists is kept (so a restart keeps its certificates and password); --renew makes the certificates
# again. Usage: deploy/setup.sh [--renew]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR=${STEVEDORE_DEPLOY_DIR:-$ROOT/.data/deploy}
DAYS=${STEVEDORE_CERT_DAYS:-825}
say() { printf 'deploy-setup: %s\n' "$*"; }
command -v openssl >/dev/null || { say "no openssl: apt-get install openssl" >&2; exit 1; }
umask 077
mkdir -p "$DIR/certs/engine" "$DIR/certs/client" "$DIR/secrets" "$DIR/config"
C=$DIR/certs
[ "${1:-}" = --renew ] && rm -f "$C"/ca.pem "$C"/engine/*.pem "$C"/client/*.pem

if [ ! -f "$C/ca.pem" ]; then
  openssl genrsa -out "$C/ca-key.pem" 4096 2>/dev/null
  openssl req -new -x509 -days "$DAYS" -key "$C/ca-key.pem" -sha256 -subj "/CN=stevedore sandbox CA" -out "$C/ca.pem"
  rm -f "$C"/engine/*.pem "$C"/client/*.pem
  say "certificate authority made in $C"
fi

# sign NAME DIR EXTFILE-LINES: a key and a certificate signed by the CA.
sign() {
  local name=$1 dir=$2 ext=$3
  openssl genrsa -out "$dir/key.pem" 4096 2>/dev/null
  openssl req -new -key "$dir/key.pem" -subj "/CN=$name" -out "$dir/req.csr"
  printf '%s\n' "$ext" >"$dir/ext.cnf"
  openssl x509 -req -days "$DAYS" -sha256 -in "$dir/req.csr" -CA "$C/ca.pem" -CAkey "$C/ca-key.pem" -CAcreateserial \
    -out "$dir/cert.pem" -extfile "$dir/ext.cnf" 2>/dev/null
  rm -f "$dir/req.csr" "$dir/ext.cnf"
  cp "$C/ca.pem" "$dir/ca.pem"
}
if [ ! -f "$C/engine/cert.pem" ]; then
  # The engine answers as `sandbox` on the compose network, and on loopback for the operator.
  sign sandbox "$C/engine" $'subjectAltName = DNS:sandbox,DNS:localhost,IP:127.0.0.1\nextendedKeyUsage = serverAuth'
  say "sandbox engine's server certificate made"
fi
if [ ! -f "$C/client/cert.pem" ]; then
  sign stevedore "$C/client" 'extendedKeyUsage = clientAuth'
  say "Stevedore's client certificate made"
fi

# The Redis password: a config snippet for redis-server, and the URL the roles read from REDIS_URL_FILE.
S=$DIR/secrets
if [ ! -f "$S/redis_password" ]; then
  openssl rand -hex 24 >"$S/redis_password"
  say "Redis password made"
fi
printf 'requirepass %s\n' "$(cat "$S/redis_password")" >"$S/redis.conf"
printf 'redis://:%s@redis:6379/0\n' "$(cat "$S/redis_password")" >"$S/redis_url"

# Chat tokens given now are written as files; the variables are then unset in the stack (see docs/deploy.md).
for name in DISCORD_TOKEN SLACK_BOT_TOKEN SLACK_SIGNING_SECRET SLACK_APP_TOKEN; do
  value=${!name:-}
  file=$S/$(printf '%s' "$name" | tr 'A-Z' 'a-z')
  if [ -n "$value" ]; then printf '%s\n' "$value" >"$file"; fi
done

# The containers run as users of their own (Stevedore 10001, redis, docker-registry): files readable by them,
# while the folder above them stays the operator's alone (0700).
chmod 0755 "$C" "$C/engine" "$C/client" "$S" "$DIR/config"
chmod 0644 "$C"/ca.pem "$C"/engine/*.pem "$C"/client/*.pem "$S"/*
chmod 0600 "$C/ca-key.pem"
chmod 0700 "$DIR"
say "ready in $DIR"
