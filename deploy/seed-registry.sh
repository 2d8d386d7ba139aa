#!/usr/bin/env bash
# Seeds the stack's registry with the sandbox images (docker/whalesay, busybox, stevedore/web) from this machine's
# engine, where scripts/build-images.sh made them offline: pushed over loopback to the port compose publishes
# (STEVEDORE_REGISTRY_PORT, default 5050). The sandbox engine then pulls them by their docker.io names through its
# registry mirror. Idempotent: a push of an image the registry holds uploads nothing.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PORT=${STEVEDORE_REGISTRY_PORT:-5050}
say() { printf 'deploy-seed: %s\n' "$*"; }
for ref in docker/whalesay:latest library/busybox:latest stevedore/web:latest; do
  local_ref=${ref#library/}
  if ! docker image inspect "$local_ref" >/dev/null 2>&1; then
    bash "$ROOT/scripts/build-images.sh"
    docker image inspect "$local_ref" >/dev/null 2>&1 || docker pull -q "$local_ref" >/dev/null
  fi
  docker tag "$local_ref" "127.0.0.1:$PORT/$ref"
  docker push -q "127.0.0.1:$PORT/$ref" >/dev/null
  docker rmi "127.0.0.1:$PORT/$ref" >/dev/null
  say "$ref is in the registry on 127.0.0.1:$PORT"
done
