"""The house of the code: a file per job, none grown past what a reader takes in at once."""
from __future__ import annotations

from pathlib import Path

import pytest

import kg

MAX_LINES = 500  # a module longer than this does more than one job: split it by its jobs
MODULES = sorted(Path(kg.__file__).parent.rglob("*.py"))


@pytest.mark.parametrize("module", MODULES, ids=lambda p: str(p.relative_to(Path(kg.__file__).parent)))
def test_no_module_is_longer_than_a_job(module):
    assert len(module.read_text(encoding="utf-8").splitlines()) <= MAX_LINES
