"""A wheel (non-editable install) carries the corpus, ontology, queries and curated data."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).parents[1]


def test_wheel_bundles_the_data_folders(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
                           "-w", str(tmp_path), str(ROOT)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-2000:]
    [wheel] = tmp_path.glob("passerelles-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in ("passerelles/_bundled/corpus/manifest.json",
                     "passerelles/_bundled/corpus/004_0cd2d006c908e9f4.txt",
                     "passerelles/_bundled/ontology/core.ttl",
                     "passerelles/_bundled/ontology/shapes/core.ttl",
                     "passerelles/_bundled/queries/citations.rq",
                     "passerelles/data/rules/circulaire-7282.yaml",
                     "passerelles/data/acts.yaml"):
        assert required in names, required
