# Offline stand-in for php:7.4-cli-bullseye: Debian 11 PHP 7.4 CLI.
FROM debian:bullseye-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends php-cli \
 && rm -rf /var/lib/apt/lists/*
