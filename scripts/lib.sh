# Shared helpers for the set-up scripts (sourced, not run).
STEVEDORE_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DATA_DIR=${STEVEDORE_DATA_DIR:-$STEVEDORE_ROOT/.data}
REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379}
REGISTRY_ADDR=${STEVEDORE_REGISTRY:-127.0.0.1:5000}
mkdir -p "$DATA_DIR"

say() { printf 'stevedore: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }
is_root() { [ "$(id -u)" = 0 ]; }

# wait_for SECONDS COMMAND...: polls COMMAND every 0.1 s until it succeeds or time runs out.
wait_for() {
  local seconds=$1; shift
  local tries=$((seconds * 10))
  while ! "$@" >/dev/null 2>&1; do
    tries=$((tries - 1))
    [ "$tries" -gt 0 ] || return 1
    sleep 0.1
  done
}

# start_daemon NAME LOGFILE COMMAND...: starts COMMAND detached from this shell, so it outlives it.
start_daemon() {
  local name=$1 log=$2; shift 2
  say "starting $name (log: $log)"
  setsid nohup "$@" >>"$log" 2>&1 </dev/null &
}

# quiet COMMAND...: runs COMMAND, showing its output only when it fails.
quiet() {
  local out
  if ! out=$("$@" 2>&1); then printf '%s\n' "$out" >&2; return 1; fi
}
