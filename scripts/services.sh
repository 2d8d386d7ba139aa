#!/usr/bin/env bash
# Makes sure, idempotently, that Redis, a local registry and a Docker engine answer, then seeds the sandbox images.
# Starts only what does not answer already; never stops anything.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

ensure_redis() {
  redis-cli -u "$REDIS_URL" ping >/dev/null 2>&1 && return 0
  local hostport=${REDIS_URL#redis://}; hostport=${hostport##*@}; hostport=${hostport%%/*}
  local host=${hostport%%:*} port=${hostport##*:}
  [ "$port" != "$hostport" ] || port=6379
  case "$host" in 127.0.0.1|localhost) ;; *) die "Redis at $REDIS_URL does not answer; start it or set REDIS_URL" ;; esac
  command -v redis-server >/dev/null || die "no redis-server: install Debian's redis-server or set REDIS_URL"
  mkdir -p "$DATA_DIR/redis"
  # AOF every second and no eviction: queued jobs must survive a restart and never be evicted.
  redis-server --bind 127.0.0.1 --port "$port" --daemonize yes --dir "$DATA_DIR/redis" \
    --appendonly yes --appendfsync everysec --maxmemory-policy noeviction \
    --pidfile "$DATA_DIR/redis/redis.pid" --logfile "$DATA_DIR/redis/redis.log" >/dev/null
  wait_for 10 redis-cli -u "$REDIS_URL" ping || die "redis-server did not start; see $DATA_DIR/redis/redis.log"
  say "redis-server listening on 127.0.0.1:$port"
}

registry_up() { curl -sf "http://$REGISTRY_ADDR/v2/" >/dev/null; }

ensure_registry() {
  registry_up && return 0
  command -v docker-registry >/dev/null || die "no docker-registry: install Debian's docker-registry"
  mkdir -p "$DATA_DIR/registry"
  cat >"$DATA_DIR/registry/config.yml" <<YAML
version: 0.1
log: { level: warn }
storage:
  filesystem: { rootdirectory: $DATA_DIR/registry/data }
  delete: { enabled: true }
http: { addr: $REGISTRY_ADDR }
YAML
  start_daemon docker-registry "$DATA_DIR/registry/registry.log" docker-registry serve "$DATA_DIR/registry/config.yml"
  wait_for 15 registry_up || die "docker-registry did not start; see $DATA_DIR/registry/registry.log"
}

engine_up() { docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

ensure_engine() {
  engine_up && return 0
  if [ -n "${DOCKER_HOST:-}" ] && [ "$DOCKER_HOST" != "unix:///var/run/docker.sock" ]; then
    die "the Docker engine at DOCKER_HOST=$DOCKER_HOST does not answer; start it, or unset DOCKER_HOST"
  fi
  is_root || die "no Docker engine answers on /var/run/docker.sock. Start one (sudo dockerd &), or add yourself to the docker group, or set DOCKER_HOST"
  command -v dockerd >/dev/null || die "no dockerd: install Debian's docker.io"
  # gVisor's runsc, when installed, is offered as a runtime (SANDBOX_RUNTIME=runsc); it needs --network=none
  # inside, which is what every sandbox container has anyway.
  local runtimes='{}'
  [ -x /usr/bin/runsc ] && runtimes='{"runsc": {"path": "/usr/bin/runsc", "runtimeArgs": ["--network=none"]}}'
  cat >"$DATA_DIR/daemon.json" <<JSON
{ "registry-mirrors": ["http://$REGISTRY_ADDR"], "runtimes": $runtimes }
JSON
  start_daemon dockerd "$DATA_DIR/dockerd.log" dockerd --config-file "$DATA_DIR/daemon.json"
  wait_for 30 engine_up || die "dockerd did not start; see $DATA_DIR/dockerd.log"
  say "dockerd is up, pulling docker.io images through http://$REGISTRY_ADDR"
}

ensure_redis
ensure_registry
ensure_engine
bash "$(dirname "$0")/build-images.sh"
