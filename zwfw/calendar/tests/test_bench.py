import io
import json

from bench import calendar as bench_calendar


def test_bench_runs_and_agrees_on_a_small_sample():
    out = io.StringIO()
    bench_calendar.main(["300"], stdout=out)
    figures = json.loads(out.getvalue().splitlines()[-1])
    assert figures["pairs"] == 300
    assert figures["agree"] is True and figures["disagreements"] == 0
    assert set(figures) >= {"scalar_per_s", "bulk_per_s", "library_per_s", "scalar_vs_library", "bulk_vs_scalar"}
