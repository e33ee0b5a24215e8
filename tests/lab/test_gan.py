import torch

from dltutor.lab.data import ring_centres
from dltutor.lab.exercises.gan import coverage
from tests.lab.stream import check_shape, collect, samples, series

CENTRES = ring_centres(8, 2.0)


def test_coverage_counts_modes_and_spots_collapse():
    spread = CENTRES.repeat(50, 1) + 0.01
    assert coverage(spread, CENTRES)["modes_covered"] == 8 and coverage(spread, CENTRES)["near_fraction"] == 1.0
    collapsed = CENTRES[3].repeat(400, 1)
    found = coverage(collapsed, CENTRES)
    assert found["modes_covered"] == 1 and found["per_mode"][3] == 400
    blob = torch.zeros(400, 2)  # the untrained generator's cloud near the origin is near no mode
    assert coverage(blob, CENTRES)["near_fraction"] == 0.0 and coverage(blob, CENTRES)["mean_distance"] > 1.9


def test_gan_smoke_emits_point_clouds_and_the_discriminator_learns():
    events = collect("gan", steps=150, sample_every=50, shown=100, report_every=5)
    done = check_shape(events, "gan")
    clouds = samples(events, "points")
    assert [c.step for c in clouds] == [50, 100, 150]
    assert all(len(c.data["generated"]) == 100 and len(c.data["generated"][0]) == 2 for c in clouds)
    assert len(clouds[0].data["real"]) == 100 and len(clouds[0].data["centres"]) == 8
    assert clouds[-1].data["generated"] != clouds[0].data["generated"]  # the generator moved its points
    d_loss = series(events, "loss/discriminator")
    assert len(series(events, "loss/generator")) == len(d_loss) > 10
    assert abs(d_loss[0] - 1.386) < 0.1  # at first D cannot tell real from fake: 2·log 2
    assert sum(d_loss[-10:]) / 10 < d_loss[0] - 0.05  # then it learns to (an adversarial game has no falling G loss)
    assert done.metrics["mean_distance"] == clouds[-1].data["mean_distance"]
