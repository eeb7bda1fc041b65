# Offline stand-in for mono:6.12: Debian 12 Mono runtime with the assemblies the template references.
FROM debian:bookworm-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends mono-runtime \
      libmono-system-net-http4.0-cil libmono-system-numerics4.0-cil libmono-system-xml-linq4.0-cil libmono-system-runtime-serialization4.0-cil libmono-system-data4.0-cil \
 && rm -rf /var/lib/apt/lists/*
