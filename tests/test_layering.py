"""The engine stays pure: rnnviz's engine modules import only numpy and the standard library."""

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI_LIBRARIES = {"streamlit", "plotly", "altair", "pandas"}
# the only rnnviz modules allowed to touch a UI or chart library: rnnviz/ui/ (Streamlit) and charts*.py
UI_PREFIXES = ("ui", "charts")


def is_ui_module(path: Path) -> bool:
    return path.name.startswith(UI_PREFIXES) or "charts" in path.parts or "ui" in path.parts


def imported_top_level_names(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module.split(".")[0]


def test_engine_modules_import_only_numpy_and_the_standard_library():
    allowed = {"numpy", "rnnviz"} | set(sys.stdlib_module_names)
    checked = 0
    for path in sorted((ROOT / "rnnviz").rglob("*.py")):
        if is_ui_module(path):
            continue
        bad = set(imported_top_level_names(path)) - allowed
        assert not bad, f"{path.relative_to(ROOT)} imports {sorted(bad)}"
        checked += 1
    assert checked >= 8


def test_chart_builders_never_import_streamlit():
    for path in sorted((ROOT / "rnnviz").rglob("*.py")):
        if path.name.startswith("charts") or "charts" in path.parts:
            assert "streamlit" not in set(imported_top_level_names(path)), path


def test_importing_rnnviz_loads_no_ui_library():
    import subprocess
    code = "import sys, rnnviz; print(sorted(m for m in %r if m in sys.modules))" % sorted(UI_LIBRARIES)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"
