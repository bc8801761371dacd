//! Fingerprints of what derived data was made under (a spec's figures,
//! rollups, view orders): FNV-1a over a description, stable across runs
//! and machines, so a stored fingerprint still matches after a restart; a
//! description that changes between nook versions only costs one recount.

/// FNV-1a of `text`.
pub fn of(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}
