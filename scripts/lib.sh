# Shared helpers for the set-up scripts (sourced, not run).
STEVEDORE_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DATA_DIR=${STEVEDORE_DATA_DIR:-$STEVEDORE_ROOT/.data}
REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379}
REGISTRY_ADDR=${STEVEDORE_REGISTRY:-127.0.0.1:5000}
mkdir -p "$DATA_DIR"
DATA_DIR=$(cd "$DATA_DIR" && pwd -P)

say() { printf 'stevedore: %s\n' "$*" >&2; }
die() {
  say "$*"
  exit 1
}
is_root() { [ "$(id -u)" = 0 ]; }
is_loopback() { case "$1" in 127.0.0.1 | localhost | '[::1]' | ::1) return 0 ;; *) return 1 ;; esac; }

# wait_for SECONDS COMMAND...: polls COMMAND every 0.1 s until it succeeds or time runs out.
wait_for() {
  local seconds=$1
  shift
  local tries=$((seconds * 10))
  while ! "$@" >/dev/null 2>&1; do
    tries=$((tries - 1))
    [ "$tries" -gt 0 ] || return 1
    sleep 0.1
  done
}

# start_daemon NAME DIR LOGFILE PIDFILE|- COMMAND...: starts COMMAND in DIR (its working directory, which marks
# the directory as in use), detached from this shell so it outlives it. With a PIDFILE, the daemon's pid is written
# there before it starts (for programs that write none themselves). The set-up lock (fd 9) is not passed on.
start_daemon() {
  local name=$1 dir=$2 log=$3 pidfile=$4
  shift 4
  say "starting $name in $dir (log: $log)"
  if [ "$pidfile" = - ]; then
    (cd "$dir" && exec setsid nohup "$@" >>"$log" 2>&1 </dev/null 9>&-) &
  else
    (cd "$dir" && exec setsid nohup bash -c 'echo $$ >"$0" && exec "$@"' "$pidfile" "$@" >>"$log" 2>&1 </dev/null 9>&-) &
  fi
}

# live_pid PIDFILE COMM: prints the pid in PIDFILE when a process with that pid and that command name is alive
# (a pid file left behind by a crash, whose number now belongs to another program or to no one, does not count).
live_pid() {
  local file=$1 comm=$2 pid
  [ -s "$file" ] || return 1
  pid=$(tr -dc 0-9 <"$file")
  [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$comm" ] || return 1
  # A zombie (exited, not yet reaped by its parent) holds nothing any more.
  [ "$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null | cut -d' ' -f1)" != Z ] || return 1
  echo "$pid"
}

# dir_users DIR: the pids of the processes that work in DIR or name it (or a path in it) in their command line.
# Every server these scripts start works in its data directory (Redis moves there by itself), and the registry and
# the engine are given paths in theirs.
dir_users() {
  local dir glob re
  dir=$(cd "$1" 2>/dev/null && pwd -P) || return 0
  glob=$(printf '%s' "$dir" | sed 's/[][*?\\]/\\&/g')
  re=$(printf '%s' "$dir" | sed 's/[].[*^$\\]/\\&/g')
  {
    find /proc/[0-9]*/cwd -maxdepth 0 -lname "$glob" 2>/dev/null | cut -d/ -f3
    grep -lzsx -e "\(.*=\)\{0,1\}$re\(/.*\)\{0,1\}" /proc/[0-9]*/cmdline 2>/dev/null | cut -d/ -f3
  } | grep -vx -e "$$" -e "${BASHPID:-$$}" | sort -un
  return 0
}

# in_use DIR PIDFILE COMM: prints a description of the live process that holds DIR, if any.
in_use() {
  local dir=$1 pidfile=$2 comm=$3 pid users
  if pid=$(live_pid "$pidfile" "$comm"); then
    echo "$comm (pid $pid, from its pid file $pidfile)"
    return 0
  fi
  users=$(dir_users "$dir" | tr '\n' ' ')
  if [ -n "$users" ]; then
    echo "process ${users% } (working in it or given a path in it)"
    return 0
  fi
  return 1
}

# claim_data_dir NAME DIR PIDFILE COMM WHERE: makes DIR, the data directory of the server NAME that is about to be
# started for WHERE, and refuses (exits) when a live process uses it already: the one in PIDFILE, or any that works
# in it. Two servers on one data directory load and overwrite each other's files. Holds a lock on DIR until the
# next claim or the end of this script, so two set-ups running at once cannot both start one.
claim_data_dir() {
  local name=$1 dir=$2 pidfile=$3 comm=$4 where=$5 holder
  mkdir -p "$dir"
  exec 9>"$dir/.setup.lock"
  flock -n 9 || die "refusing to start $name: another set-up is starting one on $dir right now"
  if holder=$(in_use "$dir" "$pidfile" "$comm"); then
    die "refusing to start $name for $where: its data directory $dir is in use by $holder, which does not answer at $where. Two servers on one data directory destroy each other's data. Point the settings at the running one (another port or socket, a password?), or stop it first."
  fi
  if [ -e "$pidfile" ]; then
    say "removing the stale pid file $pidfile (no $comm runs with its pid)"
    rm -f "$pidfile"
  fi
}

# adopt_legacy_dir NAME OLD NEW PIDFILE COMM: data directories were once one per kind of server (.data/redis,
# .data/registry), whatever its port. The caller has checked that OLD was last used for NEW's port; when no process
# uses OLD, it becomes NEW, so its data is not left behind. OLD is never touched while it is in use.
adopt_legacy_dir() {
  local name=$1 old=$2 new=$3 pidfile=$4 comm=$5
  [ -d "$old" ] && [ ! -e "$new" ] || return 0
  in_use "$old" "$pidfile" "$comm" >/dev/null && return 0
  say "moving the $name data of an earlier set-up from $old to $new"
  mv "$old" "$new"
}

# quiet COMMAND...: runs COMMAND, showing its output only when it fails.
quiet() {
  local out
  if ! out=$("$@" 2>&1); then
    printf '%s\n' "$out" >&2
    return 1
  fi
}
