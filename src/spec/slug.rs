//! App ids: short, file-name-safe keys for an app's data.

/// Checks that `id` is a slug: 1 to 64 of `a-z A-Z 0-9 - _ .`, starting with
/// a letter or digit, so it can never name another path (`/`, `..`).
pub fn check(id: &str) -> Result<(), String> {
    if id.is_empty() {
        return Err("must not be empty".into());
    }
    if id.chars().count() > 64 {
        return Err("is longer than 64 characters".into());
    }
    if id.contains('/') || id.contains('\\') || id.contains("..") {
        return Err(format!("{id:?} must not contain '/', '\\' or '..'"));
    }
    let first_ok = id.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
    let all_ok = id
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if !first_ok || !all_ok {
        return Err(format!(
            "{id:?} is not a slug: use letters, digits, '-' and '_', starting with a letter or digit"
        ));
    }
    Ok(())
}

/// Makes an id from a name or file stem: "Reading List" -> "reading-list".
pub fn from_stem(stem: &str) -> Option<String> {
    let mut out = String::new();
    for c in stem.trim().chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            out.push(c.to_ascii_lowercase());
        } else if (c == '-' || c.is_whitespace() || c == '.') && !out.is_empty() && !out.ends_with('-') {
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
        assert!(check("../etc").is_err());
        assert!(check("a/b").is_err());
        assert!(check("").is_err());
        assert!(check("-x").is_err());
        assert_eq!(from_stem("Reading List").as_deref(), Some("reading-list"));
        assert_eq!(from_stem("  Trip: Rome 2026 ").as_deref(), Some("trip-rome-2026"));
        assert_eq!(from_stem("!!!"), None);
    }
}
