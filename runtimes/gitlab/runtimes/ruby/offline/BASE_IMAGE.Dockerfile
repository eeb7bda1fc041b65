# Offline stand-in for ruby:3.3-slim-bookworm: Debian 12 Ruby 3.1 with bundler.
# Identical for gitlab/runtimes/ruby and openfaas/classic/ruby so both share the layer.
FROM debian:bookworm-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ruby bundler \
 && rm -rf /var/lib/apt/lists/*
