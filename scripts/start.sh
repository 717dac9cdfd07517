#!/usr/bin/env bash
# One command: install, migrate, load the demo county and serve http://127.0.0.1:8000
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-config.settings.local}
.venv/bin/zwfw migrate --no-input
.venv/bin/zwfw demo
.venv/bin/zwfw demo --accounts
echo "==> serving http://127.0.0.1:${ZWFW_PORT:-8000}/"
exec .venv/bin/zwfw runserver "127.0.0.1:${ZWFW_PORT:-8000}" --noreload
