#!/usr/bin/env bash
# Issue 11 acceptance: the REAL Waldur site agent (its own entry point, SLURM plugin) against a fresh
# Orderly, with the SLURM emulator as the cluster. Not part of `npm test`: it needs the agent, the
# emulator, the Waldur Python client and stomp.py sources fetched beforehand. See docs/site-agent.md.
#
#   scripts/site-agent-check.sh AGENT_SRC EMULATOR_SRC [PY_CLIENT_SRC [STOMP_SRC]]
#
# or the same through SITE_AGENT_SRC, SLURM_EMULATOR_SRC, WALDUR_PY_CLIENT_SRC, STOMP_PY_SRC.
# Optional: SITE_AGENT_WORK (work folder, default a new /tmp/site-agent-check.XXXXXX),
# SITE_AGENT_VENV (reuse a venv an earlier run built), SITE_AGENT_PORT (default: a free port),
# SITE_AGENT_PYTHON (default python3.11), SITE_AGENT_STEP_TIMEOUT (seconds per agent run, 150).
# Exit status: 0 when every check passed, 1 when a check failed, 2 on a set-up problem.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"

agent_src="${1:-${SITE_AGENT_SRC:-}}"
emulator_src="${2:-${SLURM_EMULATOR_SRC:-}}"
client_src="${3:-${WALDUR_PY_CLIENT_SRC:-}}"
stomp_src="${4:-${STOMP_PY_SRC:-}}"
python="${SITE_AGENT_PYTHON:-python3.11}"

die() { echo "site-agent-check: $*" >&2; exit 2; }
say() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*"; }

[[ -n "$agent_src" && -f "$agent_src/pyproject.toml" && -d "$agent_src/plugins/slurm" ]] ||
  die "give the exported waldur-site-agent source (with plugins/slurm) as 1st argument or SITE_AGENT_SRC"
[[ -n "$emulator_src" && -f "$emulator_src/pyproject.toml" ]] ||
  die "give the exported slurm-emulator source as 2nd argument or SLURM_EMULATOR_SRC"
command -v "$python" >/dev/null || die "$python not found (the agent is checked on Python 3.11)"
command -v node >/dev/null || die "node not found"
[[ -x /usr/bin/chromium ]] || die "/usr/bin/chromium missing (apt-get install -y chromium)"

work="${SITE_AGENT_WORK:-$(mktemp -d /tmp/site-agent-check.XXXXXX)}"
mkdir -p "$work"
# mktemp makes it 0700; the embedded PostgreSQL's initdb runs as another user when we are root.
chmod 755 "$work"
work="$(cd "$work" && pwd)"
venv="${SITE_AGENT_VENV:-$work/venv}"
say "work folder: $work"

# ---------------------------------------------------------------------------------------------
# 1. Python venv: agent, SLURM plugin, emulator, Waldur client — from this machine's pip index
#    (pip config) and the given sources; nothing of the agent is modified.
# ---------------------------------------------------------------------------------------------
if [[ -f "$venv/.site-agent-check-ready" ]]; then
  say "venv: reusing $venv"
else
  [[ -n "$client_src" && -f "$client_src/pyproject.toml" ]] ||
    die "waldur-api-client is not in the pip index: give the exported py-client source as 3rd argument or WALDUR_PY_CLIENT_SRC"
  [[ -n "$stomp_src" && -f "$stomp_src/pyproject.toml" ]] ||
    die "stomp.py>=8.2 (with WSStompConnection) is not in the pip index and Debian's python3-stomp is 7.0: give the exported jasonrbriggs/stomp.py source as 4th argument or STOMP_PY_SRC"
  say "venv: creating $venv with $("$python" --version 2>&1)"
  "$python" -m venv "$venv"
  # pip config of this machine (local index + find-links); no retries against unreachable hosts.
  pipi() {
    PIP_RETRIES="${PIP_RETRIES:-0}" "$venv/bin/pip" install --quiet --disable-pip-version-check "$@" 2>&1 |
      { grep -Ev "^WARNING: (Retrying|Location)|^ERROR: pip's dependency resolver|requires docopt" || true; }
    return "${PIPESTATUS[0]}"
  }
  # waldur-api-client 8.1.2 from source (poetry-core build); the agent pins a dev build that is
  # published nowhere, so the agent itself goes in with --no-deps and its deps are listed here.
  pipi "$client_src"
  # stomp.py 8.2 from source: its docopt dependency only serves the `stomp` console script.
  pipi --no-deps "$stomp_src"
  pipi websocket-client
  # urllib3 is imported by the agent (event_processing) but only declared through sentry-sdk.
  pipi "httpx>=0.28.1,<0.29" "pyyaml>=6.0.1" "pydantic>=2.0.0" "structlog>=25.4.0" urllib3 certifi
  # sentry-sdk and elastic-apm are NOT installed: the agent imports them only when the config sets
  # sentry_dsn / elastic_apm_server_url (waldur_site_agent/common/utils.py load_configuration),
  # and this check sets neither. No stand-in package is needed.
  pipi --no-deps "$agent_src" "$agent_src/plugins/slurm" \
    "$agent_src/plugins/basic_username_management"
  pipi "$emulator_src"
  say "venv: pip check (expected: pins of the agent that are deliberately not met)"
  "$venv/bin/pip" check 2>&1 | sed 's/^/    /' || true
  "$venv/bin/python" -c 'import waldur_site_agent.main, waldur_site_agent_slurm.backend, emulator.commands.dispatcher' ||
    die "the agent or the emulator does not import in $venv"
  touch "$venv/.site-agent-check-ready"
fi
say "venv: $("$venv/bin/pip" list 2>/dev/null | grep -Ei '^(waldur|slurm-emulator|stomp)' | tr -s ' ' | paste -sd ';' -)"

# SLURM commands the agent runs (backend_settings.slurm_bin_path): the emulator's, with sacctmgr
# behind the fail-once wrapper (scripts/site-agent/sacctmgr-fail-once).
bin="$work/slurm-bin"
mkdir -p "$bin"
for c in sacct sshare sinfo scancel; do ln -sf "$venv/bin/$c" "$bin/$c"; done
install -m 0755 "$here/site-agent/sacctmgr-fail-once" "$bin/sacctmgr"

# ---------------------------------------------------------------------------------------------
# 2. Orderly (`npm start` = node --max-old-space-size=160 bin/orderly.js serve) on a fresh data folder and a free port.
# ---------------------------------------------------------------------------------------------
port="${SITE_AGENT_PORT:-$("$venv/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}"
data="$work/orderly-data"
rm -rf "$data"
log="$work/orderly.log"
orderly_pid=""
cleanup() {
  if [[ -n "$orderly_pid" ]] && kill -0 "$orderly_pid" 2>/dev/null; then
    say "stopping Orderly (pid $orderly_pid)"
    kill -TERM "$orderly_pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$orderly_pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$orderly_pid" 2>/dev/null || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say "Orderly: starting on 127.0.0.1:$port, data $data (log $log)"
(
  cd "$repo"
  exec env PORT="$port" HOST=127.0.0.1 ORDERLY_DATA_DIR="$data" ORDERLY_DEMO=1 \
    ORDERLY_WORKER_ID="site-agent-check-$port" LOG_LEVEL=info node --max-old-space-size=160 bin/orderly.js serve
) >"$log" 2>&1 &
orderly_pid=$!
for _ in $(seq 1 600); do
  grep -q "ready at http://127.0.0.1:$port" "$log" 2>/dev/null && break
  kill -0 "$orderly_pid" 2>/dev/null || { tail -30 "$log" >&2; die "Orderly exited during start-up"; }
  sleep 0.5
done
grep -q "ready at http://127.0.0.1:$port" "$log" || { tail -30 "$log" >&2; die "Orderly not ready after 300 s"; }
say "Orderly: ready at http://127.0.0.1:$port (pid $orderly_pid)"

# ---------------------------------------------------------------------------------------------
# 3. The scenario: scripts/site-agent/check.py (API set-up and checks, agent runs, emulator) and
#    scripts/site-agent/retry-in-browser.mjs (the offering manager's Retry in the web UI).
# ---------------------------------------------------------------------------------------------
set +e
"$venv/bin/python" -u "$here/site-agent/check.py" \
  --url "http://127.0.0.1:$port" --orderly-log "$log" --work "$work" --venv "$venv" \
  --slurm-bin "$bin" --repo "$repo" --step-timeout "${SITE_AGENT_STEP_TIMEOUT:-150}"
status=$?
set -e
say "work folder kept: $work (agent logs agent-*.log, orderly.log, emulator state emulator-db.json)"
exit "$status"
