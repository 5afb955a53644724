"""The capacity arithmetic, pure: numbers in, numbers and Dutch sentences out; no Django, no ORM.

- `verdeling`: the key that distributes an envelope over the schools, and what a new version carries over;
- `cijfers`: the one definition of every capacity figure (a supporter's week, a school's frame in use);
- `opvolging`: those figures side by side as the follow-up pages show them;
- `woorden`, `uitleg`: a frame in the words schools use, and how it was computed, step by step;
- `grafiek`: the charts' coordinates;
- `weekplanning`: the week-plan solver (CP-SAT) with its explanations and figures.

The contract "Pure computation needs no Django" in pyproject.toml keeps it so: it can be tested
exhaustively with Hypothesis and timed alone (bench/).
"""
