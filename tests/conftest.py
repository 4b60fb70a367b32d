import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from kg import resources

SAMPLES = resources.samples_dir()
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def samples(tmp_path) -> Path:
    """A copy of the bundled samples, so tests may add bad files beside them."""
    folder = tmp_path / "samples"
    shutil.copytree(SAMPLES, folder)
    return folder


@pytest.fixture
def store_path(tmp_path) -> str:
    return str(tmp_path / "store")


class WheelJob:
    """kg's wheel built from this checkout and, when asked, installed into a fresh venv that has no pip of its own
    (this pip installs into it, without byte-compiling what it installs): in a thread, so that when it starts
    with the run the other tests go on meanwhile (pip spends its time on the disk and the index)."""

    def __init__(self, folder: Path):
        self.folder, self.venv = folder, folder / "venv"
        self.wheel: Path | None = None
        self.error: BaseException | None = None
        self.built = threading.Event()
        self.thread: threading.Thread | None = None

    def start(self, install: bool) -> None:
        if self.thread is None:
            self.thread = threading.Thread(target=self._run, args=(install,), name="kg-wheel", daemon=True)
            self.thread.start()

    def _run(self, install: bool) -> None:
        try:
            subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                            "-w", str(self.folder), str(ROOT)], check=True, capture_output=True)
            self.wheel = next(self.folder.glob("kg-*.whl"))
            self.built.set()
            if install:
                self._install()
        except BaseException as error:
            self.error = error
        finally:
            self.built.set()

    def _install(self) -> None:
        subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(self.venv)], check=True)
        subprocess.run([sys.executable, "-m", "pip", "--python", str(self.venv / "bin" / "python"), "install",
                        "-q", "--no-compile", str(self.wheel)], check=True, capture_output=True)

    def built_wheel(self) -> Path:
        self.start(install=False)
        self.built.wait()
        if self.wheel is None:
            raise RuntimeError("building kg's wheel failed") from self.error
        return self.wheel

    def installed_python(self) -> Path:
        self.start(install=True)
        self.thread.join()
        if self.error is not None:
            raise RuntimeError("installing kg's wheel into a venv failed") from self.error
        python = self.venv / "bin" / "python"
        if not python.exists():  # built for a test that only reads the wheel, before this test was reached
            self._install()
        return python


@pytest.fixture(scope="session", autouse=True)
def wheel_job(request, tmp_path_factory) -> WheelJob:
    """Started with the first test when a test of this run will install the wheel (`installed_wheel`); in a
    parallel run (pytest-xdist) every worker sees every test, so the one that runs tests/test_packaging.py
    builds it when asked instead."""
    job = WheelJob(tmp_path_factory.mktemp("wheel"))
    if "PYTEST_XDIST_WORKER" not in os.environ and any(
            "installed_wheel" in getattr(item, "fixturenames", ()) and not item.get_closest_marker("skip")
            for item in request.session.items):
        job.start(install=True)
    yield job
    if job.thread is not None:
        job.thread.join()


@pytest.fixture(scope="session")
def wheel(wheel_job) -> Path:
    """kg's wheel, built once from this checkout."""
    return wheel_job.built_wheel()


@pytest.fixture(scope="session")
def installed_wheel(wheel_job) -> Path:
    """The Python of a fresh venv holding kg's wheel and only its declared dependencies (see WheelJob)."""
    return wheel_job.installed_python()


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for every browser test; importing tests/test_browser.py skips those tests (or fails
    them under KG_REQUIRE_BROWSER) when Playwright or Debian's chromium is missing."""
    from test_browser import CHROMIUM, CHROMIUM_ARGS, sync_api
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


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
