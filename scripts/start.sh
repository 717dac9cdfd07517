#!/usr/bin/env bash
# One command: install, migrate, load the demo county, then serve http://127.0.0.1:8000 and run
# the background worker beside it. Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-config.settings.local}
.venv/bin/zwfw migrate --no-input
.venv/bin/zwfw demo
.venv/bin/zwfw demo --accounts

# Two children, each stopped by the PID started here (never by name): when either ends or the
# user presses Ctrl-C, the other is stopped too.
web_pid="" worker_pid=""
stop() {
  trap - INT TERM EXIT
  for pid in $web_pid $worker_pid; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM
trap stop EXIT

echo "==> worker: background jobs (zwfw worker)"
.venv/bin/zwfw worker &
worker_pid=$!
echo "==> serving http://127.0.0.1:${ZWFW_PORT:-8000}/"
.venv/bin/zwfw runserver "127.0.0.1:${ZWFW_PORT:-8000}" --noreload &
web_pid=$!
wait -n "$web_pid" "$worker_pid"
