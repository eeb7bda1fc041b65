# Offline stand-in for mono:6.12-slim: Debian 12 Mono runtime.
FROM debian:bookworm-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends mono-runtime \
 && rm -rf /var/lib/apt/lists/*
