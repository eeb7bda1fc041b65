#!/usr/bin/env bash
# Serving speed, measured side by side in one run against one nodejs function (the GitLab echo example):
#   - cold start from zero (containers removed; a created standby container is started), first byte at the client
#   - thaw from frozen (paused container), first byte at the client
#   - reference: plain `docker run` of the same image until its first 200
#   - edit-to-served: time from saving the handler to the router answering with the new code
# Usage: bench/serving-bench.sh [ROUNDS]   (default 7). Prints medians and ratios.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
home=$BENCH_HOME
work=$BENCH_WORK
rounds="${1:-7}"
mkdir -p "$work/p/echo-js"
cp "$home/sample-functions/echo-js/echo-js.js" "$work/p/echo-js/"
printf 'service: bench\nfunctions:\n  echo-js:\n    handler: echo-js\n    source: ./echo-js\n    runtime: gitlab/runtimes/nodejs\n' > "$work/p/serverless.yml"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
host="bench-echo-js.p-local.localhost"
url="http://127.0.0.1:$port/"
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
first_byte_ms() { curl -s -o /dev/null -w '%{time_starttransfer}\n' -H "Host: $host" -H 'Content-Type: application/json' -d '{"b":1}' "$url" | awk '{printf "%.0f\n", $1*1000}'; }
running() { docker ps -q --filter "label=dev.devserver.function=echo-js" --filter "label=dev.devserver.project=$work/p" --filter status=running | wc -l; }
paused() { docker ps -q --filter "label=dev.devserver.project=$work/p" --filter status=paused | wc -l; }
start_up() {
  bench_up "$work/p/serverless.yml" "$port" "$work/up.log" "$@"
}
stop_up() { kill -TERM $UP_PID;  # background jobs ignore SIGINT; the JVM runs the same clean-up on TERM
  wait $UP_PID 2>/dev/null || true; }

echo "== up ready time with images built (goal < 3 s)"
start_up --no-watch; stop_up
t0=$(date +%s%N); start_up --no-watch; t1=$(date +%s%N); stop_up
up_ms=$(( (t1 - t0) / 1000000 )); echo "up ready in ${up_ms} ms"

echo "== cold start from zero ($rounds rounds)"
start_up --stable-window 1s --scale-to-zero-grace-period 1s --freeze-after 0 --no-watch
: > "$work/cold"
for _ in $(seq "$rounds"); do
  until [ "$(running)" = 0 ]; do sleep 0.2; done; sleep 0.5
  first_byte_ms >> "$work/cold"
done
stop_up
cold=$(median < "$work/cold"); echo "cold start p50: ${cold} ms  (all: $(tr '\n' ' ' < "$work/cold"))"

echo "== thaw from frozen ($rounds rounds)"
start_up --freeze-after 1s --no-watch
: > "$work/thaw"
for _ in $(seq "$rounds"); do
  until [ "$(paused)" -ge 1 ]; do sleep 0.2; done
  first_byte_ms >> "$work/thaw"
done
stop_up
thaw=$(median < "$work/thaw"); echo "thaw p50: ${thaw} ms  (all: $(tr '\n' ' ' < "$work/thaw"))"

echo "== reference: docker run to first 200 ($rounds rounds)"
: > "$work/run"
for _ in $(seq "$rounds"); do
  t0=$(date +%s%N)
  id=$(docker run -d -p 127.0.0.1::8080 bench-echo-js:latest)
  p=$(docker port "$id" 8080 | head -1 | cut -d: -f2)
  until curl -sf -o /dev/null -H 'Content-Type: application/json' -d '{}' "http://127.0.0.1:$p/"; do sleep 0.01; done
  echo $(( ($(date +%s%N) - t0) / 1000000 )) >> "$work/run"
  docker rm -f "$id" >/dev/null
done
run=$(median < "$work/run"); echo "docker run p50: ${run} ms"

echo "== edit to served ($rounds rounds)"
start_up
: > "$work/edit"
for i in $(seq "$rounds"); do
  printf 'module.exports = (data) => ({edit: %d, data});\n' "$i" > "$work/p/echo-js/echo-js.js"
  t0=$(date +%s%N)
  until curl -s -H "Host: $host" -H 'Content-Type: application/json' -d '{}' "$url" | grep -q "\"edit\":$i"; do sleep 0.02; done
  echo $(( ($(date +%s%N) - t0) / 1000000 )) >> "$work/edit"
done
stop_up
edit=$(median < "$work/edit"); echo "edit-to-served p50: ${edit} ms  (all: $(tr '\n' ' ' < "$work/edit"))"

echo
echo "SUMMARY up-ready=${up_ms}ms cold-p50=${cold}ms thaw-p50=${thaw}ms docker-run-p50=${run}ms edit-p50=${edit}ms"
awk -v c="$cold" -v t="$thaw" -v r="$run" 'BEGIN {printf "ratios: cold/docker-run=%.2f thaw/docker-run=%.2f\n", c/r, t/r}'
