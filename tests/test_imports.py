"""What a module pulls in when imported: reading words and documents stays light."""
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
