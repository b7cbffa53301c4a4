"""With the interface in Spanish, the errors the GUI shows are Spanish (error catalogue)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from clinic import i18n
from clinic.error_catalogue import CATALOGUE
from clinic.phonecheck.adb import NoDevice
from tests.ui.conftest import WindowFactory


@pytest.fixture
def spanish_settings(tmp_path: Path) -> Iterator[None]:
    """The volunteer chose Spanish in the settings (what build_window reads at start)."""
    config = tmp_path / "config"
    config.mkdir(exist_ok=True)
    (config / "settings.json").write_text(json.dumps({"language": "es"}), encoding="utf-8")
    yield
    i18n.set_language("en")


def _es(code: str, **params: object) -> str:
    return i18n.translation("es").gettext(CATALOGUE[code].message).format(**params)


@pytest.mark.usefixtures("spanish_settings")
def test_create_view_shows_the_passphrase_rule_in_spanish(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path
) -> None:
    window = make_window(tmp_path / "new" / "clinic.vault")
    view = window.create_view
    assert i18n.current_language() == "es"
    assert window.stack.currentWidget() is view
    qtbot.keyClicks(view.first.edit, "short")
    assert view.feedback.text() == _es("passphrase_too_short", min=10)
    assert view.feedback.text().startswith("Use al menos 10 caracteres")
    qtbot.keyClicks(view.second.edit, "short")
    view.create_button.click()
    assert view.error.text() == _es("passphrase_too_short", min=10)


@pytest.mark.usefixtures("spanish_settings")
def test_unlock_error_and_phone_problem_are_spanish(
    qtbot: QtBot, make_window: WindowFactory, demo_vault: Path
) -> None:
    from ui.stages.investigate_parts.phone_panel import PhoneCheckPanel

    window = make_window(demo_vault)
    view = window.unlock_view
    with qtbot.waitSignal(window.session.unlock_failed, timeout=10_000):
        view.passphrase.edit.setText("not the passphrase")
        view.unlock_button.click()
    assert view.error.text() == _es("wrong_passphrase")
    panel = PhoneCheckPanel(window.session)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.finished, timeout=5000):
        panel._failed(NoDevice())
    assert panel.status.text() == _es("no_device")
    assert panel.status.text().startswith("No se encontró ningún teléfono.")
