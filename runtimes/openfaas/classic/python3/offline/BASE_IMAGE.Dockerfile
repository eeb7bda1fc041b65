# Offline stand-in for python:3.11-slim-bookworm: Debian 12's Python 3.11 and pip, and Debian's debugpy
# (python3-debugpy) for `up --debug`, since PyPI is out of reach where these bases are used.
FROM debian:bookworm-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3 python3-pip python3-debugpy \
 && rm -rf /var/lib/apt/lists/*
