# Offline stand-in for node:22-bookworm-slim: Debian 12's Node.js 18 and npm.
# Identical to openfaas/classic/node's offline base so both share these layers.
FROM debian:bookworm-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nodejs npm \
 && rm -rf /var/lib/apt/lists/*
