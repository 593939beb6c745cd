#!/usr/bin/env bash
# Installs the Debian packages the test tiers need, when they are missing:
#   chromium     headless browser for the e2e tier (driven by playwright-core; never `playwright install`)
#   libkrb5-dev  headers code-server's native modules build against
#   podman, runc a Docker-API container engine for the backtest tests (runc: crun fails on cgroups here)
#   busybox-static  the shell of the test stand-in LEAN image the backtest tests build
# Uses apt-get as root, or sudo when it works without a password; otherwise says what to install.
set -euo pipefail
packages=(chromium libkrb5-dev podman runc busybox-static)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "system packages: all present (${packages[*]})"
  exit 0
fi
if [[ $(id -u) -eq 0 ]]; then
  as_root=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  echo "system packages missing: ${missing[*]}. Install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "system packages: installing ${missing[*]}"
"${as_root[@]}" apt-get update -qq
# podman needs its recommended helpers (conmon, catatonit, netavark, fuse-overlayfs), so recommends stay on.
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
echo "system packages: installed ${missing[*]}"
