#!/usr/bin/env bash
# kubectl against devserver: p50 latency of `kubectl get ksvc` (whole command, as a user waits for it) and the RSS
# of the devserver process idle before any API use and idle after 50 kubectl calls (goal: under 10 MB more).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cp -r "$BENCH_HOME/src/test/resources/projects/gitlab-example" "$BENCH_WORK/project"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
bench_up "$BENCH_WORK/project/serverless.yml" "$port" "$BENCH_WORK/up.log"
pid=$(python3 -c "import json;print(json.load(open('$BENCH_WORK/project/.devserver/up.json'))['pid'])")
rss() { awk '/VmRSS/ {print $2}' "/proc/$pid/status"; }
# Idle RSS: sampled each second until it has stopped growing (within 256 kB over 5 s; at most 60 s), so work still
# going on after start (JIT, warm-ups) is not mistaken for what the API keeps.
settled_rss() {
  local samples=() i
  for i in $(seq 1 60); do
    sleep 1; samples+=("$(rss)")
    local n=${#samples[@]}
    if [ "$n" -ge 5 ] && [ $(( samples[n-1] - samples[n-5] )) -le 256 ]; then break; fi
  done
  echo "${samples[-1]}"
}
# classes loaded (jstat, where the JDK has it): what the API's first use leaves in metaspace
classes() { jstat -class "$pid" 2>/dev/null | awk 'NR==2 {print $1}' || true; }
sleep 5
before=$(settled_rss); classes_before=$(classes)
"$BENCH_DEVSERVER" kubeconfig -f "$BENCH_WORK/project/serverless.yml" > "$BENCH_WORK/kubeconfig"
export KUBECONFIG="$BENCH_WORK/kubeconfig"
kubectl get ksvc > /dev/null   # first call: kubectl fills its discovery cache
times=()
for i in $(seq 1 50); do
  start=$(date +%s%N); kubectl get ksvc > /dev/null; end=$(date +%s%N)
  times+=($(( (end - start) / 1000000 )))
done
kubectl explain ksvc.spec.template.spec > /dev/null
sleep 5
after=$(settled_rss); classes_after=$(classes)
p50=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "kubectl get ksvc: p50 ${p50} ms over 50 calls (whole kubectl process, cached discovery)"
echo "devserver RSS idle: ${before} kB before any API use, ${after} kB after ($(awk -v d=$((after - before)) 'BEGIN {printf "%+.1f", d / 1024}') MB; goal: under 10 MB more)"
[ -z "$classes_before" ] || echo "classes loaded: ${classes_before} before, ${classes_after} after"
