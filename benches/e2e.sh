#!/bin/sh
# End-to-end figures of nook in a pseudo-terminal: first launcher frame,
# key-to-screen latency in a long list, peak memory, `nook add`, idle CPU,
# in a small home and a large one (see benches/e2e.rs). Builds the release
# binary, seeds two temporary homes (about a minute for the large one),
# then prints one table. Pass-through: NOOK_BENCH_RECORDS, NOOK_BENCH_FRAMES,
# NOOK_BENCH_KEYS, NOOK_BENCH_ADDS.
set -eu
cd "$(dirname "$0")/.."
cargo build --release --bin nook
# The bench profile is the release profile: this reuses the binary above.
exec cargo bench --bench e2e
