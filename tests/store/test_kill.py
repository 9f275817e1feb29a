"""SIGKILL at random points during saves: the case file always loads and nothing saved is lost."""

from __future__ import annotations

import os
import random
import signal
import time

import pytest

from iep_tui.store.case_check import check_bytes
from iep_tui.store.case_store import CaseStore
from iep_tui.store.doctor import run_doctor

KILLS = 120


@pytest.mark.slow
def test_sigkill_during_saves_never_damages_the_case(store, kit):
    """Forked children (real processes, no import cost) save in a loop and are killed
    0-25 ms in: inside the write, the fsync, the backup link, the rename, the index."""
    bundle = store.create(kit.sample_bundle(sessions=120))
    case_id = bundle.case.id
    path = store.case_path(case_id)
    rng = random.Random(20261128)
    confirmed = len(bundle.sessions)
    landed_unreported = 0
    for kill in range(KILLS):
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # child: save until killed; one byte per save that returned
            try:
                os.close(read_end)
                child = CaseStore(store.workspace)
                n = 0
                while True:
                    n += 1
                    if n % 7 == 0:
                        case = child.load(case_id).case
                        child.update_case(case.model_copy(update={"notes": f"edit {kill}.{n}"}))
                    else:
                        child.add(case_id, kit.new_session(bundle, 1 + n % 28, note=f"{kill}.{n}"))
                    os.write(write_end, b"s" if n % 7 else b"c")
            finally:
                os._exit(1)
        os.close(write_end)
        time.sleep(rng.uniform(0.0, 0.025))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        reported = b""
        while chunk := os.read(read_end, 65536):
            reported += chunk
        os.close(read_end)

        loaded = store.load(case_id)  # always loads (raises on any damage)
        sessions = len(loaded.sessions)
        added = reported.count(b"s")
        # every save that returned is there; at most the one in flight is extra
        assert confirmed + added <= sessions <= confirmed + added + 1, (kill, confirmed, added, sessions)
        landed_unreported += sessions - (confirmed + added)
        confirmed = sessions

    left = kit.temp_files(store.workspace.root)
    report = run_doctor(store)
    assert report.ok, report.problems
    assert sorted(f.path for f in report.temp_files_removed) == sorted(str(p) for p in left)
    assert kit.temp_files(store.workspace.root) == []
    assert report.cases_checked == 1
    for backup in store.backups(case_id):  # every backup is a whole case too
        assert check_bytes(backup.read_bytes(), backup, case_id).ok
    assert path.stat().st_mode & 0o777 == 0o600
    assert store.summaries()[0]["student"] == "Maya Thompson"
    print(
        f"{KILLS} kills: {len(left)} temp files left behind, {landed_unreported} saves landed "
        f"after their process was killed mid-report, {confirmed} sessions"
    )
