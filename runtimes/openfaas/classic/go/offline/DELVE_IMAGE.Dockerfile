# Offline stand-in for the Go that installs Delve under `up --debug`: Debian 12's delve (1.20, for Go up to 1.20:
# the offline builder's 1.19). It needs nothing but libc, so it runs in the Debian run stage.
FROM debian:bookworm-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends delve \
 && rm -rf /var/lib/apt/lists/*
