"""A unit's replacement templates: checked by rendering a sample before they are accepted."""

from __future__ import annotations

import hashlib
import io
import zipfile

from flask_babel import gettext as _
from jinja2 import TemplateError, TemplateSyntaxError
from lxml import etree
from sqlalchemy import select

from governance.core import audit
from governance.core.access import can_manage_units, require
from governance.core.errors import Invalid
from governance.core.models import User
from governance.documents.compose import TEMPLATE_NAMES, render_data
from governance.documents.models import UnitTemplate
from governance.documents.render import STRICT_ENV, compile_docx
from governance.documents.samples import sample
from governance.extensions import db
from governance.org.models import Unit

MAX_TEMPLATE_BYTES = 5 * 1024 * 1024


def override_for(unit_id: int, name: str) -> tuple[str, bytes] | None:
    """(sha256, bytes) of the unit's replacement for `name`, if it has one."""
    row = db.session.scalar(
        select(UnitTemplate).where(UnitTemplate.unit_id == unit_id, UnitTemplate.name == name)
    )
    return (row.sha256, row.data) if row else None


def list_templates(unit: Unit) -> dict[str, UnitTemplate]:
    rows = db.session.scalars(select(UnitTemplate).where(UnitTemplate.unit_id == unit.id))
    return {row.name: row for row in rows}


def check_template(name: str, data: bytes) -> None:
    """Render the sample of this template's kind; raise Invalid with a reason a person reads."""
    kind, _sep, style = name.rpartition("_") if name != "counting_report" else (name, "", "")
    if kind not in {"resolution", "decision", "minutes", "programme", "invitation"}:
        kind, style = name, "state"
    try:
        compiled = compile_docx(data, STRICT_ENV)
        output = compiled.render(render_data(sample(kind, style or "state")))
        with zipfile.ZipFile(io.BytesIO(output)) as package:
            etree.fromstring(package.read("word/document.xml"))
    except (zipfile.BadZipFile, KeyError):
        raise Invalid(_("This is not a Word .docx file.")) from None
    except TemplateSyntaxError as error:
        raise Invalid(
            _("A template tag is not written correctly: %(error)s", error=error.message)
        ) from None
    except TemplateError as error:
        raise Invalid(_("The template could not be filled: %(error)s", error=str(error))) from None
    except etree.XMLSyntaxError as error:
        raise Invalid(
            _("The template produces a damaged Word file: %(error)s", error=str(error))
        ) from None


def upload_template(unit: Unit, name: str, data: bytes, filename: str, by: User) -> UnitTemplate:
    require(can_manage_units(by))
    if name not in TEMPLATE_NAMES:
        raise Invalid(fields={"name": _("Choose one of the listed templates.")})
    if not data or len(data) > MAX_TEMPLATE_BYTES:
        raise Invalid(fields={"file": _("Upload a .docx file of at most 5 MB.")})
    check_template(name, data)
    row = db.session.scalar(
        select(UnitTemplate).where(UnitTemplate.unit_id == unit.id, UnitTemplate.name == name)
    )
    if row is None:
        row = UnitTemplate(unit_id=unit.id, name=name)
        db.session.add(row)
    row.data, row.sha256 = data, hashlib.sha256(data).hexdigest()
    row.filename, row.uploaded_by = filename[:200], by.id
    db.session.flush()
    after = {"name": name, "sha256": row.sha256, "filename": row.filename}
    audit.record(
        "upload_template", "document_template", row.id, unit_id=unit.id, after=after, user=by
    )
    db.session.commit()
    return row


def remove_template(unit: Unit, name: str, by: User) -> None:
    require(can_manage_units(by))
    row = db.session.scalar(
        select(UnitTemplate).where(UnitTemplate.unit_id == unit.id, UnitTemplate.name == name)
    )
    if row is None:
        return
    audit.record(
        "remove_template",
        "document_template",
        row.id,
        unit_id=unit.id,
        before={"name": name, "sha256": row.sha256},
        user=by,
    )
    db.session.delete(row)
    db.session.commit()
