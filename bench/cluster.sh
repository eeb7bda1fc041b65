#!/usr/bin/env bash
# `devserver cluster` beside kind + Knative (`kn quickstart kind`): time until an empty cluster takes `kubectl` calls,
# first start in a new folder (the local CA is made) and a restart, and the RSS of the idle process, printed next
# to the published figures for kn quickstart (about 1m50s to a ready cluster; kind asks for >= 3 CPUs and 3 GB of
# memory for Knative: knative.dev/docs/getting-started/quickstart-install). Nothing of kind is run here (no network).
# Usage: bench/cluster.sh
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
folder="$BENCH_WORK/cluster"; mkdir -p "$folder"
port=$(bench_free_port)
"$BENCH_DEVSERVER" --version > /dev/null # builds the checkout first, outside the measurement

# start_cluster LOG: sets CLUSTER_PID and READY_MS (the router's /healthz and `kubectl get namespaces` both answer)
start_cluster() {
  local t0; t0=$(date +%s%N)
  (cd "$folder" && exec "$BENCH_DEVSERVER" cluster --port "$port") > "$1" 2>&1 &
  CLUSTER_PID=$!; BENCH_PIDS+=("$CLUSTER_PID")
  until curl -sf -o /dev/null "http://127.0.0.1:$port/healthz" \
      && (cd "$folder" && "$BENCH_DEVSERVER" kubeconfig > "$BENCH_WORK/kubeconfig" 2>/dev/null) \
      && KUBECONFIG="$BENCH_WORK/kubeconfig" kubectl get namespaces > /dev/null 2>&1; do
    kill -0 "$CLUSTER_PID" 2>/dev/null || { cat "$1"; exit 1; }
    sleep 0.1
  done
  READY_MS=$(bench_ms_since "$t0")
}
stop_cluster() { kill -TERM "$CLUSTER_PID"; wait "$CLUSTER_PID" 2>/dev/null || true; }
rss_mb() { local pid; pid=$(pgrep -P "$CLUSTER_PID" java || echo "$CLUSTER_PID"); awk '/VmRSS/ {printf "%d\n", $2/1024}' "/proc/$pid/status"; }

own_ms() { sed -n 's/^Knative cluster ready in \([0-9]*\) ms.*/\1/p' "$1"; }  # from main() to serving, JVM start aside
start_cluster "$BENCH_WORK/first.log"; first=$READY_MS; first_own=$(own_ms "$BENCH_WORK/first.log"); stop_cluster
start_cluster "$BENCH_WORK/second.log"; second=$READY_MS; second_own=$(own_ms "$BENCH_WORK/second.log")
sleep 10; rss=$(rss_mb)
stop_cluster
cpus=$(nproc); load=$(cut -d' ' -f1 /proc/loadavg)

quickstart_ms=110000; kind_mb=3072
echo
echo "== devserver cluster vs kind + Knative (kn quickstart), on $cpus CPUs, load $load"
printf '%-34s %12s %14s %8s\n' "" "devserver" "kn quickstart" "ratio"
printf '%-34s %10s ms %12s ms %8s\n' "ready (new folder)" "$first" "~$quickstart_ms" "$(awk "BEGIN {printf \"%.3f\", $first/$quickstart_ms}")"
printf '%-34s %10s ms %12s ms %8s\n' "ready (restart)" "$second" "~$quickstart_ms" "$(awk "BEGIN {printf \"%.3f\", $second/$quickstart_ms}")"
printf '%-34s %10s ms %12s    \n' "  of which the command's own count" "$first_own / $second_own" ""
printf '%-34s %10s MB %12s MB %8s\n' "memory (idle RSS vs kind's ask)" "$rss" ">= $kind_mb" "$(awk "BEGIN {printf \"%.3f\", $rss/$kind_mb}")"
printf '%-34s %10s    %12s    \n' "CPUs" "any" ">= 3"
echo "(kn quickstart's figures are the published ones; the goal for devserver cluster is ready in < 5 s)"
