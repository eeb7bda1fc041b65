#!/usr/bin/env bash
# devserver's footprint, measured in one run on one project of 30 nodejs functions:
#   - `up` ready time with the 30 images already built (goal < 3 s)
#   - RSS of the `up` process idle (goal < 200 MB), after EDITS code edits of one function (flat), after 20 s of
#     wrk at 256 connections (goal < 300 MB)
#   - images of the project after the EDITS edits (bounded: the live one and the one before per function)
#   - p50 of the verbs that serve nothing (goal < 200 ms) beside `kubectl version --client`
# Usage: bench/footprint.sh [EDITS]   (default 100; each edit waits until the new code is served)
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
edits="${1:-100}"
p="$BENCH_WORK/p"; mkdir -p "$p/shared"
printf 'module.exports = (data) => ({edit: 0, data});\n' > "$p/shared/handler.js"
{ echo "service: foot"; echo "functions:"
  for i in $(seq -w 1 30); do printf '  f%s:\n    handler: handler\n    source: ./%s\n    runtime: gitlab/runtimes/nodejs\n' "$i" "$( [ "$i" = 01 ] && echo edited || echo shared )"; done
} > "$p/serverless.yml"
mkdir -p "$p/edited"; cp "$p/shared/handler.js" "$p/edited/"
port=$(bench_free_port)
rss_mb() { awk '/VmRSS/ {printf "%d\n", $2/1024}' "/proc/$UP_PID/status"; }
# bench_up returns on /healthz; the java process is the launcher's child (exec keeps the pid)
# sets UP_MS (not in $(…): bench_up's UP_PID must stay in this shell)
up_and_measure() { local t0; t0=$(date +%s%N); bench_up "$p/serverless.yml" "$port" "$BENCH_WORK/up.log" "$@"; UP_MS=$(bench_ms_since "$t0"); }
stop_up() { kill -TERM "$UP_PID"; wait "$UP_PID" 2>/dev/null || true; }

echo "== building 30 functions (first up)"; up_and_measure --no-watch; stop_up; echo "first up: $UP_MS ms"
up_and_measure; up_ms=$UP_MS; echo "up with 30 cached functions ready in $up_ms ms"
sleep 10; idle=$(rss_mb); echo "RSS idle: $idle MB"

host="foot-f01.p-local.localhost"
for i in $(seq 1 "$edits"); do
  printf 'module.exports = (data) => ({edit: %d, data});\n' "$i" > "$p/edited/handler.js"
  t0=$(date +%s%N)
  until curl -s --max-time 10 -H "Host: $host" -H 'Content-Type: application/json' -d '{}' "http://127.0.0.1:$port/" | grep -q "\"edit\":$i"; do
    sleep 0.05; [ "$(bench_ms_since "$t0")" -lt 120000 ] || { echo "edit $i not served in 120 s"; break; }
  done
done
sleep 10; after_edits=$(rss_mb); echo "RSS after $edits edits: $after_edits MB"
images=$(docker images -a -q --filter "label=dev.devserver.project=$p" | sort -u | wc -l)
f01=$(docker images -q --filter "label=dev.devserver.project=$p" --filter "label=dev.devserver.function=f01" | sort -u | wc -l)
echo "images of the project after $edits edits: $images (f01, the edited function: $f01 tagged)"

wrk -t2 -c256 -d20s -H "Host: $host" "http://127.0.0.1:$port/" | grep -E 'Requests/sec|Latency' || true
sleep 5; after_load=$(rss_mb); echo "RSS after 20 s at 256 connections: $after_load MB"
stop_up

echo "== CLI verbs (p50 of 7 runs, whole process)"
verb_p50() {
  local f="$BENCH_WORK/verb.ms"; : > "$f"
  for _ in 1 2 3 4 5 6 7; do local t0; t0=$(date +%s%N); "$@" > /dev/null 2>&1 || true; bench_ms_since "$t0" >> "$f"; done
  bench_p50 < "$f"
}
bench_up "$p/serverless.yml" "$port" "$BENCH_WORK/up2.log" --no-watch
verbs=()
for verb in "--version" "validate --file $p/serverless.yml" "get ksvc --file $p/serverless.yml" "logs --file $p/serverless.yml" \
            "secret list --file $p/serverless.yml" "render --file $p/serverless.yml" "kubeconfig --file $p/serverless.yml"; do
  # shellcheck disable=SC2086
  ms=$(verb_p50 "$BENCH_DEVSERVER" $verb); verbs+=("${verb%% --file*}=${ms}ms"); echo "devserver ${verb%% --file*}: $ms ms"
done
kubectl_ms=$(verb_p50 kubectl version --client); echo "kubectl version --client: $kubectl_ms ms"
stop_up

echo
echo "SUMMARY up-30-cached=${up_ms}ms rss-idle=${idle}MB rss-after-${edits}-edits=${after_edits}MB rss-after-load=${after_load}MB images-after-edits=${images}"
echo "verbs: ${verbs[*]} kubectl-version-client=${kubectl_ms}ms (load $(cut -d' ' -f1-3 /proc/loadavg))"
