#!/usr/bin/env bash
# Router overhead against a real function container, measured side by side in one run.
#
# Usage:  bench/router-bench.sh            (from the repository root; needs wrk, and nginx for the reference:
#                                          apt-get install -y wrk nginx; without nginx its rows are skipped)
#         DURATION=20s bench/router-bench.sh
# The machine is shared with whatever else runs: compare ratios within one run, not across runs.
#
# Runs `devserver up` on the GitLab echo example (a nodejs container), then wrk at 16 connections and at 1 against:
#   - direct    the container's published port on 127.0.0.1 (what `docker run -p` gives you)
#   - router    devserver's router by Host, request log on
#   - nginx     1 worker, reverse proxy with a keep-alive pool to the same published port, access log on
# and prints req/s, p50, p99, the ratios router/direct and nginx/direct, and the p50 each proxy adds.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10s}
NGINX_PORT=${NGINX_PORT:-18082}
ROUTER_PORT=${ROUTER_PORT:-18083}
HOST=bench-echo-js.p-local.localhost
for tool in wrk java mvn; do
  command -v "$tool" >/dev/null || { echo "router-bench: $tool not found (apt-get install -y wrk)" >&2; exit 1; }
done
TARGETS="direct router nginx"
command -v nginx >/dev/null || { TARGETS="direct router"; echo "router-bench: nginx not installed, skipping the reference proxy" >&2; }

. bench/lib.sh
WORK=$BENCH_WORK

mkdir -p "$WORK/p/echo-js"
cp sample-functions/echo-js/echo-js.js "$WORK/p/echo-js/"
printf 'service: bench\nfunctions:\n  echo-js:\n    handler: echo-js\n    source: ./echo-js\n    runtime: gitlab/runtimes/nodejs\n' > "$WORK/p/serverless.yml"
bench_up "$WORK/p/serverless.yml" "$ROUTER_PORT" "$WORK/up.log" --no-watch --freeze-after 0 --stable-window 1h
UP_PORT=$(docker port "$(docker ps -q --filter "label=dev.devserver.project=$WORK/p" | head -1)" 8080 | head -1 | cut -d: -f2)

nginx_conf() { # $1 name, $2 server block body
  mkdir -p "$WORK/$1"
  cat > "$WORK/$1/nginx.conf" <<CONF
user $(id -un);
worker_processes 1;
daemon off;
pid $WORK/$1/nginx.pid;
error_log $WORK/$1/error.log warn;
events { worker_connections 1024; }
http {
  client_body_temp_path $WORK/$1/body; proxy_temp_path $WORK/$1/proxy;
  fastcgi_temp_path $WORK/$1/fcgi; uwsgi_temp_path $WORK/$1/uwsgi; scgi_temp_path $WORK/$1/scgi;
  keepalive_requests 1000000;
  $2
}
CONF
  bench_background nginx -p "$WORK/$1" -c "$WORK/$1/nginx.conf"
}

[[ $TARGETS == *nginx* ]] && nginx_conf proxy "access_log $WORK/proxy/access.log combined;
  upstream fn { server 127.0.0.1:$UP_PORT; keepalive 64; }
  server { listen 127.0.0.1:$NGINX_PORT; location / {
    proxy_pass http://fn; proxy_http_version 1.1; proxy_set_header Connection \"\"; proxy_set_header Host \$host;
    proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for; proxy_set_header X-Forwarded-Proto http; } }"

declare -A PORT=([direct]=$UP_PORT [router]=$ROUTER_PORT [nginx]=$NGINX_PORT)
for t in $TARGETS; do
  port=${PORT[$t]}
  for _ in $(seq 100); do
    curl -fsS -o /dev/null -H "Host: $HOST" "http://127.0.0.1:$port/" 2>/dev/null && break
    sleep 0.2
  done
  curl -fsS -o /dev/null -H "Host: $HOST" "http://127.0.0.1:$port/" || { echo "port $port not answering" >&2; cat "$WORK/up.log" >&2; exit 1; }
done

# The router's first run after `up` (goal >= 0.60 of direct): the container is warmed first through its own port, so
# only the router's JVM is cold; the direct run after it is the reference.
FIRST=${FIRST:-8s}
first_rps() { wrk -t2 -c16 -d"$FIRST" -H "Host: $HOST" "http://127.0.0.1:$1/" | awk '/^Requests\/sec/ {print $2}'; }
echo "warming the container through its own port, then the router's first $FIRST run after up..."
first_rps "$UP_PORT" >/dev/null
FIRST_ROUTER=$(first_rps "$ROUTER_PORT")
FIRST_DIRECT=$(first_rps "$UP_PORT")

echo "warming up the router's JIT and connection pool..."
wrk -t2 -c16 -d10s -H "Host: $HOST" "http://127.0.0.1:$ROUTER_PORT/" >/dev/null
wrk -t1 -c1 -d3s -H "Host: $HOST" "http://127.0.0.1:$ROUTER_PORT/" >/dev/null

# wrk prints latencies as 812.00us / 1.23ms / 2.00s: normalise to ms.
to_ms() { awk '{ v=$1; if (v ~ /us$/) { sub(/us$/,"",v); v/=1000 } else if (v ~ /ms$/) { sub(/ms$/,"",v) } else if (v ~ /s$/) { sub(/s$/,"",v); v*=1000 } printf "%.3f", v }'; }

declare -A RPS P50 P99
measure() { # $1 label, $2 port, $3 connections
  local threads=$(( $3 > 1 ? 2 : 1 )) out
  out=$(wrk -t"$threads" -c"$3" -d"$DURATION" --latency -H "Host: $HOST" "http://127.0.0.1:$2/")
  if grep -q "Non-2xx" <<<"$out"; then echo "non-2xx answers from $1" >&2; echo "$out" >&2; exit 1; fi
  RPS[$1/$3]=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  P50[$1/$3]=$(awk '$1=="50%" {print $2}' <<<"$out" | to_ms)
  P99[$1/$3]=$(awk '$1=="99%" {print $2}' <<<"$out" | to_ms)
}

for conns in 16 1; do
  for t in $TARGETS; do
    echo "wrk $t at $conns connection(s) for $DURATION..."
    measure "$t" "${PORT[$t]}" "$conns"
  done
done

echo
printf '%-8s %5s %12s %10s %10s\n' target conns req/s p50_ms p99_ms
for conns in 16 1; do
  for t in $TARGETS; do
    printf '%-8s %5s %12s %10s %10s\n' "$t" "$conns" "${RPS[$t/$conns]}" "${P50[$t/$conns]}" "${P99[$t/$conns]}"
  done
done
echo
for conns in 16 1; do
  awk -v c="$conns" -v d="${RPS[direct/$conns]}" -v r="${RPS[router/$conns]}" -v n="${RPS[nginx/$conns]:-}" \
      -v dp="${P50[direct/$conns]}" -v rp="${P50[router/$conns]}" -v np="${P50[nginx/$conns]:-}" 'BEGIN {
    printf "%2d conn: router/direct %.2f  p50 added: router %.3f ms", c, r/d, rp-dp
    if (n != "") printf ";  nginx/direct %.2f  p50 added: nginx %.3f ms", n/d, np-dp
    printf "\n" }'
done
awk -v r="$FIRST_ROUTER" -v d="$FIRST_DIRECT" -v t="$FIRST" 'BEGIN { printf "first %s run after up, 16 conn: router %.0f req/s, direct %.0f req/s, router/direct %.2f (goal >= 0.60)\n", t, r, d, r/d }'
echo "request log lines written by the router: $(wc -l < "$WORK/p/.devserver/logs/requests.jsonl")"
echo "goal: router/direct >= 0.60 at 16 connections; router p50 added < 0.150 ms at 1 connection"
