"""Settings for ``boilerstrip clean`` from a TOML file and named presets.

A config file holds option names (as on the command line, ``-`` or ``_``) at the top level,
and presets as tables under ``[presets.NAME]``::

    # boilerstrip.toml
    workers = 2
    format = "parquet"
    html-field = "content"

    [presets.strict]
    threshold = 0.7
    min-words = 50

Precedence, lowest first: built-in defaults, the file's top level, the preset (``--preset``,
else the file's ``preset = "NAME"``; the file's own presets or a built-in one from
:data:`PRESETS`), then the command line.
Unknown names and values of the wrong type are errors that name the file and the key.
"""

from __future__ import annotations

import argparse
import difflib
import math
import os
import stat
import sys
from typing import Any

from boilerstrip.options import fits_64_bits

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

__all__ = ["PRESETS", "SettingsError", "load_settings", "drop_overridden", "integer", "real"]

#: Presets that need no file.
PRESETS: dict[str, dict[str, Any]] = {
    "precision": {"threshold": 0.65},
    # (a floor, not a threshold: it adds lines to the per-page choice, where a threshold of
    # 0.35 kept fewer lines than the default on uncertain pages)
    "recall": {"floor": 0.3},
    "fast": {"html_mode": "fast", "single_pass": True},
    # the fast text path (Options(scorer="fast")): about 1.2x the speed of "fast" on text
    # (1.5x the default's), some 3 points of F1 lower, no title, author or date from text
    "fast-text": {"html_mode": "fast", "scorer": "fast"},
    "dolma": {"format": "jsonl", "compression": "gzip"},
    "parquet": {"format": "parquet", "compression": "zstd"},
}

_NOT_SETTABLE = {"help", "paths", "config", "preset", "func", "command"}

#: Settings that exclude each other: a layer that sets one drops the other of the layers below
#: it (the recall preset's floor and a threshold on the command line were refused as a pair).
_EXCLUDES = {"threshold": ("floor",), "floor": ("threshold",)}


def drop_overridden(lower: dict[str, Any], higher: dict[str, Any]) -> None:
    """Drop from ``lower`` (a layer's settings, by option name) what ``higher``'s settings
    exclude: the other of ``floor`` and ``threshold``, and a compression where ``higher``
    writes plain files (``format = "txt"``)."""
    for key in higher:
        for other in _EXCLUDES.get(key, ()):
            lower.pop(other, None)
    if higher.get("format") == "txt":
        lower.pop("compression", None)


class SettingsError(ValueError):
    """A config file or preset that cannot be used (the message says where and why)."""


def real(value: str | float) -> float:
    """A number, not NaN (argparse's ``float`` takes "nan": a NaN limit never trips)."""
    try:
        x = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid number: {value!r}") from None
    if math.isnan(x):
        raise argparse.ArgumentTypeError(f"{value!r} is not a number")
    return x


def integer(value: str | int) -> int:
    """An integer within 64 bits (what a run's state, in JSON, holds)."""
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid integer: {value!r}") from None
    if not fits_64_bits(n):
        raise argparse.ArgumentTypeError(f"{value} is out of the 64-bit range")
    return n


#: Settings whose value in a config file may be a list of strings.
_LISTS = frozenset({"languages"})


def _check(action: argparse.Action, key: str, value: Any, where: str) -> Any:
    def bad(expected: str) -> SettingsError:
        return SettingsError(f"{where}: {key} must be {expected}, got {value!r}")

    if isinstance(action, (argparse._StoreTrueAction, argparse._StoreFalseAction)):
        if not isinstance(value, bool):
            raise bad("true or false")
        return value
    # (a list only for a setting that takes several values: `languages = ["en", "de"]`)
    if isinstance(value, bool) or isinstance(value, dict) or (isinstance(value, list) and action.dest not in _LISTS):
        raise bad("a single value")
    if action.type in (int, integer) and not isinstance(value, int):
        raise bad("an integer")
    if action.type in (float, real) and not isinstance(value, (int, float)):
        raise bad("a number")
    if action.type is not None:
        if not callable(action.type):  # argparse also takes a type registered by name; our parser has none
            raise TypeError(f"{key}: the option's type {action.type!r} is a name, not a callable")
        try:
            value = action.type(value)
        except (argparse.ArgumentTypeError, TypeError, ValueError) as e:
            # (a type checks strings, as the command line gives: `languages = 5` is a TypeError)
            raise SettingsError(f"{where}: {key}: {e}") from None
    elif not isinstance(value, str):
        raise bad("a string")
    if action.choices is not None and value not in action.choices:
        raise bad("one of " + ", ".join(map(str, action.choices)))
    return value


def _to_defaults(table: dict[str, Any], parser: argparse.ArgumentParser, where: str) -> dict[str, Any]:
    actions = {a.dest: a for a in parser._actions if a.dest not in _NOT_SETTABLE}
    out: dict[str, Any] = {}
    for key, value in table.items():
        dest = key.replace("-", "_")
        if dest not in actions:
            hint = difflib.get_close_matches(dest, list(actions), n=1)
            tip = f" (did you mean {hint[0].replace('_', '-')!r}?)" if hint else ""
            raise SettingsError(f"{where}: unknown setting {key!r}{tip}")
        out[dest] = _check(actions[dest], key, value, where)
    return out


#: The largest config file read (a settings file is a few hundred bytes).
MAX_CONFIG_BYTES = 1 << 20


def _read_config(config: str) -> bytes:
    """The bytes of the config file: a regular file or a pipe (`--config <(...)`) of at most
    :data:`MAX_CONFIG_BYTES` (``/dev/zero`` was read until memory ran out)."""
    if stat.S_ISCHR(mode := os.stat(config).st_mode) or stat.S_ISBLK(mode) or stat.S_ISSOCK(mode):
        raise SettingsError(f"config file {config} is not a regular file (a device or a socket)")
    with open(config, "rb") as f:
        data = f.read(MAX_CONFIG_BYTES + 1)
    if len(data) > MAX_CONFIG_BYTES:
        raise SettingsError(f"config file {config} is larger than {MAX_CONFIG_BYTES >> 20} MiB: is it a settings file?")
    return data


def load_settings(parser: argparse.ArgumentParser, config: str | None, preset: str | None) -> dict[str, Any]:
    """Defaults for ``parser`` from the config file and the preset."""
    data: dict[str, Any] = {}
    if config is not None:
        try:
            data = tomllib.loads(_read_config(config).decode("utf-8"))
        except OSError as e:
            raise SettingsError(f"cannot read config file {config}: {e.strerror or e}") from e
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
            raise SettingsError(f"config file {config} is not valid TOML: {e}") from e
    presets = data.pop("presets", {})
    if not isinstance(presets, dict):
        raise SettingsError(f"{config}: [presets] must be a table of tables")
    # the file may name its preset (`preset = "fast"`); --preset on the command line wins
    chosen = data.pop("preset", None)
    if chosen is not None and not isinstance(chosen, str):
        raise SettingsError(f"{config}: preset must be a preset's name, got {chosen!r}")
    if preset is None:
        preset = chosen
    out = _to_defaults(data, parser, str(config))
    # every preset of the file is checked, used or not: a misspelt key in one would otherwise
    # surface only on the day a run picks it
    checked = {}
    for name, table in presets.items():
        where = f"{config} [presets.{name}]"
        if not isinstance(table, dict):
            raise SettingsError(f"{where} must be a table")
        checked[name] = _to_defaults(table, parser, where)
    if preset is not None:
        if preset in checked:
            layer = checked[preset]
        elif preset in PRESETS:
            layer = _to_defaults(PRESETS[preset], parser, f"preset {preset!r}")
        else:
            known = sorted(set(presets) | set(PRESETS))
            close = difflib.get_close_matches(preset, known, n=1)
            meant = f" (did you mean {close[0]!r}?)" if close else ""
            raise SettingsError(f"unknown preset {preset!r}{meant}; known presets: {', '.join(known)}")
        drop_overridden(out, layer)
        out.update(layer)
    return out
