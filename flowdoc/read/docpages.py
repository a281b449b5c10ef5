"""Hand-written Markdown pages: which tree a page is written about (its front matter).

A page of ``site_src/`` may start with YAML front matter naming the kind of tree it speaks of
(:func:`flowdoc.read.packaging.tree_kind`):

- ``flowdoc_tree: cloudstack`` (or ``sample``): the page exists only in the site of such a tree,
  and ``flowdoc check`` verifies it only against such a tree (a walk-through of one API);
- ``flowdoc_check: cloudstack``: the page is in every site, but its names are examples from
  such a tree, so ``flowdoc check`` verifies them only against one (flowdoc's own reference).
"""

from __future__ import annotations

import re

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*\r?\n", re.S)
_KEY_VALUE = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$")


def front_matter(text: str) -> dict[str, str]:
    """The ``key: value`` lines of a page's leading ``---`` block (values as plain strings)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}
    values = {}
    for line in match.group(1).splitlines():
        kv = _KEY_VALUE.match(line)
        if kv:
            values[kv.group(1)] = kv.group(2).strip("'\"")
    return values


def page_in_site(text: str, kind: str) -> bool:
    """Whether a page belongs in the site of a tree of ``kind``."""
    wanted = front_matter(text).get("flowdoc_tree")
    return wanted is None or wanted.lower() == kind


def page_checked(text: str, kind: str) -> bool:
    """Whether ``flowdoc check`` verifies a page's names against a tree of ``kind``."""
    meta = front_matter(text)
    wanted = meta.get("flowdoc_tree") or meta.get("flowdoc_check")
    return wanted is None or wanted.lower() == kind
