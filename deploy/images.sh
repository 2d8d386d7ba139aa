#!/usr/bin/env bash
# Builds every image the compose stack runs, without Docker Hub: each base is a Debian root filesystem made from
# Debian's own packages (mmdebstrap --variant=minbase), imported with `docker import`.
#
#   stevedore/node:20       Debian + this machine's Node, 20 or newer (the binary and the libraries ldd names)
#   stevedore/app:local     Stevedore itself (the Dockerfile, FROM the image above): compiled, production deps only
#   stevedore/redis:local   Debian's redis-server
#   stevedore/registry:local Debian's docker-registry
#   stevedore/engine:local  Debian's docker.io (the sandbox engine, dind)
#
# Idempotent: each image carries a label with the hash of its inputs (packages, scripts, the node binary, the
# sources), and is rebuilt only when that hash changes. Usage: deploy/images.sh [--force]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DEPLOY=$ROOT/deploy
STAGE=${STEVEDORE_DATA_DIR:-$ROOT/.data}/deploy-build
SUITE=${DEBIAN_SUITE:-bookworm}
# Empty: mmdebstrap uses this machine's apt sources (a mirror or proxy configured there is used as it is).
MIRROR=${DEBIAN_MIRROR:-}
LABEL=org.stevedore.inputs
FORCE=${1:-}
export DOCKER_BUILDKIT=0 # the classic builder: nothing to download

say() { printf 'deploy-images: %s\n' "$*"; }
die() { say "$*" >&2; exit 1; }
command -v mmdebstrap >/dev/null || die "no mmdebstrap: apt-get install mmdebstrap"
command -v docker >/dev/null || die "no docker CLI"
NODE=$(readlink -f "$(command -v node)")
[ "$(node -p 'process.versions.node.split(".")[0]')" -ge 20 ] || die "the node on PATH is older than Node 20"

label_of() { docker image inspect -f "{{index .Config.Labels \"$LABEL\"}}" "$1" 2>/dev/null || true; }
hash_of() { sha256sum | cut -c1-20; }
up_to_date() { [ "$FORCE" != --force ] && [ "$(label_of "$1")" = "$2" ]; }

# rootfs IMAGE HASH "PACKAGES" [mmdebstrap args...]: a minbase root filesystem with the packages, imported as IMAGE.
rootfs() {
  local image=$1 hash=$2 packages=$3
  shift 3
  local started=$SECONDS
  # Documentation, manuals and apt's lists are left out: nothing in a container reads them.
  # Downloaded packages are kept in $STAGE/apt-cache for the next image and the next run.
  mkdir -p "$STAGE/apt-cache"
  mmdebstrap --quiet --variant=minbase --include="$packages" --skip=essential/unlink \
    --setup-hook='mkdir -p "$1"/var/cache/apt/archives' --setup-hook="sync-in $STAGE/apt-cache /var/cache/apt/archives/" \
    --customize-hook="sync-out /var/cache/apt/archives $STAGE/apt-cache" \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/doc/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-exclude=/usr/share/info/*' \
    --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*' \
    "$@" "$SUITE" - $MIRROR |
    docker import --change "LABEL $LABEL=$hash" -m "stevedore: $SUITE minbase + $packages" - "$image-partial" >/dev/null
  # Named only once mmdebstrap has succeeded: a failed run must not leave an image that looks up to date.
  docker tag "$image-partial" "$image" && docker rmi "$image-partial" >/dev/null
  say "$image built from Debian's packages ($((SECONDS - started)) s)"
}

# build IMAGE HASH CONTEXT [docker build args...]: a Dockerfile build, labelled with its inputs' hash.
build() {
  local image=$1 hash=$2 ctx=$3
  shift 3
  local started=$SECONDS
  docker build -q --label "$LABEL=$hash" -t "$image" "$@" "$ctx" >/dev/null
  say "$image built ($((SECONDS - started)) s)"
}

script_hash() { cat "$DEPLOY/images.sh" "$@" | hash_of; }

# 1. The Node base: minbase, CA certificates, the diagram font, and this machine's Node (20 or newer) with the libraries it links.
node_image() {
  local image=stevedore/node:20 libs hash
  libs=$(ldd "$NODE" | awk '/=> \//{print $3} /^\t\/lib/{print $1}' | sort -u)
  hash=$( (script_hash; sha256sum "$NODE"; for l in $libs; do sha256sum "$(readlink -f "$l")"; done; echo "$SUITE $MIRROR") | hash_of)
  up_to_date "$image" "$hash" && { say "$image is up to date"; return; }
  local hook='cp -L '"$NODE"' "$1/usr/local/bin/node"'
  # Only the libraries the root filesystem lacks: its own libc is Debian's, as this machine's is.
  for l in $libs; do hook+='; [ -e "$1'"$l"'" ] || { mkdir -p "$1'"$(dirname "$l")"'" && cp -L '"$l"' "$1'"$l"'"; }'; done
  # The font the lifecycle diagrams of `/docker explain` are drawn with (without it they are left out).
  rootfs "$image" "$hash" ca-certificates,fonts-dejavu-core --customize-hook="$hook" --customize-hook='chroot "$1" node --version >/dev/null'
}

# 2. Stevedore: compiled on this machine, production dependencies installed here (npm ci --omit=dev) and copied in.
app_image() {
  local image=stevedore/app:local ctx=$STAGE/app hash
  hash=$( (script_hash "$ROOT/Dockerfile" "$ROOT/package-lock.json" "$ROOT/package.json" "$ROOT/tsconfig.json" "$ROOT/tsconfig.build.json"
    label_of stevedore/node:20
    cd "$ROOT" && git ls-files -co --exclude-standard src commands images policy.example.yaml | LC_ALL=C sort | xargs sha256sum) | hash_of)
  up_to_date "$image" "$hash" && { say "$image is up to date"; return; }
  local started=$SECONDS
  rm -rf "$ctx" && mkdir -p "$ctx"
  cp "$ROOT/package.json" "$ROOT/package-lock.json" "$ROOT/Dockerfile" "$ctx/"
  (cd "$ctx" && npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
  (cd "$ROOT" && npx tsc -p tsconfig.build.json --outDir "$ctx/dist" >/dev/null) || [ -f "$ctx/dist/src/main.js" ] ||
    die "Stevedore did not compile (npx tsc -p tsconfig.build.json)"
  cp -a "$ROOT/images" "$ROOT/policy.example.yaml" "$ctx/"
  say "app context staged in $ctx ($((SECONDS - started)) s)"
  build "$image" "$hash" "$ctx" --build-arg BASE=stevedore/node:20
}

# 3-5. Redis, the registry and the sandbox engine, each from Debian's package of it.
service_image() {
  local image=$1 packages=$2 dockerfile=$DEPLOY/images/$3 hash
  hash=$( (script_hash "$dockerfile"/*; echo "$packages $SUITE $MIRROR") | hash_of)
  up_to_date "$image" "$hash" && { say "$image is up to date"; return; }
  rootfs "$image-rootfs" "$hash" "$packages"
  build "$image" "$hash" "$dockerfile" --build-arg BASE="$image-rootfs"
}

started=$SECONDS
node_image
app_image
service_image stevedore/redis:local redis-server redis
service_image stevedore/registry:local docker-registry,ca-certificates registry
service_image stevedore/engine:local docker.io,ca-certificates,iptables,procps,e2fsprogs,xz-utils,pigz engine
say "all images ready ($((SECONDS - started)) s)"
