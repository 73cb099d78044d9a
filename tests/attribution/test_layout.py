"""The package's shape stays readable: short functions and modules, no on/off flags, one
module per output rule name, no import cycle inside the package."""
from __future__ import annotations

import ast
from pathlib import Path

import stance.attribution
from stance.attribution import RULE_NAMES

PACKAGE = Path(stance.attribution.__file__).parent
MODULES = sorted(PACKAGE.rglob("*.py"))


def test_functions_and_modules_are_short():
    too_long = []
    for path in MODULES:
        source = path.read_text(encoding="utf-8")
        if len(source.splitlines()) > 400:
            too_long.append(f"{path.name}: {len(source.splitlines())} lines")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno - node.lineno >= 60:
                too_long.append(f"{path.name}:{node.name}: {node.end_lineno - node.lineno + 1} lines")
    assert len(MODULES) > 20 and not too_long


def test_no_module_level_boolean_flags():
    flags = [f"{path.name}:{target.id}" for path in MODULES for node in ast.parse(path.read_text()).body
             if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
             and isinstance(node.value.value, bool) for target in node.targets if isinstance(target, ast.Name)]
    assert flags == []


def test_one_module_per_output_rule_name():
    assert len(RULE_NAMES) == 16
    for name in RULE_NAMES:
        assert (PACKAGE / "rules" / (name.replace(".", "_") + ".py")).is_file(), name


def test_no_import_cycle_inside_the_package():
    graph = {}
    for path in MODULES:
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        name = ".".join(rel.parts[:-1] if rel.name == "__init__" else rel.parts)
        pkg = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        deps = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.level:
                base = pkg.split(".")[:len(pkg.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
                deps |= {target} | {f"{target}.{a.name}" for a in node.names}
        graph[name] = deps
    graph = {m: {d for d in deps if d in graph and not d.startswith(m + ".") and d != m} for m, deps in graph.items()}
    visiting, done = set(), set()

    def visit(m, trail):
        assert m not in visiting, " -> ".join(trail + [m])
        if m in done:
            return
        visiting.add(m)
        for d in graph[m]:
            visit(d, trail + [m])
        visiting.discard(m)
        done.add(m)

    for m in graph:
        visit(m, [])
