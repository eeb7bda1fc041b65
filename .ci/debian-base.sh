#!/usr/bin/env bash
# Makes the local Debian base images that offline runtime bases build FROM,
# since no registry can be reached: debootstrap, then `docker import`.
# Usage: .ci/debian-base.sh [SUITE...]   (default: bookworm)
set -euo pipefail
suites=("${@:-bookworm}")
for suite in "${suites[@]}"; do
  image="debian:${suite}-slim"
  docker image inspect "$image" >/dev/null 2>&1 && continue
  if ! command -v debootstrap >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null \
      || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null; }
  fi
  dir=$(mktemp -d)
  echo "devserver: building $image with debootstrap (about a minute, once)" >&2
  debootstrap --variant=minbase "$suite" "$dir" >/dev/null
  rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/*
  tar -C "$dir" -c . | docker import - "$image" >/dev/null
  rm -rf "$dir"
done
