"""The method bodies a virtual call can reach (a mixin of :class:`~.resolve.Resolver`)."""

from __future__ import annotations

from collections.abc import Callable

from flowdoc.analyze.callgraph.types import ENTRY_NAMES
from flowdoc.analyze.symbols import SymbolIndex
from flowdoc.model.facts import MethodFacts


def _signature(m: MethodFacts) -> str:
    return m.signature


def find_override(methods: Callable[[str, str], list[tuple[str, MethodFacts]]], index: SymbolIndex, cls: str,
                  owner: str, m: MethodFacts,
                  sig: Callable[[MethodFacts], str] = _signature) -> tuple[str, MethodFacts] | None:
    """The method ``cls`` runs for ``owner.m`` (its own override or an inherited one), given
    ``methods(fqn, name)``: the methods across supertypes."""
    n = len(m.params)
    same_arity = [(o, c) for o, c in methods(cls, m.name) if len(c.params) == n]
    if not same_arity:
        return None
    if len(same_arity) == 1:
        return same_arity[0]
    wanted = sig(m)
    for hit in same_arity:
        if sig(hit[1]) == wanted:
            return hit
    # generic overrides (findById(ID) vs findById(Long)): parameters that are type variables match anything
    owner_facts = index.types.get(owner)
    tparams = set(owner_facts.type_params if owner_facts else ()) | set(m.type_params)
    for hit in same_arity:
        if all(p.type is None or q.type is None or p.type.name in tparams or p.type.simple == q.type.simple
               for p, q in zip(m.params, hit[1].params, strict=False)):
            return hit
    return None


class Dispatch:
    """Class-hierarchy dispatch, overrides and the entry methods of runnables."""

    def concrete_subtypes(self, fqn: str) -> tuple[str, ...]:
        memo = self._impls_memo.get(fqn)
        if memo is None:
            main = self.main
            memo = tuple(s for s in self.index.implementations(fqn) if s in main)
            self._impls_memo[fqn] = memo
        return memo

    def dispatch_targets(self, recv_fqn: str, owner: str, m: MethodFacts) -> tuple[tuple[str, MethodFacts], ...]:
        """Distinct method bodies a virtual call can reach on concrete subtypes of the receiver
        type (and the receiver type itself when concrete)."""
        key = (recv_fqn, owner, id(m))
        memo = self._dispatch_memo.get(key)
        if memo is not None:
            return memo
        found: dict[str, tuple[str, MethodFacts]] = {}
        classes = list(self.concrete_subtypes(recv_fqn))
        if self.index.is_concrete(recv_fqn):
            classes.insert(0, recv_fqn)
        for cls in classes:
            hit = self.override(cls, owner, m)
            if hit is not None and hit[1].has_body and "abstract" not in hit[1].modifiers:
                found.setdefault(self.mid(*hit), hit)
        memo = tuple(found[k] for k in sorted(found))
        self._dispatch_memo[key] = memo
        return memo

    def override(self, cls: str, owner: str, m: MethodFacts) -> tuple[str, MethodFacts] | None:
        """The method ``cls`` runs for ``owner.m``: its own override or an inherited one."""
        return find_override(self.methods, self.index, cls, owner, m, self.sig)

    def entry_methods(self, cls: str) -> list[tuple[str, MethodFacts]]:
        """What a thread runs for a runnable ``cls``: its run()/call() and the template methods
        it overrides (``runInContext``); inherited run()/call() when it declares none."""
        facts = self.index.types.get(cls)
        if facts is None:
            return []
        entries = []
        abstract_names = set()
        for sup in self.index.supertypes(cls):
            sf = self.index.types.get(sup)
            if sf is not None and sf.kind == "class":
                abstract_names.update(x.name for x in sf.methods if "abstract" in x.modifiers)
        for m in facts.methods:
            if m.has_body and not m.params and (m.name in ENTRY_NAMES or m.name in abstract_names):
                entries.append((cls, m))
        if not entries:
            for name in ENTRY_NAMES:
                for owner, m in self.methods(cls, name):
                    if not m.params and m.has_body:
                        entries.append((owner, m))
                        break
        return entries

    def runnable_wrappers(self, cls: str) -> list[tuple[str, MethodFacts]]:
        """The ``run()``/``call()`` bodies a thread goes through for ``cls``, most specific first
        (its own, then each ``super.run()`` up the superclasses)."""
        for name in ENTRY_NAMES:
            found = []
            for owner in (cls, *self.index.superclass_chain(cls)):
                facts = self.index.types.get(owner)
                found.extend((owner, m) for m in (facts.methods if facts is not None else ())
                             if m.name == name and not m.params and m.has_body)
            if found:
                return found
        return []
