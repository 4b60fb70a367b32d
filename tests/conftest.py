import shutil
import subprocess
import sys
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


@pytest.fixture(scope="session")
def wheel(tmp_path_factory) -> Path:
    """kg's wheel, built once from this checkout for the tests that look into it or install it."""
    folder = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(folder), str(Path(__file__).resolve().parent.parent)], check=True, capture_output=True)
    return next(folder.glob("kg-*.whl"))


@pytest.fixture(scope="session")
def oxigraph_server_url(tmp_path_factory) -> str:
    """A running Oxigraph server (PyPI `oxigraph`) on a free loopback port; see tests/backends.py."""
    from backends import oxigraph_server
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph-server")) as url:
        yield url


@pytest.fixture(scope="session")
def virtuoso_url(tmp_path_factory) -> str:
    """A running Virtuoso (Debian's virtuoso-opensource) on free loopback ports; see tests/backends.py."""
    from backends import virtuoso_server
    with virtuoso_server(tmp_path_factory.mktemp("virtuoso")) as url:
        yield url


def pytest_addoption(parser):
    parser.addoption("--slow", action="store_true", help="also run the tests marked slow (CI runs them all)")


def pytest_collection_modifyitems(config, items):
    """Tests marked slow run with --slow only: the default run stays short while developing."""
    if config.getoption("--slow"):
        return
    skip = pytest.mark.skip(reason="slow: run with --slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)
