"""Fill a .docx template fast: parse once, render the XML with Jinja, zip with cached parts.

docxtpl re-reads the whole package (python-docx), re-patches and re-compiles the XML for
every document. Here a template is compiled once (docxtpl's own `patch_xml` turns the Word
XML into Jinja source) and cached per path and mtime (or per stored template's hash); a
render only runs the compiled Jinja over the parts that carry tags and writes a zip whose
other parts are copied as already-compressed bytes.

Autoescape is always on (text with `&` or `<` must not break the XML), and every string of
the context is cleaned of characters XML 1.0 forbids (control characters, lone surrogates).
"""

from __future__ import annotations

import dataclasses
import io
import re
import struct
import threading
import zipfile
import zlib
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, Template, Undefined
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree
from markupsafe import Markup, escape

XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
LINE_BREAK = '</w:t><w:br/><w:t xml:space="preserve">'
TAGS = ("{{", "{%")
CACHE_SIZE = 64
_DOS_DATE, _DOS_TIME = (2026 - 1980) << 9 | 1 << 5 | 1, 0  # fixed: same input, same bytes


def clean_text(text: str) -> str:
    """Newlines and Word's vertical tab (\\x0b, a manual line break when text is pasted
    from Word) become line breaks; what XML cannot carry is dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n")
    return XML_ILLEGAL.sub("", text)


def clean(value: Any) -> Any:
    """A copy of a context with every string cleaned (dataclasses stay dataclasses)."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list | tuple):
        return [clean(v) for v in value]
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: clean(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return dataclasses.replace(value, **changes)
    return value


def _finalize(value: Any) -> Markup:
    if value is None:
        return Markup("")  # an Undefined prints "" (StrictUndefined raises, in str())
    text = str(escape(value))
    return Markup(text.replace("\n", LINE_BREAK) if "\n" in text else text)


def _environment(strict: bool) -> SandboxedEnvironment:
    # Sandboxed: an administrator may upload a template; it can read the context, no more.
    return SandboxedEnvironment(
        autoescape=True,
        finalize=_finalize,
        undefined=StrictUndefined if strict else Undefined,
        keep_trailing_newline=True,
    )


ENV = _environment(strict=False)
STRICT_ENV = _environment(strict=True)


@dataclass(frozen=True)
class _Entry:
    """One zip member: either fixed (compressed once) or a compiled Jinja template."""

    name: bytes
    raw: bytes = b""  # deflated bytes of a fixed part
    crc: int = 0
    size: int = 0
    template: Template | None = None


@dataclass(frozen=True)
class CompiledTemplate:
    entries: tuple[_Entry, ...]

    def render(self, data: dict[str, Any]) -> bytes:
        members = []
        for entry in self.entries:
            if entry.template is None:
                members.append(entry)
                continue
            xml = _unescape_braces(entry.template.render(data)).encode("utf-8")
            members.append(_fixed(entry.name, xml))
        return _zip(members)


def compile_docx(data: bytes, env: SandboxedEnvironment = ENV) -> CompiledTemplate:
    """Raises zipfile.BadZipFile, KeyError (no document part), etree.XMLSyntaxError or
    jinja2.TemplateSyntaxError: callers turn them into a message for a person."""
    patcher = DocxTemplate(io.BytesIO(data))
    entries = []
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        package.getinfo("word/document.xml")  # KeyError: not a Word document
        for info in package.infolist():
            content = package.read(info)
            name = info.filename.encode("utf-8")
            if info.filename.endswith(".xml") and any(t.encode() in content for t in TAGS):
                source = _jinja_source(patcher, content)
                entries.append(_Entry(name=name, template=env.from_string(source)))
            else:
                entries.append(_fixed(name, content))
    return CompiledTemplate(tuple(entries))


def _jinja_source(patcher: DocxTemplate, content: bytes) -> str:
    xml = etree.tostring(etree.fromstring(content), encoding="unicode")
    xml = patcher.patch_xml(xml)
    # Keep spaces a person typed at the start or end of a field.
    return XML_DECLARATION + xml.replace("<w:t>", '<w:t xml:space="preserve">')


def _unescape_braces(xml: str) -> str:
    """docxtpl's escapes for literal braces in a template: {_{ → {{."""
    if "_" not in xml:
        return xml
    for old, new in (("{_{", "{{"), ("}_}", "}}"), ("{_%", "{%"), ("%_}", "%}")):
        xml = xml.replace(old, new)
    return xml


def _fixed(name: bytes, content: bytes) -> _Entry:
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    raw = packer.compress(content) + packer.flush()
    return _Entry(name=name, raw=raw, crc=zlib.crc32(content), size=len(content))


def _zip(members: list[_Entry]) -> bytes:
    """A plain deflated zip of already-compressed members (the format Word reads)."""
    out, central = io.BytesIO(), io.BytesIO()
    for m in members:
        offset = out.tell()
        common = (8, _DOS_TIME, _DOS_DATE, m.crc, len(m.raw), m.size, len(m.name))
        out.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0x0800, *common, 0))
        out.write(m.name)
        out.write(m.raw)
        # extra, comment, disk, internal and external attributes: none
        fields = (*common, 0, 0, 0, 0, 0, offset)
        central.write(struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0x0800, *fields))
        central.write(m.name)
    start, directory = out.tell(), central.getvalue()
    out.write(directory)
    count = len(members)
    out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, len(directory), start, 0))
    return out.getvalue()


# The cache --------------------------------------------------------------------------------

_cache: OrderedDict[tuple, CompiledTemplate] = OrderedDict()
_lock = threading.Lock()


def _cached(key: tuple, load) -> CompiledTemplate:
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    compiled = load()
    with _lock:
        _cache[key] = compiled
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return compiled


def template_from_path(path: Path) -> CompiledTemplate:
    """Compiled once per file version: editing the file in Word takes effect at once."""
    stat = path.stat()
    key = ("path", str(path), stat.st_mtime_ns, stat.st_size)
    return _cached(key, lambda: compile_docx(path.read_bytes()))


def template_from_bytes(key: str, data: bytes) -> CompiledTemplate:
    """A template stored in the database, keyed by its SHA-256."""
    return _cached(("bytes", key), lambda: compile_docx(data))


def render(template: CompiledTemplate, data: dict[str, Any]) -> bytes:
    return template.render(data)


def render_plain_docxtpl(path: Path | bytes, data: dict[str, Any]) -> bytes:
    """The reference path (docxtpl as documented), kept for the benchmark and tests."""
    source = io.BytesIO(path) if isinstance(path, bytes) else str(path)
    document = DocxTemplate(source)
    document.render(data, jinja_env=_environment(strict=False), autoescape=True)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
