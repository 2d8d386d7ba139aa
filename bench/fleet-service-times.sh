#!/usr/bin/env bash
# The service times bench/fleet-sim.ts takes that bench/README.md does not measure: each engine operation beside a
# `docker run --rm` in the same round, through the CLI, on this machine's engine. The ratios are what the simulator
# uses (it scales them to the dockerode lifecycle of bench/README.md); the CLI's own start-up is in every figure.
# Usage: bash bench/fleet-service-times.sh [rounds]   (prints the median of each in ms, and net of the
# CLI start-up its ratio to run --rm)
set -euo pipefail
ROUNDS=${1:-10}
NAME=fleet-svc-$$
ms() { local t0 t1; t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N); echo $(((t1 - t0) / 1000000)); }
declare -A T
for ((i = 0; i < ROUNDS; i++)); do
  T[run_rm]+="$(ms docker run --rm busybox true) "
  T[run_d]+="$(ms docker run -d --name "$NAME" busybox sleep 60) "
  T[logs]+="$(ms docker logs "$NAME") "
  T[exec]+="$(ms docker exec "$NAME" true) "
  T[ps]+="$(ms docker ps -a) "
  T[rm_f]+="$(ms docker rm -f "$NAME") "
  T[pull_cached]+="$(ms docker pull busybox:latest) "
  T[cli]+="$(ms docker version --format '{{.Server.Version}}') "
done
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# The CLI's own start-up (`docker version`) is taken off each figure before the ratio.
cli=$(echo "${T[cli]}" | median)
base=$(($(echo "${T[run_rm]}" | median) - cli))
for k in run_rm run_d logs exec ps rm_f pull_cached; do
  m=$(echo "${T[$k]}" | median)
  net=$((m > cli ? m - cli : 0))
  printf '%-12s %6s ms  net %6s ms  %5.2f x run --rm\n' "$k" "$m" "$net" "$(echo "$net / $base" | bc -l)"
done
printf '%-12s %6s ms  (the CLI start-up taken off)\n' cli "$cli"
