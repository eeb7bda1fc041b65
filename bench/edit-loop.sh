#!/usr/bin/env bash
# Edit to served: the time from saving a one-line edit of a nodejs handler to the router answering with the new code,
# for three function folders, each beside a plain `docker build` of the same context (the files devserver sends:
# runtime template + function folder, host node_modules left out as devserver leaves it out) after the same edit:
#   tiny  — the handler alone
#   big   — 20,000 files / ~131 MB: a 200-package node_modules (100 files of 4 KiB each) and a 50 MB asset
#   huge  — 1 GB: ten 100 MB assets (only with --huge: it writes 1 GB and its first build takes minutes)
# Usage: bench/edit-loop.sh [ROUNDS] [--huge]   (default 7 rounds; BENCH_CASES="tiny" runs one folder only;
# BENCH_EDIT_GAP=2 waits 2 s after each served edit before the next save). BENCH_DEVSERVER=/other/bin/devserver measures
# another build (e.g. main before a change). Prints p50/p95 per folder and the ratio to the plain docker build.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
rounds=7; huge=0
for arg in "$@"; do case $arg in --huge) huge=1 ;; *) rounds=$arg ;; esac; done
runtime="$BENCH_HOME/runtimes/gitlab/runtimes/nodejs"
base=devserver-base/gitlab-runtimes-nodejs-base-image:offline
build_args=(); docker image inspect "$base" >/dev/null 2>&1 && build_args=(--build-arg "BASE_IMAGE=$base")

handler() { printf 'module.exports = (data) => ({edit: %d, data});\n' "$2" > "$1/fn/handler.js"; }

make_tiny() { mkdir -p "$1/fn"; handler "$1" 0; }
make_big() {
  make_tiny "$1"
  python3 - "$1/fn" <<'EOF'
import os, sys
root = sys.argv[1]
block = os.urandom(4096)
for p in range(200):
    pkg = os.path.join(root, "node_modules", f"pkg-{p}")
    for d in range(10):
        os.makedirs(os.path.join(pkg, f"lib{d}"), exist_ok=True)
        for f in range(10):
            with open(os.path.join(pkg, f"lib{d}", f"m{f}.js"), "wb") as out:
                out.write(block)
    os.symlink(f"lib0/m0.js", os.path.join(pkg, "index.js"))
os.makedirs(os.path.join(root, "assets"))
with open(os.path.join(root, "assets", "video.bin"), "wb") as out:
    for _ in range(50):
        out.write(os.urandom(1 << 20))
EOF
  printf '{"name":"fn","version":"1.0.0","main":"handler.js"}\n' > "$1/fn/package.json"
}
make_huge() {
  make_tiny "$1"; mkdir -p "$1/fn/assets"
  for i in $(seq 0 9); do head -c 100M /dev/urandom > "$1/fn/assets/part-$i.bin"; done
}

# plain_build DIR: a docker build context as devserver makes it, then ROUNDS timed builds after one-line edits.
plain_build() {
  local dir=$1 ctx=$1/plain tag="edit-loop-plain-$$"
  mkdir -p "$ctx"; cp -r "$runtime"/. "$ctx"/; rm -rf "$ctx/offline"; cp -r "$BENCH_HOME/runtimes/_shared" "$ctx/_shared"
  cp -al "$dir/fn" "$ctx/function"   # hard links: the same files, no copy of the big ones
  sed -e 's/{{ *\.CodeDirectory *}}/function/g' -e 's/{{ *\.FunctionHandler *}}/handler/g' "$runtime/Dockerfile.template" > "$ctx/Dockerfile"
  printf '**/node_modules\n**/.git\nDockerfile.template\n' > "$ctx/.dockerignore"
  docker build -q "${build_args[@]}" -t "$tag:0" "$ctx" > /dev/null 2>&1
  : > "$dir/plain.ms"
  for i in $(seq "$rounds"); do
    handler "$dir" "$i"   # hard-linked: the context sees the edit
    local t0; t0=$(date +%s%N)
    docker build -q "${build_args[@]}" -t "$tag:$i" "$ctx" > /dev/null 2>&1
    bench_ms_since "$t0" >> "$dir/plain.ms"
  done
  docker rmi $(for i in $(seq 0 "$rounds"); do echo "$tag:$i"; done) > /dev/null
}

# devserver_edits DIR: `up`, then ROUNDS edits each timed until the router serves the new code.
devserver_edits() {
  local dir=$1 port; port=$(bench_free_port)
  printf 'service: edit\nfunctions:\n  fn:\n    handler: handler\n    source: ./fn\n    runtime: gitlab/runtimes/nodejs\n' > "$dir/serverless.yml"
  local t0; t0=$(date +%s%N)
  bench_up "$dir/serverless.yml" "$port" "$dir/up.log"
  echo "  first up (full build): $(bench_ms_since "$t0") ms"
  sleep 2   # older builds start watching only after /healthz answers: let the watcher register first
  : > "$dir/edit.ms"
  local host="edit-fn.$(basename "$dir")-local.localhost"
  for i in $(seq 101 $((100 + rounds))); do
    handler "$dir" "$i"; t0=$(date +%s%N); echo "$t0 $i" >> "$dir/edit.t"   # when each edit was saved
    until curl -s --max-time 10 -H "Host: $host" -H 'Content-Type: application/json' -d '{}' "http://127.0.0.1:$port/" | grep -q "\"edit\":$i"; do
      sleep 0.02
      [ "$(bench_ms_since "$t0")" -lt 120000 ] || { echo "  edit $i not served after 120 s"; tail -5 "$dir/up.log"; break; }
    done
    bench_ms_since "$t0" >> "$dir/edit.ms"
    sleep "${BENCH_EDIT_GAP:-0}"   # a person reads the result before the next save; 0: the next edit at once
  done
  grep -i 'reload' "$dir/up.log" | sed 's/^/  up: /' | tail -"$rounds" || true
  kill -TERM "$UP_PID"; wait "$UP_PID" 2>/dev/null || true
  "$BENCH_DEVSERVER" down -f "$dir/serverless.yml" > /dev/null 2>&1 || true
  docker images -q --filter "label=dev.devserver.project=$dir" | sort -u | xargs -r docker rmi -f > /dev/null 2>&1 || true
}

cases=(tiny big); [ "$huge" = 1 ] && cases+=(huge)
[ -z "${BENCH_CASES:-}" ] || read -r -a cases <<< "$BENCH_CASES"   # e.g. BENCH_CASES=tiny: one folder only
summary=()
for c in "${cases[@]}"; do
  dir="$BENCH_WORK/$c"; mkdir -p "$dir"; "make_$c" "$dir"
  echo "== $c: $(find "$dir/fn" -type f | wc -l) files, $(du -sm "$dir/fn" | cut -f1) MB ($rounds rounds)"
  devserver_edits "$dir"
  plain_build "$dir"
  e50=$(bench_p50 < "$dir/edit.ms"); e95=$(bench_p95 < "$dir/edit.ms")
  p50=$(bench_p50 < "$dir/plain.ms"); p95=$(bench_p95 < "$dir/plain.ms")
  echo "  devserver edit-to-served p50 ${e50} ms p95 ${e95} ms (all: $(tr '\n' ' ' < "$dir/edit.ms"))"
  echo "  plain docker build        p50 ${p50} ms p95 ${p95} ms (all: $(tr '\n' ' ' < "$dir/plain.ms"))"
  summary+=("$(awk -v c="$c" -v a="$e50" -v b="$e95" -v p="$p50" 'BEGIN {printf "%s: edit-to-served p50=%sms p95=%sms, docker-build p50=%sms, ratio %.2f", c, a, b, p, a/p}')")
  [ "$c" = tiny ] || rm -rf "$dir/fn" "$dir/plain"   # the big folders are not needed any more
done
echo
echo "SUMMARY ($(basename "$(dirname "$(dirname "$BENCH_DEVSERVER")")"), edit gap ${BENCH_EDIT_GAP:-0} s, load $(cut -d' ' -f1-3 /proc/loadavg))"
printf '%s\n' "${summary[@]}"
