"""The application factory: settings, extensions, discovered domain modules, CLI."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from types import ModuleType
from typing import Any

from flask import Flask

from governance.config import INSTANCE_DIR, PROJECT_ROOT, default_settings
from governance.core.discovery import domain_modules
from governance.extensions import api, csrf, db, login_manager, migrate

# Inside a domain package, these modules are picked up by name.
DOMAIN_MODULES = ("models", "views", "api", "cli")


def build_app(config: Mapping[str, Any] | None = None) -> Flask:
    app = Flask(
        "governance",
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
        instance_path=str(INSTANCE_DIR),
    )
    app.config.update(default_settings())
    app.config.update(config or {})
    app.json.ensure_ascii = False
    app.jinja_env.globals["timedelta"] = (
        timedelta  # Vietnamese stays readable in JSON and the audit page
    )
    _init_extensions(app)
    for module in discover_domain_modules():
        _register(app, module)
    from governance.core import errors, i18n, nav, security

    errors.register(app)
    nav.register(app)
    security.register(app)
    i18n.register(app)
    return app


def _init_extensions(app: Flask) -> None:
    from governance.core import database

    db.init_app(app)
    with app.app_context():
        database.configure_engine(db.engine)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"), render_as_batch=True)
    login_manager.init_app(app)
    csrf.init_app(app)
    api.init_app(app)


def discover_domain_modules() -> list[ModuleType]:
    """Import models, views, api and cli of every package under governance/."""
    return [module for name in DOMAIN_MODULES for module in domain_modules(name)]


def _register(app: Flask, module: ModuleType) -> None:
    for blueprint in [getattr(module, "blueprint", None), *getattr(module, "blueprints", ())]:
        if blueprint is not None:
            app.register_blueprint(blueprint)
    if blp := getattr(module, "blp", None):
        api.register_blueprint(blp)
        csrf.exempt(blp)  # the API authenticates with bearer tokens, never cookies
    for command in getattr(module, "commands", ()):
        app.cli.add_command(command)
