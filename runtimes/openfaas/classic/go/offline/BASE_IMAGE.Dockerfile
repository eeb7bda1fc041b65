# The run stage needs nothing but a libc-free static binary: plain Debian is equivalent.
FROM debian:bookworm-slim
