"""Packaging for torino.socialplan.

Tool settings (ruff, pytest, coverage) live in pyproject.toml; the tested
version set lives in constraints.txt.
"""

from pathlib import Path
from setuptools import find_namespace_packages
from setuptools import setup


HERE = Path(__file__).parent

long_description = "\n\n".join(
    (HERE / name).read_text(encoding="utf-8") for name in ("README.rst", "CHANGES.rst")
)

setup(
    name="torino.socialplan",
    version="1.0.0.dev0",
    description=(
        "Open public consultation on the Metropolitan Plan for the Social Economy "
        "of Turin (Torino Social Impact), as a Plone 6.2 add-on."
    ),
    long_description=long_description,
    long_description_content_type="text/x-rst",
    classifiers=[
        "Development Status :: 3 - Alpha",
        "Environment :: Web Environment",
        "Framework :: Plone",
        "Framework :: Plone :: 6.2",
        "Framework :: Plone :: Addon",
        "Framework :: Zope",
        "Natural Language :: English",
        "Natural Language :: Italian",
        "Operating System :: OS Independent",
        "Programming Language :: Python",
        "Programming Language :: Python :: 3.11",
    ],
    keywords="Plone consultation participation social-economy Torino",
    author="Torino Social Impact",
    license="GPL-2.0-only",
    # Native (PEP 420) namespace: there is no src/torino/__init__.py.
    packages=find_namespace_packages(where="src", include=["torino.*"]),
    package_dir={"": "src"},
    include_package_data=True,
    zip_safe=False,
    python_requires=">=3.11",
    install_requires=[
        "Products.CMFPlone>=6.2.2,<6.3",
        "plone.api",
        "plone.app.dexterity",
        "plone.app.discussion",
        "plone.restapi",
        "collective.z3cform.datagridfield",
        # HTTP caching of the public pages and purging on publication/edit.
        "plone.app.caching",
        "plone.cachepurging",
        # The "classic" distribution: Classic UI site with Barceloneta.
        "plone.classicui",
        "plone.distribution",
        # Dates in the reader's language and the consultation's time zone.
        "babel",
        "pytz",
        # Per-client limits on anonymous contributions.
        "limits",
        # Inline feedback: fuzzy re-anchoring of quoted passages (Bitap).
        "diff-match-patch",
        # Consultation report: server-rendered SVG charts; XLSX export.
        "pygal",
        "xlsxwriter",
        # Contributors' e-mail addresses checked as addresses (syntax only).
        "email-validator",
    ],
    extras_require={
        "test": [
            "plone.app.testing",
            "pytest",
            "pytest-cov",
            "pytest-plone>=1.0.0a3",
            "requests",
            "playwright",
            # Reads the XLSX exports back in tests.
            "openpyxl",
            # The hostile-input sweep (property-based).
            "hypothesis",
        ],
        # `make cluster` / `make zeo`: several Zope instances on RelStorage
        # (PostgreSQL) or ZEO, the rate limit shared through Redis.
        "cluster": [
            "RelStorage",
            # The driver RelStorage uses for PostgreSQL, as a wheel (no
            # compiler, no libpq headers).
            "psycopg2-binary",
            "redis",
            "ZEO",
        ],
        "dev": [
            "i18ndude",
            "ruff",
            # `make lint`: the layer contracts of pyproject.toml.
            "import-linter",
            "zpretty",
        ],
    },
    entry_points={
        # Loads our ZCML when Plone starts (read by plone.autoinclude).
        "z3c.autoinclude.plugin": ["target = plone"],
        # The WSGI filter for requests Zope cannot read (http/wsgi.py).
        "paste.filter_app_factory": [
            "request_framing = torino.socialplan.http.wsgi:filter_app_factory"
        ],
    },
)
