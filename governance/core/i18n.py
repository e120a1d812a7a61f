"""Language choice (Vietnamese first), and translation of validation messages."""

from __future__ import annotations

import re
from collections.abc import Iterable

from flask import Flask, current_app, has_request_context, request, session
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from governance.extensions import babel


def N_(message: str) -> str:
    """Marks a string for extraction; it is translated where it is shown."""
    return message


# marshmallow's parametrised messages, as (pattern, translatable template).
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^Longer than maximum length (\d+)\.$"), N_("At most %(n)s characters.")),
    (re.compile(r"^Shorter than minimum length (\d+)\.$"), N_("At least %(n)s characters.")),
    (
        re.compile(
            r"^Must be greater than or equal to (-?\d+) and less than or equal to (-?\d+)\.$"
        ),
        N_("Must be between %(n)s and %(m)s."),
    ),
    (re.compile(r"^Must be greater than or equal to (-?\d+)\.$"), N_("Must be at least %(n)s.")),
    (re.compile(r"^Must be less than or equal to (-?\d+)\.$"), N_("Must be at most %(n)s.")),
    (re.compile(r"^Must be one of: (.*)\.$"), N_("Must be one of: %(n)s.")),
)

# Registered so that `pybabel extract` sees marshmallow's fixed messages.
_FIXED = (
    _l("Missing data for required field."),
    _l("Not a valid integer."),
    _l("Not a valid string."),
    _l("Not a valid date."),
    _l("Field may not be null."),
    _l("Unknown field."),
    _l("Invalid input type."),
    _l("Invalid value."),
    _l("String does not match expected pattern."),
    _l("Not a valid number."),
    _l("Write the term as 2025–2030."),
    _l("Gender must be Nam or Nữ (API: male or female)."),
)


def localize(message: str) -> str:
    for pattern, template in _PATTERNS:
        if match := pattern.match(message):
            values = dict(zip(("n", "m"), match.groups(), strict=False))
            return _(template, **values)
    return _(message)


def localize_messages(messages: str | Iterable) -> list[str]:
    if isinstance(messages, str):
        return [localize(messages)]
    out: list[str] = []
    for message in messages:
        out.extend(
            localize_messages(message)
            if not isinstance(message, dict)
            else [f"{k}: {' '.join(localize_messages(v))}" for k, v in message.items()]
        )
    return out


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():
        return "en"  # the command line speaks English, like its --help
    if (chosen := session.get("lang")) in languages:
        return chosen
    if request.path.startswith("/api/"):
        return request.accept_languages.best_match(languages) or languages[0]
    return languages[0]  # Vietnamese first, whatever the browser says


def register(app: Flask) -> None:
    from governance.config import PROJECT_ROOT

    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(PROJECT_ROOT / "translations"))
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.globals["get_locale"] = get_locale
