# Offline stand-in for python:2.7-slim-buster: Python 2.7 from Debian 11 (Debian 12 dropped it).
# bullseye has no pip for Python 2, so requirements.txt cannot be installed offline.
FROM debian:bullseye-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python2.7-minimal \
 && ln -s python2.7 /usr/bin/python \
 && rm -rf /var/lib/apt/lists/*
# As python:2.7's own ENV: Python 2 reads and writes stdio as UTF-8 whatever the locale.
ENV PYTHONIOENCODING=UTF-8
