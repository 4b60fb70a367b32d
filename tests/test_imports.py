"""What a module pulls in when imported: reading words and documents stays light, and a wheel installed without
the test extras imports every module (its dependencies are declared)."""
import subprocess
import sys

import pytest


def _modules_loaded_by(code: str) -> set[str]:
    script = f"import sys\n{code}\nprint('\\n'.join(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True)
    return {name.split(".")[0] for name in result.stdout.split()}


@pytest.mark.parametrize("code", [
    "from kg import lexicon; lexicon.load(); lexicon.words(lexicon.ROLES)",
    "from kg.documents import read_text; read_text('Operator: Welcome to the call.\\nJane Roe: Revenue rose.', 'x.md')",
])
def test_words_and_documents_load_without_spacy(code):
    assert "spacy" not in _modules_loaded_by(code)


@pytest.mark.slow
def test_a_wheel_without_test_extras_imports_every_module(installed_wheel, tmp_path):
    script = ("import importlib, pkgutil, kg\n"
              "names = [m.name for m in pkgutil.walk_packages(kg.__path__, 'kg.') if m.name != 'kg.__main__']\n"
              "[importlib.import_module(name) for name in names]\n"
              "print(len(names))")
    result = subprocess.run([str(installed_wheel), "-c", script], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) > 40
