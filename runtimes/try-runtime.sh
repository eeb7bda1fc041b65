#!/usr/bin/env bash
# Builds and runs one function with one runtime, the way devserver assembles a build context,
# without devserver: for testing runtimes by hand.
#   runtimes/try-runtime.sh <alias> <source-dir> [handler]
#   e.g. runtimes/try-runtime.sh gitlab/runtimes/nodejs sample-functions/echo-js echo-js
# Offline bases (runtimes/<alias>/offline/<ARG>.Dockerfile) are built when missing and passed as
# build args; TRY_ONLINE=1 uses the Dockerfile's default (official) images instead.
# TRY_NO_RUN=1 only builds; TRY_NO_CACHE=1 builds the function image with --no-cache. Prints the image, build seconds and the URL of the started container.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
alias=${1:?usage: $0 <alias> <source-dir> [handler]}
src=$(cd "${2:?usage: $0 <alias> <source-dir> [handler]}" && pwd)
handler=${3:-}
rt="$here/$alias"
[ -f "$rt/Dockerfile.template" ] || { echo "no runtime at $rt" >&2; exit 2; }
slug=$(echo "$alias" | tr '/' '-')
name=$(basename "$src")
image="devserver-try/$slug-$(echo "$name" | tr 'A-Z_' 'a-z-'):latest"

build_args=()
if [ "${TRY_ONLINE:-}" != 1 ] && [ -d "$rt/offline" ]; then
  for f in "$rt"/offline/*.Dockerfile; do
    arg=$(basename "$f" .Dockerfile)
    base="devserver-base/$slug-$(echo "$arg" | tr 'A-Z_' 'a-z-'):offline"
    if ! docker image inspect "$base" >/dev/null 2>&1; then
      echo "building offline base $base" >&2
      docker build -q -t "$base" - <"$f" >/dev/null   # empty context: the Dockerfile on stdin
    fi
    build_args+=(--build-arg "$arg=$base")
  done
fi

# The context: runtime files at the root (not offline/), _shared/, and the source as function/.
ctx=$(mktemp -d)
trap 'rm -rf "$ctx"' EXIT
(cd "$rt" && tar --exclude=./offline -cf - .) | tar -C "$ctx" -xf -
cp -a "$here/_shared" "$ctx/_shared"
cp -a "$src" "$ctx/function"
render() { # {{ .Var }} -> value, spaces inside the braces allowed
  sed -i "s|{{ *\.$1 *}}|$2|g" "$ctx/Dockerfile"
}
mv "$ctx/Dockerfile.template" "$ctx/Dockerfile"
render FunctionName "$name"
render FunctionHandler "$handler"
render FunctionRuntime "$alias"
render CodeDirectory function
render ResultingImage "$image"

start=$(date +%s%N)
[ "${TRY_NO_CACHE:-}" = 1 ] && build_args+=(--no-cache)
docker build -q ${build_args[@]+"${build_args[@]}"} -t "$image" "$ctx" >/dev/null
ms=$(( ($(date +%s%N) - start) / 1000000 ))
printf 'image %s built in %d.%01ds\n' "$image" $((ms / 1000)) $((ms % 1000 / 100))
[ "${TRY_NO_RUN:-}" = 1 ] && exit 0

container="try-$slug-$(echo "$name" | tr 'A-Z_' 'a-z-')"
docker rm -f "$container" >/dev/null 2>&1 || true
docker run -d --name "$container" -p 127.0.0.1::8080 "$image" >/dev/null
port=$(docker port "$container" 8080/tcp | head -1 | sed 's/.*://')
url="http://127.0.0.1:$port/"
for _ in $(seq 50); do   # wait until something answers, at most ~10 s
  curl -s -o /dev/null "$url" -m 1 && break
  sleep 0.2
done
echo "container $container"
echo "$url"
