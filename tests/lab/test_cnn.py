import torch

from tests.lab.stream import check_shape, collect, samples, series


def test_cnn_learns_and_reports_filters_and_the_shift_table():
    events = collect("cnn", epochs=2, report_every=5)
    done = check_shape(events, "cnn")
    for name in ("loss/cnn", "loss/mlp"):
        assert series(events, name)[-1] < 0.7 * series(events, name)[0]
    assert len(samples(events, "table")) == 1
    filters = samples(events, "filters")[0].data
    assert len(filters["filters"]) == 16 and len(filters["filters"][0]) == 3  # 16 filters of 3×3
    assert len(filters["feature_maps"]) == 16 and len(filters["feature_maps"][0]) == 12  # 8 + 2×2 margin
    started = events[0]
    assert set(started.parameters) == {"cnn", "mlp"} and started.parameters["cnn"] < started.parameters["mlp"]
    assert done.metrics["test_acc/mlp"] - done.metrics["shifted_acc/mlp"] > 0.3  # the MLP is tied to positions


def test_shifted_moves_every_image_without_cutting_it():
    from dltutor.lab.exercises.cnn import shifted

    x = torch.zeros(50, 1, 12, 12)
    x[:, :, 4:8, 4:8] = torch.rand(50, 1, 4, 4) + 0.1
    moved = shifted(x, 2, seed=0)
    assert torch.allclose(moved.sum((1, 2, 3)), x.sum((1, 2, 3)))  # nothing fell off the canvas
    assert all(not torch.equal(a, b) for a, b in zip(moved, x))  # every image moved
    assert torch.equal(moved, shifted(x, 2, seed=0))
