"""The workshop app's components and wiring, rendered by Solara without a browser."""

from __future__ import annotations

import ipyvuetify as v
import pytest
import solara

import sim.app.app as app
from sim.app import figures
from sim.app.i18n import LABELS, t
from sim.app.session import Settings, Workshop, levers_of


@pytest.fixture
def page(monkeypatch):
    """Render the page on a small community and capture the session it creates."""
    sessions: list[Workshop] = []

    class Recorded(Workshop):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            sessions.append(self)

    monkeypatch.setattr(app, "Workshop", Recorded)
    monkeypatch.setenv("GOVSIM_OVERRIDES", "district.residents=1500")
    _box, rc = solara.render(app.Page(), handle_error=False)
    return rc, sessions[0]


def click(rc, label: str) -> None:
    rc.find(v.Btn, children=[label]).widget.click()


def test_step_buttons_advance_both_arms_together(page):
    rc, session = page
    click(rc, t("step", "en"))
    click(rc, t("step_week", "en"))
    assert session.mine.day == session.base.day == 8
    assert [h["mine"]["day"] for h in session.history] == [0, 1, 8]


def test_a_lever_takes_effect_after_reset(page):
    rc, session = page
    assert "access_control" in session.mine.levers  # the page opens on the reform preset
    rc.find(v.Switch, label=t("access_control", "en")).widget.v_model = False
    click(rc, t("reset", "en"))
    assert "access_control" not in session.mine.levers
    assert "access_control" not in session.base.levers


def test_intervene_now_switches_a_lever_mid_run(page):
    rc, session = page
    click(rc, t("step_week", "en"))
    click(rc, t("switch_off", "en"))  # the default lever in the intervention box: access control
    assert "access_control" not in session.mine.levers
    assert session.events == [(7, "access_control=off")]
    click(rc, t("step", "en"))
    assert session.day == 8


def test_language_switch_relabels_the_controls(page):
    rc, _session = page
    toggle = rc.find(v.BtnToggle).widgets[0]  # the first toggle is the language
    toggle.v_model = toggle.children.index(next(b for b in toggle.children if b.children == ["zh"]))
    rc.find(v.Btn, children=[t("step", "zh")]).assert_single()
    rc.find(v.Btn, children=[t("step", "en")]).assert_empty()


def test_every_label_has_both_languages():
    assert all(len(pair) == 2 and all(pair) for pair in LABELS.values())


def test_race_is_fair_same_residents_and_cases():
    session = Workshop(Settings(levers=levers_of("reform")), ["district.residents=1500"])
    session.step(60)
    assert session.mine.registry.arisen(0) == session.base.registry.arisen(0)
    assert session.mine.registry.arisen(1) == session.base.registry.arisen(1)


@pytest.mark.parametrize("layer", ["open_cases", "satisfaction"])
def test_map_shows_every_cell_of_the_community(layer):
    session = Workshop(Settings(), ["district.residents=1500"])
    session.step(20)
    values = figures.cell_values(session.mine, layer)
    committee = session.mine.committees[0]
    assert (~(values != values)).sum() == committee.blocks  # NaN only beyond the last block
    if layer == "open_cases":
        assert values[values == values].sum() == session.mine.population.open_cases.sum()
