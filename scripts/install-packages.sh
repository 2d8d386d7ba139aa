#!/usr/bin/env bash
# Installs the Debian packages Stevedore's services need, when they are missing and we may (root + apt-get).
# Usage: install-packages.sh [deploy]   (deploy: also what the deployment images and tests need)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

missing=()
command -v redis-server >/dev/null || missing+=(redis-server)
command -v docker-registry >/dev/null || missing+=(docker-registry)
command -v dockerd >/dev/null || missing+=(docker.io)
dpkg -s busybox-static >/dev/null 2>&1 || missing+=(busybox-static)
command -v curl >/dev/null || missing+=(curl)
command -v flock >/dev/null && command -v setsid >/dev/null || missing+=(util-linux)
# The fleet's fault tests: engines and a registry mirror in network namespaces of their own, linked by veth pairs.
command -v unshare >/dev/null && command -v nsenter >/dev/null || missing+=(util-linux)
command -v ip >/dev/null || missing+=(iproute2)
# The font the lifecycle diagrams of explain are drawn with.
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
if [ "${1:-}" = deploy ]; then
  # The images are made from Debian's packages; the stack runs with Debian's compose; the failover test needs sentinels.
  command -v mmdebstrap >/dev/null || missing+=(mmdebstrap)
  command -v docker-compose >/dev/null || missing+=(docker-compose)
  command -v redis-sentinel >/dev/null || missing+=(redis-sentinel)
  command -v openssl >/dev/null || missing+=(openssl)
fi
[ ${#missing[@]} -eq 0 ] && exit 0

if is_root && command -v apt-get >/dev/null; then
  say "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  die "missing Debian packages: ${missing[*]}. Install them with: sudo apt-get install ${missing[*]}"
fi
