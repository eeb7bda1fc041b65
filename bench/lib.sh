# Sourced by the bench scripts: a work folder, `devserver up` in the background until /healthz answers 200 (every
# function ready), and on exit the processes stopped, the containers (`down`) and images removed and the work folder deleted.
BENCH_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH_WORK=$(mktemp -d "/tmp/$(basename "$0" .sh).XXXXXX")
# BENCH_DEVSERVER: the bin/devserver to measure (default this checkout's); bench_up takes another with -d.
BENCH_DEVSERVER="${BENCH_DEVSERVER:-$BENCH_HOME/bin/devserver}"
BENCH_PIDS=()
BENCH_PROJECTS=()

# bench_up SERVERLESS_YML PORT LOG [up options…]: sets UP_PID.
bench_up() {
  local file=$1 port=$2 log=$3
  shift 3
  "$BENCH_DEVSERVER" up -f "$file" --port "$port" "$@" > "$log" 2>&1 &
  UP_PID=$!
  BENCH_PIDS+=("$UP_PID")
  BENCH_PROJECTS+=("$file")
  until curl -sf -o /dev/null "http://127.0.0.1:$port/healthz"; do
    kill -0 "$UP_PID" 2>/dev/null || { cat "$log"; exit 1; }
    sleep 0.2
  done
}

# bench_background COMMAND…: runs it in the background, stopped on exit.
bench_background() {
  "$@" &
  BENCH_PIDS+=($!)
}

bench_cleanup() {
  for pid in "${BENCH_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  docker ps -aq --filter label=devserver.bench | xargs -r docker rm -f >/dev/null 2>&1 || true   # containers a bench ran itself
  for file in "${BENCH_PROJECTS[@]}"; do
    "$BENCH_DEVSERVER" down -f "$file" >/dev/null 2>&1 || true
    # the images the bench's projects built (their folders are deleted next: nothing could find them again)
    docker images -q --filter "label=dev.devserver.project=$(dirname "$file")" | sort -u | xargs -r docker rmi -f >/dev/null 2>&1 || true
  done
  # BENCH_KEEP=DIR keeps the run's logs and timings (*.log, *.ms, *.t) for a per-phase breakdown
  [ -z "${BENCH_KEEP:-}" ] || { mkdir -p "$BENCH_KEEP"; (cd "$BENCH_WORK" && find . \( -name '*.log' -o -name '*.ms' -o -name '*.t' \) -maxdepth 2 -exec cp --parents {} "$BENCH_KEEP" \;); }
  rm -rf "$BENCH_WORK"
}
trap bench_cleanup EXIT

# bench_thirty_functions DIR SERVICE: a project of 30 nodejs functions f01…f30 sharing one source folder.
bench_thirty_functions() {
  mkdir -p "$1/shared"
  printf 'module.exports = (data) => ({data});\n' > "$1/shared/handler.js"
  { echo "service: $2"; echo "functions:"
    for i in $(seq -w 1 30); do printf '  f%s:\n    handler: handler\n    source: ./shared\n    runtime: gitlab/runtimes/nodejs\n' "$i"; done
  } > "$1/serverless.yml"
}

# Percentiles of numbers on stdin, one a line.
bench_p50() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
bench_p95() { sort -n | awk '{a[NR]=$1} END {i=int(NR*0.95+0.999); if (i<1) i=1; print a[i]}'; }
# bench_free_port [N]: N (default 1) distinct free ports on loopback, one a line (all bound at once, so none repeats).
bench_free_port() {
  python3 -c 'import socket, sys
socks = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in socks: s.bind(("127.0.0.1", 0))
print("\n".join(str(s.getsockname()[1]) for s in socks))' "${1:-1}"
}
bench_ms_since() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
