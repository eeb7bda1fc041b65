# Offline stand-in for mono:6.12 (the compiler): Debian 12 Mono runtime plus mcs.
# Starts with the same layer as BASE_IMAGE.Dockerfile so the two share it.
FROM debian:bookworm-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends mono-runtime \
 && rm -rf /var/lib/apt/lists/*
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends mono-mcs \
 && rm -rf /var/lib/apt/lists/*
