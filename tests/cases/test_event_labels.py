"""Every event code written anywhere in src/ has a label in the registry (sixia.cases.events).

The codes are collected from the source, not from a list kept beside the registry: a static scan finds every
call that writes a CaseEvent — the model itself, and, to a fixpoint, every function that passes one of its own
parameters (or its ``**kwargs``) on as the ``action`` of such a call (``record_event``, ``perform_action``,
the ledger import's ``_event`` …) — and resolves the ``action`` argument of each call to string constants:
literals, conditional expressions, local variables, module constants and imported constants. Raw SQL that
inserts into the CaseEvent table (the deadline scan's escalation) passes its code as a query parameter; those
parameters are read too. An ``action`` the scan cannot resolve fails the test, so a new way of writing events
has to be made visible here rather than slip past.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from sixia.cases import events, workflow

SRC = Path(__file__).resolve().parents[2] / "src"
CODE = re.compile(r"^[a-z][a-z_]*$")


@dataclass
class Module:
    name: str
    path: Path
    tree: ast.Module
    constants: dict[str, ast.expr] = field(default_factory=dict)  # module-level NAME = value
    imports: dict[str, str] = field(default_factory=dict)  # local name → dotted origin (module or module.attr)


def parse_modules(root: Path, sources: dict[str, str] | None = None) -> dict[str, Module]:
    """Every module under ``root/sixia`` (migrations excluded), or the given ``{module name: source}``."""
    if sources is None:
        sources = {}
        for path in sorted((root / "sixia").rglob("*.py")):
            if "migrations" in path.parts:
                continue
            rel = path.relative_to(root).with_suffix("")
            parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
            sources[".".join(parts)] = path.read_text(encoding="utf-8")
    modules = {}
    for name, text in sources.items():
        mod = Module(name, root / (name.replace(".", "/") + ".py"), ast.parse(text))
        for node in mod.tree.body:
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        mod.constants[target.id] = node.value
        for node in ast.walk(mod.tree):  # imports inside functions count too (the insight adapters use them)
            if isinstance(node, ast.ImportFrom) and node.module:
                for alias in node.names:
                    mod.imports[alias.asname or alias.name] = f"{node.module}.{alias.name}"
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    mod.imports[alias.asname or alias.name.split(".")[0]] = alias.name if alias.asname else \
                        alias.name.split(".")[0]
        modules[name] = mod
    return modules


def dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{dotted(node.value)}.{node.attr}"
    return ""


def callee(call: ast.Call) -> str:
    """``CaseEvent``, ``CaseEvent.objects.create`` or the last name of any other callee."""
    name = dotted(call.func)
    if name.split(".")[0] == "CaseEvent":
        return name
    return name.rsplit(".", 1)[-1]


def functions(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node


def calls_in(func) -> list[ast.Call]:
    """The calls of ``func`` itself (not of functions nested in it)."""
    out, todo = [], list(ast.iter_child_nodes(func))
    while todo:
        node = todo.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            continue
        if isinstance(node, ast.Call):
            out.append(node)
        todo.extend(ast.iter_child_nodes(node))
    return out


def params(func) -> set[str]:
    a = func.args
    return {p.arg for p in [*a.posonlyargs, *a.args, *a.kwonlyargs]}


@dataclass
class Scan:
    codes: dict[str, list[str]] = field(default_factory=dict)  # code → where it is written
    unresolved: list[str] = field(default_factory=list)

    def add(self, code: str, where: str) -> None:
        self.codes.setdefault(code, []).append(where)


class Resolver:
    def __init__(self, modules: dict[str, Module]):
        self.modules = modules

    def constant(self, origin: str, seen: frozenset) -> list[str] | None:
        """``package.module.NAME`` → the strings that constant holds."""
        mod_name, _, attr = origin.rpartition(".")
        mod = self.modules.get(mod_name)
        if mod is None or attr not in mod.constants:
            return None
        return self.values(mod.constants[attr], mod, None, seen)

    def values(self, node: ast.expr, mod: Module, func, seen: frozenset = frozenset()) -> list[str] | None:
        """The string constants ``node`` can evaluate to, or None when it cannot be resolved statically."""
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return [node.value]
        if isinstance(node, ast.IfExp):
            a, b = self.values(node.body, mod, func, seen), self.values(node.orelse, mod, func, seen)
            return None if a is None or b is None else a + b
        key = (mod.name, getattr(func, "name", ""), dotted(node))
        if key in seen:
            return None
        seen = seen | {key}
        if isinstance(node, ast.Name):
            if func is not None:
                found = [self.values(n.value, mod, func, seen) for n in ast.walk(func) if isinstance(n, ast.Assign)
                         and any(isinstance(t, ast.Name) and t.id == node.id for t in n.targets)]
                found += [self.elements(n.iter, mod, func, seen) for n in ast.walk(func)
                          if isinstance(n, ast.For) and isinstance(n.target, ast.Name) and n.target.id == node.id]
                if found:
                    return None if any(f is None for f in found) else [s for f in found for s in f or []]
            if node.id in mod.constants:
                return self.values(mod.constants[node.id], mod, None, seen)
            if node.id in mod.imports:
                return self.constant(mod.imports[node.id], seen)
            return None
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            base = mod.imports.get(node.value.id)
            return self.constant(f"{base}.{node.attr}", seen) if base else None
        return None


    def elements(self, node: ast.expr, mod: Module, func, seen: frozenset) -> list[str] | None:
        """The strings a loop over ``node`` yields: a literal collection, a constant naming one, a slice of it."""
        if isinstance(node, ast.Subscript):
            return self.elements(node.value, mod, func, seen)
        if isinstance(node, ast.List | ast.Tuple | ast.Set):
            found = [self.values(e, mod, func, seen) for e in node.elts]
            return None if any(f is None for f in found) else [s for f in found for s in f or []]
        if isinstance(node, ast.Name) and node.id in mod.constants:
            return self.elements(mod.constants[node.id], mod, None, seen)
        if isinstance(node, ast.Name) and node.id in mod.imports:
            origin = mod.imports[node.id]
            owner = self.modules.get(origin.rpartition(".")[0])
            attr = origin.rpartition(".")[2]
            return self.elements(owner.constants[attr], owner, None, seen) if owner and attr in owner.constants \
                else None
        return None


def scan(modules: dict[str, Module]) -> Scan:
    resolver = Resolver(modules)
    writers = {"CaseEvent": "action", "CaseEvent.objects.create": "action"}  # callee → keyword of the code
    funcs = [(mod, f) for mod in modules.values() for f in functions(mod.tree)]
    changed = True
    while changed:  # a function forwarding its own parameter as the code is a writer too
        changed = False
        for _, func in funcs:
            if func.name in writers:
                continue
            for call in calls_in(func):
                kw = writers.get(callee(call))
                if kw is None:
                    continue
                for k in call.keywords:
                    if k.arg == kw and isinstance(k.value, ast.Name) and k.value.id in params(func):
                        writers[func.name], changed = k.value.id, True
                    elif k.arg is None and isinstance(k.value, ast.Name) and k.value.id == getattr(
                            func.args.kwarg, "arg", None):
                        writers[func.name], changed = kw, True
    result = Scan()
    for mod, func in funcs:
        for call in calls_in(func):
            kw = writers.get(callee(call))
            if kw is None:
                continue
            where = f"{mod.path}:{call.lineno}"
            given = next((k.value for k in call.keywords if k.arg == kw), None)
            if given is None:
                continue  # passed through **kwargs: the caller's call is scanned instead
            if isinstance(given, ast.Name) and given.id in params(func) and writers.get(func.name) == given.id:
                continue  # forwarded: this function is a writer, its callers are scanned
            found = resolver.values(given, mod, func)
            if found is None:
                result.unresolved.append(f"{where} {callee(call)}(… {kw}={ast.unparse(given)} …)")
            for code in found or []:
                result.add(code, where)
        if "CaseEvent._meta.db_table" in {dotted(n) for n in ast.walk(func) if isinstance(n, ast.Attribute)}:
            _raw_sql_codes(mod, func, result)
    return result


def _raw_sql_codes(mod: Module, func, result: Scan) -> None:
    """An INSERT into the CaseEvent table by raw SQL: the identifier-like string parameters are the codes."""
    inserts = [c for c in calls_in(func) if callee(c) == "execute" and len(c.args) == 2
               and "INSERT" in ast.unparse(c.args[0]) and re.search(r"\baction\b", ast.unparse(c.args[0]))]
    if not inserts:
        result.unresolved.append(f"{mod.path}:{func.lineno} {func.name}: raw SQL on the CaseEvent table "
                                 "without a recognisable INSERT … action")
    for call in inserts:
        codes = [n.value for n in ast.walk(call.args[1]) if isinstance(n, ast.Constant)
                 and isinstance(n.value, str) and CODE.match(n.value)]
        if not codes:
            result.unresolved.append(f"{mod.path}:{call.lineno} raw INSERT into CaseEvent: no code parameter")
        for code in codes:
            result.add(code, f"{mod.path}:{call.lineno}")


@pytest.fixture(scope="module")
def written() -> Scan:
    return scan(parse_modules(SRC))


def test_every_event_code_written_in_src_has_a_label(written):
    assert written.unresolved == [], "event codes the scan cannot resolve: make them constants or literals"
    labels = events.labels()
    missing = {code: where for code, where in written.codes.items() if code not in labels}
    assert missing == {}, f"event codes without a label in sixia.cases.events: {missing}"


def test_the_scan_sees_each_way_events_are_written(written):
    """One code per path of the scan: a literal, an imported constant, a conditional local, ``**kwargs``
    forwarding, raw SQL, and a workflow action through perform_action."""
    for code in ("mark_repeated", "merged_in", "flag_over_level", "classify", "leader_sign_off", "leader_note",
                 "import", "supervise", "register", "accept", "merge"):
        assert code in written.codes, code


def test_the_scan_would_catch_a_new_code_without_a_label():
    modules = parse_modules(SRC / "fake", {
        "sixia.cases.services.intake": (
            "def record_event(*, case, action, at):\n"
            "    return CaseEvent.objects.create(case=case, action=action, at=at)\n"),
        "sixia.insight.newthing": (
            "from sixia.cases.services.intake import record_event\n"
            "KIND = 'brand_new'\n"
            "def go(case, flag, code):\n"
            "    record_event(case=case, action=KIND, at=None)\n"
            "    record_event(case=case, action='x_on' if flag else 'x_off', at=None)\n"
            "    record_event(case=case, action=code.upper(), at=None)\n"
            "    for step in ('s_one', 's_two')[:1]:\n"
            "        record_event(case=case, action=step, at=None)\n"),
    })
    found = scan(modules)
    assert {"brand_new", "x_on", "x_off", "s_one", "s_two"} <= set(found.codes)
    assert len(found.unresolved) == 1 and "code.upper()" in found.unresolved[0]
    assert "brand_new" not in events.labels()


def test_labels_are_chinese_and_come_from_one_registry():
    labels = events.labels()
    assert set(workflow.ACTIONS) <= set(labels)
    for code, label in labels.items():
        assert label and label != code and re.search(r"[\u4e00-\u9fff]", label), code
    assert events.label("mark_repeated") == "标记为重复件"
    assert events.label("no_such_code") == "no_such_code"
