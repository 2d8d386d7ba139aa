#!/usr/bin/env bash
# npm run test:deploy: what a fresh machine lacks, the engine the stack is composed on, the images (rebuilt only when
# their inputs changed), then the composed stack's test and Redis Sentinel's failover test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/install-packages.sh deploy
source deploy/test-engine.sh
bash deploy/images.sh
exec npx vitest run -c test/deploy/vitest.config.ts "$@"
