"""Keys, detached CMS signatures over the .docx, PAdES signatures on the PDF, and checks.

Keys: a PKCS#12 file per unit from DOCUMENT_SIGNING_P12 (a directory holding
`<UNIT-CODE>.p12`, one file for all units, or a mapping code → path; the password in
DOCUMENT_SIGNING_P12_PASSWORD). Without one, a development certificate is generated once
per unit under instance/keys/ — it proves integrity, not identity, and the pages say so.
"""

from __future__ import annotations

import asyncio
import datetime
import hashlib
import io
import logging
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from asn1crypto import (
    cms,
    tsp,  # noqa: F401  (registers CMS attributes pyHanko signs with)
)
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.serialization import pkcs7, pkcs12
from cryptography.x509.oid import NameOID
from flask import current_app

log = logging.getLogger("governance.documents")
DER = serialization.Encoding.DER
PEM = serialization.Encoding.PEM


@dataclass(frozen=True)
class SigningKey:
    key: Any  # a cryptography private key
    cert: x509.Certificate
    chain: tuple[x509.Certificate, ...] = ()
    development: bool = False

    @property
    def cert_pem(self) -> str:
        return self.cert.public_bytes(PEM).decode()


def _setting(name: str) -> Any:
    return current_app.config.get(name) or os.environ.get(name)


def key_for(unit_code: str, unit_name: str) -> SigningKey:
    """The unit's configured PKCS#12 key, else its development key."""
    path = _p12_path(unit_code)
    if path is not None:
        password = _setting("DOCUMENT_SIGNING_P12_PASSWORD")
        return load_p12(path.read_bytes(), password.encode() if password else None)
    return development_key(unit_code, unit_name)


def _p12_path(unit_code: str) -> Path | None:
    configured = _setting("DOCUMENT_SIGNING_P12")
    if not configured:
        return None
    if isinstance(configured, dict):
        found = configured.get(unit_code)
        return Path(found) if found else None
    path = Path(configured)
    if path.is_dir():
        path = path / f"{unit_code}.p12"
    return path if path.is_file() else None


def load_p12(data: bytes, password: bytes | None) -> SigningKey:
    key, cert, extra = pkcs12.load_key_and_certificates(data, password)
    if key is None or cert is None:
        raise ValueError("The PKCS#12 file holds no key and certificate.")
    return SigningKey(key=key, cert=cert, chain=tuple(extra or ()))


def development_key(unit_code: str, unit_name: str) -> SigningKey:
    folder = Path(current_app.instance_path) / "keys"
    path = folder / f"dev-{_safe(unit_code)}.pem"
    if not path.exists():
        log.warning(
            "No DOCUMENT_SIGNING_P12 for unit %s: generating a DEVELOPMENT certificate in %s. "
            "Signatures made with it prove integrity, not identity.",
            unit_code,
            path,
        )
        folder.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(_new_development_pem(unit_name))
        temporary.chmod(0o600)
        os.replace(temporary, path)
    data = path.read_bytes()
    key = serialization.load_pem_private_key(data, password=None)
    cert = x509.load_pem_x509_certificate(data)
    return SigningKey(key=key, cert=cert, development=True)


def _safe(code: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in code)


def _new_development_pem(unit_name: str) -> bytes:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, f"{unit_name} (chứng thư thử nghiệm)"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Hội nghị – development only"),
        ]
    )
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, True, False, False, False),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return key_pem + cert.public_bytes(PEM)


# CMS over the .docx ---------------------------------------------------------------------


def sign_detached(data: bytes, signing: SigningKey) -> bytes:
    """A DER detached CMS signature: `openssl cms -verify -binary -inform DER -content …`."""
    builder = pkcs7.PKCS7SignatureBuilder().set_data(data)
    builder = builder.add_signer(signing.cert, signing.key, hashes.SHA256())
    for cert in signing.chain:
        builder = builder.add_certificate(cert)
    options = [pkcs7.PKCS7Options.DetachedSignature, pkcs7.PKCS7Options.Binary]
    return builder.sign(DER, options)


def verify_detached(data: bytes, signature: bytes, cert_pem: str) -> bool:
    """The signature covers exactly `data` and was made with the key of `cert_pem`."""
    try:
        signed = cms.ContentInfo.load(signature)["content"]
        signer = signed["signer_infos"][0]
        expected = x509.load_pem_x509_certificate(cert_pem.encode())
        attrs = signer["signed_attrs"]
        digest = next(a["values"][0].native for a in attrs if a["type"].native == "message_digest")
        algorithm = signer["digest_algorithm"]["algorithm"].native
        if hashlib.new(algorithm, data).digest() != digest:
            return False
        if not _signer_cert_matches(signed, signer, expected):
            return False
        content = b"\x31" + attrs.dump(force=True)[1:]  # signed as a SET, not [0]
        _check(expected.public_key(), signer["signature"].native, content, algorithm)
    except (ValueError, KeyError, TypeError, StopIteration, InvalidSignature):
        return False
    return True


def _signer_cert_matches(signed: cms.SignedData, signer: cms.SignerInfo, expected) -> bool:
    sid = signer["sid"].chosen
    for choice in signed["certificates"] or []:
        cert = choice.chosen
        if cert.issuer == sid["issuer"] and cert.serial_number == sid["serial_number"].native:
            return cert.dump() == expected.public_bytes(DER)
    return False


def _check(public_key, signature: bytes, content: bytes, algorithm: str) -> None:
    digest = {"sha256": hashes.SHA256(), "sha384": hashes.SHA384(), "sha512": hashes.SHA512()}
    chosen = digest.get(algorithm)
    if chosen is None:
        raise ValueError(algorithm)
    if isinstance(public_key, rsa.RSAPublicKey):
        public_key.verify(signature, content, padding.PKCS1v15(), chosen)
    elif isinstance(public_key, ec.EllipticCurvePublicKey):
        public_key.verify(signature, content, ec.ECDSA(chosen))
    else:
        raise ValueError("unsupported key")


# PAdES on the PDF -----------------------------------------------------------------------


def pyhanko_signer(signing: SigningKey):
    """pyHanko's signer for a key (certificate chain included)."""
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    cert = asn1_x509.Certificate.load(signing.cert.public_bytes(DER))
    key = asn1_keys.PrivateKeyInfo.load(
        signing.key.private_bytes(
            DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    chain = [asn1_x509.Certificate.load(c.public_bytes(DER)) for c in signing.chain]
    return signers.SimpleSigner(
        signing_cert=cert,
        signing_key=key,
        cert_registry=SimpleCertificateStore.from_certs([cert, *chain]),
    )


def sign_pdf(pdf: bytes, signing: SigningKey, reason: str, location: str) -> bytes:
    """An invisible signature (kept for PDFs without a signer block)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko.sign.fields import SigSeedSubFilter

    meta = signers.PdfSignatureMetadata(
        field_name="Signature",
        md_algorithm="sha256",
        subfilter=SigSeedSubFilter.PADES,
        reason=reason,
        location=location,
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    signer = pyhanko_signer(signing)
    return outside_event_loop(signers.sign_pdf, writer, meta, signer=signer).getvalue()


def seal_key_for(unit_code: str) -> SigningKey | None:
    """The organisation's seal key (DOCUMENT_SEAL_P12: a directory of `<UNIT-CODE>.p12`, one
    file, or a mapping code → path; DOCUMENT_SEAL_P12_PASSWORD), or None: no seal then."""
    configured = _setting("DOCUMENT_SEAL_P12")
    if not configured:
        return None
    if isinstance(configured, dict):
        found = configured.get(unit_code)
        path = Path(found) if found else None
    else:
        path = Path(configured)
        path = path / f"{unit_code}.p12" if path.is_dir() else path
    if path is None or not path.is_file():
        return None
    password = _setting("DOCUMENT_SEAL_P12_PASSWORD")
    return load_p12(path.read_bytes(), password.encode() if password else None)


def outside_event_loop(function, *args, **kwargs):
    """pyHanko's blocking calls use asyncio.run(), which refuses to start inside a running
    loop (an async server, Playwright's in tests): then run them in a thread of their own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args, **kwargs).result()


@dataclass(frozen=True)
class PdfCheck:
    valid: bool
    message: str
    signer: str = ""


def pdf_signatures(pdf: bytes) -> list[dict]:
    """Each embedded signature: its field, signer, and whether it is intact and valid (the
    last must also cover the whole file; earlier ones cover the revision they signed)."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    report = []
    try:
        signatures = PdfFileReader(io.BytesIO(pdf), strict=False).embedded_signatures
    except Exception:  # a damaged file: nothing to report
        return report
    for embedded in signatures:
        entry = {"field": embedded.field_name, "signer": "", "valid": False}
        try:
            context = ValidationContext(trust_roots=[embedded.signer_cert], allow_fetching=False)
            status = outside_event_loop(validate_pdf_signature, embedded, context)
            entry["signer"] = status.signing_cert.subject.human_friendly
            entry["valid"] = bool(status.intact and status.valid)
            entry["signed_at"] = (
                status.signer_reported_dt.isoformat() if status.signer_reported_dt else None
            )
        except Exception as error:
            log.info("PDF signature %s unreadable: %s", embedded.field_name, error)
        report.append(entry)
    return report


def check_signed_pdf(pdf: bytes) -> PdfCheck:
    """Intact, cryptographically valid, and covering the whole file (nothing added after).

    Whether the signer's certificate is trusted (a Vietnamese CA) is a separate question the
    caller may add with a validation context; here the file itself is checked.
    """
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    try:
        signatures = PdfFileReader(io.BytesIO(pdf), strict=False).embedded_signatures
        if not signatures:
            return PdfCheck(False, "no_signature")
        embedded = signatures[-1]
        # Trust is not judged here (see above): anchoring on the signer's own certificate
        # keeps pyHanko to the integrity checks.
        context = ValidationContext(trust_roots=[embedded.signer_cert], allow_fetching=False)
        status = outside_event_loop(validate_pdf_signature, embedded, context)
    except Exception as error:  # pyHanko raises many kinds on a damaged file
        log.info("signed PDF refused: %s: %s", type(error).__name__, error)
        return PdfCheck(False, "unreadable")
    if not (status.intact and status.valid):
        return PdfCheck(False, "broken")
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        return PdfCheck(False, "partial")
    return PdfCheck(True, "ok", status.signing_cert.subject.human_friendly)
