#!/bin/sh
# Makes the function folder (the current directory) the Go module both Go runtimes build their main package in,
# as `_devserver_main/` (a folder the go tool's ./... patterns skip): the function's go.mod, go.sum and vendor/
# then apply unchanged. Prints the module path and the -mod mode to build with.
# Usage: go-module.sh MODULE_WHEN_NO_GO_MOD
set -e
gover=$(go env GOVERSION | sed -E 's/^go([0-9]+\.[0-9]+).*/\1/')
if [ ! -f go.mod ]; then
  printf 'module %s\n\ngo %s\n' "$1" "$gover" > go.mod
elif [ -z "$(go env GOTOOLCHAIN)" ]; then
  # A Go older than 1.21 (the offline builder's 1.19) cannot fetch a newer toolchain and rejects the
  # three-part go lines and toolchain lines current Go writes: build at its own language version.
  line=$(sed -n 's/^go[[:space:]]*\([0-9.]*\).*/\1/p' go.mod)
  if [ -n "$line" ] && [ "$(printf '%s\n%s\n' "$line" "$gover" | sort -V | tail -n 1)" != "$gover" ]; then
    sed -i -e "s/^go[[:space:]]*[0-9.]*/go $gover/" -e '/^toolchain[[:space:]]/d' go.mod
  fi
fi
mkdir -p _devserver_main
mode=mod
if [ -f vendor/modules.txt ]; then mode=vendor; fi
printf '%s %s\n' "$(sed -n 's/^module[[:space:]]*//p' go.mod | tr -d '"\r')" "$mode"
