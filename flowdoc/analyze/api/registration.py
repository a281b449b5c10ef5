"""Registration: which command classes a command-list method (``getCommands()``) adds, under
which condition (found by the scan), and whether they are registered with default settings
(a mixin of :class:`~.builder.ModelBuilder`)."""

from __future__ import annotations

import re

from flowdoc.model.facts import Expr, TypeFacts
from flowdoc.read.conditions import is_command_list_method, strip_parens
from flowdoc.read.scan import is_test_path


class Registration:
    """Registered classes, their order in the command lists and their default registration."""

    def registered_classes(self) -> dict[str, tuple[str | None, str]]:
        """Class FQN -> (the condition under which a command-list method adds it, or ``None``
        for always; the class whose method it is). Unconditional anywhere wins."""
        found: dict[str, tuple[str | None, str]] = {}
        for fqn, t in self.index.types.items():
            if is_test_path(self.index.file_of[fqn]):
                continue
            for m in t.methods:
                if is_command_list_method(m):
                    self._collect_literals(fqn, t, m.name, found, depth=0, seen=set())
        return found

    def _collect_literals(self, fqn: str, t: TypeFacts, method: str, found: dict, depth: int,
                          seen: set) -> None:
        for m in _unseen_methods(fqn, t, method, seen):
            guards = dict(m.literal_conditions)  # found by the scan (read/conditions.py)
            exprs: list[Expr] = [a for c in m.calls for a in c.args]
            exprs.extend(a for c in m.creations for a in c.args)
            while exprs:
                e = exprs.pop()
                if e.kind == "class":
                    resolved = self.index.resolve_type(e.text, fqn)
                    if resolved is not None:
                        condition = guards.get(e.text)
                        if resolved not in found or condition is None:
                            found[resolved] = (condition, fqn)
                elif e.items:
                    exprs.extend(e.items)
            if depth < 2:  # helpers of the same class: cmdList.addAll(getVmCommands())
                for c in m.calls:
                    if c.receiver.kind in ("implicit", "this") and c.receiver.text == "":
                        self._collect_literals(fqn, t, c.member, found, depth + 1, seen)

    def registration_order(self) -> dict[str, int]:
        """Class FQN -> its position in the concatenated command lists, as listApis' discovery
        collects them into one ordered set: each list in source order (helper calls expanded
        where they are called); the lists of the class registering the most commands (the
        management server) first, then the others by file path (Spring's order of the
        services is not in the source)."""
        lists: list[tuple[int, str, list[str]]] = []
        for fqn, t in self.index.types.items():
            if is_test_path(self.index.file_of[fqn]):
                continue
            literals: list[str] = []
            for m in t.methods:
                if is_command_list_method(m):
                    self._ordered_literals(fqn, t, m.name, literals, 0, set())
            if literals:
                lists.append((-len(literals), self.index.file_of[fqn], literals))
        order: dict[str, int] = {}
        for _, _, literals in sorted(lists):
            for name in literals:
                order.setdefault(name, len(order))
        return order

    def _ordered_literals(self, fqn: str, t: TypeFacts, method: str, out: list[str], depth: int, seen: set) -> None:
        for m in _unseen_methods(fqn, t, method, seen):
            sites = sorted([(c.line, i, c.args, c) for i, c in enumerate(m.calls)]
                           + [(c.line, len(m.calls) + i, c.args, None) for i, c in enumerate(m.creations)],
                           key=lambda s: (s[0], s[1]))
            for _, _, args, call in sites:
                stack = list(reversed(args))
                while stack:
                    e = stack.pop()
                    if e.kind == "class":
                        resolved = self.index.resolve_type(e.text, fqn)
                        if resolved is not None:
                            out.append(resolved)
                    elif e.items:
                        stack.extend(reversed(e.items))
                if (call is not None and depth < 2 and call.receiver.kind in ("implicit", "this")
                        and call.receiver.text == ""):
                    self._ordered_literals(fqn, t, call.member, out, depth + 1, seen)

    def default_registration(self, condition: str | None, fqn: str) -> bool | None:
        """Whether a class added under ``condition`` is registered with the default settings:
        decided for conjunctions of ``[!]Key.value()`` on ``ConfigKey`` constants with a literal
        default (CloudStack's feature flags); ``None`` when it cannot be told."""
        if condition is None:
            return True
        result = True
        for term in split_top(condition, "&&"):
            term = strip_parens(term)
            negated = term.startswith("!")
            term = strip_parens(term.lstrip("!").strip())
            boxed = re.fullmatch(r"Boolean\.TRUE\.equals\((.*)\)", term)
            if boxed:
                term = strip_parens(boxed.group(1))
            value = self.flag_default(term, fqn)
            if value is None:
                return None
            result = result and (value != negated)
        return result

    def flag_default(self, term: str, fqn: str, depth: int = 0) -> bool | None:
        """Default of ``Key.value()`` (a ``ConfigKey`` constant), or of a method of the same
        class whose body only reads one such key (``isQuotaServiceEnabled()``)."""
        match = re.fullmatch(r"([\w.]+)\.value\(\)", term)
        if match is not None:
            return self.config_default(match.group(1), fqn)
        call = re.fullmatch(r"(?:this\.)?(\w+)\(\)", term)
        if call is None or depth > 1:
            return None
        for owner, m in self.index.find_methods(fqn, call.group(1)):
            if m.params or not m.has_body:
                continue
            reads = [c for c in m.calls if c.member == "value" and c.receiver.kind == "name" and not c.args]
            if len(reads) == 1 and len(m.calls) == 1:
                return self.config_default(reads[0].receiver.text, owner)
        return None

    def config_default(self, name: str, context: str) -> bool | None:
        found = self.index.resolve_constant(name, context)
        if found is None:
            return None
        owner, f = found
        if f.type.simple != "ConfigKey":
            return None
        for m in self.index.types[owner].methods:
            if m.name != "<clinit>":
                continue
            for c in m.creations:
                if c.type.simple == "ConfigKey" and f.line <= c.line <= f.line + 2 and len(c.args) > 3:
                    default = self.index.evaluate_string(c.args[3], owner)
                    if default in ("true", "false"):
                        return default == "true"
        return None


def _unseen_methods(fqn: str, t: TypeFacts, method: str, seen: set) -> list:
    """The methods ``method`` of ``t``, unless ``(fqn, method)`` was walked already (helpers
    calling each other)."""
    if (fqn, method) in seen:
        return []
    seen.add((fqn, method))
    return [m for m in t.methods if m.name == method]


def split_top(text: str, op: str) -> list[str]:
    parts, depth, start, k = [], 0, 0, 0
    while k < len(text):
        ch = text[k]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif depth == 0 and text.startswith(op, k):
            parts.append(text[start:k].strip())
            start = k + len(op)
            k += len(op)
            continue
        k += 1
    parts.append(text[start:].strip())
    return parts
