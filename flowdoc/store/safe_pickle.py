"""Pickle that can only rebuild data: the cache may be shared, so loading it must not run code.

A plain ``pickle.load`` calls whatever callable the file names (``os.system`` included), so
anyone who can write one cache entry could run code in every later flowdoc run. Here
:meth:`DataUnpickler.find_class` admits only

- builtin containers and scalars, and ``collections``' Counter, OrderedDict, defaultdict, deque;
- networkx's graph classes and their (cached) view classes;
- flowdoc's own data classes: dataclasses and enums of the ``flowdoc`` package (plus the few
  plain data holders in :data:`FLOWDOC_DATA_CLASSES`), whose construction runs no foreign code.

Anything else raises :class:`ForbiddenGlobal`; the store then discards the entry and rebuilds.
This module imports nothing of flowdoc, so any layer (the facts' lazy method bodies included)
can load through it.
"""

from __future__ import annotations

import dataclasses
import enum
import importlib
import io
import pickle
import sys
from typing import IO, Any

# Not range, bytes or bytearray: protocol 4/5 pickles never name them, and as callables they
# let a 50-byte entry allocate without bound (`list(range(10**10))`, `bytes(10**10)`): a hang.
BUILTINS = frozenset({"dict", "list", "tuple", "set", "frozenset", "str", "int",
                      "float", "complex", "bool", "slice", "NoneType"})
COLLECTIONS = frozenset({"Counter", "OrderedDict", "defaultdict", "deque"})
NETWORKX_MODULES = frozenset({"networkx.classes.graph", "networkx.classes.digraph", "networkx.classes.multigraph",
                              "networkx.classes.multidigraph", "networkx.classes.reportviews",
                              "networkx.classes.coreviews"})
# flowdoc classes that are plain data holders without being dataclasses.
FLOWDOC_DATA_CLASSES = frozenset({("flowdoc.model.facts", "LazyBody")})

_admitted: dict[tuple[str, str], Any] = {}


class ForbiddenGlobal(pickle.UnpicklingError):
    """A pickle named a global outside the allow-list (it could run code)."""


def _is_flowdoc_data(module: str, name: str, obj: Any) -> bool:
    if not isinstance(obj, type):
        return False
    if (module, name) in FLOWDOC_DATA_CLASSES:
        return True
    return dataclasses.is_dataclass(obj) or issubclass(obj, enum.Enum)


def _resolve(module: str, name: str) -> Any:
    """The admitted object ``module.name``; ForbiddenGlobal for anything else."""
    if module == "builtins" and name in BUILTINS:
        return type(None) if name == "NoneType" else getattr(__import__("builtins"), name)
    if module == "collections" and name in COLLECTIONS:
        return getattr(importlib.import_module("collections"), name)
    if "." not in name and (module in NETWORKX_MODULES or module == "flowdoc" or module.startswith("flowdoc.")):
        if module.startswith("flowdoc.sample"):
            raise ForbiddenGlobal(f"{module}.{name}")
        # flowdoc's and networkx's own modules only define classes and functions when imported
        mod = sys.modules.get(module) or importlib.import_module(module)
        obj = getattr(mod, name, None)
        if getattr(obj, "__module__", None) == module:  # defined there, not imported into it
            if module in NETWORKX_MODULES and isinstance(obj, type):
                return obj
            if _is_flowdoc_data(module, name, obj):
                return obj
    raise ForbiddenGlobal(f"{module}.{name}")


class DataUnpickler(pickle.Unpickler):
    """An unpickler whose globals come from the allow-list only (see the module docstring)."""

    def find_class(self, module: str, name: str) -> Any:
        key = (module, name)
        found = _admitted.get(key)
        if found is None:
            try:
                found = _resolve(module, name)
            except ImportError:
                raise ForbiddenGlobal(f"{module}.{name}") from None
            _admitted[key] = found
        return found

    def persistent_load(self, pid: Any) -> Any:
        raise ForbiddenGlobal(f"persistent id {pid!r}")


def loads(data: bytes) -> Any:
    """Unpickle ``data`` through the allow-list."""
    return DataUnpickler(io.BytesIO(data)).load()


def load(handle: IO[bytes]) -> Any:
    """Unpickle from an open binary file through the allow-list."""
    return DataUnpickler(handle).load()


def dumps(value: Any) -> bytes:
    """Pickle ``value`` (any protocol detail is the standard library's)."""
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
