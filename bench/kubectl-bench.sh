#!/usr/bin/env bash
# kubectl against devserver: p50 latency of `kubectl get ksvc` (whole command, as a user waits for it) and the RSS
# of the devserver process idle before any API use and idle after 50 kubectl calls and an explain (goal: under 10 MB
# more), and where the JVM keeps what grew (heap and metaspace committed, code cache used).
# Usage: bench/kubectl-bench.sh [ROUNDS] [BIN_DEVSERVER…] — each bin/devserver (default this checkout's) is measured
# ROUNDS times (default 1), in turn, so builds compare side by side in one run.
#
# Like with like: on JDK 17 the class-data archive `up` maps is written at the exit of the first run after a build,
# with the classes that run loaded; an archive from a run that used kubectl holds the API's classes and moves 10+ MB
# between "idle" and "after". So every measured `up` gets its own cache folder (XDG_CACHE_HOME) whose archive was
# written by one `up` without API use, stopped before the measured one starts: a user's usual first run.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
rounds=1
case "${1:-}" in [0-9]*) rounds=$1; shift ;; esac
builds=("$@")
[ ${#builds[@]} -gt 0 ] || builds=("$BENCH_DEVSERVER")
cp -r "$BENCH_HOME/src/test/resources/projects/gitlab-example" "$BENCH_WORK/project"
file="$BENCH_WORK/project/serverless.yml"

rss() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
# Idle RSS: sampled each second until it has stopped growing (within 256 kB over 5 s; at most 60 s), so work still
# going on after start (JIT, warm-ups, the native heap's periodic trim) is not mistaken for what the API keeps.
settled_rss() {
  local samples=() i
  for i in $(seq 1 60); do
    sleep 1; samples+=("$(rss "$1")")
    local n=${#samples[@]}
    if [ "$n" -ge 5 ] && [ $(( samples[n-1] - samples[n-5] )) -le 256 ]; then break; fi
  done
  echo "${samples[-1]}"
}
# classes loaded (jstat, where the JDK has it): what the API's first use leaves in metaspace
classes() { jstat -class "$1" 2>/dev/null | awk 'NR==2 {print $1}' || true; }
# where the JVM keeps it, in kB: "heap metaspace code" (heap and metaspace committed, code cache used); "? ? ?" without
# the JDK's tools
jvm_kb() {
  local gc code
  gc=$(jstat -gc "$1" 2>/dev/null | awk 'NR==1 {for (i = 1; i <= NF; i++) c[$i] = i}
    NR==2 {printf "%d %d", $c["S0C"] + $c["S1C"] + $c["EC"] + $c["OC"], $c["MC"]}') || true
  code=$(jcmd "$1" Compiler.codecache 2>/dev/null | sed -n 's/.* used=\([0-9]*\)Kb.*/\1/p' | head -1) || true
  echo "${gc:-? ?} ${code:-?}"
}
# the growth of each of "heap metaspace code" between two jvm_kb lines, in MB
jvm_growth() {
  awk -v b="$1" -v a="$2" 'BEGIN { n = split(b, x, " "); split(a, y, " ")
    for (i = 1; i <= n; i++) printf "%s%s", (x[i] == "?" || y[i] == "?" ? "?" : sprintf("%+.1f", (y[i] - x[i]) / 1024)), (i < n ? "/" : "") }'
}
mb() { awk -v d="$1" 'BEGIN {printf "%+.1f", d / 1024}'; }

# measure BIN_DEVSERVER CACHE: one line of figures
measure() {
  BENCH_DEVSERVER=$1
  export XDG_CACHE_HOME=$2
  local port pid before after cb ca times=() i start p50
  port=$(bench_free_port)
  bench_up "$file" "$port" "$BENCH_WORK/up.log"
  pid=$(python3 -c "import json;print(json.load(open('$BENCH_WORK/project/.devserver/up.json'))['pid'])")
  sleep 5
  before=$(settled_rss "$pid"); cb=$(classes "$pid"); jb=$(jvm_kb "$pid")
  "$BENCH_DEVSERVER" kubeconfig -f "$file" > "$BENCH_WORK/kubeconfig"
  export KUBECONFIG="$BENCH_WORK/kubeconfig"
  kubectl get ksvc > /dev/null   # first call: kubectl fills its discovery cache
  for i in $(seq 1 50); do
    start=$(date +%s%N); kubectl get ksvc > /dev/null; times+=($(bench_ms_since "$start"))
  done
  kubectl explain ksvc.spec.template.spec > /dev/null
  sleep 5
  after=$(settled_rss "$pid"); ca=$(classes "$pid"); ja=$(jvm_kb "$pid")
  p50=$(printf '%s\n' "${times[@]}" | bench_p50)
  kill "$UP_PID"; wait "$UP_PID" 2>/dev/null || true
  echo "$1 $((after - before))" >> "$BENCH_WORK/differences"
  printf '%-40s %6s ms %10s kB %10s kB %8s MB %14s %20s\n' "${1%/bin/devserver}" "$p50" "$before" "$after" \
    "$(mb $((after - before)))" "${cb:-?} -> ${ca:-?}" "$(jvm_growth "$jb" "$ja")"
}

# an `up` without API use, stopped: its exit writes the archive the measured `up` maps (JDK 17: ArchiveClassesAtExit;
# JDK 19+: AutoCreateSharedArchive writes it at exit too)
archive_without_api() {
  BENCH_DEVSERVER=$1
  export XDG_CACHE_HOME=$2
  mkdir -p "$XDG_CACHE_HOME"
  bench_up "$file" "$(bench_free_port)" "$BENCH_WORK/warm.log"
  sleep 3
  kill "$UP_PID"; wait "$UP_PID" 2>/dev/null || true
  ls "$XDG_CACHE_HOME"/devserver/*.jsa > /dev/null 2>&1 || echo "note: no class-data archive in $XDG_CACHE_HOME" >&2
}

echo "class-data archive of each measured up: written by an up without API use (private XDG_CACHE_HOME per run)"
printf '%-40s %9s %13s %13s %11s %14s %20s\n' "bin/devserver" "get p50" "idle before" "idle after" "difference" "classes" \
  "heap/meta/code MB"
for round in $(seq 1 "$rounds"); do
  for build in "${builds[@]}"; do
    cache="$BENCH_WORK/cache-$round-$(echo "$build" | cksum | cut -d' ' -f1)"
    archive_without_api "$build" "$cache"
    measure "$build" "$cache"
  done
done
# One round's difference moves by a megabyte or two (where the heap and glibc stand when it settles), so the goal is
# judged on the median of the rounds.
if [ "$rounds" -gt 1 ]; then
  for build in "${builds[@]}"; do
    printf '%-40s median difference of %d rounds: %s MB\n' "${build%/bin/devserver}" "$rounds" \
      "$(mb "$(awk -v b="$build" '$1 == b {print $2}' "$BENCH_WORK/differences" | bench_p50)")"
  done
fi
echo "goal: difference under 10 MB; RSS is the whole process (VmRSS), idle after = the total a user's up keeps"
