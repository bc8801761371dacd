#!/bin/sh
# The long form of nook's reliability tests (docs/reliability.md).
#
#   scripts/crash-soak.sh [KILLS] [CASES]
#
# KILLS (default 2000): `nook add` processes killed with SIGKILL at random
#   moments; the TUI is killed KILLS/8 times besides. After every kill the
#   database must open, hold every acknowledged add, and show no half-applied
#   operation. Each run prints its seed; NOOK_CRASH_SEED=N replays it.
# CASES (default 10000): proptest cases per property of tests/library/props.rs
#   (the slower ones, through a real database or the binary, run a fraction).
#
# Then the parallel-writer, damaged-database and hostile-environment tests
# once more. Everything runs in temporary homes; nothing touches yours.
set -eu
KILLS=${1:-2000}
CASES=${2:-10000}
cd "$(dirname "$0")/.."
started=$(date +%s)
echo "== crash: $KILLS kills of nook add, $((KILLS / 8 + 1)) of the TUI"
NOOK_CRASH_ROUNDS=$KILLS cargo test --test tui crash:: -- --nocapture --test-threads=1
echo "== props: $CASES cases per property"
PROPTEST_CASES=$CASES cargo test --test library props:: -- --test-threads=2
echo "== parallel writers, damaged databases, hostile environment"
cargo test --test tui --test cli --test library -- parallel:: damaged:: hostile_env:: spec_hostile::
echo "== done in $(( $(date +%s) - started )) s"
