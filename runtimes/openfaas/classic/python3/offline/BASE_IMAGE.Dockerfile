# Offline stand-in for python:3.11-slim-bookworm: Debian 12's Python 3.11 and pip.
FROM debian:bookworm-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3 python3-pip \
 && rm -rf /var/lib/apt/lists/*
