import shutil
from pathlib import Path

import pytest

from kg import resources

SAMPLES = resources.samples_dir()


@pytest.fixture
def samples(tmp_path) -> Path:
    """A copy of the bundled samples, so tests may add bad files beside them."""
    folder = tmp_path / "samples"
    shutil.copytree(SAMPLES, folder)
    return folder


@pytest.fixture
def store_path(tmp_path) -> str:
    return str(tmp_path / "store")
