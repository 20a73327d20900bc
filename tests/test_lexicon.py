"""Built-in lexicons load through the same registry a user's own files extend."""
from __future__ import annotations

from conftest import write

from newsledger import lexicon


def test_user_file_extends_the_builtin(tmp_path):
    write(tmp_path / "boilerplate.yaml", "drop_lines:\n  - 'our own footer line'\ntail_fraction: 0.5\n")
    base = lexicon.load("boilerplate.yaml", ())
    merged = lexicon.load("boilerplate.yaml", (str(tmp_path),))
    assert merged["drop_lines"][-1] == "our own footer line"
    assert len(merged["drop_lines"]) == len(base["drop_lines"]) + 1
    assert merged["tail_fraction"] == 0.5 and base["tail_fraction"] != 0.5


def test_user_rules_reach_the_cleaner(tmp_path):
    from newsledger.clean import clean
    from newsledger.records import RawDocument

    write(tmp_path / "boilerplate.yaml", "drop_lines:\n  - 'brought to you by .*'\n")
    text = "Officials reopened the border crossing on Friday after a week, a spokesman said.\n\nBrought to you by Acme"
    doc = clean(RawDocument(source="a.txt", text=text), dirs=(str(tmp_path),))
    assert "Acme" not in doc.text
    assert "Acme" in clean(RawDocument(source="a.txt", text=text), dirs=()).text


def test_environment_variable_names_user_dirs(tmp_path, monkeypatch):
    monkeypatch.setenv(lexicon.ENV_VAR, str(tmp_path))
    assert lexicon.user_dirs() == (str(tmp_path),)
