"""Compile-time constants: the values of ``static final`` fields and constant expressions
(strings, numbers, booleans; ``+`` concatenation, across classes, static imports, interface
constants) as javac folds them, for a :class:`~flowdoc.analyze.symbols.SymbolIndex` (a mixin)."""

from __future__ import annotations

from flowdoc.model.facts import Expr, FieldFacts


class ConstantValues:
    """Constant evaluation over the index's types, fields and name resolution (memoized)."""

    def evaluate_string(self, expr: Expr | None, context_fqn: str) -> str | None:
        """The value of a ``String`` constant expression written in ``context_fqn``."""
        value = self.evaluate_constant(expr, context_fqn)
        if value is None or isinstance(value, str):
            return value
        return None

    def evaluate_constant(self, expr: Expr | None, context_fqn: str) -> str | int | float | bool | None:
        """The value of a compile-time constant (string, number, boolean; ``+`` concatenation,
        ``static final`` fields across classes, static imports, interface constants) or None."""
        if expr is None:
            return None
        kind = expr.kind
        if kind == "str" or kind == "char":
            return expr.text
        if kind == "num":
            return _number(expr.text)
        if kind == "bool":
            return expr.text == "true"
        if kind == "name":
            return self._name_value(expr.text, context_fqn)
        if kind == "field" and expr.items and expr.items[0].kind == "name":
            return self._name_value(f"{expr.items[0].text}.{expr.text}", context_fqn)
        if kind == "cast" and expr.items:
            return self.evaluate_constant(expr.items[0], context_fqn)
        if kind == "binop":
            values = [self.evaluate_constant(item, context_fqn) for item in expr.items]
            if any(v is None for v in values):
                return None
            return _binop(expr.text, values)
        return None

    def resolve_constant(self, name: str, context_fqn: str) -> tuple[str, FieldFacts] | None:
        """The ``(owner FQN, field)`` a constant name (``X``, ``Cls.X``, ``a.b.Cls.X``) denotes."""
        if "." in name:
            prefix, member = name.rsplit(".", 1)
            owner = self.resolve_type(prefix, context_fqn)
            if owner is None or owner not in self.types:
                return None
            return self.find_field(owner, member)
        current: str | None = context_fqn
        while current is not None:  # the type, its supertypes, then enclosing types
            found = self.find_field(current, name)
            if found is not None:
                return found
            current = self.outer_of.get(current)
        top = context_fqn
        while top in self.outer_of:
            top = self.outer_of[top]
        file_facts = self.file_facts(top)
        if file_facts is None:
            return None
        for imp in file_facts.imports:  # single static imports first, then on-demand
            if imp.static and not imp.wildcard and imp.path.rsplit(".", 1)[-1] == name:
                owner = self.resolve_type(imp.path.rsplit(".", 1)[0], top)
                if owner in self.types:
                    found = self.find_field(owner, name)
                    if found is not None:
                        return found
        for imp in file_facts.imports:
            if imp.static and imp.wildcard:
                owner = self.resolve_type(imp.path, top)
                if owner in self.types:
                    found = self.find_field(owner, name)
                    if found is not None:
                        return found
        return None

    def _name_value(self, name: str, context: str):
        key = (name, context)
        if key in self._const_memo:
            return self._const_memo[key]
        found = self.resolve_constant(name, context)
        value = None
        if found is not None:
            value = self._field_value(*found)
        self._const_memo[key] = value
        return value

    def _field_value(self, owner: str, f: FieldFacts):
        facts = self.types.get(owner)
        constant = "final" in f.modifiers or (facts is not None and facts.kind == "interface")
        if not constant or f.initializer is None:
            return None
        key = (owner, f.name)
        if key in self._const_busy:  # a cycle (A = B; B = A): no value
            return None
        self._const_busy.add(key)
        try:
            return self.evaluate_constant(f.initializer, owner)
        finally:
            self._const_busy.discard(key)


def _number(text: str) -> int | float | None:
    raw = text.replace("_", "").strip()
    if not raw:
        return None
    lower = raw.lower()
    try:
        if lower.startswith("0x"):
            return int(lower.rstrip("l"), 16)
        if lower.startswith("0b"):
            return int(lower.rstrip("l"), 2)
        if lower.endswith("l"):
            return int(lower[:-1], 8 if len(lower) > 2 and lower.startswith("0") else 10)
        if lower.endswith(("f", "d")) and not lower.startswith("0x"):
            return float(lower[:-1])
        if any(c in lower for c in ".e"):
            return float(lower)
        if len(lower) > 1 and lower.startswith("0"):
            return int(lower, 8)
        return int(lower)
    except ValueError:
        return None


def _java_str(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _binop(op: str, values: list):
    if op == "+":
        acc = values[0]
        for v in values[1:]:
            if isinstance(acc, str) or isinstance(v, str):
                acc = _java_str(acc) + _java_str(v)
            elif isinstance(acc, bool) or isinstance(v, bool):
                return None
            else:
                acc = acc + v
        return acc
    if op in ("&&", "||") and all(isinstance(v, bool) for v in values):
        return all(values) if op == "&&" else any(values)
    if len(values) != 2 or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
        return None
    a, b = values
    try:
        if op == "-":
            return a - b
        if op == "*":
            return a * b
        if op == "/":
            return int(a / b) if isinstance(a, int) and isinstance(b, int) else a / b
        if op == "%":
            return a % b
        if op == "<<" and isinstance(a, int) and isinstance(b, int):
            return a << b
    except (ZeroDivisionError, ValueError, OverflowError):
        return None
    return None
