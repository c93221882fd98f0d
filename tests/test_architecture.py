"""The layers hold: the import contracts in pyproject.toml (import-linter), and a core that loads without
the engine."""

import subprocess
import sys

from conftest import ROOT


def test_the_import_contracts_hold():
    result = subprocess.run(
        [str(ROOT / ".venv/bin/lint-imports"), "--no-cache"]
        if (ROOT / ".venv/bin/lint-imports").exists()
        else [sys.executable, "-m", "importlinter.cli", "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout


def test_the_core_builds_a_site_model_without_mkdocs():
    script = (
        "import sys; from pathlib import Path\n"
        "from generator.checks import check_registry\n"
        "from generator.site.build import SiteBuild\n"
        "from generator.site.model import build_model\n"
        "registry, report = check_registry(Path('items'), workers=1)\n"
        "build_model(registry, 'https://example.gov.example/')\n"
        "engines = sorted(name for name in sys.modules if name.split('.')[0] in ('mkdocs', 'material', 'properdocs', 'zensical'))\n"
        "print(engines)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip() == "[]"
