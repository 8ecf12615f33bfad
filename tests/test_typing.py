"""The package type-checks clean with mypy under the project's configuration
(``[tool.mypy]`` in pyproject.toml; the same check as ``make lint``)."""

from pathlib import Path

import pytest

pytest.importorskip("mypy")

from mypy import api  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def test_package_type_checks_clean(tmp_path: Path) -> None:
    stdout, stderr, status = api.run([
        "--config-file", str(ROOT / "pyproject.toml"),
        "--cache-dir", str(tmp_path / "mypy-cache"),
        "--no-color-output",
        str(ROOT / "python" / "boilerstrip"),
    ])
    assert status == 0, stdout + stderr
