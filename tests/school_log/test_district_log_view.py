"""What the letters quote from the district's own log: `CaseView.district_log`, worked by hand.

After importing `LENA_LOG` (conftest.py) received on 2026-12-01, and the parent's record
of speech on 09-21 (missed, provider absent; the log says delivered 20 minutes):

    the log's own misses owed by the default policy (all reasons but student-absent and school-closed):
        Speech therapy       09-16 provider-absent 30 min   (09-23 and 09-28 are student-absent: not owed)
        Reading instruction  09-15 staff-shortage  45 min
    in all 75 min; disputed: Speech therapy 09-21 (log: delivered 20; parent: missed 30)
"""

from __future__ import annotations

from datetime import date

from iep_tui.domain.case_view import AdmittedMisses, build_case_view
from iep_tui.domain.models import Session


def test_the_district_log_in_the_case_view(cli, logs, lena, tmp_path):
    logs.import_lena_log_and_her_miss(cli, tmp_path)
    view = build_case_view(lena.load(logs.CASE_ID), date(2026, 12, 4))
    log = view.district_log
    assert log is not None
    assert log.admitted == (
        AdmittedMisses("Speech therapy", 30, (date(2026, 9, 16),), ("provider-absent",)),
        AdmittedMisses("Reading instruction", 45, (date(2026, 9, 15),), ("staff-shortage",)),
    )
    assert log.admitted_minutes == 75
    assert (log.files, log.produced) == (("service_log.csv",), (date(2026, 12, 1),))
    [(name, day)] = log.disputed
    assert (name, day.date, day.school, day.parent) == (
        "Speech therapy",
        date(2026, 9, 21),
        "delivered 20 min (10 short)",
        "missed 30 min (provider-absent)",
    )
    assert [(p.file, p.row) for p in day.provenance] == [("service_log.csv", 8)]


def test_no_district_log_without_imported_rows(cli, logs, lena):
    assert build_case_view(lena.load(logs.CASE_ID), date(2026, 12, 4)).district_log is None
    # an entry typed with source school-log names no file a letter could quote
    assert cli("log", "missed", "speech", "--date", "2026-09-16", "--source", "school-log").code == 0
    assert build_case_view(lena.load(logs.CASE_ID), date(2026, 12, 4)).district_log is None


def test_the_dashboard_counts_what_the_letters_quote(cli, logs, lena, tmp_path):
    from iep_tui.ui.case_data import case_data_from_bundle

    today = date(2026, 12, 4)
    # a miss typed with source school-log (provider absent: owed by the default policy, 30 min) names no file:
    # the letters quote no district log, so the Dashboard's "Log admits" line has nothing to show either
    assert cli("log", "missed", "speech", "--date", "2026-09-16", "--source", "school-log").code == 0
    bundle = lena.load(logs.CASE_ID)
    assert build_case_view(bundle, today).district_log is None
    assert case_data_from_bundle(bundle, today).reconciliation is None
    lena.delete(logs.CASE_ID, Session, bundle.sessions[0].id)

    # the imported log and the parent's 09-21: 75 min admitted and 1 date disputed (the module doc's working),
    # the same figures on the screen as in the letter
    logs.import_lena_log_and_her_miss(cli, tmp_path)
    bundle = lena.load(logs.CASE_ID)
    log = build_case_view(bundle, today).district_log
    compared = case_data_from_bundle(bundle, today).reconciliation
    assert log is not None and compared is not None
    assert (compared.school_admitted_owed_minutes, compared.disputed_count) == (75, 1)
    assert (log.admitted_minutes, len(log.disputed)) == (75, 1)
