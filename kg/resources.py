"""Where the files kg ships live: the ontology, the gazetteer, the lexicon, the samples and the queries.

In a wheel they are the packages `kg.ontology` and `kg.data` (setup.cfg maps `ontology/` and `data/` there);
in a source checkout they are the top-level folders beside `kg/`.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def _shipped(name: str) -> Path:
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"kg is installed without its '{name}' folder; reinstall it with `pip install .`")


def ontology_dir() -> Path:
    return _shipped("ontology")


def data_dir() -> Path:
    return _shipped("data")


def ontology_files() -> list[Path]:
    return sorted(ontology_dir().glob("*.ttl"))


def gazetteer_files() -> list[Path]:
    return sorted((data_dir() / "gazetteer").glob("*.ttl"))


def lexicon_files() -> list[Path]:
    return sorted((data_dir() / "lexicon").glob("*.ttl"))


def samples_dir() -> Path:
    return data_dir() / "samples"


def queries_dir() -> Path:
    return _PACKAGE / "queries"
