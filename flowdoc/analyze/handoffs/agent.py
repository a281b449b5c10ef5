"""The agent hand-off: a command object given to the agent manager's send methods (or to a
storage end point) runs on a host, in the handler of its command class.

Senders are the methods of the sender types (:data:`SENDERS`) and their implementations that
take a ``Command`` (or a ``Commands`` batch); the command's class is the argument's static type
(for a batch: the ``addCommand(...)`` calls on that variable and ``new Commands(cmd)`` in the
same method; a method adding to a ``Commands`` parameter hands its commands on too). Handlers:

- classes annotated ``@ResourceWrapper(handles = X.class)`` (KVM, XenServer, ...): their
  ``execute(X, ...)``; a command without a wrapper of its own in a module is handled by the
  wrapper of its nearest superclass there (the request wrappers look up superclasses);
- resources that branch on the command's class in ``executeRequest(Command)`` (VMware:
  ``clz == StartCommand.class`` then ``execute((StartCommand) cmd)``): each call there passing
  the command cast to ``X`` is the handler of ``X``.

A command whose static type is the ``Command`` base (or unknown) leads nowhere: never guessed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from flowdoc.analyze.handoffs import HandoffEdge, HandoffRule, MethodScope, TreeView
from flowdoc.analyze.handoffs.lookup import module_of, named_types
from flowdoc.model.facts import MethodFacts

SENDERS = ("AgentManager", "EndPoint")  # the types whose methods hand a command to an agent
COMMAND = "Command"
BATCH = "Commands"
BATCH_ADD = "addCommand"
WRAPPER_ANNOTATION = "ResourceWrapper"
WRAPPER_METHOD = "execute"
RESOURCE_METHOD = "executeRequest"
KIND = "agent"


@dataclass
class AgentHandlers:
    root: str | None = None
    batch: str | None = None
    senders: dict[str, tuple[int, bool]] = field(default_factory=dict)  # node id -> (argument position, batch?)
    sender_names: frozenset[str] = frozenset()  # their method names: other call sites are skipped unresolved
    # command -> (owner, m, module, the resource's executeRequest node when it branches to m: a hop)
    handlers: dict[str, list[tuple[str, MethodFacts, str, tuple]]] = field(default_factory=dict)
    _resolved: dict[str, list[tuple[str, MethodFacts, str, tuple]]] = field(default_factory=dict)

    def is_command(self, index, fqn: str | None) -> bool:
        """A command class of the tree, more specific than the ``Command`` base."""
        return fqn is not None and fqn != self.root and fqn in index.types and index.is_subtype(fqn, self.root)

    def handlers_of(self, index, command: str) -> list[tuple[str, MethodFacts, str, tuple]]:
        """Handlers of a command class: its own per module, else its nearest superclass's there."""
        found = self._resolved.get(command)
        if found is None:
            found = list(self.handlers.get(command, ()))
            modules = {h[2] for h in found}
            for ancestor in index.superclass_chain(command):
                if ancestor == self.root:
                    break
                extra = [h for h in self.handlers.get(ancestor, ()) if h[2] not in modules]
                found.extend(extra)
                modules |= {h[2] for h in extra}
            self._resolved[command] = found
        return found


def _node(owner: str, m: MethodFacts) -> str:
    return f"{owner}.{m.signature}"


def _senders(tree: TreeView, state: AgentHandlers) -> None:
    """The sender types' own methods taking a command or batch, and their implementations
    (helpers of an implementation that happen to take a command are not senders)."""
    index = tree.index
    for simple in SENDERS:
        for sender in named_types(index, simple, tree.main):
            declared: dict[str, tuple[int, bool]] = {}
            for m in index.types[sender].methods:
                for pos, p in enumerate(m.params):
                    kind = index.resolve_ref(p.type, sender)
                    if kind in (state.root, state.batch) and p.type.dims == 0:
                        declared[m.signature] = (pos, kind == state.batch)
                        break
            for owner in (sender, *(s for s in index.subtypes(sender) if s in tree.main)):
                for m in index.types[owner].methods:
                    if m.signature in declared:
                        state.senders[_node(owner, m)] = declared[m.signature]


def _wrappers(tree: TreeView, state: AgentHandlers) -> None:
    index = tree.index
    for fqn in sorted(tree.main):
        facts = index.types[fqn]
        ann = facts.annotation(WRAPPER_ANNOTATION)
        handles = ann.get("handles") if ann is not None else None
        if handles is None or handles.kind != "class":
            continue
        command = index.resolve_type(handles.text, fqn)
        if command is None:
            continue
        methods = [m for m in facts.methods if m.name == WRAPPER_METHOD and m.has_body and m.params]
        exact = [m for m in methods if index.resolve_ref(m.params[0].type, fqn) == command]
        for m in exact or methods:
            state.handlers.setdefault(command, []).append((fqn, m, module_of(index.file_of[fqn]), ()))


def _branching_resources(tree: TreeView, state: AgentHandlers) -> None:
    index = tree.index
    answer = answer_root(index)
    for fqn in sorted(tree.main):
        facts = index.types[fqn]
        for m in facts.methods:
            if m.name != RESOURCE_METHOD or len(m.params) != 1 or index.resolve_ref(m.params[0].type, fqn) != state.root:
                continue
            module = module_of(index.file_of[fqn])
            # the handler is the call given the cast command that returns an answer, else the last
            # one: the others check it first (VmwareResource: checkStorage...((StorageSubSystemCommand)
            # cmd), then storageHandler.handleStorageCommands(...))
            last: dict[str, list[tuple[str, MethodFacts]]] = {}
            answering: dict[str, list[tuple[str, MethodFacts]]] = {}
            for call in m.calls:
                for pos, arg in enumerate(call.args):
                    if arg.kind != "cast":
                        continue
                    command = index.resolve_type(arg.text, fqn)
                    if command is None or not index.is_subtype(command, state.root):
                        continue
                    targets = [(owner, target) for owner, target in _callees(index, fqn, call, tree.main)
                               if len(target.params) > pos and target.has_body
                               and index.resolve_ref(target.params[pos].type, owner) == command]
                    if targets:
                        last[command] = targets
                        if answer is not None and any(_returns(index, o, t, answer) for o, t in targets):
                            answering[command] = targets
            for command, targets in {**last, **answering}.items():
                found = state.handlers.setdefault(command, [])
                for owner, target in targets:  # one per resource: two may branch to one shared base method
                    if not any(h[0] == owner and h[1] is target and h[3] == ((fqn, m),) for h in found):
                        found.append((owner, target, module, ((fqn, m),)))


def _returns(index, owner: str, m: MethodFacts, root: str) -> bool:
    """The method returns an answer (the base class or a subclass)."""
    fqn = index.resolve_ref(m.return_type, owner) if m.return_type is not None else None
    return fqn is not None and index.is_subtype(fqn, root)


def _callees(index, fqn: str, call, main: frozenset[str]) -> list[tuple[str, MethodFacts]]:
    """What a call in a resource's ``executeRequest`` may run, from the facts alone: a method of
    the resource (``execute(...)``), or of the class(es) behind one of its fields
    (``storageHandler.handleStorageCommands(...)``: the field's type, or its implementations)."""
    receiver = call.receiver
    if receiver.kind == "implicit" or (receiver.kind == "this" and not receiver.text):
        types = [fqn]
    else:
        name = receiver.text if receiver.kind in ("name", "this") else ""
        found = index.find_field(fqn, name) if name and "." not in name else None
        declared = index.resolve_ref(found[1].type, found[0]) if found is not None else None
        if declared is None or declared not in index.types:
            return []
        types = [declared] if index.is_concrete(declared) else [s for s in index.implementations(declared) if s in main]
    out: list[tuple[str, MethodFacts]] = []
    for t in types:
        for owner, target in index.find_methods(t, call.member):
            if not any(o == owner and x is target for o, x in out):
                out.append((owner, target))
    return out


def prepare(tree: TreeView) -> AgentHandlers:
    """Sender methods, command wrappers and branching resources of the tree."""
    index = tree.index
    senders = [s for simple in SENDERS for s in named_types(index, simple, tree.main)]
    if not senders:
        return AgentHandlers()
    state = AgentHandlers(index.resolve_type(COMMAND, senders[0]), index.resolve_type(BATCH, senders[0]))
    if state.root is None or state.root not in index.types:
        return AgentHandlers()
    _senders(tree, state)
    state.sender_names = frozenset(node.split("(", 1)[0].rsplit(".", 1)[-1] for node in state.senders)
    _wrappers(tree, state)
    _branching_resources(tree, state)
    return state


ANSWER = "Answer"


def answer_root(index) -> str | None:
    """The answers' base class (:data:`ANSWER`), or None."""
    roots = named_types(index, ANSWER)
    return roots[0] if roots else None


def answers_of(index, owner: str, m: MethodFacts, root: str | None) -> list[str]:
    """The answer classes a handler creates (``new StartAnswer(...)``): what the host sends back."""
    found = set()
    for creation in m.creations if root else ():
        fqn = index.resolve_type(creation.type.name, owner)
        if fqn is not None and index.is_subtype(fqn, root):
            found.add(fqn)
    return sorted(found)


def _applies(method: MethodFacts) -> bool:
    return bool(method.calls)


def _sent_commands(scope: MethodScope, state: AgentHandlers, i: int) -> Iterator[tuple[int, str | None]]:
    """(site, command type) for what call site ``i`` hands to an agent, if it is a send."""
    call = scope.call(i)
    if call is None or call.status != "internal":
        return
    site = scope.method.calls[i]
    for target, _, _ in call.targets:
        found = state.senders.get(target)
        if found is None:
            continue
        pos, batch = found
        if pos >= len(site.args):
            return
        arg = site.args[pos]
        if not batch:
            yield i, scope.type_of(arg)
            return
        if arg.kind == "name":  # a batch: what this method adds to that variable
            for other in scope.method.calls:
                if other.member == BATCH_ADD and other.receiver.kind == "name" and other.receiver.text == arg.text \
                        and other.args:
                    yield i, scope.type_of(other.args[-1])
        for creation in scope.method.creations:  # new Commands(cmd); not new Commands(OnError.Stop)
            if creation.args and scope.index.resolve_type(creation.type.name, scope.owner) == state.batch:
                command = scope.type_of(creation.args[-1])
                if state.is_command(scope.index, command):
                    yield i, command
        return


def _find(scope: MethodScope, state: AgentHandlers) -> Iterator[HandoffEdge]:
    calls = scope.method.calls
    names = state.sender_names
    if not state.senders or not any(c.member in names or c.member == BATCH_ADD for c in calls):
        return  # most methods: nothing is sent (checked by name before anything is resolved)
    index = scope.index
    batch_params = {p.name for p in scope.method.params if index.resolve_ref(p.type, scope.owner) == state.batch}
    seen: set[tuple[int, str]] = set()
    for i, site in enumerate(calls):
        sent = list(_sent_commands(scope, state, i)) if site.member in names else []
        if not sent and batch_params and site.member == BATCH_ADD and site.receiver.kind == "name" \
                and site.receiver.text in batch_params and site.args:
            sent = [(i, scope.type_of(site.args[-1]))]  # added to a batch the caller sends
        for at, command in sent:
            if not state.is_command(index, command) or (at, command) in seen:
                continue
            seen.add((at, command))
            handlers = state.handlers_of(index, command)
            for owner, m, _, hops in handlers:
                yield HandoffEdge(scope.node, scope.node_id(owner, m), site.line, site=at,
                                  ambiguous=len(handlers) > 1, via=command,
                                  hops=tuple(scope.node_id(*hop) for hop in hops))


RULE = HandoffRule(
    kind=KIND,
    boundary="agent hand-off: the command runs on a host, in its hypervisor's handler",
    note="agent command: runs on the host",
    applies=_applies,
    find=_find,
    prepare=prepare,
)
