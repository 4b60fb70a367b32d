"""A plain (non-editable) install must carry the ontology, gazetteer, lexicon, samples, queries and view assets, and
import every module without the test extras (its dependencies are declared). The tests of kg's wheel share this
module, so that a parallel run builds the wheel on one worker only."""
import subprocess
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = {"ontology": "kg/ontology", "data": "kg/data", "kg/queries": "kg/queries", "kg/views": "kg/views",
           "kg/serve": "kg/serve"}


def test_the_wheel_ships_every_data_file(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        f"{target}/{path.relative_to(ROOT / source).as_posix()}"
        for source, target in SHIPPED.items()
        for path in (ROOT / source).rglob("*")
        if path.is_file() and (path.suffix in (".ttl", ".rq", ".txt", ".md", ".html", ".js", ".css", ".json")
                                or path.name == "LICENSE")
    }
    assert len(expected) > 30
    assert expected - names == set()


@pytest.mark.slow
def test_a_wheel_without_test_extras_imports_every_module(installed_wheel, tmp_path):
    script = ("import importlib, pkgutil, kg\n"
              "names = [m.name for m in pkgutil.walk_packages(kg.__path__, 'kg.') if m.name != 'kg.__main__']\n"
              "[importlib.import_module(name) for name in names]\n"
              "print(len(names))")
    result = subprocess.run([str(installed_wheel), "-c", script], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) > 40
