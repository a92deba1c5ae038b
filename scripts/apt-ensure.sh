#!/usr/bin/env bash
# Install Debian packages that are missing. With --required, fail if they cannot be had.
set -euo pipefail
required=0
if [ "${1:-}" = "--required" ]; then required=1; shift; fi
missing=()
for pkg in "$@"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ]; then
  apt=(apt-get)
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  apt=(sudo -n apt-get)
else
  echo "Please install these Debian packages: ${missing[*]}" >&2
  [ $required = 1 ] && exit 1
  echo "Carrying on without them: read-aloud falls back to the browser's own speech." >&2
  exit 0
fi
echo "Installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${apt[@]}" update -qq || true
if ! "${apt[@]}" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
  echo "Could not install: ${missing[*]}" >&2
  [ $required = 1 ] && exit 1
fi
exit 0
