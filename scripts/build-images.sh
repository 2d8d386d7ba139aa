#!/usr/bin/env bash
# Builds the sandbox images offline (FROM scratch + Debian's static busybox). When the engine pulls through the
# local registry (a registry mirror), the images are pushed there and pulled back by their docker.io names, so
# a pull is a real pull; otherwise (a user's own engine) they are built straight under their names.
# Skips all work when the sources are unchanged since the last seed and the engine has the images.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

# image directory → docker.io reference it is published as
declare -A IMAGES=([whalesay]=docker/whalesay:latest [busybox]=library/busybox:latest [web]=stevedore/web:latest)
BUSYBOX=/bin/busybox
IMAGES_DIR="$STEVEDORE_ROOT/images"

mirror_mode() { docker info --format '{{json .RegistryConfig.Mirrors}}' 2>/dev/null | grep -q "$REGISTRY_ADDR"; }

sources_hash() {
  (cd "$IMAGES_DIR" && find . -type f -print0 | sort -z | xargs -0 sha256sum; sha256sum "$BUSYBOX"; echo "$REGISTRY_ADDR") | sha256sum | cut -c1-16
}

# In mirror mode the registry must hold every image (the engine pulls on demand, and a user's rmi is theirs
# to make); otherwise the engine itself must have them.
images_in_place() {
  local ref
  for ref in "${IMAGES[@]}"; do
    if mirror_mode; then
      curl -sf --max-time 10 -o /dev/null -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
        "http://$REGISTRY_ADDR/v2/${ref%%:*}/manifests/${ref##*:}" || return 1
    else
      docker image inspect "$ref" >/dev/null 2>&1 || return 1
    fi
  done
}

assemble_context() { # DIR → build context in $DATA_DIR/build/DIR
  local name=$1 ctx="$DATA_DIR/build/$1"
  rm -rf "$ctx"; mkdir -p "$ctx/rootfs/bin" "$ctx/rootfs/tmp"
  cp -a "$IMAGES_DIR/base/rootfs/." "$ctx/rootfs/"
  [ -d "$IMAGES_DIR/$name/rootfs" ] && cp -a "$IMAGES_DIR/$name/rootfs/." "$ctx/rootfs/"
  # The Dockerfile and anything else the image folder holds (besides rootfs/) go into the context as they are.
  (cd "$IMAGES_DIR/$name" && find . -mindepth 1 -maxdepth 1 ! -name rootfs -exec cp -a {} "$ctx/" \;)
  cp "$BUSYBOX" "$ctx/rootfs/bin/busybox"
  local applet
  for applet in $("$BUSYBOX" --list); do
    [ "$applet" = busybox ] || [ -e "$ctx/rootfs/bin/$applet" ] || ln -s busybox "$ctx/rootfs/bin/$applet"
  done
  chmod 1777 "$ctx/rootfs/tmp"
  echo "$ctx"
}

[ -x "$BUSYBOX" ] || die "no $BUSYBOX: install Debian's busybox-static"
stamp="$DATA_DIR/images.stamp"
hash=$(sources_hash)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$hash" ] && images_in_place; then exit 0; fi

export DOCKER_BUILDKIT=0 # the classic builder: nothing to download, works with any engine
for name in "${!IMAGES[@]}"; do
  ref=${IMAGES[$name]}
  ctx=$(assemble_context "$name")
  if mirror_mode; then
    quiet docker build -q -t "$REGISTRY_ADDR/$ref" "$ctx"
    docker push -q "$REGISTRY_ADDR/$ref" >/dev/null
    docker rmi -f "$REGISTRY_ADDR/$ref" >/dev/null
    docker rmi -f "$ref" >/dev/null 2>&1 || true
    docker pull -q "$ref" >/dev/null || die "pulling $ref through the mirror at $REGISTRY_ADDR failed"
    say "image $ref pushed to $REGISTRY_ADDR and pulled through the mirror"
  else
    quiet docker build -q -t "$ref" "$ctx"
    say "image $ref built into the engine (it has no registry mirror)"
  fi
done
echo "$hash" >"$stamp"
