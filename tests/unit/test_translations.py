"""Every string the code marks for translation has its Vietnamese, and the compiled
catalogue matches the source (run scripts/i18n.sh, then translate, when this fails)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "translations/vi/LC_MESSAGES/messages.po"


def _extracted(tmp_path: Path) -> set[str]:
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_l",
            "-k",
            "lazy_gettext",
            "-k",
            "ngettext:1,2",
            "-k",
            "N_",
            "-o",
            str(pot),
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    with pot.open("rb") as f:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(f) if m.id}


def test_every_marked_string_is_translated_into_vietnamese(tmp_path):
    with PO.open("rb") as f:
        catalogue = read_po(f)
    translated = {
        (m.id if isinstance(m.id, str) else m.id[0])
        for m in catalogue
        if m.id and (m.string if isinstance(m.string, str) else all(m.string))
    }
    missing = sorted(_extracted(tmp_path) - translated)
    assert not missing, f"not translated into Vietnamese: {missing[:20]}"


def _plain(value):
    return value if isinstance(value, str) else tuple(value)


def test_the_compiled_catalogue_is_up_to_date():
    with PO.open("rb") as f:
        source = {_plain(m.id): _plain(m.string) for m in read_po(f) if m.id and not m.fuzzy}
    with PO.with_suffix(".mo").open("rb") as f:
        compiled = {_plain(m.id): _plain(m.string) for m in read_mo(f) if m.id}
    assert compiled == source
