#!/usr/bin/env bash
# Installs what the real-browser tests need when it is missing: Debian's Chromium and a Java
# runtime (for the Nu Html Checker), and npm packages (axe-core, vnu-jar). Never downloads a
# browser build of its own. Without root and without the packages, the e2e tests fail loudly.
set -euo pipefail
cd "$(dirname "$0")/.."
need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v java >/dev/null 2>&1 || need_apt+=(default-jre-headless)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ]; then
    echo "Installing ${need_apt[*]} from Debian's packages…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  elif command -v sudo >/dev/null 2>&1; then
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "Missing ${need_apt[*]}: install them with your package manager." >&2
    exit 1
  fi
fi
if [ -f package-lock.json ] && { [ ! -f node_modules/.installed ] || [ package-lock.json -nt node_modules/.installed ]; }; then
  if command -v npm >/dev/null 2>&1; then
    npm ci --silent --no-audit --no-fund && touch node_modules/.installed
  else
    echo "npm is missing: install Node.js to run the accessibility checks." >&2
    exit 1
  fi
fi
