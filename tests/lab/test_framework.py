import torch

from dltutor.lab import manual_mlp
from dltutor.lab.exercises.framework import Autograd, Module, Raw, matmul_throughput
from tests.lab.stream import check_shape, collect, samples, series


def test_three_levels_end_with_the_same_weights_in_float64():
    start = manual_mlp.init(6, 5, 3, seed=3)
    gen = torch.Generator().manual_seed(3)
    x, y = torch.randn(40, 6, generator=gen, dtype=torch.float64), torch.randint(0, 3, (40,), generator=gen)
    versions = [Raw(start), Autograd(start), Module(start, lr=0.3)]
    for step in range(50):
        batch = slice(step % 4 * 10, step % 4 * 10 + 10)
        losses = [v.step(x[batch], y[batch], 0.3) for v in versions]
        assert max(losses).item() - min(losses).item() <= 1e-12
    first = versions[0].weights()
    assert (first["W1"] - start["W1"]).abs().max() > 1e-3  # they did move
    for other in versions[1:]:
        for name in manual_mlp.NAMES:
            assert (other.weights()[name].detach() - first[name]).abs().max().item() <= 1e-10


def test_framework_run_equal_weights_drift_export_and_speed(tmp_path):
    path = tmp_path / "model.pt2"
    events = collect("framework", steps=60, report_every=10, matmul_size=64, export_path=str(path))
    done = check_shape(events, "framework")
    m = done.metrics
    assert done.target_met, m
    assert m["max_weight_diff/float64"] <= 1e-10
    assert 0 < m["max_weight_diff/float32"] < 1e-3  # rounding shows in float32, and is shown, not hidden
    assert all(0 < m[f"float32_vs_float64/{level}"] < 1e-3 for level in ("raw", "autograd", "module"))
    loss = series(events, "float64/module")
    assert loss[-1] < loss[0]
    drift_table, export, speed = samples(events, "table")
    (drift,) = samples(events, "curves")
    assert drift.data["step"] == [1, 10, 20, 30, 40, 50, 60]
    assert drift.data["float32"][-1] == m["weight_diff/float32/raw_vs_module"] and max(drift.data["float64"]) <= 1e-10
    assert f"{m['max_weight_diff/float32']:.1e}" in drift_table.data["note"]
    assert [row[0] for row in export.data["rows"]] == [1, 5, 8, 300] and m["export_identical"] == 1.0
    assert speed.data["rows"][0][0] == "cpu" and m["gflops/cpu"] > 0

    # the saved program reloads on its own and keeps the dynamic batch dimension
    program = torch.export.load(path).module()
    for batch in (2, 17):
        assert program(torch.rand(batch, 64)).shape == (batch, 10)


def test_matmul_throughput_lists_every_device():
    rows = matmul_throughput(32, seconds=0.01)
    expected = 1 + (torch.cuda.device_count() if torch.cuda.is_available() else 0)
    assert len(rows) >= expected and rows[0][0] == "cpu"
    assert all(row[2] > 0 and row[3] > 0 for row in rows)
