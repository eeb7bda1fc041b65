#!/usr/bin/env bash
# Start-up, before and after in one run, on one project of 30 nodejs functions:
#   - p50 of each verb that serves nothing (goal < 200 ms), whole process, beside `kubectl version --client`
#   - `up` with the 30 images already built until /healthz answers 200 = every revision Ready (goal < 3 s)
# BEFORE is another checkout's (or release's) bin/devserver, AFTER this checkout's (BENCH_DEVSERVER); runs alternate
# between the two, so both see the same machine. Each launcher's class-data archives are made before timing.
# Usage: bench/startup.sh BEFORE_BIN_DEVSERVER [RUNS] [--no-up]   (RUNS per verb, default 9; `up` runs RUNS/3 times each)
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
before="${1:?usage: bench/startup.sh BEFORE_BIN_DEVSERVER [RUNS] [--no-up]}"
runs="${2:-9}"
with_up=1; [ "${3:-}" = --no-up ] && with_up=0
after="$BENCH_DEVSERVER"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"

p="$BENCH_WORK/p"; bench_thirty_functions "$p" start
port=$(bench_free_port)

# ms of one whole command, its output discarded
ms_of() { local t0; t0=$(date +%s%N); "$@" > /dev/null 2>&1 || true; bench_ms_since "$t0"; }

echo "== building the 30 functions (first up), then the launchers' archives"
BENCH_DEVSERVER="$after" bench_up "$p/serverless.yml" "$port" "$BENCH_WORK/up0.log" --no-watch
kill -TERM "$UP_PID"; wait "$UP_PID" 2>/dev/null || true
for d in "$before" "$after"; do
  for _ in 1 2 3; do "$d" --version > /dev/null; "$d" validate -f "$p/serverless.yml" > /dev/null; done
  sleep 30   # a background training, if the launcher has one, ends within this
  "$d" --version > /dev/null
done

declare -A up_ms
if [ "$with_up" = 1 ]; then
  echo "== up with 30 cached functions ready (/healthz 200), alternating"
  for k in $(seq 1 $(( (runs + 2) / 3 ))); do
    for which in before after; do
      d=$before; [ "$which" = after ] && d=$after
      t0=$(date +%s%N)
      BENCH_DEVSERVER="$d" bench_up "$p/serverless.yml" "$port" "$BENCH_WORK/up-$which-$k.log" --no-watch
      up_ms[$which]+="$(bench_ms_since "$t0") "
      kill -TERM "$UP_PID"; wait "$UP_PID" 2>/dev/null || true
    done
  done
fi

echo "== verbs (p50 of $runs runs each, alternating), against a running up"
BENCH_DEVSERVER="$after" bench_up "$p/serverless.yml" "$port" "$BENCH_WORK/up-verbs.log" --no-watch
f="--file $p/serverless.yml"
printf '%-14s %10s %10s %8s\n' verb before-ms after-ms after/before
summary=()
for verb in "--version" "validate $f" "render $f" "get ksvc $f" "logs $f" "secret list $f" "kubeconfig $f"; do
  : > "$BENCH_WORK/b"; : > "$BENCH_WORK/a"
  for _ in $(seq 1 "$runs"); do
    # shellcheck disable=SC2086
    ms_of "$before" $verb >> "$BENCH_WORK/b"
    # shellcheck disable=SC2086
    ms_of "$after" $verb >> "$BENCH_WORK/a"
  done
  b=$(bench_p50 < "$BENCH_WORK/b"); a=$(bench_p50 < "$BENCH_WORK/a")
  name="${verb%% --file*}"
  printf '%-14s %10s %10s %8s\n' "$name" "$b" "$a" "$(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.2f", a/b}')"
  summary+=("${name// /-}=${b}->${a}ms")
done
: > "$BENCH_WORK/k"
for _ in $(seq 1 "$runs"); do ms_of kubectl version --client >> "$BENCH_WORK/k"; done
kubectl_ms=$(bench_p50 < "$BENCH_WORK/k")
echo "kubectl version --client: $kubectl_ms ms"
kill -TERM "$UP_PID"; wait "$UP_PID" 2>/dev/null || true

echo
if [ "$with_up" = 1 ]; then
  ub=$(tr ' ' '\n' <<< "${up_ms[before]}" | grep . | bench_p50); ua=$(tr ' ' '\n' <<< "${up_ms[after]}" | grep . | bench_p50)
  echo "SUMMARY up-30-cached p50 before=${ub}ms after=${ua}ms (runs: before ${up_ms[before]}/ after ${up_ms[after]})"
fi
echo "SUMMARY verbs ${summary[*]} kubectl-version-client=${kubectl_ms}ms (load after: $(cut -d' ' -f1-3 /proc/loadavg))"
