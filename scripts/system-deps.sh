#!/usr/bin/env bash
# Install the Debian packages that the test suite runs for real, when they are missing.
# Without root (and without sudo) it only reports what is missing; the affected tests then
# skip locally, and fail under CI=true.
set -euo pipefail

declare -A NEEDS=(
  [dovecot]=dovecot-imapd
  [postgres]=postgresql
  [chromium]=chromium
  [chromedriver]=chromium-driver
  [pdftotext]=poppler-utils
  [fc-list]=fontconfig
  [mvn]=maven
)
missing=()
for tool in "${!NEEDS[@]}"; do
  case "$tool" in
    dovecot) test -x /usr/sbin/dovecot || missing+=("${NEEDS[$tool]}") ;;
    postgres) ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=("${NEEDS[$tool]}") ;;
    *) command -v "$tool" >/dev/null 2>&1 || missing+=("${NEEDS[$tool]}") ;;
  esac
done
fc-list 2>/dev/null | grep -qi "Noto Sans CJK\|WenQuanYi" || missing+=(fonts-noto-cjk)
dpkg -s libpango-1.0-0 >/dev/null 2>&1 || missing+=(libpango-1.0-0 libpangoft2-1.0-0)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "system-deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "system-deps: not root; install these Debian packages yourself: ${missing[*]}" >&2
    exit 0
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q >/dev/null
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
# The packaged services must not run system-wide; the tests start their own instances.
for svc in dovecot postgresql; do
  $SUDO service "$svc" stop >/dev/null 2>&1 || true
done
