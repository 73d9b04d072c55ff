#!/usr/bin/env bash
# Installs the machine packages the test suite needs, from Debian's archive, only when missing:
# chromium (pages are tested in a real headless Chromium — never a downloaded browser) and the PostgreSQL
# server binaries (initdb/pg_ctl for the throwaway test cluster, pg_basebackup for its hot standby), Debian's
# redis-server (Huey on Redis, started on a free port by its test); gettext's msgfmt compiles the English UI
# catalogues (`make messages`).
# `system_deps.sh gettext` checks only msgfmt (what `make run` needs; the browser is for tests);
# `system_deps.sh faketime` adds Debian's faketime (`make test-at DATE=…`, the suite at another date).
set -euo pipefail
need=()
if [ "${1:-}" = "faketime" ]; then
command -v faketime >/dev/null 2>&1 || need+=(faketime)
elif [ "${1:-}" != "gettext" ]; then
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || need+=(chromium fonts-noto-cjk)
command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)  # the Huey-on-Redis test (a throwaway server)
fi
command -v msgfmt >/dev/null 2>&1 || need+=(gettext)
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
echo "==> installing system packages: ${need[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
