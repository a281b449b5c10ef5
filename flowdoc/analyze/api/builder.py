"""Reading one command's facts: annotation types and defaults, values, the class hierarchy,
parameters and response fields (:class:`ModelBuilder`, used by :mod:`.build`)."""

from __future__ import annotations

from flowdoc.analyze.api.model import ApiParameter, ResponseField
from flowdoc.analyze.api.registration import Registration
from flowdoc.analyze.exprtext import expr_text
from flowdoc.analyze.symbols import SymbolIndex
from flowdoc.model.facts import Annotation, Expr, FieldFacts
from flowdoc.model.problems import Problem
from flowdoc.read.scan import ScanResult, is_test_path

# The roots of the command hierarchy whose parameters listApis never reports.
FRAMEWORK_BASES = frozenset({"BaseCmd", "BaseAsyncCmd", "BaseAsyncCreateCmd"})
ASYNC_BASE = "BaseAsyncCmd"
ASYNC_CREATE_BASE = "BaseAsyncCreateCmd"
ADMIN_MARKER = "AdminCmd"
RESPONSE_BASE = "BaseResponse"

# CloudStack's annotation defaults, used where the annotation declaration is not in the tree.
DEFAULTS = {
    "APICommand": {"responseView": "Full", "includeInApiDoc": True, "requestHasSensitiveInfo": True,
                   "responseHasSensitiveInfo": True},
    "Parameter": {"type": "object", "collectionType": "object", "length": 255, "required": False,
                  "expose": True, "includeInApiDoc": True},
}


def elements(expr: Expr | None) -> tuple[Expr, ...]:
    """The items of an array value, or the value itself."""
    if expr is None:
        return ()
    return expr.items if expr.kind == "array" else (expr,)


def last(text: str) -> str:
    """The last dotted part of a name."""
    return text.rsplit(".", 1)[-1]


class ModelBuilder(Registration):
    """What every command of one tree shares: annotation defaults, memoized fields and responses."""

    def __init__(self, scan: ScanResult, index: SymbolIndex) -> None:
        self.scan = scan
        self.index = index
        self.problems: list[Problem] = []
        self._fields_memo: dict[str, list[tuple[str, FieldFacts]]] = {}
        self._resp_memo: dict[str, list[ResponseField]] = {}
        self._param_memo: dict[tuple[str, str], ApiParameter] = {}
        self._checked: set[str] = set()
        self.api_annotations = self._annotation_types("APICommand")
        self.param_annotations = self._annotation_types("Parameter")
        self.defaults = {name: self._read_defaults(name, fqns) for name, fqns in
                         (("APICommand", self.api_annotations), ("Parameter", self.param_annotations))}

    # -- annotation types and their defaults
    def _annotation_types(self, simple: str) -> set[str]:
        return {fqn for fqn, t in self.index.types.items() if t.name == simple and t.kind == "annotation"
                and not is_test_path(self.index.file_of[fqn])}

    def _read_defaults(self, name: str, fqns: set[str]) -> dict:
        """Element defaults of the annotation declaration in the tree; CloudStack's where the
        declaration is not there."""
        defaults = dict(DEFAULTS[name])
        for fqn in sorted(fqns):
            for element in self.index.types[fqn].methods:
                raw = element.default
                if raw is None:
                    continue
                key = element.name
                if key in ("responseView", "type", "collectionType") and raw.kind == "name":
                    defaults[key] = last(raw.text) if key == "responseView" else last(raw.text).lower()
                elif key == "length" and raw.kind == "num":
                    try:
                        defaults[key] = int(raw.text)
                    except ValueError:
                        pass
                elif raw.kind == "bool":
                    defaults[key] = raw.text == "true"
            break
        return defaults

    def _is_annotation(self, ann: Annotation, context: str, kinds: set[str], simple: str) -> bool:
        if ann.simple != simple:
            return False
        if not kinds:
            return True
        resolved = self.index.resolve_type(ann.name, context)
        return resolved is None or resolved in kinds or resolved not in self.index.types

    # -- values
    def string(self, expr: Expr | None, context: str, what: str, where: tuple[str, int]) -> str | None:
        if expr is None:
            return None
        value = self.index.evaluate_string(expr, context)
        if value is None:
            raw = expr_text(expr)
            self.problems.append(Problem(where[0], where[1], "unresolved-constant",
                                         f"{what}: cannot evaluate {raw} in {context}; kept as written"))
            return raw
        return value

    def since(self, ann: Annotation, context: str, where: tuple[str, int]) -> str | None:
        value = self.string(ann.get("since"), context, "since", where)
        return value or None

    def boolean(self, ann: Annotation, key: str, context: str, default: bool) -> bool:
        expr = ann.get(key)
        if expr is None:
            return default
        value = self.index.evaluate_constant(expr, context)
        return value if isinstance(value, bool) else default

    def class_names(self, expr: Expr | None, context: str) -> list[str]:
        out = []
        for item in elements(expr):
            if item.kind != "class":
                continue
            fqn = self.index.resolve_type(item.text, context)
            name = self.index.simple_name(fqn) if fqn else last(item.text)
            if name != "Object":
                out.append(name)
        return out

    def roles(self, ann: Annotation) -> list[str]:
        return sorted({last(e.text) for e in elements(ann.get("authorized")) if e.kind in ("name", "field")})

    # -- hierarchy
    def chain(self, fqn: str) -> list[str]:
        return [fqn, *self.index.superclass_chain(fqn)]

    def has_ancestor(self, fqn: str, simple: str) -> bool:
        return any(self.index.simple_name(s) == simple for s in self.index.superclass_chain(fqn))

    def implements(self, fqn: str, simple: str) -> bool:
        return any(last(s) == simple for s in self.index.supertypes(fqn))

    # -- parameters
    def param_fields(self, fqn: str) -> list[tuple[str, FieldFacts]]:
        """``(declaring class, field)`` of every @Parameter field, most specific first."""
        memo = self._fields_memo.get(fqn)
        if memo is not None:
            return memo
        out: list[tuple[str, FieldFacts]] = []
        for owner in self.chain(fqn):
            t = self.index.types.get(owner)
            if t is None or t.name in FRAMEWORK_BASES:
                continue
            for f in t.fields:
                if any(self._is_annotation(a, owner, self.param_annotations, "Parameter") for a in f.annotations):
                    out.append((owner, f))
        self._fields_memo[fqn] = out
        return out

    def parameter(self, owner: str, f: FieldFacts) -> ApiParameter:
        key = (owner, f.name)
        found = self._param_memo.get(key)
        if found is None:
            found = self._param_memo[key] = self._parameter(owner, f)
        return found

    def _parameter(self, owner: str, f: FieldFacts) -> ApiParameter:
        ann = next(a for a in f.annotations if a.simple == "Parameter")
        path = self.index.file_of[owner]
        where = (path, f.line)
        d = self.defaults["Parameter"]
        name_expr = ann.get("name")
        name = self.string(name_expr, owner, f"parameter name of field {f.name}", where) if name_expr else ""
        if not name:
            name = f.name  # CloudStack falls back to the field name
        type_expr = ann.get("type")
        ptype = last(type_expr.text).lower() if type_expr is not None and type_expr.text else d["type"]
        coll_expr = ann.get("collectionType")
        collection = (last(coll_expr.text).lower() if coll_expr is not None and coll_expr.text
                      else (d["collectionType"] if ptype == "list" else None))
        length = d["length"]
        if ann.get("length") is not None:
            value = self.index.evaluate_constant(ann.get("length"), owner)
            if isinstance(value, int) and not isinstance(value, bool):
                length = value
            else:
                self.problems.append(Problem(path, f.line, "unresolved-constant",
                                             f"length of parameter {name}: cannot evaluate {expr_text(ann.get('length'))}"))
        description = self.string(ann.get("description"), owner, f"description of parameter {name}", where) or ""
        return ApiParameter(
            name=name, type=ptype, required=self.boolean(ann, "required", owner, d["required"]),
            description=description, since=self.since(ann, owner, where), length=length,
            related=self.class_names(ann.get("entityType"), owner), declared_in=owner,
            expose=self.boolean(ann, "expose", owner, d["expose"]),
            include_in_api_doc=self.boolean(ann, "includeInApiDoc", owner, d["includeInApiDoc"]),
            collection_type=collection, roles=self.roles(ann), file=path, line=f.line,
            entity_classes=[self.index.resolve_type(e.text, owner) or e.text
                            for e in elements(ann.get("entityType")) if e.kind == "class"])

    def check_misplaced_parameters(self, fqn: str) -> None:
        """Report ``@Parameter`` on methods or method parameters of the command class and its
        superclasses (CloudStack only reads fields); each class is looked at once."""
        for owner in self.chain(fqn):
            if owner in self._checked or owner not in self.index.types:
                continue
            self._checked.add(owner)
            path = self.index.file_of[owner]
            for m in self.index.types[owner].methods:
                spots = [(a, m.line) for a in m.annotations]
                spots.extend((a, m.line) for p in m.params for a in p.annotations)
                for a, line in spots:
                    if self._is_annotation(a, owner, self.param_annotations, "Parameter"):
                        self.problems.append(Problem(path, line, "parameter-not-field",
                                                     f"@Parameter on method {m.name} of {owner} is not a field; "
                                                     "CloudStack ignores it"))

    # -- responses
    def response_fields(self, fqn: str, declared_only: bool = False, stack: tuple = ()) -> list[ResponseField]:
        key = f"{fqn}|{declared_only}"
        if key in self._resp_memo and not stack:
            return self._resp_memo[key]
        owners = [fqn] if declared_only else self.chain(fqn)
        by_name: dict[str, ResponseField] = {}
        for owner in owners:
            t = self.index.types.get(owner)
            if t is None:
                continue
            for f in t.fields:
                sn = next((a for a in f.annotations if a.simple == "SerializedName"), None)
                pa = next((a for a in f.annotations if a.simple == "Param"), None)
                if sn is None or pa is None:
                    continue
                where = (self.index.file_of[owner], f.line)
                name = self.string(sn.get("value"), owner, f"response field name of {f.name}", where) or f.name
                ro = pa.get("responseObject")
                nested_fqn = None
                nested: list[ResponseField] = []
                unannotated = 0
                if ro is not None and ro.kind == "class":
                    nested_fqn = self.index.resolve_type(ro.text, owner)
                    if (nested_fqn in self.index.types and nested_fqn not in stack and nested_fqn != fqn
                            and self.index.simple_name(self.index.superclass(nested_fqn) or "") == RESPONSE_BASE):
                        nested = self.response_fields(nested_fqn, True, (*stack, fqn))
                        unannotated = self.unannotated_fields(nested_fqn, True)
                if nested_fqn is None and f.type.args:
                    arg = self.index.resolve_type(f.type.args[-1].name, owner)
                    if arg in self.index.types and self.has_ancestor(arg, RESPONSE_BASE):
                        nested_fqn = arg
                if nested_fqn is None and f.type.name not in ("String",):
                    own = self.index.resolve_type(f.type.name, owner)
                    if own in self.index.types and self.has_ancestor(own, RESPONSE_BASE):
                        nested_fqn = own
                description = self.string(pa.get("description"), owner, f"description of response field {name}",
                                          where) or ""
                ftype = f.type.simple.lower() + "[]" * f.type.dims
                include = self.boolean(pa, "includeInApiDoc", owner, True)
                found = ResponseField(name, ftype, description, self.since(pa, owner, where),
                                      nested_fqn, owner, nested, include, unannotated)
                if name in by_name:  # hidden by a more specific class or an earlier field; listApis lists both
                    by_name[name].shadows.append(found)
                else:
                    by_name[name] = found
        result = sorted(by_name.values(), key=lambda r: r.name)
        if not stack:
            self._resp_memo[key] = result
        return result

    def unannotated_fields(self, fqn: str, declared_only: bool) -> int:
        """Fields of the class (and of all its supertypes unless ``declared_only``) without both
        ``@SerializedName`` and ``@Param``: listApis reports each as an empty object."""
        owners = [fqn] if declared_only else [fqn, *self.index.supertypes(fqn)]
        count = 0
        for owner in owners:
            t = self.index.types.get(owner)
            for f in t.fields if t is not None else ():
                simple = {a.simple for a in f.annotations}
                count += not {"SerializedName", "Param"} <= simple
        return count
