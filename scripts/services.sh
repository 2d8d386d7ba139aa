#!/usr/bin/env bash
# Makes sure, idempotently, that Redis, a local registry and a Docker engine answer, then seeds the sandbox images.
# Usage: services.sh [redis] [registry] [engine] [images]   (no argument: all four, in that order)
#
# Starts only what does not answer already, and never stops anything. Each server it starts has a data directory
# and a pid file of its own under .data/, named after its port or socket (.data/redis-6379/,
# .data/registry-5000/, .data/dockerd-var-run-docker.sock/), and it refuses to start one whose data directory a
# live process holds: two servers on one directory load, append to and overwrite each other's files.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

redis_answers() { [ "$(timeout 5 redis-cli -u "$REDIS_URL" ping 2>/dev/null)" = PONG ]; }

# listening HOST PORT: something accepts TCP connections there.
listening() { timeout 2 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$1" "$2" 2>/dev/null; }

ensure_redis() {
  redis_answers && return 0
  local hostport=${REDIS_URL#redis://}
  hostport=${hostport##*@}
  hostport=${hostport%%/*}
  local host=${hostport%%:*} port=${hostport##*:}
  [ "$port" != "$hostport" ] || port=6379
  is_loopback "$host" || die "Redis at $REDIS_URL does not answer; start it or set REDIS_URL"
  command -v redis-server >/dev/null || die "no redis-server: install Debian's redis-server or set REDIS_URL"
  local dir="$DATA_DIR/redis-$port"
  # .data/redis once served every port; it is this port's when its log says it last ran on it.
  if [ -d "$DATA_DIR/redis" ] && [ "$(grep -o 'port=[0-9]*' "$DATA_DIR/redis/redis.log" 2>/dev/null | tail -n 1)" = "port=$port" ]; then
    adopt_legacy_dir Redis "$DATA_DIR/redis" "$dir" "$DATA_DIR/redis/redis.pid" redis-server
  fi
  claim_data_dir redis-server "$dir" "$dir/redis.pid" redis-server "$REDIS_URL"
  listening 127.0.0.1 "$port" && die "refusing to start redis-server: something listens on 127.0.0.1:$port but does not answer as Redis at $REDIS_URL (a password missing from REDIS_URL?)"
  # AOF every second and no eviction: queued jobs must survive a restart and never be evicted.
  redis-server --bind 127.0.0.1 --port "$port" --daemonize yes --dir "$dir" \
    --appendonly yes --appendfsync everysec --maxmemory-policy noeviction \
    --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" >/dev/null 9>&-
  wait_for 10 redis_answers || die "redis-server did not start; see $dir/redis.log"
  say "redis-server listening on 127.0.0.1:$port, data in $dir"
}

registry_up() { curl -sf --max-time 5 "http://$REGISTRY_ADDR/v2/" >/dev/null; }

ensure_registry() {
  registry_up && return 0
  local host=${REGISTRY_ADDR%:*} port=${REGISTRY_ADDR##*:}
  is_loopback "$host" || die "the registry at $REGISTRY_ADDR does not answer; start it or set STEVEDORE_REGISTRY"
  command -v docker-registry >/dev/null || die "no docker-registry: install Debian's docker-registry"
  local dir="$DATA_DIR/registry-$port"
  if [ -d "$DATA_DIR/registry" ] && grep -qF "addr: $REGISTRY_ADDR }" "$DATA_DIR/registry/config.yml" 2>/dev/null; then
    adopt_legacy_dir registry "$DATA_DIR/registry" "$dir" "$DATA_DIR/registry/registry.pid" docker-registry
  fi
  claim_data_dir docker-registry "$dir" "$dir/registry.pid" docker-registry "http://$REGISTRY_ADDR"
  listening "$host" "$port" && die "refusing to start docker-registry: something listens on $REGISTRY_ADDR but does not answer as a registry"
  cat >"$dir/config.yml" <<YAML
version: 0.1
log: { level: warn }
storage:
  filesystem: { rootdirectory: $dir/data }
  delete: { enabled: true }
http: { addr: $REGISTRY_ADDR }
YAML
  start_daemon docker-registry "$dir" "$dir/registry.log" "$dir/registry.pid" docker-registry serve "$dir/config.yml"
  wait_for 15 registry_up || die "docker-registry did not start; see $dir/registry.log"
}

engine_up() { timeout 10 docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

# other_engine: the pid of a dockerd running in this network namespace, if any.
other_engine() {
  local p ns
  ns=$(readlink /proc/self/ns/net)
  for p in /proc/[0-9]*; do
    [ "$(cat "$p/comm" 2>/dev/null)" = dockerd ] && [ "$(readlink "$p/ns/net" 2>/dev/null)" = "$ns" ] && echo "${p#/proc/}" && return 0
  done
  return 1
}

ensure_engine() {
  engine_up && return 0
  local sock=/var/run/docker.sock
  case "${DOCKER_HOST:-}" in
    '' | unix://*)
      sock=${DOCKER_HOST:-}
      sock=${sock#unix://}
      sock=${sock:-/var/run/docker.sock}
      ;;
    *) die "the Docker engine at DOCKER_HOST=$DOCKER_HOST does not answer; start it, or unset DOCKER_HOST" ;;
  esac
  is_root || die "no Docker engine answers on $sock. Start one (sudo dockerd &), or add yourself to the docker group, or set DOCKER_HOST"
  command -v dockerd >/dev/null || die "no dockerd: install Debian's docker.io"
  local pid
  if pid=$(other_engine); then
    die "refusing to start dockerd on $sock: another dockerd (pid $pid) runs here and does not answer there; two engines would fight over the docker0 bridge and the firewall rules. Set DOCKER_HOST to its socket, or stop it first."
  fi
  # The engine's own directories, named after its socket: images, containers and volumes in root/, its running
  # state (containerd included) in exec/. Nothing of another engine's /var/lib/docker is used or touched.
  local key
  key=$(printf '%s' "${sock#/}" | tr -c 'A-Za-z0-9._-' '-')
  local dir="$DATA_DIR/dockerd-$key"
  # containerd's socket goes in exec/containerd/; a unix socket's path has at most 107 bytes.
  [ $((${#dir} + 40)) -le 107 ] || die "the engine's directory $dir is too long a path for its sockets; set STEVEDORE_DATA_DIR to a shorter one"
  claim_data_dir dockerd "$dir" "$dir/dockerd.pid" dockerd "unix://$sock"
  mkdir -p "$dir/root" "$dir/exec"
  # gVisor's runsc, when installed, is offered as a runtime (SANDBOX_RUNTIME=runsc); it needs --network=none
  # inside, which is what every sandbox container has anyway.
  local runtimes='{}'
  [ -x /usr/bin/runsc ] && runtimes='{"runsc": {"path": "/usr/bin/runsc", "runtimeArgs": ["--network=none"]}}'
  # userns-remap: root in a container is an unprivileged uid on the host (dockerd creates the dockremap user and
  # its subordinate ids on first start). STEVEDORE_USERNS=off starts the engine without it.
  local userns=', "userns-remap": "default"'
  [ "${STEVEDORE_USERNS:-on}" = off ] && userns=''
  # live-restore: containers keep running while the engine restarts (an upgrade, a crash).
  cat >"$dir/daemon.json" <<JSON
{ "registry-mirrors": ["http://$REGISTRY_ADDR"], "runtimes": $runtimes, "live-restore": true$userns }
JSON
  start_daemon dockerd "$dir" "$dir/dockerd.log" - dockerd --config-file "$dir/daemon.json" --host "unix://$sock" \
    --data-root "$dir/root" --exec-root "$dir/exec" --pidfile "$dir/dockerd.pid"
  wait_for 30 engine_up || die "dockerd did not start; see $dir/dockerd.log"
  say "dockerd is up on $sock, data in $dir, pulling docker.io images through http://$REGISTRY_ADDR"
}

[ $# -gt 0 ] || set -- redis registry engine images
for service in "$@"; do
  case "$service" in
    redis) ensure_redis ;;
    registry) ensure_registry ;;
    engine) ensure_engine ;;
    images) bash "$(dirname "$0")/build-images.sh" ;;
    *) die "unknown service $service: say redis, registry, engine or images" ;;
  esac
done
