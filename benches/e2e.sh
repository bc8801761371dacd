#!/bin/sh
# End-to-end figures of nook in a pseudo-terminal: first launcher frame,
# opening a long list, key-to-screen latency in it, peak memory, `nook add`
# and `nook log`, their syncs, idle CPU, in a small home and a large one
# (see benches/e2e.rs), each next to its floor: a minimal ratatui app and
# one durable redb commit (examples/floor_*.rs), built here. Builds the
# release binary, seeds temporary homes (about a minute for the large one),
# then prints two tables. Pass-through: NOOK_BENCH_RECORDS,
# NOOK_BENCH_FRAMES, NOOK_BENCH_OPENS, NOOK_BENCH_KEYS, NOOK_BENCH_ADDS.
set -eu
cd "$(dirname "$0")/.."
cargo build --release --bin nook --example floor_tui --example floor_commit
# The bench profile is the release profile: this reuses the binaries above.
exec cargo bench --bench e2e
