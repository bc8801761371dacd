//! "Did you mean": the closest known name to a misspelt one, for the
//! spec's checks, the formula language and typed input alike.

/// The closest name among `known`, for "did you mean" hints.
pub fn closest<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    // A hint among thousands of names is noise, and costly to find.
    if known.len() > 1000 {
        return None;
    }
    let lower = word.to_lowercase();
    known
        .iter()
        .map(|k| (strsim::jaro_winkler(&lower, &k.to_lowercase()), *k))
        .filter(|(score, _)| *score >= 0.75)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}
