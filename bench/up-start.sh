#!/usr/bin/env bash
# `up` with 30 cached nodejs functions (goal: ready < 3 s), before and after in one run, runs alternating so both see
# the same machine. For each run, ms after launching `up`:
#   routed   `up` printed "Routing on port": every function takes requests, held while its container starts
#            (the before build does not print it: "-")
#   first    a request to the last function (f30), sent at "routed" (before: at once, retried while refused), answered
#   table    `up` printed its ready table ("Press Ctrl-C"), which it does once every container answered or failed
#   all      /healthz answered 200: every function served (every revision Ready)
# and, beside them, the engine's floor (engine_floor below) in its "all" column.
# Usage: bench/up-start.sh BEFORE_BIN_DEVSERVER [RUNS]   (RUNS per launcher, default 3)
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
before="${1:?usage: bench/up-start.sh BEFORE_BIN_DEVSERVER [RUNS]}"
runs="${2:-3}"
after="$BENCH_DEVSERVER"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
p="$BENCH_WORK/p"; bench_thirty_functions "$p" upstart
port=$(bench_free_port)
host="upstart-f30.p-local.localhost"

echo "== building the 30 functions (first up)"
BENCH_DEVSERVER="$after" bench_up "$p/serverless.yml" "$port" "$BENCH_WORK/up0.log" --no-watch
kill -TERM "$UP_PID"; wait "$UP_PID" 2>/dev/null || true

# one_up LAUNCHER LOG: prints "routed first table all" in ms (routed "-" when the launcher does not print it)
one_up() {
  local d=$1 log=$2 t0 pid routed=- first=- table=- all=-
  t0=$(date +%s%N)
  "$d" up -f "$p/serverless.yml" --port "$port" --no-watch > "$log" 2>&1 &
  pid=$!; BENCH_PIDS+=("$pid")
  while [ "$all" = - ]; do
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
    [ "$routed" != - ] || ! grep -q "^Routing on port" "$log" || routed=$(bench_ms_since "$t0")
    if [ "$first" = - ] && { [ "$routed" != - ] || [ "$d" = "$before" ]; }; then
      first=sent  # in the background, so a held request does not delay the other columns
      ( until curl -sf -o /dev/null --max-time 60 -H "Host: $host" "http://127.0.0.1:$port/"; do sleep 0.05; done
        bench_ms_since "$t0" > "$log.first" ) &
    fi
    [ "$table" != - ] || ! grep -q "Press Ctrl-C" "$log" || table=$(bench_ms_since "$t0")
    curl -sf -o /dev/null "http://127.0.0.1:$port/healthz" && all=$(bench_ms_since "$t0")
    sleep 0.05
  done
  until grep -q "Press Ctrl-C" "$log"; do sleep 0.05; done; [ "$table" != - ] || table=$(bench_ms_since "$t0")
  until [ -s "$log.first" ]; do sleep 0.05; done; first=$(cat "$log.first")
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
  echo "$routed $first $table $all"
}

# The engine's own floor: 30 `docker run -d` of the function's image at once, each port published on loopback as
# devserver publishes it, and the ms until every one answers HTTP. What no launcher on this engine can go under.
# The ports are picked before the clock starts, so no `docker port` call is timed.
image=$(docker images -q --filter "label=dev.devserver.project=$p" | head -1)
engine_floor() {
  local t0 port ports ids
  mapfile -t ports < <(bench_free_port 30)
  t0=$(date +%s%N)
  for port in "${ports[@]}"; do docker run -d --rm --label devserver.bench=floor -p "127.0.0.1:$port:8080" "$image" & done \
    > "$BENCH_WORK/floor-ids"
  wait
  for port in "${ports[@]}"; do
    until curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$port/"; do sleep 0.05; done
  done
  bench_ms_since "$t0"
  mapfile -t ids < "$BENCH_WORK/floor-ids"
  docker rm -f "${ids[@]}" > /dev/null
}

declare -A rows
for k in $(seq 1 "$runs"); do
  floor=$(engine_floor)
  rows[engine]+="- - - $floor"$'\n'
  echo "engine floor run $k: 30 docker run -d at once, all answering in $floor ms"
  for which in before after; do
    d=$before; [ "$which" = after ] && d=$after
    r=$(one_up "$d" "$BENCH_WORK/$which-$k.log")
    rows[$which]+="$r"$'\n'
    echo "$which run $k: routed/first/table/all ms = $r (load $(cut -d' ' -f1 /proc/loadavg))"
  done
done
col_p50() { awk -v c="$1" '$c != "-" {print $c}' | bench_p50; }
echo
printf '%-8s %10s %10s %10s %10s\n' p50_ms routed first table all
for which in before after engine; do
  printf '%-8s' "$which"
  for c in 1 2 3 4; do v=$(printf '%s' "${rows[$which]}" | col_p50 "$c"); printf ' %10s' "${v:--}"; done
  echo
done
b=$(printf '%s' "${rows[before]}" | col_p50 4); a=$(printf '%s' "${rows[after]}" | col_p50 4)
ar=$(printf '%s' "${rows[after]}" | col_p50 1); bt=$(printf '%s' "${rows[before]}" | col_p50 3)
e=$(printf '%s' "${rows[engine]}" | col_p50 4)
awk -v b="$b" -v a="$a" -v ar="$ar" -v bt="$bt" -v e="$e" 'BEGIN { printf "every function served after/before %.2f, after/engine floor %.2f; routed (after) / ready table (before) %.2f; goal: up ready < 3000 ms\n", a/b, a/e, ar/bt }'
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
