#!/usr/bin/env bash
# All set-up a fresh machine needs before Stevedore or its tests run: Debian packages (when root), npm packages,
# then the services and the sandbox images. Safe to run again; quick when everything is in place.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$STEVEDORE_ROOT"
bash scripts/install-packages.sh
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi
bash scripts/services.sh
