# Offline stand-in for mono:6.12 (the compiler): Debian 12 Mono runtime plus mcs.
# Starts with the same layer as BASE_IMAGE.Dockerfile so the two share it.
FROM debian:bookworm-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends mono-runtime \
      libmono-system-net-http4.0-cil libmono-system-numerics4.0-cil libmono-system-xml-linq4.0-cil libmono-system-runtime-serialization4.0-cil libmono-system-data4.0-cil \
 && rm -rf /var/lib/apt/lists/*
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends mono-mcs \
 && rm -rf /var/lib/apt/lists/*
