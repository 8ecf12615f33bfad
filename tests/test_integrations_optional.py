"""A missing optional dependency names the package to install, and the extra of a checkout
(boilerstrip is not on PyPI)."""

from __future__ import annotations

import importlib
import sys

import pytest

from boilerstrip.integrations._optional import require


def test_require_names_the_extra() -> None:
    with pytest.raises(ImportError, match=r"pip install 'boilerstrip_no_such_module' .*pip install '\.\[ray\]'"):
        require("boilerstrip_no_such_module", "ray")
    assert require("json", "none").dumps([]) == "[]"


@pytest.mark.parametrize(("module", "blocked", "extra", "package"), [
    ("boilerstrip.integrations.ray", "ray", "ray", r"ray\[data\]"),
    ("boilerstrip.integrations.datatrove", "datatrove", "datatrove", "datatrove"),
])
def test_integration_modules_say_what_to_install(monkeypatch: pytest.MonkeyPatch, module: str, blocked: str, extra: str,
                                                 package: str) -> None:
    class Block:  # a meta-path finder that says the tool is not installed
        def find_spec(self, name, path=None, target=None):
            if name == blocked or name.startswith(blocked + "."):
                raise ImportError(f"No module named {name!r}")
            return None

    monkeypatch.setattr(sys, "meta_path", [Block(), *sys.meta_path])
    for m in [m for m in sys.modules if m == blocked or m.startswith(blocked + ".") or m == module]:
        monkeypatch.delitem(sys.modules, m)  # restored after the test
    with pytest.raises(ImportError, match=rf"pip install '{package}' .*pip install '\.\[{extra}\]'"):
        importlib.import_module(module)
