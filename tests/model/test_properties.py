"""Property-based tests of every input surface a user types into.

Scenario YAML, ``--set``, ``--vary`` and the app's URL values: whatever the input, the
result is a value or the project's own error (a ``SimulatorError``, or for URL values the
``ValueError`` the page turns into a warning), never another exception, and never a hang
(each example must finish within the deadline). 10,000 examples in all.
"""

import string
from datetime import timedelta

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from simulator.app import widgets
from simulator.app.scenarios import Choice
from simulator.errors import SimulatorError
from simulator.model import params
from simulator.model.scenario import from_text
from simulator.studies import designs

pytestmark = pytest.mark.slow  # 10,000 examples: `make test-slow`
EXAMPLES = 2_500
"""Per surface; four surfaces make the 10,000 of the acceptance list."""
DEADLINE = timedelta(seconds=10)
SETTINGS = settings(max_examples=EXAMPLES, deadline=DEADLINE, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])

NAMES = sorted(params.SCHEMA)
numbers = st.one_of(st.integers(), st.floats(allow_nan=True, allow_infinity=True),
                    st.integers(min_value=-10**400, max_value=10**400))
scalars = st.one_of(st.none(), st.booleans(), numbers, st.text(max_size=30))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=6), st.dictionaries(st.text(max_size=10), inner, max_size=4)),
    max_leaves=20)
parameter_entries = st.one_of(
    values,
    st.fixed_dictionaries({"value": values}, optional={
        "claims": values, "why": values, "context": values, "extra": values}))
documents = st.fixed_dictionaries({}, optional={
    "name": values, "title": values, "speaker": values, "summary": values,
    "extends": st.one_of(st.sampled_from(["baseline", "kemp", "nobody", ""]), values),
    "parameters": st.one_of(values, st.dictionaries(
        st.one_of(st.sampled_from(NAMES), st.text(max_size=20), st.integers(), st.none()),
        parameter_entries, max_size=6)),
    "unknown": values,
})
yaml_texts = st.one_of(
    documents.map(lambda d: yaml.safe_dump(d, allow_unicode=True)),
    st.text(alphabet=string.printable + "éÿ\u2028\ud7ff", max_size=300),
    st.builds(lambda key, raw: f"parameters:\n  {key}: {raw}\n",
              st.sampled_from(NAMES), st.text(max_size=40)),
)


@SETTINGS
@given(yaml_texts)
@example("parameters:\n  chain.layers: \x1f\n")  # found by this test: a control character
def test_any_scenario_text_loads_or_gets_a_clear_error(text):
    try:
        scenario = from_text(text, source="fuzz.yaml")
    except SimulatorError as error:
        assert str(error).startswith("fuzz.yaml") or "fuzz.yaml" in str(error), error
        return
    params.validate(scenario.overrides)  # what loaded is a valid parameter set


assignments = st.one_of(
    st.builds(lambda name, raw: f"{name}={raw}", st.sampled_from(NAMES),
              st.one_of(st.text(max_size=30), numbers.map(str),
                        st.lists(numbers.map(str), max_size=12).map(",".join))),
    st.text(max_size=60),
)


@SETTINGS
@given(assignments)
def test_any_set_assignment_parses_or_names_the_field(text):
    try:
        name, value = params.parse_assignment(text)
    except SimulatorError:
        return
    assert params.lookup(name).check(value) == value


varies = st.one_of(
    st.builds(lambda name, low, high: f"{name}={low}:{high}",
              st.sampled_from([*NAMES, "dummy"]), numbers.map(str), numbers.map(str)),
    st.builds(lambda name, raw: f"{name}={raw}", st.sampled_from(NAMES), st.text(max_size=30)),
    st.text(max_size=60),
)


@SETTINGS
@given(varies)
def test_any_vary_range_parses_or_names_the_field(text):
    try:
        vary = designs.parse_vary(text)
    except SimulatorError:
        return
    assert vary.low <= vary.high


url_values = st.one_of(st.text(max_size=80), numbers.map(str),
                       st.sampled_from(["1e400", "9" * 400, "nan", "-inf", "`![x](http://e/x)`",
                                        "https://evil.example", "kemp;chain.layers=3"]))
CHECKS = [widgets.check_whole(0, widgets.SEED_MAX), widgets.check_number(0, 1),
          widgets.check_flag, widgets.check_preset, widgets.check_choice(["a", "b"]),
          *(widgets.check_parameter(name) for name in NAMES)]


@SETTINGS
@given(st.sampled_from(range(len(CHECKS))), url_values)
def test_any_url_value_is_accepted_or_refused_with_a_warning_that_cannot_carry_markup(i, raw):
    try:
        CHECKS[i](raw)
    except ValueError:  # the page warns and uses the default (SimulatorError is one too)
        pass
    shown = widgets.shown_value(raw)
    fence = shown[:len(shown) - len(shown.lstrip("`"))]
    inner = shown[len(fence):len(shown) - len(fence)]
    assert shown.endswith(fence) and fence not in inner  # one unbroken code span
    try:
        Choice.parse(raw)
    except ValueError:
        pass
