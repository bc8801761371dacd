//! Changing values in a spec's text in place: only the values change, the
//! user's comments and layout stay. Used to make a new app from a template
//! and to save the remote's version of a spec beside the local one.

use super::syntax::{self, Args, Node, NodeKind, Pos};

/// A RON string literal for `s`.
pub fn ron_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The byte offset of a reader position (lines and columns count from 1, in
/// characters, after any byte order mark).
pub fn offset(text: &str, pos: Pos) -> usize {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bom = text.len() - body.len();
    let line_start: usize = body
        .split_inclusive('\n')
        .take(pos.line.saturating_sub(1) as usize)
        .map(str::len)
        .sum();
    let rest = &body[line_start..];
    let col = rest
        .char_indices()
        .nth(pos.col.saturating_sub(1) as usize)
        .map_or(rest.len(), |(i, _)| i);
    bom + line_start + col
}

/// The top-level `key: value` pairs of a spec, if it parses as one.
fn top_keys(text: &str) -> Option<Vec<(syntax::Ident, Node)>> {
    match syntax::parse(text).ok()?.kind {
        NodeKind::Call {
            args: Args::Named(keys),
            ..
        } => Some(keys),
        _ => None,
    }
}

/// `text` with each top-level string value that `change(key, value)` gives a
/// new value for replaced; None when the text is not a spec that parses.
pub fn set_strings(text: &str, change: impl Fn(&str, &str) -> Option<String>) -> Option<String> {
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    for (key, value) in top_keys(text)? {
        let NodeKind::Str(old) = &value.kind else { continue };
        if let Some(new) = change(&key.name, old) {
            edits.push((
                offset(text, value.span.start),
                offset(text, value.span.end),
                ron_string(&new),
            ));
        }
    }
    // From the end, so the offsets before each edit still hold.
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_string();
    for (from, to, with) in edits {
        out.replace_range(from..to, &with);
    }
    Some(out)
}

/// `text` with `id: "ID"` added before its `name:` key (on a line of its own
/// when `name:` starts one); None when it has no `name:` or does not parse.
pub fn add_id_before_name(text: &str, id: &str) -> Option<String> {
    let keys = top_keys(text)?;
    let (name, _) = keys.iter().find(|(k, _)| k.name == "name")?;
    let start = offset(text, name.span.start);
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let indent = &text[line_start..start];
    let insert = if indent.trim().is_empty() {
        format!("id: {},\n{indent}", ron_string(id))
    } else {
        format!("id: {}, ", ron_string(id))
    };
    let mut out = text.to_string();
    out.insert_str(start, &insert);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_change_in_place_and_nothing_else_does() {
        let t = "\u{feff}// c\nList(\n    name: \"Bö \\\"x\\\"\", // the name\n    id: \"b\",\n)\n";
        let out = set_strings(t, |k, v| (k == "name").then(|| format!("{v}!"))).unwrap();
        assert_eq!(
            out,
            "\u{feff}// c\nList(\n    name: \"Bö \\\"x\\\"!\", // the name\n    id: \"b\",\n)\n"
        );
        assert_eq!(set_strings("<<<<<<< HEAD\n", |_, _| None), None);
    }

    #[test]
    fn an_id_goes_before_the_name() {
        let t = "List(\n    name: \"A\",\n)\n";
        assert_eq!(
            add_id_before_name(t, "a").unwrap(),
            "List(\n    id: \"a\",\n    name: \"A\",\n)\n"
        );
        assert_eq!(
            add_id_before_name("List(name: \"A\")", "a").unwrap(),
            "List(id: \"a\", name: \"A\")"
        );
    }
}
