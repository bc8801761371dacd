//! Edits of a spec's text at the places its reader found: a key's value
//! replaced, a key or a map entry added after the last one (on a line of its
//! own, indented like its neighbours) or removed with its line. Everything
//! else stays byte for byte.

use crate::spec::rewrite::{offset, ron_string};
use crate::spec::syntax::{self, Args, Node, NodeKind};

/// One `key: value` (or `"key": value`) of a call or a map, as byte offsets.
#[derive(Clone, Copy)]
pub struct Entry {
    pub start: usize,
    pub end: usize,
}

/// The top-level `key: value` pairs.
pub fn top(text: &str) -> Result<Vec<(syntax::Ident, Node)>, String> {
    match syntax::parse(text)
        .map_err(|e| format!("{}: {}", e.pos, e.message))?
        .kind
    {
        NodeKind::Call {
            args: Args::Named(keys),
            ..
        } => Ok(keys),
        _ => Err("the spec is not a List(...), Tracker(...) or Timer(...)".into()),
    }
}

pub fn find<'a>(keys: &'a [(syntax::Ident, Node)], key: &str) -> Option<&'a Node> {
    keys.iter().find(|(k, _)| k.name == key).map(|(_, v)| v)
}

pub fn span(text: &str, node: &Node) -> (usize, usize) {
    (offset(text, node.span.start), offset(text, node.span.end))
}

pub fn replace(text: &str, (from, to): (usize, usize), with: &str) -> String {
    let mut out = text.to_string();
    out.replace_range(from..to, with);
    out
}

fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// The index after the spaces and tabs from `at`.
fn skip_blank(text: &str, at: usize) -> usize {
    at + text[at..].len() - text[at..].trim_start_matches([' ', '\t']).len()
}

/// Whether the rest of the line from `at` is blank or a comment.
fn line_rest_free(text: &str, at: usize) -> bool {
    let rest = &text[at..];
    let line = rest.split('\n').next().unwrap_or("");
    let t = line.trim();
    t.is_empty() || t.starts_with("//")
}

fn end_of_line(text: &str, at: usize) -> usize {
    text[at..].find('\n').map_or(text.len(), |i| at + i + 1)
}

/// `entry_src` (e.g. `rating: Rating(max: 5)`) added after the last of
/// `entries`; None when there are none to place it by.
pub fn insert_after(text: &str, entries: &[Entry], entry_src: &str) -> Option<String> {
    let last = entries.last()?;
    let ls = line_start(text, last.start);
    let indent = &text[ls..last.start];
    let after = skip_blank(text, last.end);
    let comma = text[after..].starts_with(',');
    let past = if comma { after + 1 } else { last.end };
    let mut out = text.to_string();
    if indent.trim().is_empty() && line_rest_free(text, past) {
        let at = end_of_line(text, past);
        let nl = if at == text.len() && !text.ends_with('\n') {
            "\n"
        } else {
            ""
        };
        out.insert_str(at, &format!("{nl}{indent}{entry_src},\n"));
        if !comma {
            out.insert(last.end, ',');
        }
    } else if comma {
        out.insert_str(past, &format!(" {entry_src},"));
    } else {
        out.insert_str(last.end, &format!(", {entry_src}"));
    }
    Some(out)
}

/// The text without `entries[i]` (and its comma, and its line when it has
/// one of its own).
pub fn remove(text: &str, entries: &[Entry], i: usize) -> String {
    let e = entries[i];
    let ls = line_start(text, e.start);
    let after = skip_blank(text, e.end);
    let comma = text[after..].starts_with(',');
    let past = if comma { after + 1 } else { e.end };
    let mut out = text.to_string();
    if text[ls..e.start].trim().is_empty() && line_rest_free(text, past) {
        out.replace_range(ls..end_of_line(text, past), "");
    } else if comma {
        let to = skip_blank(text, past);
        out.replace_range(e.start..to, "");
    } else if i > 0 {
        // The last of a line: the comma before it goes with it.
        let prev = entries[i - 1];
        let from = skip_blank(text, prev.end);
        let from = if text[from..].starts_with(',') {
            from
        } else {
            prev.end
        };
        out.replace_range(from..e.end, "");
    } else {
        out.replace_range(e.start..e.end, "");
    }
    out
}

/// The entries of the top-level keys.
pub fn top_entries(text: &str, keys: &[(syntax::Ident, Node)]) -> Vec<Entry> {
    keys.iter()
        .map(|(k, v)| Entry {
            start: offset(text, k.span.start),
            end: offset(text, v.span.end),
        })
        .collect()
}

/// `key: value` set: the value replaced when the key is there, else the key
/// added after the last one.
pub fn set_key(text: &str, key: &str, value_src: &str) -> Result<String, String> {
    let keys = top(text)?;
    if let Some(v) = find(&keys, key) {
        return Ok(replace(text, span(text, v), value_src));
    }
    insert_after(text, &top_entries(text, &keys), &format!("{key}: {value_src}"))
        .ok_or_else(|| "the spec has no keys to place a new one by".into())
}

/// The text without the top-level `key`; None when it has no such key.
pub fn remove_key(text: &str, key: &str) -> Result<Option<String>, String> {
    let keys = top(text)?;
    let Some(i) = keys.iter().position(|(k, _)| k.name == key) else {
        return Ok(None);
    };
    Ok(Some(remove(text, &top_entries(text, &keys), i)))
}

/// A field of the `fields:` map: its name, its type's node, its entry.
pub type FieldEntry = (String, Node, Entry);

/// The `fields: { ... }` map and its entries.
pub fn fields(text: &str) -> Result<Option<(Node, Vec<FieldEntry>)>, String> {
    let keys = top(text)?;
    let Some(map) = find(&keys, "fields") else {
        return Ok(None);
    };
    let NodeKind::Map(entries) = &map.kind else {
        return Ok(None);
    };
    let list = entries
        .iter()
        .filter_map(|(k, v)| {
            let NodeKind::Str(name) = &k.kind else { return None };
            Some((
                name.clone(),
                v.clone(),
                Entry {
                    start: offset(text, k.span.start),
                    end: offset(text, v.span.end),
                },
            ))
        })
        .collect();
    Ok(Some((map.clone(), list)))
}

/// A field type's text with `key: value_src` added to its arguments:
/// `Bool` becomes `Bool(was: "x")`, `Text(required: true)` becomes
/// `Text(required: true, was: "x")`.
pub fn add_arg(text: &str, value: &Node, key: &str, value_src: &str) -> Option<String> {
    let (from, to) = span(text, value);
    match &value.kind {
        NodeKind::Ident(name) => Some(replace(text, (from, to), &format!("{name}({key}: {value_src})"))),
        NodeKind::Call {
            args: Args::Named(args),
            ..
        } => match args.last() {
            None => {
                let close = text[..to].rfind(')')?;
                let mut out = text.to_string();
                out.insert_str(close, &format!("{key}: {value_src}"));
                Some(out)
            }
            Some((_, last)) => {
                let end = offset(text, last.span.end);
                let mut out = text.to_string();
                out.insert_str(end, &format!(", {key}: {value_src}"));
                Some(out)
            }
        },
        _ => None,
    }
}

/// Every string in `node` equal to `old` (or to `-old`, a descending sort
/// key), as (span, new text).
pub fn strings_naming(
    text: &str,
    node: &Node,
    old: &str,
    new: &str,
    out: &mut Vec<((usize, usize), String)>,
) {
    match &node.kind {
        NodeKind::Str(s) if s == old => out.push((span(text, node), ron_string(new))),
        NodeKind::Str(s) if s.strip_prefix('-') == Some(old) => {
            out.push((span(text, node), ron_string(&format!("-{new}"))))
        }
        NodeKind::Call { args, .. } => match args {
            Args::Named(a) => a
                .iter()
                .filter(|(k, _)| k.name != "filter" && k.name != "name")
                .for_each(|(_, v)| strings_naming(text, v, old, new, out)),
            Args::Positional(a) => a.iter().for_each(|v| strings_naming(text, v, old, new, out)),
        },
        NodeKind::List(items) => items.iter().for_each(|v| strings_naming(text, v, old, new, out)),
        _ => {}
    }
}

/// Several replacements at once, from the end so earlier offsets hold.
pub fn replace_all(text: &str, mut edits: Vec<((usize, usize), String)>) -> String {
    edits.sort_by_key(|e| std::cmp::Reverse(e.0.0));
    let mut out = text.to_string();
    for ((from, to), with) in edits {
        out.replace_range(from..to, &with);
    }
    out
}
