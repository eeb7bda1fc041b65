# Offline stand-in for composer:2.2 (runs `composer install`): Debian 11 PHP 7.4 plus composer.
# Starts with the same layer as BASE_IMAGE.Dockerfile so the two share it.
FROM debian:bullseye-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends php-cli \
 && rm -rf /var/lib/apt/lists/*
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends composer unzip \
 && rm -rf /var/lib/apt/lists/*
