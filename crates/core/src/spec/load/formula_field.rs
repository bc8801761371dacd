//! `Formula("hours * rate")` fields: the expression is parsed with the
//! field, then checked against the list's other fields once they are all
//! read, in the order formulas use each other (a cycle is refused). Every
//! problem is reported where it is inside the RON string.

use super::*;
use crate::spec::formula::{self, FormulaType};

const EXAMPLE: &str = "Formula(\"hours * rate\")";

impl Cx {
    /// `Formula(...)` as a field's type: the expression parsed, its type
    /// still to be checked by [`Cx::check_formulas`].
    pub(super) fn formula_field(&mut self, n: &Node, args: &Args) -> Option<Field> {
        let lit = match args {
            Args::Positional(items) if items.len() == 1 => &items[0],
            Args::Named(keys) if !keys.is_empty() => {
                let (key, _) = &keys[0];
                let what = match key.name.as_str() {
                    "required" | "default" => "it is computed, never typed in".to_string(),
                    other => format!("Formula takes no key '{other}'"),
                };
                self.err(
                    key.span.start,
                    format!(
                        "a formula field takes no '{}' ({what}); write {EXAMPLE}",
                        key.name
                    ),
                );
                return None;
            }
            _ => {
                self.err(
                    n.span.start,
                    format!("Formula needs its expression as text, e.g. {EXAMPLE}"),
                );
                return None;
            }
        };
        let NodeKind::Str(source) = &lit.kind else {
            self.err(
                lit.span.start,
                format!(
                    "Formula takes its expression as text in double quotes, e.g. {EXAMPLE}; found {}",
                    lit.describe()
                ),
            );
            return None;
        };
        match formula::parse(source) {
            Ok(expr) => Some(Field {
                // Replaced by the checked type in check_formulas.
                ty: FieldType::Formula {
                    source: source.clone(),
                    expr,
                    ty: FormulaType::Number,
                },
                required: false,
                default: None,
                was: None,
            }),
            Err(problems) => {
                let at = literal_positions(&self.src, lit.span.start);
                for p in problems {
                    self.err(pos_at(&at, p.at(), lit.span.start), p.message);
                }
                None
            }
        }
    }

    /// Checks every formula field against the others (`at`: each one's
    /// string literal), and gives each its type. Formulas that use each
    /// other in a circle are refused; one that uses a field with a problem
    /// of its own is left unchecked rather than reported twice.
    pub(super) fn check_formulas(
        &mut self,
        fields: &mut IndexMap<String, Field>,
        declared: &[String],
        at: &[(String, Pos)],
    ) {
        let refs: HashMap<String, Vec<String>> = at
            .iter()
            .filter_map(|(name, _)| match &fields.get(name)?.ty {
                FieldType::Formula { expr, .. } => Some((name.clone(), formula::references(expr))),
                _ => None,
            })
            .collect();
        let mut blocked: HashSet<String> = HashSet::new();
        for (name, pos) in at {
            if !refs.contains_key(name) {
                continue;
            }
            if let Some(path) = cycle_from(name, &refs) {
                let shown: Vec<String> = path.iter().map(|n| quote(n)).collect();
                self.err(
                    *pos,
                    format!(
                        "field {}: the formula uses its own value ({}); a formula may use other formulas, but not in a circle",
                        quote(name),
                        shown.join(" → ")
                    ),
                );
                blocked.insert(name.clone());
            }
        }
        // Declared names whose type had a problem are fields all the same.
        for name in declared {
            if !fields.contains_key(name) {
                blocked.insert(name.clone());
            }
        }
        let mut typed: HashMap<String, FormulaType> = fields
            .iter()
            .filter(|(_, f)| !f.ty.is_formula())
            .map(|(n, f)| (n.clone(), FormulaType::of(&f.ty)))
            .collect();
        if !fields.contains_key(DONE) {
            typed.insert(DONE.into(), FormulaType::Bool);
        }
        let mut pending: Vec<&(String, Pos)> = at.iter().filter(|(n, _)| refs.contains_key(n)).collect();
        loop {
            let before = pending.len();
            let mut i = 0;
            while i < pending.len() {
                let (name, pos) = pending[i];
                let uses = &refs[name];
                if blocked.contains(name) || uses.iter().any(|u| blocked.contains(u)) {
                    blocked.insert(name.clone());
                    pending.remove(i);
                    continue;
                }
                if uses
                    .iter()
                    .any(|u| refs.contains_key(u) && !typed.contains_key(u))
                {
                    i += 1;
                    continue;
                }
                pending.remove(i);
                let names: Vec<&str> = declared
                    .iter()
                    .map(String::as_str)
                    .filter(|n| n != name)
                    .collect();
                let Some(Field {
                    ty: FieldType::Formula { expr, ty, .. },
                    ..
                }) = fields.get_mut(name)
                else {
                    continue;
                };
                let lookup = |f: &str| if f == name { None } else { typed.get(f).copied() };
                match formula::check(expr, &lookup, &names) {
                    Ok(t) => {
                        *ty = t;
                        typed.insert(name.clone(), t);
                    }
                    Err(problems) => {
                        let positions = literal_positions(&self.src, *pos);
                        let scope = format!("field {}: ", quote(name));
                        for p in problems {
                            let msg = format!("{scope}{}", p.message);
                            self.err(pos_at(&positions, p.at(), *pos), msg);
                        }
                        blocked.insert(name.clone());
                    }
                }
            }
            if pending.is_empty() || pending.len() == before {
                break;
            }
        }
    }
}

/// What a formula reads as an item's tick, unless a field has that name.
pub(crate) const DONE: &str = "done";

/// What a condition written as a formula in a string is called in its
/// messages: `problem` heads a problem inside it ("filter", "Sum(where:
/// ...)"), `whole` the one saying it is not true or false ("'filter'
/// \"...\"", "Sum(where: \"...\")"), and `example` is the field an example
/// compares when the condition reads none.
pub(super) struct Condition<'a> {
    pub problem: &'a str,
    pub whole: String,
    pub example: &'a str,
}

impl Cx {
    /// `source`, the text of `n`, as a formula that must be true or false
    /// (a view's `filter:`, a figure's `where:`), every problem where it is
    /// inside the string; None when it has one.
    pub(super) fn condition(
        &mut self,
        n: &Node,
        source: &str,
        named: &Condition,
        fields: &IndexMap<String, Field>,
        names: &[&str],
    ) -> Option<formula::Expr> {
        let positions = literal_positions(&self.src, n.span.start);
        let report = |cx: &mut Cx, problems: Vec<formula::Problem>| {
            for p in problems {
                cx.err(
                    pos_at(&positions, p.at(), n.span.start),
                    format!("{}: {}", named.problem, p.message),
                );
            }
        };
        let expr = match formula::parse(source) {
            Ok(e) => e,
            Err(problems) => {
                report(self, problems);
                return None;
            }
        };
        // A field with a problem of its own is not reported again here.
        let refs = formula::references(&expr);
        if refs
            .iter()
            .any(|r| !fields.contains_key(r) && names.contains(&r.as_str()))
        {
            return None;
        }
        let lookup = |f: &str| match fields.get(f) {
            Some(fd) => Some(FormulaType::of(&fd.ty)),
            None => (f == DONE).then_some(FormulaType::Bool),
        };
        match formula::check(&expr, &lookup, names) {
            Ok(FormulaType::Bool) => Some(expr),
            Ok(t) => {
                let first = refs.first().map_or(named.example, String::as_str);
                let example = match t {
                    FormulaType::Number | FormulaType::Duration => format!("; compare it, e.g. {first} > 0"),
                    FormulaType::Text => format!("; compare it, e.g. {first} == 'yes'"),
                    _ => String::new(),
                };
                self.err(
                    n.span.start,
                    format!(
                        "{} must be true or false, but it gives {}{example}",
                        named.whole,
                        t.word()
                    ),
                );
                None
            }
            Err(problems) => {
                report(self, problems);
                None
            }
        }
    }
}

/// The formula string literal of a `Formula("...")` field's node.
pub(super) fn formula_literal(n: &Node) -> Option<Pos> {
    match &n.kind {
        NodeKind::Call {
            name: Some(name),
            args: Args::Positional(items),
        } if name.name == "Formula" && items.len() == 1 => Some(items[0].span.start),
        _ => None,
    }
}

/// A circle of formulas from `start` back to it, if there is one.
fn cycle_from(start: &str, refs: &HashMap<String, Vec<String>>) -> Option<Vec<String>> {
    // Depth-first over formula fields only; the path is at most every formula.
    let mut path = vec![start.to_string()];
    let mut seen: HashSet<String> = HashSet::new();
    fn walk(
        at: &str,
        start: &str,
        refs: &HashMap<String, Vec<String>>,
        path: &mut Vec<String>,
        seen: &mut HashSet<String>,
    ) -> bool {
        for next in refs.get(at).into_iter().flatten() {
            if next == start {
                path.push(next.clone());
                return true;
            }
            if refs.contains_key(next) && seen.insert(next.clone()) {
                path.push(next.clone());
                if walk(next, start, refs, path, seen) {
                    return true;
                }
                path.pop();
            }
        }
        false
    }
    walk(start, start, refs, &mut path, &mut seen).then_some(path)
}

pub(super) fn pos_at(positions: &[Pos], i: usize, fallback: Pos) -> Pos {
    positions.get(i).or(positions.last()).copied().unwrap_or(fallback)
}

/// Where each character of the string literal at `start` (its opening `"`
/// or `r#"`) is written in `src`, one [`Pos`] per character of the text
/// the reader made of it, and one more for its closing quote: an escape
/// such as `\"` or `\u{e9}` is one character at its backslash, and a line
/// continued with `\` takes no place. Follows [`syntax`]'s reading of text.
pub(super) fn literal_positions(src: &str, start: Pos) -> Vec<Pos> {
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let Some(line) = src.split('\n').nth(start.line as usize - 1) else {
        return Vec::new();
    };
    let offset: usize = src
        .split('\n')
        .take(start.line as usize - 1)
        .map(|l| l.len() + 1)
        .sum::<usize>()
        + line
            .char_indices()
            .nth(start.col as usize - 1)
            .map_or(line.len(), |(b, _)| b);
    let mut chars = src[offset..].chars().peekable();
    let mut pos = start;
    let mut out = Vec::new();
    let next = |chars: &mut std::iter::Peekable<std::str::Chars>, pos: &mut Pos| {
        let c = chars.next()?;
        if c == '\n' {
            pos.line += 1;
            pos.col = 1;
        } else {
            pos.col += 1;
        }
        Some(c)
    };
    if chars.peek() == Some(&'r') {
        next(&mut chars, &mut pos);
        let mut hashes = 0;
        while chars.peek() == Some(&'#') {
            next(&mut chars, &mut pos);
            hashes += 1;
        }
        next(&mut chars, &mut pos); // "
        loop {
            let here = pos;
            match next(&mut chars, &mut pos) {
                None => break,
                Some('"')
                    if {
                        let mut it = chars.clone();
                        (0..hashes).all(|_| it.next() == Some('#'))
                    } =>
                {
                    out.push(here);
                    break;
                }
                Some(_) => out.push(here),
            }
        }
        return out;
    }
    next(&mut chars, &mut pos); // "
    loop {
        let here = pos;
        match next(&mut chars, &mut pos) {
            None => break,
            Some('"') => {
                out.push(here);
                break;
            }
            Some('\\') => match next(&mut chars, &mut pos) {
                None => break,
                Some('u') => {
                    while let Some(c) = next(&mut chars, &mut pos) {
                        if c == '}' {
                            break;
                        }
                    }
                    out.push(here);
                }
                Some('x') => {
                    // One character from one to four `\xNN`, by its first byte.
                    let mut hex = String::new();
                    for _ in 0..2 {
                        if let Some(c) = chars.next_if(char::is_ascii_hexdigit) {
                            pos.col += 1;
                            hex.push(c);
                        }
                    }
                    let more = match u8::from_str_radix(&hex, 16).unwrap_or(0) {
                        0xF0.. => 3,
                        0xE0.. => 2,
                        0xC0.. => 1,
                        _ => 0,
                    };
                    for _ in 0..more * 4 {
                        next(&mut chars, &mut pos);
                    }
                    out.push(here);
                }
                Some('\n') | Some('\r') => {
                    while matches!(chars.peek(), Some(' ' | '\t' | '\n' | '\r')) {
                        next(&mut chars, &mut pos);
                    }
                }
                Some(_) => out.push(here),
            },
            Some(_) => out.push(here),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::literal_positions;
    use crate::spec::syntax::{self, NodeKind, Pos};

    /// Each character's position, checked against the reader's text.
    fn cols(src: &str) -> (String, Vec<(u32, u32)>) {
        let node = syntax::parse(src).unwrap();
        let NodeKind::Str(text) = node.kind else { panic!() };
        let at = literal_positions(src, node.span.start);
        assert_eq!(at.len(), text.chars().count() + 1, "{src}");
        (text, at.iter().map(|p: &Pos| (p.line, p.col)).collect())
    }

    #[test]
    fn escapes_take_their_written_width() {
        assert_eq!(cols("\"a b\"").1, vec![(1, 2), (1, 3), (1, 4), (1, 5)]);
        assert_eq!(cols("\"\\\"x\"").1, vec![(1, 2), (1, 4), (1, 5)]);
        assert_eq!(cols("\"\\u{e9}x\"").1, vec![(1, 2), (1, 8), (1, 9)]);
        assert_eq!(cols("\"\\xC3\\xA9x\"").1, vec![(1, 2), (1, 10), (1, 11)]);
        assert_eq!(cols("\"a\\\n   b\"").1, vec![(1, 2), (2, 4), (2, 5)]);
        assert_eq!(cols("r#\"a\"b\"#").1, vec![(1, 4), (1, 5), (1, 6), (1, 7)]);
        assert_eq!(cols("\u{feff}\"é\"").1, vec![(1, 2), (1, 3)]);
    }
}
