#!/usr/bin/env bash
# One command that installs everything vecstress needs on a bare Debian machine:
# system packages (HAProxy, Redis, Chromium, wrk), npm dependencies, the Go engine, the lab datasets.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(haproxy redis-server chromium wrk nginx-light xz-utils docker-compose)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing system packages: ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO="sudo"; else
    echo "setup: need root or sudo to install ${missing[*]} (apt-get install ${missing[*]})" >&2; exit 1
  fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

echo "setup: installing npm dependencies (npm ci)"
npm ci --no-audit --no-fund --loglevel=error

if [ -f scripts/build-engine.sh ]; then bash scripts/build-engine.sh; fi
if [ -f src/datasets/generate.ts ]; then node bin/vecstress.js datasets generate --if-missing; fi
echo "setup: done. Next: npm run stress -- --profile baseline"
