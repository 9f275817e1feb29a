"""Startup: process start to the first frame, iep-tui beside an empty Textual app.

    .venv/bin/python bench/startup_bench.py [--runs 7]

Each run starts a fresh Python process on a real pseudo-terminal (80x24) and times,
from just before the process is spawned:

- first frame: the first screen update written to the terminal;
- content: the first frame showing the case's numbers (or the caseload's list);
- all done: for the caseload, every case's numbers filled in by the worker.

Scenarios: an empty Textual app (the floor for any Textual program); `iep-tui --demo`
(the CLI adds the demo case if missing, then opens it); `iep-tui` on a workspace
holding only the demo case (opens straight into it); the TUI's own entry point
(`iep_tui.ui.app.run`, what the CLI calls) on that workspace, which shows what the
CLI's imports add; `iep-tui` on a workspace of 100 cases (the caseload). Medians are printed, with the ratio to the empty app.
Target: first frame at most 1.5x the empty app. Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import pty
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-28"
SIZE = (80, 24)
TIMEOUT = 60.0


# ---------------------------------------------------------------- the child process


def child(scenario: str, workspace: str, t0: float, out: str) -> None:
    """Run one app until its content is on screen; write the times (seconds after t0) to `out`."""
    from textual.app import App

    marks: dict[str, float] = {}
    original = App.post_display_hook

    def hook(self: App) -> None:  # type: ignore[type-arg]
        now = time.time() - t0
        marks.setdefault("first_frame", now)
        screen = self.screen
        name = type(screen).__name__
        if scenario == "empty" or name == "CaseScreen" and getattr(screen, "data", None) is not None:
            marks.setdefault("content", now)
        elif name == "CaseloadScreen" and getattr(screen, "rows", None):
            marks.setdefault("content", now)
            rows = screen.rows.values()  # type: ignore[attr-defined]
            if all(r.owed is not None or r.error for r in rows):
                marks.setdefault("all_done", now)
        done = "content" in marks and (scenario != "caseload" or "all_done" in marks)
        if done and not marks.get("exiting"):
            marks["exiting"] = 1.0
            Path(out).write_text(json.dumps(marks))
            self.call_later(self.exit)
        original(self)

    App.post_display_hook = hook  # type: ignore[method-assign]
    if scenario == "empty":
        App().run()
        return
    os.environ["IEP_TUI_WORKSPACE"] = workspace
    os.environ["IEP_TUI_TODAY"] = TODAY
    if scenario == "ui":
        from datetime import date

        from iep_tui.store.workspace import Workspace
        from iep_tui.ui.app import run

        run(Workspace(Path(workspace)), today=date.fromisoformat(TODAY))
        return
    from iep_tui.cli import main

    main(["--demo"] if scenario == "demo-cli" else [])


# ---------------------------------------------------------------- the parent


def run_once(scenario: str, workspace: str) -> dict[str, float]:
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[1], SIZE[0], 0, 0))
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        out = handle.name
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TEXTUAL_THEME")}
    env["TERM"] = "xterm-256color"
    env["COLUMNS"], env["LINES"] = str(SIZE[0]), str(SIZE[1])
    t0 = time.time()
    proc = subprocess.Popen(
        [sys.executable, __file__, "--child", scenario, workspace, repr(t0), out],
        stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True, start_new_session=True, cwd=ROOT,
    )
    os.close(slave)
    deadline = time.time() + TIMEOUT
    try:
        while proc.poll() is None and time.time() < deadline:
            ready, _, _ = select.select([master], [], [], 0.05)
            if ready:
                try:
                    os.read(master, 65536)
                except OSError:  # the child closed the terminal: it has exited
                    proc.wait(timeout=5)
                    break
        if proc.poll() is None:
            proc.kill()
            raise RuntimeError(f"{scenario}: no content within {TIMEOUT:.0f} s")
    finally:
        os.close(master)
        proc.wait()
    marks = json.loads(Path(out).read_text() or "{}")
    os.unlink(out)
    marks.pop("exiting", None)
    return marks


def demo_workspace(root: Path) -> Path:
    from iep_tui.services.demo import ensure_demo
    from iep_tui.store.case_store import CaseStore
    from iep_tui.store.workspace import Workspace

    ensure_demo(CaseStore(Workspace(root).ensure()))
    return root


def caseload_workspace(root: Path, cases: int = 100) -> Path:
    """`cases` copies of the demo case (a term of sessions each), under other names and ids."""
    from iep_tui.demo.demo_case import build_demo_bundle
    from iep_tui.store.case_store import CaseStore
    from iep_tui.store.workspace import Workspace

    store = CaseStore(Workspace(root).ensure())
    demo = build_demo_bundle()
    for n in range(cases):
        case = demo.case.model_copy(update={"id": f"case-{n:03d}", "student": f"Student {n:03d}", "is_demo": False})
        store.create(demo.model_copy(update={"case": case}))
    return root


def median(values: list[float]) -> float:
    return statistics.median(values) * 1000 if values else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--child", nargs=4, metavar=("SCENARIO", "WORKSPACE", "T0", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        scenario, workspace, t0, out = args.child
        child(scenario, workspace, float(t0), out)
        return

    with tempfile.TemporaryDirectory(prefix="iep-bench-") as tmp:
        base = Path(tmp)
        print("preparing workspaces (100 cases takes a few seconds)…", file=sys.stderr)
        scenarios = [
            ("empty", "empty Textual app", str(base / "unused")),
            ("demo-cli", "iep-tui --demo", str(demo_workspace(base / "demo-cli"))),
            ("demo", "iep-tui, demo case only", str(demo_workspace(base / "demo"))),
            ("ui", "ui.app.run, demo case only", str(base / "demo")),
            ("caseload", "iep-tui, 100 cases", str(caseload_workspace(base / "caseload"))),
        ]
        results: dict[str, dict[str, list[float]]] = {}
        for _ in range(args.runs):  # interleaved, so drift affects every scenario alike
            for key, _, workspace in scenarios:
                marks = run_once(key, workspace)
                for name, value in marks.items():
                    results.setdefault(key, {}).setdefault(name, []).append(value)
        floor = median(results["empty"]["first_frame"])
        print(f"startup on an {SIZE[0]}x{SIZE[1]} pty, median of {args.runs} runs (ms from process spawn)")
        print(f"{'':28} {'first frame':>12} {'ratio':>6} {'content':>9} {'all done':>9}")
        for key, label, _ in scenarios:
            marks = results[key]
            first = median(marks.get("first_frame", []))
            content = median(marks.get("content", []))
            done = median(marks.get("all_done", [])) if "all_done" in marks else None
            print(f"{label:28} {first:12.0f} {first / floor:6.2f} {content:9.0f} "
                  + (f"{done:9.0f}" if done is not None else f"{'':>9}"))
        print("target: first frame <= 1.50x the empty app")


if __name__ == "__main__":
    main()
