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
# The fleet's remote hosts test: an engine reached over TLS (certificates made with openssl, bridged with socat) and
# over ssh (an sshd of the test's own on 127.0.0.1, an ssh-agent, and the ssh client tools).
command -v openssl >/dev/null || missing+=(openssl)
command -v socat >/dev/null || missing+=(socat)
command -v ssh-agent >/dev/null && command -v ssh-keygen >/dev/null || missing+=(openssh-client)
[ -x /usr/sbin/sshd ] || missing+=(openssh-server)
# The font the lifecycle diagrams of explain are drawn with.
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
if [ "${1:-}" = deploy ]; then
  # The images are made from Debian's packages; the stack runs with Debian's compose; the failover test needs sentinels.
  command -v mmdebstrap >/dev/null || missing+=(mmdebstrap)
  command -v docker-compose >/dev/null || missing+=(docker-compose)
  command -v redis-sentinel >/dev/null || missing+=(redis-sentinel)
fi
[ ${#missing[@]} -eq 0 ] && exit 0

if is_root && command -v apt-get >/dev/null; then
  say "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  others=()
  for p in "${missing[@]}"; do [ "$p" = openssh-server ] || others+=("$p"); done
  [ ${#others[@]} -eq 0 ] || apt-get install -y -qq --no-install-recommends "${others[@]}" >/dev/null
  if [ ${#others[@]} -lt ${#missing[@]} ]; then
    # openssh-server for its sshd binary alone (the test starts its own on 127.0.0.1): no system sshd is started,
    # now (a policy-rc.d refusing starts, for this install only, where the machine has none) or at boot.
    if [ ! -e /usr/sbin/policy-rc.d ]; then
      printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
      trap 'rm -f /usr/sbin/policy-rc.d' EXIT
    fi
    apt-get install -y -qq --no-install-recommends openssh-server >/dev/null
    ! command -v systemctl >/dev/null || systemctl disable --quiet ssh.service ssh.socket 2>/dev/null || true
  fi
else
  die "missing Debian packages: ${missing[*]}. Install them with: sudo apt-get install ${missing[*]}"
fi
