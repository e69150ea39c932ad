"""The benchmark's shipping figures: the bundle folder's size and the last whole test run, read as left."""

import json
import os

from desktop.bench.measure import within
from desktop.bench.shipping import shipping_figures


def test_the_bundle_is_measured_as_du_measures_it_and_the_last_run_is_read(tmp_path):
    bundle = tmp_path / "so-cdht"
    (bundle / "_internal").mkdir(parents=True)
    (bundle / "so-cdht").write_bytes(b"x" * 2**20)
    (bundle / "_internal" / "libQt6Core.so.6").write_bytes(b"x" * 3 * 2**20)
    os.symlink("_internal/libQt6Core.so.6", bundle / "libQt6Core.so.6")  # a link counts as a link
    last = tmp_path / "last-test-run.json"
    last.write_text(json.dumps({"seconds": 318, "finished": "2026-11-26T07:40Z", "commit": "abc"}))
    figures = shipping_figures(bundle, last)
    assert 4.0 <= figures["bundle_mb"].value < 4.001 and within(figures["bundle_mb"])
    assert figures["test_suite_s"].value == 318 and within(figures["test_suite_s"])
    assert "2026-11-26T07:40Z" in figures["test_suite_s"].what


def test_nothing_built_and_no_run_means_no_figures_not_a_failure(tmp_path):
    (tmp_path / "last-test-run.json").write_text("{not json")
    assert shipping_figures(tmp_path / "none", tmp_path / "last-test-run.json") == {}
    assert shipping_figures(tmp_path / "none", tmp_path / "missing.json") == {}
