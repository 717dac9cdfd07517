#!/usr/bin/env bash
# Schemathesis over the OpenAPI document against a served demo county, as anonymous and as one
# account of each role (issue 13, "the suite that keeps it so"). Fails on any server error (5xx)
# or any response that does not match the document. Fixed seed and a bounded number of examples
# per operation, so a run is repeatable and takes a few minutes.
#
#   scripts/schema_fuzz.sh                 # every actor
#   ZWFW_FUZZ_ACTORS="anonymous sp_editor" ZWFW_FUZZ_EXAMPLES=20 scripts/schema_fuzz.sh
#
# The demo is loaded into its own SQLite database in a temporary folder, served by the runserver
# started here on a free port, and stopped (by its PID) when the script ends.
set -euo pipefail
cd "$(dirname "$0")/.."

# Examples per operation: more as anonymous (the public surface), one per operation for each
# role, so that the whole run stays near three minutes on CI's two cores. Raise them, and add the
# coverage phase (ZWFW_FUZZ_PHASES=examples,coverage,fuzzing), for a deeper run by hand.
EXAMPLES_ANONYMOUS=${ZWFW_FUZZ_EXAMPLES_ANONYMOUS:-4}
EXAMPLES=${ZWFW_FUZZ_EXAMPLES:-1}
PHASES=${ZWFW_FUZZ_PHASES:-examples,fuzzing}
SEED=${ZWFW_FUZZ_SEED:-20261129}
# anonymous, then one account per role of the demo county (zwfw/demo/data/county.json) and a citizen.
ACTORS=${ZWFW_FUZZ_ACTORS:-"anonymous xt_admin aq_admin sj_audit jc_zhou sp_head sp_approver sp_editor sp_reviewer ck_zong1 dai_xinlong citizen"}

work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

export DJANGO_SETTINGS_MODULE=config.settings.local
export DATABASE_URL="sqlite:///$work/fuzz.sqlite3"
export ZWFW_DEBUG=0
start=$(date +%s)
echo "==> schema fuzz: loading the demo county into $work"
.venv/bin/zwfw migrate --no-input -v 0
.venv/bin/zwfw demo > "$work/demo.log"

# Bearer tokens made directly (no sign-in, so no lockout or throttling is involved).
.venv/bin/zwfw shell -c "
from zwfw.accounts.models import User, AccountKind
from zwfw.accounts.tokens import api_token_issue
for name in '''$ACTORS'''.split():
    if name == 'anonymous':
        continue
    user = (User.objects.filter(kind=AccountKind.CITIZEN).order_by('pk').first() if name == 'citizen'
            else User.objects.get(username=name))
    print(name, api_token_issue(user=user, name='schema-fuzz')[1])
" > "$work/tokens"

port=$(.venv/bin/python -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
.venv/bin/gunicorn config.wsgi -w 2 -b "127.0.0.1:$port" --error-logfile "$work/server.log" --capture-output \
  > /dev/null 2>&1 &
server_pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 60); do
  .venv/bin/python -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=5)" \
    "$base/api/v1/openapi.json" 2>/dev/null && break
  sleep 0.5
done

failed=0
for actor in $ACTORS; do
  headers=()
  examples=$EXAMPLES
  if [ "$actor" = "anonymous" ]; then examples=$EXAMPLES_ANONYMOUS; fi
  if [ "$actor" != "anonymous" ]; then
    token=$(awk -v a="$actor" '$1 == a {print $2}' "$work/tokens")
    headers=(-H "Authorization: Bearer $token")
  fi
  echo "==> schema fuzz as $actor"
  # Signing out or revoking would end this actor's token half-way through the run.
  if ! .venv/bin/schemathesis run "$base/api/v1/openapi.json" "${headers[@]}" \
      --checks not_a_server_error,response_schema_conformance,content_type_conformance \
      --max-examples "$examples" --phases "$PHASES" --seed "$SEED" --generation-deterministic --no-shrink \
      --exclude-path-regex '/auth/(logout|sign-out|tokens)' \
      --workers 1 --request-timeout 30 --no-color --output-truncate true \
      --suppress-health-check all --warnings off > "$work/fuzz-$actor.log" 2>&1; then
    failed=1
    echo "!! failures as $actor:"
    tail -n 150 "$work/fuzz-$actor.log" | cut -c1-400
  else
    grep -E "[0-9]+ generated" "$work/fuzz-$actor.log" | tail -n 1
  fi
done
if grep -q "Traceback" "$work/server.log"; then
  echo "!! the server logged a traceback:"; grep -B2 -A30 "Traceback" "$work/server.log" | head -n 120
  failed=1
fi
echo "==> schema fuzz finished in $(( $(date +%s) - start )) s"
exit "$failed"
