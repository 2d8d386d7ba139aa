#!/usr/bin/env bash
# The engine the deployment tests compose the stack on (sourced: exports DOCKER_HOST). A host engine of the kind a
# team deploys on: no userns-remap (a sandbox engine in a container cannot make its cgroups under a remapped one),
# in a network namespace of its own (`unshare --net`: a second engine beside Stevedore's would take its docker0), so
# the stack's published ports are on that namespace's loopback. Its images stay in $DIR between runs; idempotent.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$ROOT/scripts/lib.sh"
DIR=$DATA_DIR/deploy-engine
export DOCKER_HOST=unix://$DIR/docker.sock
deploy_engine_up() { timeout 10 docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

if ! deploy_engine_up; then
  is_root || die "the deployment tests start an engine of their own: run them as root"
  claim_data_dir dockerd "$DIR" "$DIR/docker.pid" dockerd "$DOCKER_HOST"
  mkdir -p "$DIR/data" "$DIR/exec"
  # The namespace's loopback comes up first: the stack publishes its ports there.
  start_daemon dockerd "$DIR" "$DIR/dockerd.log" - unshare --net --fork sh -c 'ip link set lo up && exec "$@"' sh \
    dockerd --host "$DOCKER_HOST" --data-root "$DIR/data" --exec-root "$DIR/exec" --pidfile "$DIR/docker.pid"
  wait_for 30 deploy_engine_up || die "the deployment tests' dockerd did not start; see $DIR/dockerd.log"
  say "the deployment tests' engine is up on $DOCKER_HOST (its own network namespace, no userns-remap)"
fi
