"""Roles typed for steps, meetings and incidents are checked: a typo is an error that
suggests the closest known role, unless --new-role says the role is new on purpose."""

from __future__ import annotations

import pytest

from iep_tui.domain.models import Case, Contact
from iep_tui.domain.roles import KNOWN_ROLES, UnknownRoleError, check_role, check_roles
from iep_tui.export.formatting import ROLE_TITLES


def test_known_roles_under_any_spelling_are_accepted_and_normalized():
    assert check_role("Case Manager") == "case-manager"
    assert check_role("sped_director") == "sped-director"  # an alias of special-education-director
    assert check_roles(["principal", "SLP"]) == ["principal", "slp"]


def test_a_typo_suggests_the_closest_role_and_lists_the_known_ones():
    with pytest.raises(UnknownRoleError) as raised:
        check_role("case-manger")
    error = raised.value
    assert error.suggestion == "case-manager"
    assert "Did you mean 'case-manager'?" in str(error)
    assert "Known roles: parent, guardian" in str(error) and "--new-role" in str(error)
    assert error.exit_code == 2  # an InputError


def test_a_role_of_the_case_contacts_is_accepted_and_a_new_role_on_request():
    case = Case(student="A", state="WA", contacts=[Contact(role="bus-driver", name="Pat")])
    assert check_role("bus-driver", case) == "bus-driver"
    with pytest.raises(UnknownRoleError) as raised:
        check_role("bus-drivr", case)
    assert raised.value.suggestion == "bus-driver"
    assert check_role("interpreter", allow_new=True) == "interpreter"


def test_every_known_role_has_a_letter_title():
    assert set(KNOWN_ROLES) <= set(ROLE_TITLES)


@pytest.fixture
def case(make_bundle, store_case, set_today):
    set_today("2026-10-16")
    return store_case(make_bundle())


def test_escalate_refuses_a_misspelled_role_and_saves_nothing(cli, case):
    store, case_id = case
    result = cli("escalate", "compliance-notice", "--to", "case-manger")
    assert result.code == 2
    assert "'case-manger' is not a known role. Did you mean 'case-manager'?" in result.err
    assert result.out == ""
    assert store.load(case_id).escalations == []
    ok = cli("escalate", "compliance-notice", "--to", "case-manger", "--new-role")
    assert ok.code == 0
    assert store.load(case_id).escalations[0].to_roles == ["case-manger"]


def test_step_edit_checks_only_the_roles_it_adds(cli, case):
    store, case_id = case
    step_id = cli("escalate", "compliance-notice", "--to", "bus-driver", "--new-role").out.splitlines()[0]
    # the role already on the step is kept; the new cc role is checked
    bad = cli("step", "edit", step_id, "--to", "bus-driver", "--cc", "princpal", "--reason", "fix cc")
    assert bad.code == 2 and "Did you mean 'principal'?" in bad.err
    good = cli("step", "edit", step_id, "--to", "bus-driver", "--cc", "principal", "--reason", "fix cc")
    assert good.code == 0, good.err
    assert store.load(case_id).escalations[0].cc_roles == ["principal"]


def test_meetings_actions_and_incidents_check_roles_too(cli, case):
    assert cli("meeting", "add", "--date", "2026-10-20", "--attendee", "parent", "case-manger").code == 2
    meeting = cli("meeting", "add", "--date", "2026-10-20", "--attendee", "parent", "case-manager").out.splitlines()[-1]
    action = cli("meeting", "action", meeting, "--owner", "principle", "--what", "Para at recess")
    assert action.code == 2 and "Did you mean 'principal'?" in action.err
    assert cli("meeting", "action", meeting, "--owner", "principal", "--what", "Para at recess").code == 0
    told = cli("log", "incident", "No para at recess", "--notified", "case manger")
    assert told.code == 2 and "Did you mean 'case-manager'?" in told.err
    assert cli("log", "incident", "No para at recess", "--notified", "case manager").code == 0
