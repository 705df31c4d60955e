"""The workshop page (Solara). Start with `python3 tasks.py app` (binds to 127.0.0.1).

Configuration comes from `conf/` like any run: overrides in the GOVSIM_OVERRIDES environment
variable (e.g. "lang=zh district.residents=3000") set the language and the community.
"""

from __future__ import annotations

import os
import shlex
import threading
import time
from dataclasses import replace

import matplotlib.pyplot as plt
import solara

from sim.app import figures
from sim.app.i18n import LANGS, t
from sim.app.session import SWITCHES, Settings, Workshop, levers_of, presets
from sim.run import load_config

PLAY_SECONDS = 0.25  # pause between simulated days while playing (a projector can follow)
WEEK = 7
SCOREBOARD = (
    "on_time",
    "coverage",
    "burden",
    "escalated",
    "open_disputes",
    "open_services",
    "satisfaction",
    "money",
)
# (setting, min, max, step) of the dials, with their units in the labels.
DIALS = (
    ("catalogue_share", 0.0, 1.0, 0.05),
    ("bypass_rate", 0.0, 1.0, 0.05),
    ("yuan_per_hour", 0.0, 100.0, 1.0),
    ("push_rate", 0.0, 6000.0, 50.0),
    ("residents_per_worker", 100.0, 2500.0, 25.0),
    ("patrol_share", 0.0, 1.0, 0.05),
)


def base_overrides() -> list[str]:
    """Overrides from the environment (validated like any run), without the app's own keys."""
    overrides = shlex.split(os.environ.get("GOVSIM_OVERRIDES", ""))
    load_config(overrides)  # one-line ConfigError on a bad value, before the page starts
    return [o for o in overrides if not o.startswith("lang=")]


def initial_language() -> str:
    return load_config(shlex.split(os.environ.get("GOVSIM_OVERRIDES", ""))).lang


@solara.component
def Controls(session: Workshop, settings, lang, on_reset, on_step, playing, on_intervene, tick):
    s, tr = settings.value, (lambda key: t(key, lang.value))
    solara.ToggleButtonsSingle(value=lang, values=list(LANGS), classes=["govsim-lang"])
    with solara.Row():
        solara.Button(tr("reset"), on_click=on_reset, classes=["govsim-reset"])
        solara.Button(tr("step"), on_click=lambda: on_step(1), classes=["govsim-step"])
        solara.Button(tr("step_week"), on_click=lambda: on_step(WEEK), classes=["govsim-week"])
        solara.Button(
            tr("pause" if playing.value else "play"),
            on_click=lambda: playing.set(not playing.value),
            classes=["govsim-play"],
        )
    Intervene(session, lang.value, on_intervene, tick)
    with solara.Card(tr("levers")):
        solara.Markdown(tr("reset_hint"))

        def choose(preset: str) -> None:
            settings.set(replace(s, levers=levers_of(preset, session.base_overrides)))

        solara.Select(
            tr("preset"), values=presets(), value=None, on_value=choose, classes=["govsim-preset"]
        )
        for name in SWITCHES:
            solara.Switch(
                label=tr(name),
                value=s.levers[name],
                on_value=lambda v, n=name: settings.set(replace(s, levers={**s.levers, n: v})),
                classes=[f"govsim-lever-{name}"],
            )
        for name, low, high, step in DIALS:
            value = getattr(s, name)
            solara.SliderFloat(
                f"{tr(name)}: {value:g}",
                value=value,
                min=low,
                max=high,
                step=step,
                on_value=lambda v, n=name: settings.set(replace(s, **{n: v})),
            )
        solara.InputInt(
            tr("seed"), value=s.seed, on_value=lambda v: settings.set(replace(s, seed=int(v or 0)))
        )


@solara.component
def Intervene(session: Workshop, lang: str, on_intervene, tick: int):
    """Switch one lever for the running community from today on (a mid-run intervention)."""
    names = {t(n, lang): n for n in SWITCHES}
    lever = solara.use_reactive(SWITCHES[0])
    with solara.Card(t("intervene", lang)):
        solara.Select(
            t("levers", lang),
            values=list(names),
            value=t(lever.value, lang),
            on_value=lambda label: lever.set(names[label]),
            classes=["govsim-intervene-lever"],
        )
        with solara.Row():
            solara.Button(
                t("switch_on", lang),
                on_click=lambda: on_intervene(lever.value, True),
                classes=["govsim-intervene-on"],
            )
            solara.Button(
                t("switch_off", lang),
                on_click=lambda: on_intervene(lever.value, False),
                classes=["govsim-intervene-off"],
            )
        for day, what in session.events:
            solara.Text(f"{t('day', lang)} {day}: {what}")


@solara.component
def Scoreboard(session: Workshop, lang: str, tick: int):
    """Headline numbers of both arms now (`tick` changes whenever the session steps)."""
    rows = [
        f"| | {t('yours', lang)} | {t('baseline', lang)} | {t('difference', lang)} |",
        "|---|---:|---:|---:|",
    ]
    now = session.history[-1] if session.history else None
    for key in SCOREBOARD if now else ():
        mine, base = now["mine"][key], now["base"][key]
        diff = mine - base
        rows.append(
            f"| {t(key, lang)} | {figures.fmt(key, mine)} | {figures.fmt(key, base)} "
            f"| {'+' if diff > 0 else ''}{figures.fmt(key, diff)} |"
        )
    with solara.Column(classes=["govsim-scoreboard"]):
        solara.Markdown(
            f"### {t('scoreboard', lang)} · {t('day', lang)} {session.day}\n"
            f"{t('compare', lang)}\n\n" + "\n".join(rows)
        )


@solara.component
def Views(session: Workshop, lang: str, tick: int):
    layer = solara.use_reactive("open_cases")
    layers = {t(key, lang): key for key in ("open_cases", "satisfaction")}
    with solara.Row():
        with solara.Column():
            solara.ToggleButtonsSingle(
                value=t(layer.value, lang),
                values=list(layers),
                on_value=lambda label: layer.set(layers[label]),
            )
            fig = figures.community_map(session.mine, layer.value, lang)
            solara.FigureMatplotlib(fig, format="png", dependencies=[tick, layer.value, lang])
            plt.close(fig)
        with solara.Column():
            Scoreboard(session, lang, tick)
    if session.history:
        fig = figures.race_charts(session.history, lang, session.events)
        solara.FigureMatplotlib(fig, format="png", dependencies=[tick, lang])
        plt.close(fig)


@solara.component
def Page():
    defaults = solara.use_memo(
        lambda: Settings(levers=levers_of("reform", base_overrides())), dependencies=[]
    )
    settings = solara.use_reactive(defaults)
    lang = solara.use_reactive(solara.use_memo(initial_language, dependencies=[]))
    session = solara.use_memo(lambda: Workshop(defaults, base_overrides()), dependencies=[])
    tick = solara.use_reactive(0)
    playing = solara.use_reactive(False)
    lock = solara.use_memo(threading.Lock, dependencies=[])

    def step(days: int) -> None:
        with lock:
            session.step(days)
        tick.set(tick.value + 1)

    def reset() -> None:
        playing.set(False)
        with lock:
            session.reset(settings.value)
        tick.set(tick.value + 1)

    def intervene(lever: str, on: bool) -> None:
        with lock:
            session.intervene(lever, on)
        settings.set(session.settings)
        tick.set(tick.value + 1)

    def play(cancel: threading.Event) -> None:
        while playing.value and not cancel.is_set():
            step(1)
            time.sleep(PLAY_SECONDS)

    solara.use_thread(play, dependencies=[playing.value])
    solara.Title(t("title", lang.value))
    solara.AppBarTitle(t("title", lang.value))
    with solara.Columns([1, 3]):
        with solara.Column(style={"min-width": "340px"}):
            Controls(session, settings, lang, reset, step, playing, intervene, tick.value)
        with solara.Column(classes=["govsim-main"]):
            Views(session, lang.value, tick.value)
