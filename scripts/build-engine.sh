#!/usr/bin/env bash
# Builds the Go load engine (engine/) into the git-ignored .bin/vecstress-engine, skipping the
# build when the Go sources have not changed since the last one (their hash is kept next to the
# binary and embedded in it).
#   bash scripts/build-engine.sh          build if needed
#   bash scripts/build-engine.sh --check  exit 0 when the binary exists and is current, 1 otherwise
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=.bin/vecstress-engine
HASH_FILE=.bin/vecstress-engine.source-hash

# source_hash hashes the Go sources the binary is built from, go.mod and go.sum of engine/, by path
# and content. Tests (*_test.go) are left out: they are not in the binary, and editing one must not
# mark it stale (vecstress refuses to run a stale engine).
source_hash() {
  (cd engine && find . -type f \( \( -name '*.go' ! -name '*_test.go' \) -o -name go.mod -o -name go.sum \) -print0 \
    | LC_ALL=C sort -z | xargs -0 sha256sum) | sha256sum | cut -d' ' -f1
}

# current says whether the binary was built from the sources as they are now.
current() {
  [ -x "$BIN" ] && [ -f "$HASH_FILE" ] && [ "$(cat "$HASH_FILE")" = "$1" ] \
    && "$BIN" version 2>/dev/null | grep -q "\"sourceHash\":\"$1\""
}

hash=$(source_hash)
if [ "${1:-}" = "--check" ]; then
  if current "$hash"; then exit 0; fi
  echo "build-engine: $BIN is missing or older than engine/: run npm run build:engine" >&2
  exit 1
elif [ $# -gt 0 ]; then
  echo "usage: bash scripts/build-engine.sh [--check]" >&2
  exit 2
fi

if current "$hash"; then
  echo "build-engine: $BIN is up to date"
  exit 0
fi
if ! command -v go >/dev/null; then
  echo "build-engine: Go (>= 1.22) is needed to build the engine; install it (https://go.dev/dl/ or apt-get install golang), then run npm run build:engine" >&2
  exit 1
fi

version=$(node -p "require('./package.json').version")
echo "build-engine: building $BIN (vecstress $version, $(go env GOVERSION))"
mkdir -p .bin
tmp="$BIN.tmp.$$"
trap 'rm -f "$tmp"' EXIT
(cd engine && go build -trimpath -ldflags="-s -w -X main.version=$version -X main.sourceHash=$hash" -o "../$tmp" .)
# Renamed into place, so a concurrent run never starts a half-written binary.
mv -f "$tmp" "$BIN"
echo "$hash" > "$HASH_FILE"
