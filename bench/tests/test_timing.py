"""bench.timing.in_turns: two jobs timed in turns, which goes first alternating."""

from bench.timing import in_turns


def test_the_two_jobs_take_turns_going_first_and_each_gets_its_own_times():
    order = []
    first, second = in_turns(lambda: order.append("a"), lambda: order.append("b"), rounds=3)
    assert order == ["a", "b", "b", "a", "a", "b"]
    assert len(first) == len(second) == 3
    assert all(t >= 0 for t in first + second)
