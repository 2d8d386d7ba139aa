#!/bin/sh
# What an engine inside a container needs before dockerd starts (as Docker's own dind image does): securityfs for
# AppArmor, a writable /tmp, and on cgroup v2 the container's processes moved out of the root cgroup so dockerd
# can enable the controllers for its containers.
set -e
if [ -d /sys/kernel/security ] && ! mountpoint -q /sys/kernel/security; then
  mount -t securityfs none /sys/kernel/security || echo "dind: could not mount securityfs; AppArmor stays off" >&2
fi
mountpoint -q /tmp || mount -t tmpfs none /tmp
if [ -f /sys/fs/cgroup/cgroup.controllers ]; then
  mkdir -p /sys/fs/cgroup/init
  xargs -rn1 </sys/fs/cgroup/cgroup.procs >/sys/fs/cgroup/init/cgroup.procs 2>/dev/null || :
  sed -e 's/ / +/g' -e 's/^/+/' </sys/fs/cgroup/cgroup.controllers >/sys/fs/cgroup/cgroup.subtree_control
fi
exec "$@"
