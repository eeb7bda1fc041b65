# Offline stand-in for golang:1.26-bookworm: Debian 12 Go 1.19, enough for standard-library
# programs. Identical in every runtime that builds Go, so Docker builds it once.
FROM debian:bookworm-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends golang-go ca-certificates \
 && rm -rf /var/lib/apt/lists/*
