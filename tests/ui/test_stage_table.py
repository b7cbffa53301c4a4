"""The GUI reads the one stage table: every stage has its editor, none is "not built yet"."""

from __future__ import annotations

from clinic import stages
from ui.stages import base


def test_the_gui_stage_list_is_the_clinic_table() -> None:
    assert base.STAGES is stages.STAGES


def test_every_stage_has_a_registered_editor() -> None:
    base._load_editors()
    assert set(base._REGISTRY) == set(stages.STAGE_IDS)
    for stage_id, cls in base._REGISTRY.items():
        assert cls.stage_id == stage_id
        assert not issubclass(cls, base.NotBuiltPage)
