//! App ids: short, file-name-safe keys for an app's data.

/// Checks that `id` is a slug: 1 to 64 of `a-z A-Z 0-9 - _ .`, starting with
/// a letter or digit, so it can never name another path (`/`, `..`). The
/// error completes a sentence that starts with the id's name: "'id' must ...".
pub fn check(id: &str) -> Result<(), String> {
    if id.is_empty() {
        return Err("must not be empty".into());
    }
    for bad in ["/", "\\", ".."] {
        if id.contains(bad) {
            return Err(format!("must not contain '{bad}'"));
        }
    }
    if id.chars().count() > 64 {
        return Err("is longer than 64 characters".into());
    }
    if let Some(c) = id
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
    {
        return Err(format!("must not contain {c:?}"));
    }
    if !id.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        return Err("must start with a letter or digit".into());
    }
    Ok(())
}

/// Makes an id from a name or file stem: "Reading List" -> "reading-list".
pub fn from_stem(stem: &str) -> Option<String> {
    let mut out = String::new();
    for c in stem.trim().chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out: String = out.trim_end_matches('-').chars().take(64).collect();
    let out = out.trim_end_matches('-').to_string();
    check(&out).ok().map(|_| out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(check("groceries").is_ok());
        assert!(check("trip-2026_v1").is_ok());
        assert!(check("v1.2").is_ok());
        assert_eq!(check("../etc").unwrap_err(), "must not contain '/'");
        assert_eq!(check("..").unwrap_err(), "must not contain '..'");
        assert_eq!(check("a\\b").unwrap_err(), "must not contain '\\'");
        assert_eq!(check("").unwrap_err(), "must not be empty");
        assert_eq!(check("-x").unwrap_err(), "must start with a letter or digit");
        assert_eq!(check("a b").unwrap_err(), "must not contain ' '");
        assert!(check(&"a".repeat(65)).is_err());
        assert!(check(&"a".repeat(64)).is_ok());
        assert_eq!(from_stem("Reading List").as_deref(), Some("reading-list"));
        assert_eq!(from_stem("  Trip: Rome 2026 ").as_deref(), Some("trip-rome-2026"));
        assert_eq!(from_stem("!!!"), None);
        assert_eq!(from_stem(".."), None);
    }
}
