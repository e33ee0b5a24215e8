"""A translated lesson in tmp_path: lesson.zh.md and quiz.zh.yaml beside helpers.make_lesson's English files."""

from pathlib import Path

from tests.content.helpers import make_lesson

EN_MD = """---
id: {id}
title: "Lesson {id}"
order: 1
requires: []
minutes: 10
objectives: ["Learn {id}", "Use it"]
exercise: ~
---

## Gradients

A gradient points uphill. The learning rate is 0.1. Call `loss.backward()`; see [d2l](https://d2l.ai).

<!-- measured: lr -->

```python
print(2 + 2)
```

### Chain rule

| a | b |
|---|---|
| 1 | 2 |

## Summary

Done.
"""

ZH_MD = """---
id: {id}
title: "第 {id} 课"
order: 1
requires: []
minutes: 10
objectives: ["学习 {id}", "会用它"]
exercise: ~
---

## 梯度

梯度（gradient）指向上坡方向。学习率是 0.1。调用 `loss.backward()`；参见 [d2l](https://d2l.ai)。

<!-- measured: lr -->

```python
print(2 + 2)
```

### 链式法则

| 甲 | 乙 |
|---|---|
| 1 | 2 |

## 小结

完。
"""

EN_QUIZ = """pass_mark: 0.5
questions:
  - id: {id}-pick
    type: single
    prompt: "Which way does a gradient point?"
    choices: {{a: "uphill", b: "downhill"}}
    answer: a
    explanation: "It points uphill; 0.1 is a learning rate."
    hints: ["Think of a hill."]
  - id: {id}-rule
    type: text
    prompt: "Name the rule that multiplies local derivatives."
    answer: ["chain rule", "链式法则"]
    explanation: "The chain rule."
"""

ZH_QUIZ = """# 中文翻译：只含文字。
questions:
  {id}-pick:
    prompt: "梯度指向哪个方向？"
    choices:
      a: "上坡"
      b: "下坡"
    explanation: "它指向上坡；0.1 是学习率。"
    hints:
      - "想一想山坡。"
  {id}-rule:
    prompt: "把各个局部导数相乘的法则叫什么？"
    explanation: "链式法则（chain rule）。"
"""


def make_translated(root: Path, folder: str = "01-x", id: str = "x", zh_md: str | None = None,
                    zh_quiz: str | None = None, en_md: str | None = None, en_quiz: str | None = None) -> Path:
    d = make_lesson(root, folder, id, md=(en_md or EN_MD).format(id=id), quiz=(en_quiz or EN_QUIZ).format(id=id))
    if zh_md is not False:
        (d / "lesson.zh.md").write_text((zh_md or ZH_MD).format(id=id), encoding="utf-8")
    if zh_quiz is not False:
        (d / "quiz.zh.yaml").write_text((zh_quiz or ZH_QUIZ).format(id=id), encoding="utf-8")
    return d
