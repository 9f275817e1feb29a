"""The case lock: waits with a message, gives up with "in use", and TinyDB caches never leak."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from itertools import pairwise

import pytest
from tinydb import TinyDB

from iep_tui.errors import CaseInUseError
from iep_tui.store.case_store import CaseStore
from iep_tui.store.file_lock import held_lock


def test_a_held_lock_times_out_with_case_in_use(store, saved, kit):
    busy = CaseStore(store.workspace, lock_timeout=0.3)
    before = store.case_path(saved.case.id).read_bytes()
    with held_lock(store.lock_path(saved.case.id), "someone else"):  # its own open file: a real flock conflict
        with pytest.raises(CaseInUseError) as caught:
            busy.add(saved.case.id, kit.new_session(saved, 5))
    message = str(caught.value)
    assert f"case {saved.case.id} is in use" in message
    assert store.case_path(saved.case.id).read_bytes() == before
    busy.add(saved.case.id, kit.new_session(saved, 5))  # free again


def test_waiting_says_so_after_a_second(store, saved, kit):
    """Another process holds the lock: after 1 s the user is told what is going on."""
    messages: list[str] = []
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
            import sys, time
            from pathlib import Path
            from iep_tui.store.file_lock import held_lock
            with held_lock(Path({str(store.lock_path(saved.case.id))!r}), "holder"):
                print("held", flush=True)
                time.sleep(30)
        """),
        ],
        stdout=subprocess.PIPE,
        text=True,
        env=kit.child_env(),
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        waiting = CaseStore(store.workspace, on_wait=messages.append, lock_timeout=1.6)
        with pytest.raises(CaseInUseError, match="in use"):
            waiting.add(saved.case.id, kit.new_session(saved, 6))
    finally:
        holder.kill()
        holder.wait()
    assert len(messages) == 1
    assert messages[0].startswith(f"waiting for case {saved.case.id}")
    # the kernel released the killed holder's lock
    CaseStore(store.workspace, lock_timeout=1).add(saved.case.id, kit.new_session(saved, 6))


def test_no_message_when_the_lock_is_free(store, saved, kit):
    messages: list[str] = []
    CaseStore(store.workspace, on_wait=messages.append).add(saved.case.id, kit.new_session(saved, 7))
    assert messages == []


def test_a_long_lived_tinydb_would_reuse_ids_under_interleaving(tmp_path):
    """Why the store opens a fresh TinyDB per transaction: TinyDB caches the next id."""
    path = tmp_path / "plain.json"
    first, second = TinyDB(path), TinyDB(path)
    first.insert({"n": 1})
    second.insert({"n": 2})
    with pytest.raises(ValueError, match="Document with ID 2 already exists"):
        first.insert({"n": 3})


def test_interleaved_stores_never_collide(store, saved, kit):
    """The same interleaving through two stores (two windows) loses nothing."""
    a, b = CaseStore(store.workspace), CaseStore(store.workspace)
    for day in range(1, 21):
        (a if day % 2 else b).add(saved.case.id, kit.new_session(saved, day))
        with (b if day % 2 else a).transaction(saved.case.id) as tx:  # a transaction held open...
            tx.insert(kit.new_session(saved, day, note="inside"))
    import json

    tables = json.loads(store.case_path(saved.case.id).read_bytes())
    assert len(tables["sessions"]) == len(saved.sessions) + 40
    assert len({d["id"] for d in tables["sessions"].values()}) == len(saved.sessions) + 40


WRITER = """
import sys, time
from datetime import date
from pathlib import Path
from iep_tui.domain.models import Session
from iep_tui.store.case_store import CaseStore
from iep_tui.store.workspace import Workspace

root, case_id, requirement_id, go, count, tag = sys.argv[1:7]
store = CaseStore(Workspace(Path(root)), lock_timeout=60)
while not Path(go).exists():
    time.sleep(0.001)
errors = 0
for n in range(int(count)):
    try:
        store.add(case_id, Session(requirement_id=requirement_id, date=date(2026, 10, 1 + n % 28),
                                   status="missed", minutes=30, reason="provider-absent", note=f"{tag}-{n}"))
    except Exception as error:  # counted, not hidden
        errors += 1
        print(repr(error), file=sys.stderr)
print(errors)
"""


@pytest.mark.slow
def test_two_processes_insert_200_each_into_one_case(store, kit, tmp_path):
    bundle = store.create(kit.sample_bundle(sessions=0))
    go = tmp_path / "go"
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                WRITER,
                str(store.workspace.root),
                bundle.case.id,
                bundle.requirements[0].id,
                str(go),
                "200",
                tag,
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=kit.child_env(),
        )
        for tag in ("a", "b")
    ]
    time.sleep(0.5)  # both started and waiting
    go.touch()
    results = [p.communicate(timeout=120) for p in procs]
    for proc, (out, err) in zip(procs, results, strict=True):
        assert proc.returncode == 0, err
        assert out.strip() == "0", err
    loaded = store.load(bundle.case.id)
    in_file_order = [s.note[0] for s in loaded.sessions]
    switches = sum(1 for x, y in pairwise(in_file_order) if x != y)
    assert switches >= 5, "the two writers did not interleave (one starved the other)"
    notes = sorted(s.note for s in loaded.sessions)
    assert len(loaded.sessions) == 400
    assert notes == sorted([f"a-{n}" for n in range(200)] + [f"b-{n}" for n in range(200)])
    assert kit.temp_files(store.workspace.root) == []


def test_threads_of_one_process_share_a_store_safely(store, kit):
    """A TUI saves from worker threads: the flock (one open file each) serializes them too."""
    import threading

    bundle = store.create(kit.sample_bundle(sessions=0))
    other = store.create(kit.sample_bundle(sessions=0, student="Eli Nguyen"))
    errors: list[BaseException] = []

    def work(case, tag):
        try:
            for n in range(60):
                store.add(case.case.id, kit.new_session(case, 1 + n % 28, note=f"{tag}-{n}"))
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [
        threading.Thread(target=work, args=(case, tag)) for case, tag in ((bundle, "a"), (bundle, "b"), (other, "c"))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(store.load(bundle.case.id).sessions) == 120
    assert len(CaseStore(store.workspace).load(other.case.id).sessions) == 60
