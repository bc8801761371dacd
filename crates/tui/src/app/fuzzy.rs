//! Fuzzy matching for filters: the query's characters in order, anywhere in
//! the text; tighter and earlier matches score higher.

/// A score if every character of `query` appears in `text` in order
/// (case-insensitive), else None.
pub fn score(query: &str, text: &str) -> Option<i64> {
    if query.is_empty() {
        return Some(0);
    }
    let text: Vec<char> = text.to_lowercase().chars().collect();
    let mut score = 0i64;
    let mut pos = 0usize;
    let mut last: Option<usize> = None;
    for q in query.to_lowercase().chars() {
        if q == ' ' {
            continue;
        }
        let found = text[pos..].iter().position(|c| *c == q)? + pos;
        score += match last {
            Some(l) if found == l + 1 => 8,
            _ => 1,
        };
        if found == 0
            || text
                .get(found.wrapping_sub(1))
                .is_some_and(|c| !c.is_alphanumeric())
        {
            score += 4;
        }
        last = Some(found);
        pos = found + 1;
    }
    Some(score * 100 - text.len() as i64)
}

/// The best score over several texts.
pub fn best<'a>(query: &str, texts: impl IntoIterator<Item = &'a str>) -> Option<i64> {
    texts.into_iter().filter_map(|t| score(query, t)).max()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_in_order() {
        assert!(score("grc", "Groceries").is_some());
        assert!(score("xyz", "Groceries").is_none());
        assert!(score("gro", "Groceries") > score("gro", "big rock"));
        assert_eq!(score("", "x"), Some(0));
    }
}
