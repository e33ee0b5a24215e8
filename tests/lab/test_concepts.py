from tests.lab.stream import check_shape, collect, samples, series


def test_concepts_mlp_solves_xor_where_the_perceptron_cannot():
    events = collect("concepts", epochs=150, eval_every=50, grid=8)
    done = check_shape(events, "concepts")
    for name in ("loss/xor/mlp", "loss/moons/mlp"):
        assert series(events, name)[-1] < 0.5 * series(events, name)[0]
    xor_perceptron = series(events, "loss/xor/perceptron")
    assert xor_perceptron[-1] > 0.9 * xor_perceptron[0]  # a straight line cannot do better on XOR
    assert done.metrics["acc/xor/mlp"] >= 0.97 and done.metrics["acc/xor/perceptron"] <= 0.70
    pictures = samples(events, "decision_boundary")
    assert {p.data["dataset"] for p in pictures} == {"xor", "moons"} and len(pictures) == 6  # 2 sets × 3 evaluations
    grid = pictures[-1].data["z"]
    assert len(grid["mlp"]) == 8 and len(grid["mlp"][0]) == 8
    assert all(0 <= p <= 1 for row in grid["perceptron"] for p in row)
