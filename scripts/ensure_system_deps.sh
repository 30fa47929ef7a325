#!/usr/bin/env bash
# Installs what certificates (WeasyPrint) need when it is missing: Pango and the DejaVu fonts, from
# Debian's packages. Without root and without them, the site still runs; certificates stay "being
# prepared" and the task logs why.
set -euo pipefail
need_apt=()
ldconfig -p 2>/dev/null | grep -q "libpangoft2-1.0.so.0" || need_apt+=(libpango-1.0-0 libpangoft2-1.0-0)
fc-list 2>/dev/null | grep -q "DejaVuSans.ttf" || need_apt+=(fonts-dejavu-core fontconfig)
[ ${#need_apt[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ]; then
  echo "Installing ${need_apt[*]} from Debian's packages…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
else
  echo "Certificates need ${need_apt[*]}: install them with your package manager." >&2
fi
