"""The environment of the test run, set before Django reads its settings.

Loaded with `-p wijkteam.pytest_plugin` (pyproject.toml): plugins named with -p are imported
before pytest-django configures Django, so these defaults are in place for every process of the
run, the live server's middleware included. The tests run the production settings over plain
HTTP on loopback.
"""

import os

os.environ.setdefault("SECRET_KEY", "alleen-voor-de-tests-niet-geheim-" + "0123456789" * 4)
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
