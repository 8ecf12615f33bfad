"""The type stubs of the compiled core (python/boilerstrip/_core.pyi) match the runtime."""

import subprocess
import sys

import pytest

pytest.importorskip("mypy.stubtest")


def test_core_stubs_match_the_compiled_module():
    run = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "boilerstrip._core"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
