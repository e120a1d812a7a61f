"""Create, edit, sign, verify (openssl, pyHanko), tamper, 409s, external signed PDF."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest

from governance.core.errors import Conflict, Forbidden, Invalid
from governance.documents import contexts, pdf, samples, service, signing, templates_store
from governance.documents.compose import template_path
from governance.documents.models import Document
from governance.extensions import db
from governance.org.models import Unit
from tests.documents.conftest import new_document, user

HAS_SOFFICE = shutil.which("soffice") is not None


def _doc(document_id: int) -> Document:
    db.session.expire_all()
    return db.session.get(Document, document_id)


def test_create_numbers_renders_and_audits(app, world):
    with app.app_context():
        document = new_document(world)
        assert document.number == "Số 01-NQ/ĐU" and document.status == "draft"
        assert document.docx.startswith(b"PK") and len(document.sha256) == 64
        assert document.context["number"] == "Số 01-NQ/ĐU"
        from governance.core.models import AuditEntry

        assert db.session.query(AuditEntry).filter_by(entity="document").count() == 1


def test_member_cannot_create_and_other_unit_cannot_read(app, world):
    with app.app_context():
        with pytest.raises(Forbidden):
            new_document(world, actor="member_a")
        document = new_document(world)
        with pytest.raises(Forbidden):
            service.get_document(document.id, user(world, "clerk_b"))


def test_update_draft_keeps_number_and_checks_version(app, world):
    with app.app_context():
        document = new_document(world)
        context = contexts.context_from_dict("resolution", document.context)
        context.summary = "Về việc khác"
        service.update_draft(document, context, user(world, "secretary_a"), document.version)
        assert "Về việc khác" in document.title and document.number == "Số 01-NQ/ĐU"
        with pytest.raises(Conflict):
            service.update_draft(document, context, user(world, "clerk_a"), version=1)


def test_only_the_chair_of_the_unit_signs(app, world):
    with app.app_context():
        document = new_document(world)
        for name in ("clerk_a", "secretary_a", "member_a", "inspector_p1"):
            with pytest.raises(Forbidden):
                service.sign(document, user(world, name))


def test_sign_freezes_and_verifies_and_tamper_fails(app, world, tmp_path):
    with app.app_context():
        document = new_document(world)
        service.sign(document, user(world, "chair_a"))
        document = _doc(document.id)
        assert document.status == "signed" and document.signed_by == world.users["chair_a"]
        assert document.dev_certificate
        assert service.verify(document)["valid"] is True
        text = _docx_text(document.docx)
        assert "DỰ THẢO" not in text and "(Đã ký số)" in text
        # openssl checks the detached signature over the exact bytes
        (tmp_path / "d.docx").write_bytes(document.docx)
        (tmp_path / "d.p7s").write_bytes(document.p7s)
        (tmp_path / "cert.pem").write_text(document.signing_cert)
        assert _openssl_verify(tmp_path, "d.docx") == 0
        tampered = bytearray(document.docx)
        tampered[len(tampered) // 2] ^= 0x01
        (tmp_path / "t.docx").write_bytes(bytes(tampered))
        assert _openssl_verify(tmp_path, "t.docx") != 0
        document.docx = bytes(tampered)  # someone changes the stored bytes
        db.session.commit()
        assert service.verify(_doc(document.id))["valid"] is False


def test_any_change_to_a_signed_document_is_a_conflict(app, world):
    with app.app_context():
        document = new_document(world)
        service.sign(document, user(world, "chair_a"))
        context = contexts.context_from_dict("resolution", document.context)
        with pytest.raises(Conflict):
            service.update_draft(document, context, user(world, "clerk_a"))
        with pytest.raises(Conflict):
            service.sign(document, user(world, "chair_a"))
        with pytest.raises(Conflict):
            service.void_number(document, "thử", user(world, "clerk_a"))


def _docx_text(data: bytes) -> str:
    import docx

    from tests.documents.test_templates import all_text

    return all_text(docx.Document(io.BytesIO(data)))


def _openssl_verify(folder, content: str) -> int:
    command = ["openssl", "cms", "-verify", "-binary", "-inform", "DER", "-content",
               str(folder / content), "-in", str(folder / "d.p7s"), "-CAfile",
               str(folder / "cert.pem"), "-purpose", "any", "-out", "/dev/null"]  # fmt: skip
    return subprocess.run(command, capture_output=True).returncode


# External signed PDF ---------------------------------------------------------------------


def _token_signed_pdf(app) -> bytes:
    """A PDF signed with a key the app does not know: the chair's own token."""
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    pem = signing._new_development_pem("Token của Chủ tịch")
    key = signing.SigningKey(
        key=serialization.load_pem_private_key(pem, None),
        cert=x509.load_pem_x509_certificate(pem),
    )
    return signing.sign_pdf(_plain_pdf(), key, "Ký", "Đồng Đăng")


def _plain_pdf() -> bytes:
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.writer import PdfFileWriter

    writer = PdfFileWriter()
    page = generic.DictionaryObject(
        {
            generic.NameObject("/Type"): generic.NameObject("/Page"),
            generic.NameObject("/MediaBox"): generic.ArrayObject(
                [generic.NumberObject(n) for n in (0, 0, 595, 842)]
            ),
        }
    )
    writer.insert_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_external_signed_pdf_is_checked_before_it_is_stored(app, world):
    with app.app_context():
        signed = _token_signed_pdf(app)
        document = new_document(world)
        tampered = signed.replace(b"595", b"596", 1)  # the page size, inside the signed range
        assert tampered != signed
        chair = user(world, "chair_a")
        for bad in (tampered, signed + b"\n% appended\n", _plain_pdf(), b"not a pdf"):
            with pytest.raises(Invalid):
                service.accept_signed_pdf(document, bad, chair)
        with pytest.raises(Forbidden):
            service.accept_signed_pdf(document, signed, user(world, "clerk_a"))
        service.accept_signed_pdf(document, signed, chair)
        document = _doc(document.id)
        assert document.status == "signed" and document.pdf_source == "external"
        assert service.verify(document)["pdf"] is True
        with pytest.raises(Conflict):
            service.accept_signed_pdf(document, signed, chair)


# PDF conversion jobs ---------------------------------------------------------------------


@pytest.mark.skipif(not HAS_SOFFICE, reason="LibreOffice is not installed")
def test_signing_queues_a_pdf_that_is_made_and_signed(app, world):
    with app.app_context():
        first = new_document(world)
        second = new_document(world, kind="minutes")
        service.sign(first, user(world, "chair_a"))
        assert service.request_pdf(second, user(world, "clerk_a")) is not None
        assert pdf.process_jobs() == "2 of 2 PDFs made"
        first, second = _doc(first.id), _doc(second.id)
        assert first.jobs[-1].status == "done" and first.jobs[-1].progress == 100
        assert first.pdf_signed is not None and second.pdf_signed is None
        assert second.pdf.startswith(b"%PDF")
        assert signing.check_signed_pdf(first.pdf_signed).valid
        assert service.verify(first)["pdf"] is True
        broken = bytearray(first.pdf_signed)
        broken[len(broken) // 2] ^= 0x01
        first.pdf_signed = bytes(broken)
        db.session.commit()
        result = service.verify(_doc(first.id))
        assert result["pdf"] is False and result["valid"] is False


def test_without_libreoffice_nothing_is_queued(app, world, monkeypatch):
    with app.app_context():
        monkeypatch.setitem(app.config, "SOFFICE_BINARY", "/nonexistent/soffice")
        document = new_document(world)
        service.sign(document, user(world, "chair_a"))
        assert _doc(document.id).jobs == []


# Unit templates ----------------------------------------------------------------------------


def test_admin_replaces_a_template_after_it_renders(app, world):
    with app.app_context():
        unit = db.session.get(Unit, world.units["A"])
        admin = user(world, "admin")
        good = template_path("resolution_party").read_bytes()
        with pytest.raises(Forbidden):
            templates_store.upload_template(unit, "resolution_party", good, "x.docx",
                                            user(world, "clerk_a"))  # fmt: skip
        with pytest.raises(Invalid, match="not a Word"):
            templates_store.upload_template(unit, "resolution_party", b"junk", "x.docx", admin)
        broken = _with_text(good, "{{ number }}", "{{ number ")
        with pytest.raises(Invalid, match="not written correctly"):
            templates_store.upload_template(unit, "resolution_party", broken, "x.docx", admin)
        unknown = _with_text(good, "{{ number }}", "{{ numbr }}")
        with pytest.raises(Invalid, match="could not be filled"):
            templates_store.upload_template(unit, "resolution_party", unknown, "x.docx", admin)
        custom = _with_text(good, "{{ number }}", "MẪU RIÊNG {{ number }}")
        templates_store.upload_template(unit, "resolution_party", custom, "mine.docx", admin)
        document = new_document(world)
        assert "MẪU RIÊNG Số 01-NQ/ĐU" in _docx_text(document.docx)


def _with_text(data: bytes, old: str, new: str) -> bytes:
    import zipfile

    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "word/document.xml":
                content = content.decode().replace(old, new, 1).encode()
            target.writestr(info, content)
    return out.getvalue()


def test_sample_contexts_roundtrip_through_json():
    for kind in contexts.KINDS:
        context = samples.sample(kind, "state")
        again = contexts.context_from_dict(kind, contexts.context_to_dict(context))
        assert again == context
