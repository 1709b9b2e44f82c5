"""The floors of ARCHITECTURE.md, held by the suite: every module under src/dangvu is parsed (imports
inside functions included) and an import against the order fails here, naming the file, the line
and the import, instead of waiting for a review to notice.

- A business module (models, services, selectors, rules, indicators, excel …) imports its own app
  and apps on its floor or below, never above.
- The pages of an app (views, urls, forms, admin, template tags, middleware) and the management
  commands compose everything, like web, api and demo: they may import any app's business modules,
  but a business module never imports a page module, and nothing but demo imports demo.
- A selector (a read: `selectors.py` or a module of a `selectors/` package) never imports a service
  (a write: `services.py` or `services/`), of its own app or another; a service may use selectors.
- No two modules import each other, directly or through others (as ../shared/tools/import-loops).
"""

import ast
import pathlib

SRC = pathlib.Path(__file__).resolve().parent.parent / "src" / "dangvu"

# The floors, lowest first; an app may import from its own floor and the floors below.
FLOORS = [
    {"core", "formats"},  # formatting, audit, catalogue declaration, workbook gate
    {"organizations"},  # tree, eras, reorganizations, lineage
    {"members", "tallies"},  # people, lifecycle, lineage-aware selectors; per-unit year-end counts
    {"accounts"},  # roles bound to a unit, scope over the tree and members
    {"candidates", "meetings", "dues", "reviews", "cadres", "training", "inspection", "elections", "awards",
     "committees", "tasks"},  # the business areas, beside each other
    {"indicators", "targets", "imports"},  # machinery over the areas' declarations
    {"reports", "dashboard", "handbook"},  # read the catalogue, write documents; the member's own pages
    {"web", "api", "demo"},  # compose everything
]  # fmt: skip
FLOOR = {app: i for i, apps in enumerate(FLOORS) for app in apps}
TOP = len(FLOORS)  # settings, urls, cli, wsgi

# Module names that are an app's pages (the web layer over its services and selectors).
PAGE_NAMES = {"views", "urls", "forms", "admin", "middleware", "context_processors", "first_run"}

# Imports that still run against the order, each with why it is still there. The goal is none:
# shorten this list, never add to it to make a new import pass.
KNOWN = {}


def _modules() -> dict[str, pathlib.Path]:
    found = {}
    for path in SRC.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        parts = ("dangvu", *path.relative_to(SRC).with_suffix("").parts)
        found[".".join(parts).removesuffix(".__init__")] = path
    return found


MODULES = _modules()


def _app(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and (SRC / parts[1]).is_dir()) else ""


def _is_page(module: str) -> bool:
    """A page or a command: views*, urls, forms, admin, template tags, middleware, management."""
    parts = module.split(".")[2:]
    if _app(module) in FLOORS[-1]:
        return True  # web, api and demo are pages and commands all through
    return any(p in PAGE_NAMES or p.endswith("views") or p in ("templatetags", "management") for p in parts)


def _floor(app: str) -> int:
    return FLOOR.get(app, TOP)


def _imports(module: str, path: pathlib.Path):
    """(line, imported module) for every import of a dangvu module, resolved to a module file."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join(up + ([base] if base else []))
            # `from x import y` runs x, and y may be a module of its own (from . import services)
            names = [base] + [f"{base}.{a.name}" for a in node.names]
        for name in names:
            while name and name not in MODULES:
                name = name.rpartition(".")[0]
            if name.startswith("dangvu.") and name != module:
                yield node.lineno, name


def _rel(path: pathlib.Path) -> str:
    try:
        return str(path.relative_to(SRC.parent.parent))
    except ValueError:  # the self-test's files
        return path.name


def violations() -> list[str]:
    found = []
    for module, path in sorted(MODULES.items()):
        app, page = _app(module), _is_page(module)
        for line, target in sorted(set(_imports(module, path))):
            t_app = _app(target)
            if t_app == "demo" and app != "demo":
                found.append(f"{_rel(path)}:{line} imports {target}: only demo imports demo")
            elif page or not app:
                continue  # pages, commands and the project modules compose everything
            elif _is_page(target):
                found.append(f"{_rel(path)}:{line} imports {target}: a business module imports a page module")
            elif t_app != app and _floor(t_app) > _floor(app) and (module, target) not in KNOWN:
                found.append(
                    f"{_rel(path)}:{line} imports {target}: {app} (floor {_floor(app)}) "
                    f"imports {t_app} (floor {_floor(t_app)}) above it"
                )
    return found


def _is_kind(module: str, kind: str) -> bool:
    """Whether `module` is `kind` ("selectors", "services") of its app: the module or its package."""
    return kind in module.split(".")[2:]


def selector_writes() -> list[str]:
    """Every import of a services module by a selectors module: a read that could write."""
    found = []
    for module, path in sorted(MODULES.items()):
        if not _is_kind(module, "selectors"):
            continue
        for line, target in sorted(set(_imports(module, path))):
            if _is_kind(target, "services"):
                found.append(f"{_rel(path)}:{line} imports {target}: a selector imports a service")
    return found


def _loops() -> list[list[str]]:
    """Strongly connected groups of modules (Tarjan), as ../shared/tools/import-loops finds them."""
    edges = {m: {t for _, t in _imports(m, p)} for m, p in MODULES.items()}
    index, low, stack, on, loops, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                loops.append(sorted(group))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return loops


def test_every_app_has_a_floor():
    apps = {p.name for p in SRC.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert apps - set(FLOOR) == set(), "put the new app on a floor in tests/test_architecture.py and ARCHITECTURE.md"


def test_no_import_runs_against_the_floors():
    found = violations()
    assert not found, "imports against the floors (ARCHITECTURE.md):\n" + "\n".join(found)


def test_the_known_exceptions_are_still_needed():
    """An exception nobody needs any more is taken off the list, so it cannot hide a new import."""
    used = {(m, t) for m, p in MODULES.items() for _, t in _imports(m, p)}
    # set(): the list may run empty, and an empty {} is a dict
    assert set(KNOWN) <= used, f"no longer imported, remove from KNOWN: {sorted(set(KNOWN) - used)}"


def test_no_selector_imports_a_service():
    found = selector_writes()
    assert not found, "selectors that import services (ARCHITECTURE.md):\n" + "\n".join(found)


def test_no_two_modules_import_each_other():
    loops = _loops()
    assert not loops, "import loops:\n" + "\n".join(" <-> ".join(group) for group in loops)


def test_the_check_sees_an_upward_import_and_a_page_import(tmp_path, monkeypatch):
    """The rule itself: a members module importing reports, or a selector importing a view, is
    reported with its file and line; the same import from a page is not. A selector importing a
    service, its own app's or another's, inside a function too, is reported; a service importing a
    selector is not."""
    fake = {
        "dangvu.members.fake": "from dangvu.reports import selectors\n",
        "dangvu.cadres.fake": "def f():\n    from dangvu.cadres.views import action_edit\n",
        "dangvu.members.fake_views": "from dangvu.reports import selectors\n",
        "dangvu.dues.selectors.fake": "def f():\n    from .. import services\n",
        "dangvu.reviews.selectors.fake": "from dangvu.members.services import member_update\n",
        "dangvu.dues.services.fake": "from dangvu.dues import selectors\n",
    }
    for name, text in fake.items():
        path = tmp_path / (name.replace(".", "_") + ".py")
        path.write_text(text)
        MODULES[name] = path
    try:
        found = "\n".join(violations())
        writes = "\n".join(selector_writes())
    finally:
        for name in fake:
            del MODULES[name]
    assert "dangvu_members_fake.py:1 imports dangvu.reports.selectors: members (floor 2) imports reports" in found
    assert "dangvu_cadres_fake.py:2 imports dangvu.cadres.views: a business module imports a page module" in found
    assert "fake_views" not in found
    assert "dangvu_dues_selectors_fake.py:2 imports dangvu.dues.services: a selector imports a service" in writes
    assert "dangvu_reviews_selectors_fake.py:1 imports dangvu.members.services: a selector imports" in writes
    assert "dangvu_dues_services_fake" not in writes
