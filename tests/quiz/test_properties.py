"""Property tests: the key always scores full marks, scores stay in [0, max], pick order never matters."""

from hypothesis import given, settings
from hypothesis import strategies as st

from dltutor.content.models import (
    MultipleQuestion,
    NumericQuestion,
    OrderQuestion,
    Quiz,
    SingleQuestion,
    TextQuestion,
    TrueFalseQuestion,
)
from dltutor.quiz import correct_answer, grade_question, grade_quiz

settings.register_profile("dltutor", max_examples=150, deadline=None)
settings.load_profile("dltutor")

KEYS = st.lists(st.sampled_from("abcdefgh"), min_size=2, max_size=8, unique=True)
POINTS = st.floats(min_value=0.25, max_value=100, allow_nan=False)
COMMON = dict(prompt="p", explanation="e")


@st.composite
def choice_question(draw, kind):
    keys = draw(KEYS)
    choices = {k: f"choice {k}" for k in keys}
    points = draw(POINTS)
    if kind == "single":
        return SingleQuestion(id="q", type="single", choices=choices, answer=draw(st.sampled_from(keys)),
                              points=points, **COMMON)
    if kind == "multiple":
        answer = draw(st.lists(st.sampled_from(keys), min_size=1, unique=True))
        return MultipleQuestion(id="q", type="multiple", choices=choices, answer=answer, points=points, **COMMON)
    return OrderQuestion(id="q", type="order", choices=choices, answer=draw(st.permutations(keys)),
                         points=points, **COMMON)


FINITE = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)
WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABC 0123456789模式", min_size=1, max_size=20).filter(str.strip)


@st.composite
def any_question(draw):
    kind = draw(st.sampled_from(["single", "multiple", "order", "truefalse", "numeric", "text"]))
    points = draw(POINTS)
    if kind in ("single", "multiple", "order"):
        return draw(choice_question(kind))
    if kind == "truefalse":
        return TrueFalseQuestion(id="q", type="truefalse", answer=draw(st.booleans()), points=points, **COMMON)
    if kind == "numeric":
        return NumericQuestion(id="q", type="numeric", answer=draw(FINITE), points=points,
                               tolerance=draw(st.floats(min_value=0, max_value=10)), **COMMON)
    return TextQuestion(id="q", type="text", answer=draw(st.lists(WORDS, min_size=1, max_size=3)), points=points, **COMMON)


@st.composite
def question_and_answer(draw):
    """A question and any well-formed answer to it (or none)."""
    question = draw(any_question())
    if isinstance(question, SingleQuestion):
        answer = draw(st.sampled_from(list(question.choices)))
    elif isinstance(question, MultipleQuestion):
        answer = draw(st.lists(st.sampled_from(list(question.choices)), unique=True))
    elif isinstance(question, OrderQuestion):
        answer = draw(st.permutations(list(question.choices)))
    elif isinstance(question, TrueFalseQuestion):
        answer = draw(st.booleans())
    elif isinstance(question, NumericQuestion):
        answer = draw(FINITE)
    else:
        answer = draw(WORDS)
    return question, draw(st.one_of(st.just(answer), st.none()))


@given(any_question())
def test_the_key_always_scores_full_marks(question):
    keys = question.accepted if isinstance(question, TextQuestion) else [question.answer, correct_answer(question)]
    for key in keys:
        result = grade_question(question, key)
        assert result.status == "correct"
        assert result.points == question.points == result.max_points


@given(question_and_answer())
def test_score_stays_within_zero_and_max(qa):
    question, answer = qa
    result = grade_question(question, answer)
    assert 0.0 <= result.points <= result.max_points == question.points
    assert (result.status == "correct") == (result.points == result.max_points)
    assert (result.status in ("wrong", "unanswered")) == (result.points == 0)
    assert (result.status == "unanswered") == (answer is None or answer == [])


@given(choice_question("multiple"), st.data())
def test_order_of_picks_in_a_multiple_answer_does_not_matter(question, data):
    picks = data.draw(st.lists(st.sampled_from(list(question.choices)), min_size=1, unique=True))
    shuffled = data.draw(st.permutations(picks))
    a, b = grade_question(question, picks), grade_question(question, shuffled)
    assert (a.points, a.status, a.answer) == (b.points, b.status, b.answer)
    assert grade_question(question, " ".join(shuffled)).points == a.points  # typed at a prompt


FULL_WIDTH = {c: chr(ord(c) + 0xFEE0) for c in map(chr, range(0x21, 0x7F))} | {" ": "\u3000"}


@given(st.lists(WORDS, min_size=1, max_size=3), st.data())
def test_text_key_matches_whatever_the_case_spacing_or_width(accepted, data):
    question = TextQuestion(id="q", type="text", answer=accepted, **COMMON)
    key = data.draw(st.sampled_from(accepted))
    variant = data.draw(st.sampled_from([str.upper, str.lower, str.title,
                                         lambda s: "".join(FULL_WIDTH.get(c, c) for c in s),
                                         lambda s: "  " + s.replace(" ", "   ") + "\t"]))
    assert grade_question(question, variant(key)).status == "correct"


@given(st.lists(question_and_answer(), min_size=1, max_size=6), st.floats(min_value=0.05, max_value=1))
def test_quiz_score_is_the_sum_and_passed_follows_the_pass_mark(qas, pass_mark):
    questions = tuple(q.model_copy(update={"id": f"q{i}"}) for i, (q, _) in enumerate(qas))
    quiz = Quiz(pass_mark=pass_mark, questions=questions)
    answers = {f"q{i}": a for i, (_, a) in enumerate(qas)}
    result = grade_quiz(quiz, answers, "lesson")
    assert 0 <= result.score <= result.max_score
    assert abs(result.score - sum(r.points for r in result.questions)) < 1e-6
    assert result.passed == (result.score / result.max_score >= pass_mark - 1e-9)
