#!/usr/bin/env bash
# The 5-minute soak behind README's reliability guarantees (LoadIT is its 20-second CI variant).
#
# Usage:  bench/soak.sh                    (from the repository root; needs wrk: apt-get install -y wrk)
#         DURATION=300 CONNECTIONS=256 bench/soak.sh
# Runs `devserver up` on the GitLab echo example with a fixed, pre-touched heap (so RSS growth is native memory, not
# G1 sizing its heap), warms up for 10 s, then drives wrk with 256 keep-alive connections for DURATION seconds while
# following the request log across rotations (tail -F), and prints: requests and failures (wrk), request-log lines
# written during the run (one per request; wrk drops at most one in-flight request per connection at its deadline),
# duplicate trace ids, and RSS of the devserver process at start and end.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-300}
CONNECTIONS=${CONNECTIONS:-256}
PORT=${PORT:-18384}
command -v wrk >/dev/null || { echo "soak: wrk not found (apt-get install -y wrk)" >&2; exit 1; }

. bench/lib.sh
WORK=$BENCH_WORK
PROJECT="$WORK/gitlab-example"
HOST=functions-echo-js.gitlab-example-local.localhost

cp -r src/test/resources/projects/gitlab-example "$PROJECT"
DEVSERVER_JAVA_OPTS="${DEVSERVER_JAVA_OPTS:--Xms384m -Xmx384m -XX:+AlwaysPreTouch}" \
  bench_up "$PROJECT/serverless.yml" "$PORT" "$WORK/up.log" --no-watch --freeze-after 0 --stable-window 1h
JVM=$(pgrep -f "quarkus-run.jar up -f $PROJECT/serverless.yml" | head -1)
rss() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$JVM/status"; }

wrk -t2 -c"$CONNECTIONS" -d10s -H "Host: $HOST" "http://127.0.0.1:$PORT/" >/dev/null
sleep 3
LOG="$PROJECT/.devserver/logs/requests.jsonl"
RSS_START=$(rss)
bench_background tail -n0 -F "$LOG" > "$WORK/lines.jsonl" 2>/dev/null
TAIL_PID=${BENCH_PIDS[-1]}
wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s -H "Host: $HOST" "http://127.0.0.1:$PORT/" | tee "$WORK/wrk.txt"
sleep 5
RSS_END=$(rss)
kill "$TAIL_PID"

REQUESTS=$(grep -o '[0-9]* requests in' "$WORK/wrk.txt" | cut -d' ' -f1)
NON2XX=$(grep -o 'Non-2xx or 3xx responses: [0-9]*' "$WORK/wrk.txt" | grep -o '[0-9]*$' || echo 0)
SOCKET=$(grep -o 'Socket errors: .*' "$WORK/wrk.txt" || echo "Socket errors: none")
LINES=$(wc -l < "$WORK/lines.jsonl")
DUPLICATES=$(grep -o '"traceId":"[0-9a-f]*"' "$WORK/lines.jsonl" | sort | uniq -d | wc -l)
INVALID=$(python3 -c 'import json,sys
bad=0
for l in open(sys.argv[1], encoding="utf-8", errors="replace"):
    try: json.loads(l)
    except Exception: bad+=1
print(bad)' "$WORK/lines.jsonl" 2>/dev/null || echo "?")
echo
echo "soak: ${DURATION} s at ${CONNECTIONS} connections"
echo "  requests (wrk):         $REQUESTS"
echo "  failures (non-2xx):     $NON2XX;  $SOCKET"
echo "  request-log lines:      $LINES (expected $REQUESTS .. $((REQUESTS + CONNECTIONS)))"
echo "  invalid JSON lines:     $INVALID;  duplicate trace ids: $DUPLICATES"
echo "  RSS start / end:        ${RSS_START} MB / ${RSS_END} MB"
