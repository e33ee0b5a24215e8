"""The lab in Chinese: titles, targets, hyperparameter help, failure reasons, and the training process's language.

English is the msgid, so English output is covered, unchanged, by the other lab tests; these check that the
same texts come out in Chinese when the learner chose zh, also from the separate training process.
"""

from __future__ import annotations

import pytest

from dltutor.lab.data import DataError, read_idx
from dltutor.lab.events import Failed, Remedy, failure_text
from dltutor.lab.exercise import BadParams, parse_params
from dltutor.lab.params_schema import translated_schema
from dltutor.lab.registry import EXERCISES, get_exercise
from dltutor.lab.remote import Trainer


def test_exercise_title_and_target_in_chinese_with_the_same_numbers(zh):
    concepts = get_exercise("concepts")
    assert concepts.title_text() == "感知机 vs MLP：XOR 与双月形数据"
    attention = get_exercise("attention").target_text()
    assert attention.startswith("Transformer 的测试准确率 ≥ 95%") and "LSTM ≤ 70%" in attention
    gan = get_exercise("gan").target_text()
    assert "8 个模式中至少覆盖 6 个" in gan and "3σ" in gan


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_every_title_target_and_parameter_help_is_translated(zh, exercise_id):
    exercise = get_exercise(exercise_id)
    assert exercise.title_text() != exercise.title and exercise.target_text() != exercise.target
    for name, prop in translated_schema(exercise.Params.model_json_schema())["properties"].items():
        description = prop["description"]
        assert any("\u4e00" <= ch <= "\u9fff" for ch in description), (name, description)


def test_targets_in_english_are_the_texts_they_were():
    assert get_exercise("attention").target_text() == (
        "Transformer test accuracy ≥ 95% with the query's strongest attention on the matching key in ≥ 90% of "
        "test examples; LSTM ≤ 70%")
    assert get_exercise("backprop").target_text().startswith("hand-written and autograd gradients agree to ≤ 1e-10")
    schema = translated_schema(get_exercise("concepts").Params.model_json_schema())
    assert schema["properties"]["lr"]["description"] == "learning rate"


def test_timing_batch_help_quotes_the_real_limit():
    from dltutor.lab.exercises import distributed

    assert f"≤ {distributed.MAX_TIMING_BATCH})" in distributed.Params.model_fields["timing_batches"].description


def test_parameter_help_and_bad_parameter_in_chinese(zh):
    schema = translated_schema(get_exercise("concepts").Params.model_json_schema())
    assert schema["properties"]["lr"]["description"] == "学习率"
    assert schema["properties"]["hidden"]["default"] == 16  # only the words change
    with pytest.raises(BadParams, match="'concepts' 没有超参数 'speed'；可用的有：lr（默认 0.03）、"):
        parse_params(get_exercise("concepts"), {"speed": "1"})
    with pytest.raises(BadParams, match=r"lr='inf'：不是有限的数（学习率）"):
        parse_params(get_exercise("concepts"), {"lr": "inf"})


def test_a_bad_download_is_explained_in_chinese(zh, tmp_path):
    page = tmp_path / "train-images-idx3-ubyte"
    page.write_bytes(b"<!DOCTYPE html><html>404</html>")
    with pytest.raises(DataError) as caught:
        read_idx(page)
    assert str(caught.value) == (f"{page}：不是无符号字节的 IDX 文件（它是一个网页，可能是下载失败时保存下来的错误页面）；"
                                 "请使用原始的 MNIST/Fashion-MNIST 文件")


def test_failure_text_joins_the_remedies_in_chinese(zh):
    failed = Failed("concepts", "训练发散了。", 5, (Remedy("lr", "lower", 0.03), Remedy("clip", "set", 1.0)))
    text = failure_text(failed, lambda r: f"调低 {r.knob}" if r.action == "lower" else f"设置 {r.knob}")
    assert text == "训练发散了。调低 lr，或者设置 clip，然后再运行一次。"


def test_the_training_process_speaks_the_learners_language(zh):
    # Each request carries the app's language (the process may have started in another one).
    trainer = Trainer(setup="tests.tui.fake_exercise:install")
    try:
        info = trainer.describe("concepts")
        assert info["params_schema"]["properties"]["lr"]["description"] == "学习率"
        events = list(trainer.run("concepts", {"mode": "diverge"}))
        assert events[-1].event == "failed"
        assert events[-1].reason.startswith("loss/train 在第 10 步变成了 nan：训练发散了。常见原因："), events[-1].reason
    finally:
        trainer.close()


def test_the_distributed_layout_is_explained_in_chinese(zh):
    from dltutor.lab import ddp

    assert ddp.plan("cuda", 2, 2, asked=False).note == "NCCL，每块 GPU 一个进程（cuda:0 … cuda:1）"
    fallback = ddp.plan("cuda", 1, 2, asked=False)
    assert fallback.backend == "gloo" and fallback.note == (
        "在 CPU 上用 gloo（NCCL 要求每个进程独占一块 GPU：现在有 2 个进程，只有 1 块 GPU）")
    with pytest.raises(ValueError, match="请使用 --device cpu（gloo）或 --set world_size=1"):
        ddp.plan("cuda", 1, 2, asked=True)


def test_the_distributed_layout_in_english_is_unchanged():
    from dltutor.lab import ddp

    assert ddp.plan("cuda", 1, 2, asked=False).note == (
        "gloo on the CPU (NCCL needs one GPU per process: 2 processes, 1 GPU)")
    assert ddp.plan("cuda", 3, 4, asked=False).note.endswith("4 processes, 3 GPUs)")
