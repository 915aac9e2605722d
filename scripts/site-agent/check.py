"""Real-agent acceptance scenario (issue 11), run by scripts/site-agent-check.sh.

Drives a running Orderly through its public API as the demo users (alice orders, olga — only
OFFERING.MANAGER of "Nordic HPC Cluster" — is the agent's identity), runs the site agent's own
entry point (`waldur_site_agent -m MODE -c config.yaml`) once per step, and checks the outcome in
Orderly and in the SLURM emulator. Nothing here answers for Orderly or patches the agent.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

import httpx

OFFERING_NAME = "Nordic HPC Cluster"
PROJECT_NAME = "Genomics"
PREFIX = "hpc_"  # customer_prefix / project_prefix / allocation_prefix of the agent config
CPU_FACTOR = 60  # core-hours -> SLURM cpu TRES minutes
MEM_FACTOR = 61440  # GB-hours -> SLURM mem TRES MB-minutes
# Agent log events worth showing (the rest stays in agent-*.log).
INTERESTING = re.compile(
    r"Processing order|approv|Creating (resource|account)|backend id|Resource backend id|"
    r"processing result|Marking order|set_state_|successfully processed|limits|Terminating|"
    r"terminated|[Uu]sage|[Aa]dding user|Syncing user list|association|offering users|"
    r"Setting .* state|Unable|Failed|rror",
)


class CheckFailed(Exception):
    """A check of a step did not hold."""


@dataclass
class Step:
    name: str
    status: str = "not run"
    notes: list[str] = field(default_factory=list)


def ts() -> str:
    return datetime.now(timezone.utc).strftime("%H:%M:%S")


def say(msg: str = "") -> None:
    print(f"{ts()} {msg}" if msg else "", flush=True)


def show(label: str, obj: dict[str, Any], keys: list[str]) -> None:
    parts = [f"{k}={obj.get(k)!r}" for k in keys if k in obj]
    missing = [k for k in keys if k not in obj]
    say(f"   {label}: " + ", ".join(parts) + (f"  (fields absent: {', '.join(missing)})" if missing else ""))


def check(cond: bool, what: str, detail: str = "") -> None:
    if not cond:
        say(f"   FAIL {what}" + (f" — {detail}" if detail else ""))
        raise CheckFailed(what + (f" — {detail}" if detail else ""))
    say(f"   ok   {what}")


class Api:
    """Orderly's API as one demo user."""

    def __init__(self, url: str, token: str, who: str) -> None:
        self.who = who
        self.client = httpx.Client(
            base_url=url, headers={"Authorization": f"Token {token}"}, timeout=30.0
        )

    def call(self, method: str, path: str, body: Any = None, ok: tuple[int, ...] = (200, 201, 202, 204)) -> Any:
        r = self.client.request(method, path, json=body)
        if r.status_code not in ok:
            raise CheckFailed(f"{method} {path} as {self.who} -> {r.status_code} {r.text[:600]}")
        return r.json() if r.content else None

    def get(self, path: str) -> Any:
        return self.call("GET", path)


class Scenario:
    def __init__(self, a: argparse.Namespace) -> None:
        self.url = a.url
        self.work = Path(a.work)
        self.venv = Path(a.venv)
        self.slurm_bin = Path(a.slurm_bin)
        self.repo = Path(a.repo)
        self.orderly_log = Path(a.orderly_log)
        self.step_timeout = a.step_timeout
        self.fail_marker = self.work / "fail-next-sacctmgr-add-account"
        self.sacctmgr_log = self.work / "sacctmgr-changes.log"
        self.emu_env = {
            "SLURM_EMULATOR_STATE_FILE": str(self.work / "emulator-db.json"),
            "SLURM_EMULATOR_TIME_FILE": str(self.work / "emulator-time.json"),
        }
        tokens = self._demo_tokens()
        self.tokens = tokens
        self.olga = Api(self.url, tokens["olga"], "olga")
        self.alice = Api(self.url, tokens["alice"], "alice")
        self.agent_runs = 0
        self.state: dict[str, Any] = {}

    # ----------------------------------------------------------------------------- helpers
    def _demo_tokens(self) -> dict[str, str]:
        tokens: dict[str, str] = {}
        for line in self.orderly_log.read_text().splitlines():
            m = re.match(r"^\s+([a-z_]+)\s+([0-9a-f]{40})\s", line)
            if m:
                tokens[m.group(1)] = m.group(2)
        for who in ("olga", "alice"):
            if who not in tokens:
                raise SystemExit(f"demo token of {who} not found in {self.orderly_log}")
        return tokens

    def emu(self, *args: str) -> str:
        """Runs an emulator command (sacctmgr/sacct or the emulator CLI) on the check's state file."""
        env = {**os.environ, **self.emu_env}
        r = subprocess.run(args, capture_output=True, text=True, env=env, check=False)
        return r.stdout + r.stderr

    def sacctmgr(self, *args: str) -> str:
        return self.emu(str(self.venv / "bin/sacctmgr"), "--parsable2", "--noheader", *args)

    def slurm_account(self, name: str) -> str | None:
        lines = [l for l in self.sacctmgr("show", "account", name).splitlines() if "|" in l]
        return lines[0] if lines else None

    def slurm_assoc(self, account: str) -> list[str]:
        """Association rows (account|user) of one account; the emulator ignores the where clause
        the plugin sends (`accounts=`), so the rows are filtered here."""
        out = self.sacctmgr("show", "association", "format=account,user", "where", f"account={account}")
        return [l for l in out.splitlines() if l.split("|")[0] == account]

    def slurm_limits(self, account: str) -> dict[str, Any]:
        """The account's limits as the emulator stores them. Its `show association` prints no
        GrpTRESMins column (so neither the agent nor this check can read them back through
        sacctmgr); the emulator's own state API is the reader."""
        code = (
            "import json,sys; from emulator.core.database import SlurmDatabase; d=SlurmDatabase(); "
            "d.load_state(); a=d.get_account(sys.argv[1]); print(json.dumps(a.limits if a else None))"
        )
        out = self.emu(str(self.venv / "bin/python"), "-c", code, account)
        try:
            return json.loads(out.strip().splitlines()[-1])
        except (ValueError, IndexError):
            return {"unreadable": out[-300:]}

    def orderly_log_size(self) -> int:
        return self.orderly_log.stat().st_size

    def http_calls_since(self, offset: int) -> list[tuple[int, str]]:
        """(status, 'METHOD url') of the requests Orderly logged after `offset`."""
        reqs: dict[str, str] = {}
        out: list[tuple[int, str]] = []
        with self.orderly_log.open() as f:
            f.seek(offset)
            for line in f:
                try:
                    d = json.loads(line)
                except ValueError:
                    continue
                if d.get("msg") == "incoming request":
                    reqs[d["reqId"]] = f"{d['req']['method']} {d['req']['url']}"
                elif d.get("msg") == "request completed" and d.get("reqId") in reqs:
                    out.append((d["res"]["statusCode"], reqs[d["reqId"]]))
        return out

    def write_config(self) -> Path:
        cfg = self.work / "agent-config.yaml"
        cfg.write_text(
            f"""# Written by scripts/site-agent/check.py (see docs/site-agent.md).
timezone: "UTC"
offerings:
  - name: "{OFFERING_NAME}"
    waldur_api_url: "{self.url}/api/"
    waldur_api_token: "{self.tokens['olga']}"
    waldur_offering_uuid: "{self.state['offering_uuid']}"
    stomp_enabled: false
    backend_type: "slurm"
    order_processing_backend: "slurm"
    reporting_backend: "slurm"
    membership_sync_backend: "slurm"
    username_management_backend: "base"
    backend_settings:
      slurm_bin_path: "{self.slurm_bin}"
      default_account: "root"
      customer_prefix: "{PREFIX}"
      project_prefix: "{PREFIX}"
      allocation_prefix: "{PREFIX}"
      enable_user_homedir_account_creation: false
      check_backend_id_uniqueness: true
    backend_components:
      cpu:
        measured_unit: "core-hours"
        accounting_type: "limit"
        label: "CPU core-hours"
        unit_factor: 1
        target_components:
          cpu:
            factor: {CPU_FACTOR}
      ram:
        measured_unit: "GB-hours"
        accounting_type: "limit"
        label: "RAM GB-hours"
        unit_factor: 1
        target_components:
          mem:
            factor: {MEM_FACTOR}
"""
        )
        return cfg

    def run_agent(self, mode: str, done: Callable[[], bool], what: str) -> None:
        """Runs `waldur_site_agent -m mode -c config.yaml` until `done()` holds (or the step
        timeout), lets the cycle finish (log quiet for 3 s), stops it, and shows what it did."""
        self.agent_runs += 1
        log = self.work / f"agent-{self.agent_runs:02d}-{mode}.log"
        env = {
            **os.environ,
            **self.emu_env,
            "SITE_AGENT_CHECK_REAL_SACCTMGR": str(self.venv / "bin/sacctmgr"),
            "SITE_AGENT_CHECK_FAIL_ONCE": str(self.fail_marker),
            "SITE_AGENT_CHECK_SACCTMGR_LOG": str(self.sacctmgr_log),
            "PYTHONUNBUFFERED": "1",
        }
        cmd = [str(self.venv / "bin/waldur_site_agent"), "-m", mode, "-c", str(self.config)]
        say(f"   agent: {' '.join(['waldur_site_agent', '-m', mode, '-c', self.config.name])}  (log {log.name}; until {what})")
        offset = self.orderly_log_size()
        self.sacctmgr_log.write_text("")
        start = time.time()
        met = False
        with log.open("w") as out:
            p = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True)
            try:
                last_size, quiet_since = -1, time.time()
                while time.time() - start < self.step_timeout:
                    time.sleep(1)
                    if p.poll() is not None:
                        break
                    size = log.stat().st_size
                    if size != last_size:
                        last_size, quiet_since = size, time.time()
                    if not met:
                        try:
                            met = done()
                        except CheckFailed:
                            met = False
                    if met and time.time() - quiet_since >= 3:
                        break
            finally:
                if p.poll() is None:
                    os.killpg(p.pid, signal.SIGTERM)
                    try:
                        p.wait(10)
                    except subprocess.TimeoutExpired:
                        os.killpg(p.pid, signal.SIGKILL)
                        p.wait()
        say(f"   agent: stopped after {time.time() - start:.0f} s (exit {p.returncode}); condition {'met' if met else 'NOT met'}")
        self._show_agent_log(log)
        for line in self.sacctmgr_log.read_text().splitlines():
            say(f"      [slurm] {line}")
        calls = self.http_calls_since(offset)
        bad = [(s, c) for s, c in calls if s >= 400]
        say(f"   agent: {len(calls)} HTTP calls to Orderly in this run, {len(bad)} answered 4xx/5xx")
        for s, c in dict.fromkeys(bad):
            say(f"      {s} {c}")

    def _show_agent_log(self, log: Path) -> None:
        shown = 0
        for line in log.read_text(errors="replace").splitlines():
            try:
                d = json.loads(line)
                level, event = d.get("level", "?"), str(d.get("event", ""))
            except ValueError:
                level, event = "raw", line
            if level in ("warning", "error", "critical", "raw") or INTERESTING.search(event):
                first = event.splitlines()[0] if event else ""
                say(f"      [{level}] {first[:260]}")
                shown += 1
                if shown >= 60:
                    say("      … (more in the log)")
                    return

    def order(self, uuid: str) -> dict[str, Any]:
        return self.olga.get(f"/api/marketplace-orders/{uuid}/")

    def resource(self, uuid: str) -> dict[str, Any]:
        return self.olga.get(f"/api/marketplace-provider-resources/{uuid}/")

    def order_in(self, uuid: str, *states: str) -> Callable[[], bool]:
        return lambda: self.order(uuid)["state"] in states

    def new_order(self, name: str, limits: dict[str, int]) -> dict[str, Any]:
        body = {
            "project": self.state["project_url"],
            "offering": self.state["public_offering_url"],
            "plan": self.state["plan_url"],
            "limits": limits,
            "attributes": {"name": name},
            "accepting_terms_of_service": True,
        }
        o = self.alice.call("POST", "/api/marketplace-orders/", body)
        show("order (alice POST /api/marketplace-orders/)", o, ["uuid", "type", "state", "resource_uuid", "limits"])
        return o

    # ----------------------------------------------------------------------------- steps
    def step_setup(self) -> None:
        offs = self.olga.get(f"/api/marketplace-provider-offerings/?name={OFFERING_NAME}")
        offs = [o for o in offs if o["name"] == OFFERING_NAME]
        check(len(offs) == 1, f"olga sees the offering {OFFERING_NAME!r} in /api/marketplace-provider-offerings/")
        off = offs[0]
        show("offering", off, ["uuid", "type", "state", "customer_name", "plugin_options"])
        me = self.olga.get("/api/users/me/")
        roles = [(p.get("scope_type") or p.get("scope_type_display"), p.get("role_name")) for p in me.get("permissions", [])]
        say(f"   olga (agent identity): username={me.get('username')!r} is_staff={me.get('is_staff')} permissions={roles}")
        check(not me.get("is_staff") and not me.get("is_support"), "the agent token is not staff/support")
        check(bool(roles) and all(r[1] == "OFFERING.MANAGER" for r in roles), "olga's only role is OFFERING.MANAGER", str(roles))
        pub = self.alice.get(f"/api/marketplace-public-offerings/{off['uuid']}/")
        projects = [p for p in self.alice.get(f"/api/projects/?name={PROJECT_NAME}") if p["name"] == PROJECT_NAME]
        check(len(projects) == 1, f"alice sees project {PROJECT_NAME!r}")
        self.state.update(
            offering_uuid=off["uuid"],
            public_offering_url=pub["url"],
            plan_url=pub["plans"][0]["url"],
            project_url=projects[0]["url"],
            project_uuid=projects[0]["uuid"],
        )
        # Offering users: Orderly creates them (service_provider_can_create_offering_user) and names
        # them by the offering's policy. The agent's "base" username backend names nobody, so the
        # provider picks a policy Orderly applies (waldur_username) before the agent first runs.
        opts = {**(off.get("plugin_options") or {}), "service_provider_can_create_offering_user": True, "username_generation_policy": "waldur_username"}
        if off.get("plugin_options") != opts:
            upd = self.olga.call("PATCH", f"/api/marketplace-provider-offerings/{off['uuid']}/", {"plugin_options": opts})
            say(f"   olga PATCH /api/marketplace-provider-offerings/{off['uuid']}/ plugin_options -> {upd.get('plugin_options')}")
        self.config = self.write_config()
        say(f"   agent config: {self.config} (token of olga, slurm_bin_path {self.slurm_bin})")
        say("   emulator: " + (self.sacctmgr("list", "tres").replace("\n", " ") or "?"))

    def step_create(self) -> None:
        name = "agent-check-" + datetime.now(timezone.utc).strftime("%H%M%S")
        o = self.new_order(name, {"cpu": 100, "ram": 200})
        check(o["state"] == "pending-provider", "the new order waits for the provider (pending-provider) before the agent runs", o["state"])
        self.run_agent("order_process", self.order_in(o["uuid"], "done", "erred"), "the order is done or erred")
        o = self.order(o["uuid"])
        show("order", o, ["uuid", "state", "provider_reviewed_by", "provider_reviewed_at", "error_message", "completed_at"])
        check(o["state"] == "done", "order state is done", o["state"] + " " + o.get("error_message", ""))
        check(o.get("provider_reviewed_by") == "olga", "the order was approved by the agent's user (provider_reviewed_by = olga)", str(o.get("provider_reviewed_by")))
        r = self.resource(o["resource_uuid"])
        show("resource", r, ["uuid", "name", "slug", "state", "backend_id", "limits", "last_sync"])
        self.state.update(resource_uuid=r["uuid"], backend_id=r["backend_id"], slug=r.get("slug"))
        check(r["state"] == "OK", "resource state is OK", r["state"])
        check(bool(r.get("slug")), "resource has a slug", repr(r.get("slug")))
        check(r["backend_id"] == PREFIX + r["slug"], f"backend_id is allocation_prefix + slug ({PREFIX}{r.get('slug')})", r["backend_id"])
        acct = self.slurm_account(r["backend_id"])
        say(f"   SLURM: sacctmgr show account {r['backend_id']} -> {acct}")
        check(acct is not None, "the SLURM account exists in the emulator")
        if not self.slurm_limits(r["backend_id"]):
            say("   note: no GrpTRESMins at creation — the plugin drops limit keys missing from `sacctmgr list tres`,"
                " and the emulator lists TRES as CPU/Mem (real SLURM: cpu/mem); the Update step sets them")
        say(f"   SLURM: associations {self.slurm_assoc(r['backend_id'])}, limits {self.slurm_limits(r['backend_id'])}")

    def step_update(self) -> None:
        rid = self.state["resource_uuid"]
        before = {o["uuid"] for o in self.olga.get(f"/api/marketplace-orders/?resource_uuid={rid}")}
        resp = self.alice.call("POST", f"/api/marketplace-resources/{rid}/update_limits/", {"limits": {"cpu": 150, "ram": 300}})
        say(f"   alice POST /api/marketplace-resources/{rid}/update_limits/ -> {json.dumps(resp)[:200]}")
        new = [o for o in self.olga.get(f"/api/marketplace-orders/?resource_uuid={rid}") if o["uuid"] not in before]
        check(len(new) == 1 and new[0]["type"] == "Update", "an Update order was created", str([(o["type"], o["state"]) for o in new]))
        o = new[0]
        show("order", o, ["uuid", "type", "state", "limits"])
        self.run_agent("order_process", self.order_in(o["uuid"], "done", "erred"), "the Update order is done or erred")
        o = self.order(o["uuid"])
        show("order", o, ["uuid", "type", "state", "provider_reviewed_by", "error_message"])
        check(o["state"] == "done", "Update order state is done", o["state"] + " " + o.get("error_message", ""))
        r = self.resource(rid)
        show("resource", r, ["uuid", "state", "limits", "backend_id"])
        check(r["limits"].get("cpu") == 150 and r["limits"].get("ram") == 300, "resource limits are cpu=150, ram=300", str(r["limits"]))
        lim = self.slurm_limits(r["backend_id"])
        say(f"   SLURM: limits of account {r['backend_id']} in the emulator: {lim}")
        want = {"GrpTRESMins:cpu": 150 * CPU_FACTOR, "GrpTRESMins:mem": 300 * MEM_FACTOR}
        check(all((lim or {}).get(k) == v for k, v in want.items()), f"SLURM GrpTRESMins of the account is cpu={150 * CPU_FACTOR},mem={300 * MEM_FACTOR}", str(lim))

    def step_membership(self) -> None:
        oid = self.state["offering_uuid"]
        team = self.olga.get(f"/api/marketplace-provider-resources/{self.state['resource_uuid']}/team/")
        say(f"   resource team (GET …/team/): {[(m.get('username'), m.get('role'), m.get('offering_user_username')) for m in team]}")
        ous = self.olga.get(f"/api/marketplace-offering-users/?offering_uuid={oid}")
        for u in ous:
            show("offering user", u, ["user_username", "username", "state"])
        check(len(ous) > 0, "Orderly lists offering users of the offering for the project's people")
        def synced() -> bool:
            users = {u["username"] for u in self.olga.get(f"/api/marketplace-offering-users/?offering_uuid={oid}") if u.get("username")}
            assoc = {a.split("|")[1] for a in self.slurm_assoc(self.state["backend_id"])}
            return bool(users) and {t["username"] for t in team} & users <= assoc
        before_sync = self.resource(self.state["resource_uuid"]).get("last_sync")
        self.run_agent("membership_sync", synced, "every team member's offering user has a SLURM association")
        after_sync = self.resource(self.state["resource_uuid"]).get("last_sync")
        say(f"   resource last_sync: {before_sync} -> {after_sync}")
        ous = self.olga.get(f"/api/marketplace-offering-users/?offering_uuid={oid}")
        for u in ous:
            show("offering user", u, ["user_username", "username", "state"])
        assoc = self.slurm_assoc(self.state["backend_id"])
        say(f"   SLURM: associations of {self.state['backend_id']}: {assoc}")
        team_names = {t["username"] for t in team}
        members = [u for u in ous if u.get("user_username") in team_names]
        check(len(members) == len(team_names), "every resource team member has an offering user", f"{len(members)} of {len(team_names)}")
        check(all(u.get("state") == "OK" and u.get("username") for u in members), "their offering users are OK with a username")
        assoc_users = {a.split("|")[1] for a in assoc}
        missing = {u["username"] for u in members} - assoc_users
        check(not missing, "each of them has a SLURM association on the allocation account", f"missing {sorted(missing)}")
        check(bool(after_sync) and (not before_sync or after_sync > before_sync), "the agent refreshed the resource's last_sync", f"{before_sync} -> {after_sync}")
        self.state["usernames"] = sorted(u["username"] for u in members)

    def step_report(self) -> None:
        acct, rid = self.state["backend_id"], self.state["resource_uuid"]
        users = self.state.get("usernames") or []
        check(len(users) >= 2, "at least two offering usernames to report usage for", str(users))
        today = datetime.now(timezone.utc).strftime("%Y-%m-%d")
        injected = {users[0]: 10, users[1]: 4}
        script = f"time_set {today}\n" + "".join(f"usage_inject {u} {n} {acct}\n" for u, n in injected.items()) + "exit\n"
        env = {**os.environ, **self.emu_env}
        subprocess.run([str(self.venv / "bin/slurm-emulator")], input=script, text=True, capture_output=True, env=env, check=True)
        say(f"   emulator: usage_inject {injected} node-hours into {acct} at {today}")
        month = datetime.now(timezone.utc).strftime("%Y-%m")
        sacct = self.emu(str(self.venv / "bin/sacct"), "--parsable2", "--noheader", "--noconvert", "--allusers",
                         f"--starttime={month}-01T00:00:00", f"--accounts={acct}", "--format=Account,ReqTRES,Elapsed,User")
        lines = [l for l in sacct.splitlines() if "|" in l]
        for l in lines:
            say(f"   SLURM: sacct {l}")
        # Expected component usages, computed from the emulator's own sacct lines as the plugin does.
        per_user: dict[str, dict[str, float]] = {}
        for l in lines:
            _, tres, elapsed, user = l.split("|")
            h, m, s = (int(x) for x in elapsed.split(":")[-3:])
            minutes = h * 60 + m + s / 60
            t = dict(kv.split("=", 1) for kv in tres.split(","))
            cpu = int(t["cpu"]) * minutes / CPU_FACTOR
            mem_mb = int(re.match(r"\d+", t["mem"]).group(0)) * {"M": 1, "G": 1024, "T": 1024 * 1024}.get(t["mem"][-1], 1)
            ram = mem_mb * minutes / MEM_FACTOR
            u = per_user.setdefault(user, {"cpu": 0.0, "ram": 0.0})
            u["cpu"] += cpu
            u["ram"] += ram
        total = {c: sum(u[c] for u in per_user.values()) for c in ("cpu", "ram")}
        say(f"   expected: total {total}, per user {per_user}")

        def reported() -> bool:
            cu = self.olga.get(f"/api/marketplace-component-usages/?resource_uuid={rid}")
            uu = self.olga.get(f"/api/marketplace-component-user-usages/?resource_uuid={rid}")
            return len(cu) >= 2 and len(uu) >= 2 * len(per_user)

        self.run_agent("report", reported, "component usages and per-user usages of the resource exist")
        cu = self.olga.get(f"/api/marketplace-component-usages/?resource_uuid={rid}")
        for c in cu:
            show("component usage", c, ["type", "usage", "billing_period", "date"])
        got = {c["type"]: float(c["usage"]) for c in cu}
        for comp in ("cpu", "ram"):
            check(comp in got and abs(got[comp] - total[comp]) <= 1, f"component usage {comp} = {round(total[comp])}", str(got.get(comp)))
        try:
            uu = self.olga.get(f"/api/marketplace-component-user-usages/?resource_uuid={rid}")
        except CheckFailed as e:
            check(False, "per-user usages are listed by GET /api/marketplace-component-user-usages/", str(e))
        for u in uu:
            show("user usage", u, ["username", "component_type", "usage", "billing_period"])
        for user, comps in per_user.items():
            for comp in ("cpu", "ram"):
                vals = [float(x["usage"]) for x in uu if x.get("username") == user and x.get("component_type") == comp]
                check(bool(vals) and abs(vals[0] - comps[comp]) <= 1, f"user usage {user}/{comp} = {round(comps[comp])}", str(vals))

    def step_terminate(self) -> None:
        rid = self.state["resource_uuid"]
        resp = self.alice.call("POST", f"/api/marketplace-resources/{rid}/terminate/", {})
        say(f"   alice POST /api/marketplace-resources/{rid}/terminate/ -> {json.dumps(resp)[:200]}")
        orders = [o for o in self.olga.get(f"/api/marketplace-orders/?resource_uuid={rid}") if o["type"] == "Terminate"]
        check(len(orders) == 1, "a Terminate order was created")
        o = orders[0]
        show("order", o, ["uuid", "type", "state"])
        self.run_agent("order_process", self.order_in(o["uuid"], "done", "erred"), "the Terminate order is done or erred")
        o = self.order(o["uuid"])
        show("order", o, ["uuid", "type", "state", "error_message"])
        check(o["state"] == "done", "Terminate order state is done", o["state"] + " " + o.get("error_message", ""))
        r = self.resource(rid)
        show("resource", r, ["uuid", "state", "backend_id"])
        check(r["state"] == "Terminated", "resource state is Terminated", r["state"])
        acct = self.slurm_account(self.state["backend_id"])
        say(f"   SLURM: sacctmgr show account {self.state['backend_id']} -> {acct}")
        check(acct is None, "the SLURM account is gone")

    def step_fail_retry(self) -> None:
        self.fail_marker.write_text("fail the next `sacctmgr add account` once\n")
        say(f"   armed: the next `sacctmgr add account` fails once ({self.fail_marker.name})")
        name = "agent-check-retry-" + datetime.now(timezone.utc).strftime("%H%M%S")
        o = self.new_order(name, {"cpu": 10, "ram": 20})
        uuid = o["uuid"]
        self.run_agent("order_process", self.order_in(uuid, "done", "erred"), "the order is done or erred")
        o = self.order(uuid)
        show("order", o, ["uuid", "state", "provider_reviewed_by", "error_message", "attempt_count"])
        check(not self.fail_marker.exists(), "the injected sacctmgr failure was consumed")
        check(o["state"] == "erred", "order state is erred", o["state"])
        check("Connection refused" in (o.get("error_message") or ""), "error_message carries the backend's (sacctmgr) message", repr(o.get("error_message")))
        r = self.resource(o["resource_uuid"])
        show("resource", r, ["uuid", "state", "backend_id"])
        shot = self.work / "retry-in-browser.png"
        say("   browser: olga signs in with her token, opens the order, Actions → Retry (Chromium, playwright-core)")
        p = subprocess.run(
            ["node", str(Path(__file__).with_name("retry-in-browser.mjs")), self.url, self.tokens["olga"], uuid, str(shot)],
            capture_output=True, text=True, cwd=self.repo, check=False, timeout=180,
        )
        for line in (p.stdout + p.stderr).strip().splitlines():
            say(f"      {line}")
        check(p.returncode == 0, "the Retry went through in the web UI")
        o = self.order(uuid)
        show("order after Retry", o, ["uuid", "state", "error_message", "attempt_count"])
        check(o["state"] in ("executing", "pending-provider"), "after Retry the order is back for the agent", o["state"])
        self.run_agent("order_process", self.order_in(uuid, "done", "erred"), "the retried order is done or erred")
        o = self.order(uuid)
        show("order", o, ["uuid", "state", "error_message", "attempt_count", "completed_at"])
        check(o["state"] == "done", "retried order state is done", o["state"] + " " + (o.get("error_message") or ""))
        attempts = self.olga.get(f"/api/marketplace-orders/{uuid}/attempts/")
        for a in attempts:
            show("attempt", a, ["attempt_number", "trigger", "started_by_username", "error_message"])
        r = self.resource(o["resource_uuid"])
        show("resource", r, ["uuid", "slug", "state", "backend_id"])
        check(r["state"] == "OK" and r["backend_id"] == PREFIX + (r.get("slug") or ""), "resource OK with backend_id = allocation_prefix + slug", f"{r['state']} {r['backend_id']}")
        check(self.slurm_account(r["backend_id"]) is not None, "the SLURM account exists in the emulator")
        check(len(attempts) == 2 and "Connection refused" in (attempts[0].get("error_message") or ""),
              "attempt 1 keeps the sacctmgr error, attempt 2 succeeded")

    def step_registry(self) -> None:
        oid = self.state["offering_uuid"]
        ids = self.olga.get(f"/api/marketplace-site-agent-identities/?offering_uuid={oid}")
        ids = [i for i in ids if i.get("name") == f"agent-{oid}"]
        check(len(ids) == 1, f"olga sees the agent identity agent-{oid}")
        ident = ids[0]
        show("identity", ident, ["uuid", "name", "version", "created_by", "last_restarted"])
        deps = {d["package"]: d["version"] for d in ident.get("dependencies") or []}
        say(f"   dependencies: {deps}")
        # The identity nests its services without processors (Waldur's shape); each service's
        # detail lists them.
        services = {sv["name"]: self.olga.get(f"/api/marketplace-site-agent-services/{sv['uuid']}/") for sv in ident.get("services") or []}
        for name, sv in services.items():
            procs = [(p.get("name"), p.get("backend_type"), p.get("last_run")) for p in sv.get("processors") or []]
            say(f"   service {name}: state={sv.get('state')!r} mode={sv.get('mode')!r} processors={procs}")
        installed = self.emu(str(self.venv / "bin/python"), "-c", "import importlib.metadata as m; print(m.version('waldur-site-agent'))").strip()
        check(ident.get("version") == installed, f"the identity records the agent version {installed}", str(ident.get("version")))
        want = {"order_process": "OfferingOrderProcessor", "membership_sync": "OfferingMembershipProcessor", "report": "OfferingReportProcessor"}
        for svc, proc in want.items():
            names = [p.get("name") for p in (services.get(svc) or {}).get("processors") or []]
            check(proc in names, f"service {svc} has processor {proc}", str(names))


STEPS = [
    ("setup", "Set-up: offering, project, agent config (token of olga, OFFERING.MANAGER only)", "step_setup", []),
    ("create", "Create order → agent approves, creates the SLURM account from the slug, done", "step_create", ["setup"]),
    ("update", "Update limits → agent applies them in SLURM, done", "step_update", ["create"]),
    ("membership", "Membership sync → offering users → SLURM associations", "step_membership", ["create"]),
    ("report", "Usage report → component usages and per-user usages in Orderly", "step_report", ["membership"]),
    ("terminate", "Terminate → resource Terminated, SLURM account removed", "step_terminate", ["create"]),
    ("retry", "sacctmgr fails once → order erred with its message → Retry in the web UI → done", "step_fail_retry", ["setup"]),
    ("registry", "Site-agent registry: identity, services and processors the agent registered", "step_registry", ["setup"]),
]


def main() -> int:
    ap = argparse.ArgumentParser()
    for a in ("url", "orderly-log", "work", "venv", "slurm-bin", "repo"):
        ap.add_argument(f"--{a}", required=True)
    ap.add_argument("--step-timeout", type=int, default=150)
    s = Scenario(ap.parse_args())
    results: dict[str, Step] = {}
    for key, title, fn, needs in STEPS:
        step = results[key] = Step(title)
        say()
        say(f"== {title}")
        blocked = [n for n in needs if results[n].status != "PASS"]
        if blocked:
            step.status = "SKIP"
            say(f"   skipped: needs {', '.join(blocked)}")
            continue
        try:
            getattr(s, fn)()
            step.status = "PASS"
        except CheckFailed as e:
            step.status = "FAIL"
            step.notes.append(str(e))
        except Exception as e:  # a broken step must not hide the others
            step.status = "FAIL"
            step.notes.append(f"{type(e).__name__}: {e}")
            say(f"   FAIL {type(e).__name__}: {e}")
    say()
    say("== Summary")
    for key, _, _, _ in STEPS:
        st = results[key]
        say(f"   {st.status:5} {key:11} {st.name}")
        for n in st.notes:
            say(f"         {n[:400]}")
    return 0 if all(r.status == "PASS" for r in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
