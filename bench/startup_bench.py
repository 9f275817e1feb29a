"""Startup and entry: process start to the case's numbers on screen, iep-tui beside an empty Textual app.

    .venv/bin/python bench/startup_bench.py [--runs 7]

Each run starts a fresh Python process on a real pseudo-terminal (80x24) and times,
from just before the process is spawned:

- first frame: the first screen update written to the terminal;
- numbers: the first frame showing the case's numbers (the Dashboard's "Minutes owed"
  panel, from the numbers cache or computed), or the caseload's list;
- data: the first frame with the case's data computed (every tab ready);
- all done: for the caseload, every case's numbers filled in.

Scenarios: an empty Textual app (the floor for any Textual program); `iep-tui --demo`;
`iep-tui` on a workspace holding only the demo case (it opens straight into it), with
the numbers cache cold (removed before each run) and warm (left by the run before);
the TUI's own entry point (`iep_tui.ui.app.run`), which shows what the CLI's imports
add; `iep-tui` on a workspace of 100 cases (the caseload), cold and warm; and the quick
log on a case with five school years of entries (bench/store_bench.realistic_case):
from Enter to the frame showing the saved entry's confirmation (under the panes, or its
toast), and to the frame with every number recomputed. Medians are printed with the ratio to the empty app.

Targets (issue 12): the demo case's numbers within 2.0x the empty app; a 100-case
caseload filled within 1 s; a quick-log save visible within 100 ms of Enter on five
school years. Nothing here asserts a time.
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
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-28"
SIZE = (80, 24)
TIMEOUT = 60.0


# ---------------------------------------------------------------- the child process


def child(scenario: str, workspace: str, t0: float, out: str) -> None:
    """Run one app until what the scenario measures is on screen; write the times (s after t0) to `out`."""
    from textual import events
    from textual.app import App

    marks: dict[str, float] = {}
    original = App.post_display_hook
    typed: dict[str, object] = {}

    def send(app: App, key: str) -> None:  # type: ignore[type-arg]
        event = events.Key(key, key if len(key) == 1 else None)
        event.set_sender(app)
        app._driver.send_message(event)  # type: ignore[union-attr]

    def hook(self: App) -> None:  # type: ignore[type-arg]
        now = time.time() - t0
        marks.setdefault("first_frame", now)
        screen = self.screen
        name = type(screen).__name__
        if scenario == "empty":
            marks.setdefault("numbers", now)
        elif name == "CaseScreen":
            if getattr(screen, "numbers_shown", False):
                marks.setdefault("numbers", now)
            if getattr(screen, "data", None) is not None:
                marks.setdefault("data", now)
        elif name == "CaseloadScreen" and getattr(screen, "rows", None):
            marks.setdefault("numbers", now)
            rows = screen.rows.values()  # type: ignore[attr-defined]
            if all(r.owed is not None or r.error for r in rows):
                marks.setdefault("all_done", now)
        if scenario == "quicklog":
            quick_log(self, screen, name, now)
        done = "numbers" in marks and (scenario in ("empty",) or "data" in marks or "all_done" in marks)
        if scenario.startswith("caseload"):
            done = "all_done" in marks
        if scenario == "quicklog":
            done = "refreshed" in marks
        if done and not marks.get("exiting"):
            marks["exiting"] = 1.0
            Path(out).write_text(json.dumps(marks))
            self.call_later(self.exit)
        original(self)

    def quick_log(app: App, screen: object, name: str, now: float) -> None:  # type: ignore[type-arg]
        """l d, then Enter once the dialog shows "delivered"; mark the frames that show the save."""
        if name == "CaseScreen" and "data" in marks and "typed" not in typed:
            typed["typed"] = screen.data  # type: ignore[attr-defined]
            app.call_later(lambda: (send(app, "l"), send(app, "d")))
        elif name == "QuickLogDialog" and getattr(screen, "status", None) == "delivered" and "enter" not in typed:
            typed["enter"] = True
            marks["enter"] = time.time() - t0
            app.call_later(send, app, "enter")
        elif "enter" in marks and name == "CaseScreen":
            # the confirmation under the panes (#last-saved) or its toast, whichever is drawn first
            shown = [str(w.content) for w in screen.query("#last-saved")]  # type: ignore[attr-defined]
            shown += [str(t._notification.message) for t in screen.query("Toast")]  # type: ignore[attr-defined]
            if any(text.startswith("Logged") for text in shown):
                marks.setdefault("saved", now)
            if getattr(screen, "data", None) is not typed.get("typed") and "saved" in marks:
                marks.setdefault("refreshed", now)

    App.post_display_hook = hook  # type: ignore[method-assign]
    if scenario == "empty":
        App().run()
        return
    os.environ["IEP_TUI_WORKSPACE"] = workspace
    os.environ["IEP_TUI_TODAY"] = (
        (Path(workspace) / "today").read_text().strip() if (Path(workspace) / "today").exists() else TODAY
    )
    if scenario == "ui":
        from iep_tui.store.workspace import Workspace
        from iep_tui.ui.app import run

        run(Workspace(Path(workspace)), today=date.fromisoformat(TODAY))
        return
    from iep_tui.cli import main

    main(["--demo"] if scenario == "demo-cli" else [])


# ---------------------------------------------------------------- the parent


def run_once(scenario: str, workspace: str) -> dict[str, float]:
    if scenario.endswith("-cold"):
        (Path(workspace) / "data" / "numbers.json").unlink(missing_ok=True)
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[1], SIZE[0], 0, 0))
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        out = handle.name
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TEXTUAL_THEME")}
    env["TERM"] = "xterm-256color"
    env["COLUMNS"], env["LINES"] = str(SIZE[0]), str(SIZE[1])
    t0 = time.time()
    proc = subprocess.Popen(
        [sys.executable, __file__, "--child", scenario.removesuffix("-cold"), workspace, repr(t0), out],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        close_fds=True,
        start_new_session=True,
        cwd=ROOT,
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
            raise RuntimeError(f"{scenario}: not done within {TIMEOUT:.0f} s")
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


def five_year_workspace(root: Path) -> Path:
    """One case with five school years of entries; "today" is the school day after the last one."""
    sys.path.insert(0, str(ROOT / "bench"))
    from store_bench import realistic_case

    from iep_tui.store.case_store import CaseStore
    from iep_tui.store.workspace import Workspace

    bundle = realistic_case(5)
    CaseStore(Workspace(root).ensure()).create(bundle)
    day = max(s.date for s in bundle.sessions) + timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    (root / "today").write_text(day.isoformat())
    return root


def median(values: list[float]) -> float:
    return statistics.median(values) * 1000 if values else float("nan")


def cell(values: list[float] | None) -> str:
    return f"{median(values):9.0f}" if values else f"{'':>9}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--only",
        nargs="*",
        default=None,
        metavar="SCENARIO",
        help="run only these scenarios (and the empty app): demo-cli demo-cold demo ui caseload-cold caseload quicklog",
    )
    parser.add_argument("--child", nargs=4, metavar=("SCENARIO", "WORKSPACE", "T0", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        scenario, workspace, t0, out = args.child
        child(scenario, workspace, float(t0), out)
        return

    with tempfile.TemporaryDirectory(prefix="iep-bench-") as tmp:
        base = Path(tmp)
        print("preparing workspaces (100 cases and five school years take a few seconds)…", file=sys.stderr)
        demo = str(demo_workspace(base / "demo"))
        caseload = str(caseload_workspace(base / "caseload"))
        scenarios = [  # a cold run comes right before its warm one, which finds the cache it left
            ("empty", "empty Textual app", str(base / "unused")),
            ("demo-cli", "iep-tui --demo", str(demo_workspace(base / "demo-cli"))),
            ("demo-cold", "iep-tui, demo, cache cold", demo),
            ("demo", "iep-tui, demo, cache warm", demo),
            ("ui", "ui.app.run, demo", demo),
            ("caseload-cold", "iep-tui, 100 cases, cold", caseload),
            ("caseload", "iep-tui, 100 cases, warm", caseload),
            ("quicklog", "quick log, 5 school years", str(five_year_workspace(base / "five-years"))),
        ]
        if args.only:
            scenarios = [s for s in scenarios if s[0] == "empty" or s[0] in args.only]
        results: dict[str, dict[str, list[float]]] = {}
        for _ in range(args.runs):  # interleaved, so drift affects every scenario alike
            for key, _, workspace in scenarios:
                marks = run_once(key, workspace)
                for name, value in marks.items():
                    results.setdefault(key, {}).setdefault(name, []).append(value)
        floor = median(results["empty"]["first_frame"])
        print(f"startup on an {SIZE[0]}x{SIZE[1]} pty, median of {args.runs} runs (ms from process spawn)")
        print(f"{'':28} {'first frame':>12} {'ratio':>6} {'numbers':>9} {'ratio':>6} {'data':>9} {'all done':>9}")
        for key, label, _ in scenarios:
            if key == "quicklog":
                continue
            marks = results[key]
            first = median(marks.get("first_frame", []))
            numbers = median(marks.get("numbers", []))
            print(
                f"{label:28} {first:12.0f} {first / floor:6.2f} {numbers:9.0f} {numbers / floor:6.2f} "
                f"{cell(marks.get('data'))} {cell(marks.get('all_done'))}"
            )
        quick = results.get("quicklog")
        if quick is None:
            return
        saved = [s - e for s, e in zip(quick["saved"], quick["enter"], strict=True)]
        refreshed = [r - e for r, e in zip(quick["refreshed"], quick["enter"], strict=True)]
        print(
            f"quick log on five school years (ms from Enter): saved entry on screen {median(saved):.0f}, "
            f"every number recomputed {median(refreshed):.0f} (case data first shown "
            f"{median(quick['data']):.0f} ms from spawn)"
        )
        print("targets: numbers <= 2.00x the empty app; 100 cases all done <= 1000 ms; quick-log save <= 100 ms")


if __name__ == "__main__":
    main()
