"""A plain (non-editable) install must carry the ontology, gazetteer, lexicon, samples, queries and view assets."""
import zipfile
from pathlib import Path

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
