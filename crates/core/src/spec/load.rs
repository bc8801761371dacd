//! From spec text to a checked [`Spec`], with every problem of the file at once.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use indexmap::IndexMap;

use super::KindTag;
use super::diagnostic::Diagnostic;
use super::syntax::{self, Args, Ident, Node, NodeKind, Pos, quote};
use super::types::*;
use super::{duration, slug};
use crate::model::FieldValue;
use crate::model::value::format_number;

/// Larger spec files are refused before parsing: a real spec is a few kB.
pub const MAX_SPEC_BYTES: usize = 1 << 20;

/// At most this many problems are listed for one file; garbage could
/// otherwise produce one per character.
pub const MAX_PROBLEMS: usize = 100;

const COMMON_KEYS: &[&str] = &["name", "id", "icon", "description", "tags", "expires"];
const LIST_KEYS: &[&str] = &["fields", "view", "sort", "summary", "decimal", "show"];
const TIMER_KEYS: &[&str] = &["phases", "rounds", "long_break", "goal"];
const TRACKER_KEYS: &[&str] = &["unit", "goal", "limit", "series", "step"];

/// The keys a kind takes besides [`COMMON_KEYS`].
fn own_keys(kind: KindTag) -> &'static [&'static str] {
    match kind {
        KindTag::List => LIST_KEYS,
        KindTag::Timer => TIMER_KEYS,
        KindTag::Tracker => TRACKER_KEYS,
    }
}
const FIELD_TYPES: &[&str] = &[
    "Text", "Number", "Money", "Bool", "Choice", "Tags", "Date", "DateTime", "Duration", "Rating", "Url",
];
const FIELD_COMMON_KEYS: &[&str] = &["required", "default", "was"];
const FIELD_TYPE_KEYS: &[(&str, &[&str])] = &[
    ("Number", &["min", "max", "decimals", "unit"]),
    ("Money", &["currency"]),
    ("Choice", &["options"]),
    ("Tags", &["options"]),
    ("Rating", &["max"]),
];
const VIEWS: &[&str] = &["Checklist", "Table", "Board"];
const SUMMARIES: &[&str] = &["Count", "Done", "Sum", "Avg", "Min", "Max"];
const PERIODS: &[&str] = &["Daily", "Weekly", "Monthly"];
/// Sort keys every list has besides its fields.
pub const BUILTIN_SORT_KEYS: &[&str] = &["done", "created", "updated", "text"];

/// Reads one spec file. `stem` (the file name without `.ron`) is the id when
/// the spec names none.
pub fn load(stem: &str, bytes: &[u8]) -> Result<Spec, Vec<Diagnostic>> {
    let start = Pos { line: 1, col: 1 };
    if bytes.len() > MAX_SPEC_BYTES {
        return Err(vec![Diagnostic::new(start, too_big(bytes.len() as u64))]);
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
            let valid = valid.strip_prefix('\u{feff}').unwrap_or(valid);
            let line = valid.matches('\n').count() as u32 + 1;
            let col = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u32 + 1;
            return Err(vec![Diagnostic::new(
                Pos { line, col },
                format!(
                    "the file is not UTF-8 text (byte 0x{:02x} here); save it as UTF-8",
                    bytes[e.valid_up_to()]
                ),
            )]);
        }
    };
    if syntax::is_blank(text) {
        let what = if text.trim_start_matches('\u{feff}').trim().is_empty() {
            "the file is empty"
        } else {
            "the file holds only comments"
        };
        return Err(vec![Diagnostic::new(
            start,
            format!("{what}; write a spec such as List(name: \"Groceries\")"),
        )]);
    }
    let node = syntax::parse(text).map_err(|e| vec![Diagnostic::new(e.pos, e.message)])?;
    let mut cx = Cx::default();
    let spec = cx.spec(&node, stem);
    match spec {
        Some(spec) if cx.diags.is_empty() => Ok(spec),
        _ => {
            if cx.diags.is_empty() {
                cx.err(node.span.start, "this is not a valid spec");
            }
            cx.diags.sort_by_key(|d| d.pos);
            if cx.diags.len() > MAX_PROBLEMS {
                let more = cx.diags.len() - MAX_PROBLEMS;
                let pos = cx.diags[MAX_PROBLEMS].pos;
                cx.diags.truncate(MAX_PROBLEMS);
                cx.diags.push(Diagnostic::new(
                    pos,
                    format!("and {more} more problems from here on"),
                ));
            }
            Err(cx.diags)
        }
    }
}

/// The message for a file over [`MAX_SPEC_BYTES`].
pub fn too_big(len: u64) -> String {
    format!(
        "the file is {} kB; a spec may be at most {} kB",
        len.div_ceil(1024),
        MAX_SPEC_BYTES / 1024
    )
}

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

/// `"a", "b", "c"`, cut short after a dozen.
fn quoted_list(names: &[&str]) -> String {
    let mut out: Vec<String> = names.iter().take(12).map(|n| quote(n)).collect();
    if names.len() > 12 {
        out.push("…".into());
    }
    out.join(", ")
}

/// "Timer", "Timer and Tracker", "List, Timer and Tracker".
fn and_list(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Written like a date (`2026-02-30`), whether or not the day exists.
fn looks_like_a_date(s: &str) -> bool {
    let parts: Vec<&str> = s.trim().split('-').collect();
    matches!(parts.as_slice(), [y, m, d]
        if y.len() == 4 && (1..=2).contains(&m.len()) && (1..=2).contains(&d.len())
            && [y, m, d].iter().all(|p| p.chars().all(|c| c.is_ascii_digit())))
}

/// The kind that does what a user may call by another name.
fn kind_synonym(word: &str) -> Option<KindTag> {
    Some(match word.to_lowercase().as_str() {
        "checklist" | "todo" | "todos" | "collection" | "table" | "board" | "database" => KindTag::List,
        "countdown" | "stopwatch" | "pomodoro" | "clock" => KindTag::Timer,
        "habit" | "habits" | "counter" | "log" | "streak" => KindTag::Tracker,
        _ => return None,
    })
}

#[derive(Default)]
struct Cx {
    diags: Vec<Diagnostic>,
    /// Put before every message while checking one field: `field "title": `.
    scope: Option<String>,
}

/// `Some(x)` is accepted wherever `x` is (RON's explicit option syntax).
fn unwrap_some(n: &Node) -> &Node {
    match &n.kind {
        NodeKind::Call {
            name: Some(name),
            args: Args::Positional(items),
        } if name.name == "Some" && items.len() == 1 => unwrap_some(&items[0]),
        _ => n,
    }
}

fn is_none(n: &Node) -> bool {
    matches!(&n.kind, NodeKind::Ident(i) if i == "None")
}

type Keys<'n> = HashMap<&'n str, (&'n Ident, &'n Node)>;

impl Cx {
    fn err(&mut self, pos: Pos, message: impl Into<String>) {
        let message = message.into();
        let message = match &self.scope {
            Some(scope) => format!("{scope}{message}"),
            None => message,
        };
        self.diags.push(Diagnostic::new(pos, message));
    }

    /// A problem whose message offers `hint` ("did you mean …?"): the word
    /// is kept apart too, for `nook check --json`.
    fn err_hint(&mut self, pos: Pos, message: impl Into<String>, hint: Option<&str>) {
        self.err(pos, message);
        if let (Some(d), Some(h)) = (self.diags.last_mut(), hint) {
            d.suggestion = Some(h.to_string());
        }
    }

    /// Checks the keys of `Owner(key: value, ...)` against `allowed`; reports
    /// unknown and repeated keys; returns the known ones. `elsewhere` names
    /// the keys of related owners, for "'phases' is a key of Timer".
    fn keys<'n>(
        &mut self,
        owner: &str,
        fields: &'n [(Ident, Node)],
        allowed: &[&str],
        elsewhere: &[(&str, &[&str])],
    ) -> Keys<'n> {
        let mut out: Keys = HashMap::new();
        let mut seen: HashSet<&str> = HashSet::new();
        for (key, value) in fields {
            let k = key.name.as_str();
            if !allowed.contains(&k) {
                let owners: Vec<&str> = elsewhere
                    .iter()
                    .filter(|(o, keys)| *o != owner && keys.contains(&k))
                    .map(|(o, _)| *o)
                    .collect();
                let mut hint = None;
                let msg = if !owners.is_empty() {
                    format!(
                        "unknown key '{k}' in {owner}; '{k}' is a key of {}",
                        and_list(&owners)
                    )
                } else {
                    hint = closest(k, allowed);
                    match hint {
                        Some(c) => format!("unknown key '{k}' in {owner}, did you mean '{c}'?"),
                        None => format!("unknown key '{k}' in {owner}; it takes {}", allowed.join(", ")),
                    }
                };
                self.err_hint(key.span.start, msg, hint);
            } else if !seen.insert(k) {
                self.err(key.span.start, format!("'{k}' is given twice in {owner}"));
            } else if !is_none(value) {
                out.insert(k, (key, unwrap_some(value)));
            }
        }
        out
    }

    fn text(&mut self, key: &str, n: &Node) -> Option<String> {
        match &n.kind {
            NodeKind::Str(s) => Some(s.clone()),
            NodeKind::Ident(i) => {
                self.err(
                    n.span.start,
                    format!("'{key}' expects text in double quotes, e.g. \"{i}\""),
                );
                None
            }
            _ => {
                self.err(
                    n.span.start,
                    format!("'{key}' expects text in double quotes, found {}", n.describe()),
                );
                None
            }
        }
    }

    fn nonempty_text(&mut self, key: &str, n: &Node) -> Option<String> {
        let s = self.text(key, n)?;
        if s.trim().is_empty() {
            self.err(n.span.start, format!("'{key}' must not be empty"));
            return None;
        }
        Some(s)
    }

    fn number(&mut self, key: &str, n: &Node) -> Option<f64> {
        match &n.kind {
            NodeKind::Num(x) => Some(*x),
            NodeKind::Str(s) if s.trim().parse::<f64>().is_ok_and(f64::is_finite) => {
                self.err(
                    n.span.start,
                    format!("'{key}' expects a number without quotes: {}", s.trim()),
                );
                None
            }
            _ => {
                self.err(
                    n.span.start,
                    format!("'{key}' expects a number, found {}", n.describe()),
                );
                None
            }
        }
    }

    fn integer(&mut self, key: &str, n: &Node, min: u64, max: u64) -> Option<u64> {
        let x = self.number(key, n)?;
        if x.fract() != 0.0 || x < min as f64 || x > max as f64 {
            self.err(
                n.span.start,
                format!(
                    "'{key}' expects a whole number from {min} to {max}, found {}",
                    format_number(x)
                ),
            );
            return None;
        }
        Some(x as u64)
    }

    fn boolean(&mut self, key: &str, n: &Node) -> Option<bool> {
        match &n.kind {
            NodeKind::Bool(b) => Some(*b),
            NodeKind::Str(s) if s == "true" || s == "false" => {
                self.err(
                    n.span.start,
                    format!("'{key}' expects true or false without quotes: {s}"),
                );
                None
            }
            _ => {
                self.err(
                    n.span.start,
                    format!("'{key}' expects true or false, found {}", n.describe()),
                );
                None
            }
        }
    }

    fn list<'n>(&mut self, key: &str, n: &'n Node) -> Option<&'n [Node]> {
        match &n.kind {
            NodeKind::List(items) => Some(items),
            _ => {
                self.err(
                    n.span.start,
                    format!("'{key}' expects a list in [brackets], found {}", n.describe()),
                );
                None
            }
        }
    }

    /// A list of distinct, non-empty strings.
    fn texts(&mut self, key: &str, n: &Node) -> Option<Vec<String>> {
        let items = self.list(key, n)?;
        let mut out: Vec<String> = Vec::new();
        let mut seen: HashSet<String> = HashSet::new();
        let mut ok = true;
        for item in items {
            match self.nonempty_text(key, item) {
                Some(s) if seen.contains(&s) => {
                    self.err(item.span.start, format!("{} appears twice in '{key}'", quote(&s)));
                    ok = false;
                }
                Some(s) => {
                    seen.insert(s.clone());
                    out.push(s);
                }
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    fn date(&mut self, key: &str, n: &Node) -> Option<NaiveDate> {
        let s = self.text(key, n)?;
        match NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d") {
            Ok(d) => Some(d),
            Err(_) if looks_like_a_date(&s) => {
                self.err(
                    n.span.start,
                    format!("'{key}' {} is no day of the calendar", quote(&s)),
                );
                None
            }
            Err(_) => {
                self.err(
                    n.span.start,
                    format!(
                        "'{key}' expects a date written \"YYYY-MM-DD\", e.g. \"2026-12-31\", found {}",
                        quote(&s)
                    ),
                );
                None
            }
        }
    }

    fn duration(&mut self, key: &str, n: &Node) -> Option<u64> {
        let s = match &n.kind {
            NodeKind::Str(s) => s.clone(),
            NodeKind::Num(x) => {
                self.err(
                    n.span.start,
                    format!(
                        "'{key}' expects a duration in quotes with a unit, e.g. \"{}m\"",
                        format_number(*x)
                    ),
                );
                return None;
            }
            _ => {
                self.err(
                    n.span.start,
                    format!(
                        "'{key}' expects a duration such as \"25m\", found {}",
                        n.describe()
                    ),
                );
                return None;
            }
        };
        match duration::parse(&s) {
            Ok(secs) => Some(secs),
            Err(e) => {
                self.err(n.span.start, format!("'{key}': {e}"));
                None
            }
        }
    }

    fn spec(&mut self, node: &Node, stem: &str) -> Option<Spec> {
        let kinds = KindTag::ALL.map(KindTag::spec_name);
        let (kind_ident, fields) = match &node.kind {
            NodeKind::Call {
                name: Some(name),
                args: Args::Named(fields),
            } => (name, fields),
            NodeKind::Call {
                name: Some(name),
                args: Args::Positional(items),
            } if KindTag::from_spec_name(&name.name).is_some() => {
                let example = match &items[0].kind {
                    NodeKind::Str(s) => quote(s),
                    _ => "\"My app\"".into(),
                };
                self.err(
                    items[0].span.start,
                    format!(
                        "{} takes named keys: write {}(name: {example})",
                        name.name, name.name
                    ),
                );
                return None;
            }
            NodeKind::Ident(i) if KindTag::from_spec_name(i).is_some() => {
                self.err(
                    node.span.start,
                    format!("{i} needs a name, e.g. {i}(name: \"My app\")"),
                );
                return None;
            }
            _ => {
                self.err(
                    node.span.start,
                    format!(
                        "a spec starts with List, Timer or Tracker, e.g. List(name: \"Groceries\"), found {}",
                        node.describe()
                    ),
                );
                return None;
            }
        };
        let kind_name = kind_ident.name.as_str();
        let tag = match KindTag::from_spec_name(kind_name) {
            Some(tag) => tag,
            None => {
                let other = kind_name;
                let hint = kind_synonym(other).map(KindTag::spec_name);
                let hint = hint.or_else(|| closest(other, &kinds));
                let msg = match hint {
                    Some(k) => format!("unknown kind '{other}', did you mean '{k}'?"),
                    None => format!("unknown kind '{other}'; a spec is a List, Timer or Tracker"),
                };
                self.err_hint(kind_ident.span.start, msg, hint);
                return None;
            }
        };
        let allowed: Vec<&str> = COMMON_KEYS.iter().chain(own_keys(tag)).copied().collect();
        let kind_keys = KindTag::ALL.map(|k| (k.spec_name(), own_keys(k)));
        let k = self.keys(kind_name, fields, &allowed, &kind_keys);

        let name = match k.get("name") {
            Some((_, n)) => self.nonempty_text("name", n),
            None => {
                self.err(
                    kind_ident.span.start,
                    format!("{kind_name} needs a name, e.g. {kind_name}(name: \"My app\")"),
                );
                None
            }
        };
        let id = match k.get("id") {
            Some((_, n)) => self.text("id", n).and_then(|id| match slug::check(&id) {
                Ok(()) => Some(id),
                Err(e) => {
                    let hint = match slug::from_stem(&id) {
                        Some(s) if !id.is_empty() => format!("; try {}", quote(&s)),
                        _ => String::new(),
                    };
                    self.err(n.span.start, format!("'id' {e}{hint}"));
                    None
                }
            }),
            None => match slug::from_stem(stem) {
                Some(id) => Some(id),
                None => {
                    self.err(
                        kind_ident.span.start,
                        format!(
                            "the file name {} makes no usable id; add id: \"my-app\"",
                            quote(stem)
                        ),
                    );
                    None
                }
            },
        };
        let icon = k.get("icon").and_then(|(_, n)| self.nonempty_text("icon", n));
        let description = k
            .get("description")
            .and_then(|(_, n)| self.text("description", n));
        let tags = k
            .get("tags")
            .and_then(|(_, n)| self.texts("tags", n))
            .unwrap_or_default();
        let expires = k.get("expires").and_then(|(_, n)| self.date("expires", n));

        let kind = match tag {
            KindTag::List => self.list_spec(&k).map(Kind::List),
            KindTag::Timer => self.timer_spec(&k).map(Kind::Timer),
            KindTag::Tracker => self.tracker_spec(&k).map(Kind::Tracker),
        };
        Some(Spec {
            id: id?,
            name: name?,
            icon,
            description,
            tags,
            expires,
            kind: kind?,
        })
    }

    fn list_spec(&mut self, k: &Keys) -> Option<ListSpec> {
        let mut ok = true;
        // Whether every field's name could be read: until then, other keys
        // can't tell a missing field from one written wrongly.
        let mut names_known = true;
        let mut declared: Vec<String> = Vec::new();
        let mut declared_set: HashSet<String> = HashSet::new();
        // (field, its was: name, where that is written)
        let mut renames: Vec<(String, String, Pos)> = Vec::new();
        let mut fields = IndexMap::new();
        if let Some((_, n)) = k.get("fields") {
            match &n.kind {
                NodeKind::Map(entries) => {
                    for (key, value) in entries {
                        let fname = match &key.kind {
                            NodeKind::Str(s) if !s.trim().is_empty() => s.clone(),
                            NodeKind::Str(_) => {
                                self.err(key.span.start, "a field name must not be empty");
                                ok = false;
                                names_known = false;
                                continue;
                            }
                            NodeKind::Ident(i) => {
                                self.err(
                                    key.span.start,
                                    format!("a field name is text in double quotes: \"{i}\""),
                                );
                                ok = false;
                                names_known = false;
                                continue;
                            }
                            _ => {
                                self.err(
                                    key.span.start,
                                    format!(
                                        "a field name is text in double quotes, e.g. \"title\", found {}",
                                        key.describe()
                                    ),
                                );
                                ok = false;
                                names_known = false;
                                continue;
                            }
                        };
                        if !declared_set.insert(fname.clone()) {
                            self.err(
                                key.span.start,
                                format!("the field {} is defined twice", quote(&fname)),
                            );
                            ok = false;
                            continue;
                        }
                        declared.push(fname.clone());
                        match self.field(&fname, value) {
                            Some(f) => {
                                if let Some(was) = &f.was {
                                    renames.push((fname.clone(), was.clone(), was_pos(value)));
                                }
                                fields.insert(fname, f);
                            }
                            None => ok = false,
                        }
                    }
                }
                _ => {
                    self.err(
                        n.span.start,
                        format!(
                            "'fields' expects a map such as {{ \"title\": Text }}, found {}",
                            n.describe()
                        ),
                    );
                    ok = false;
                    names_known = false;
                }
            }
        }
        // `was:` names where a field's values were stored before a rename:
        // a name another field still uses, or two fields claim, would show
        // one stored value twice and an edit of one would take it from both.
        for (i, (fname, was, pos)) in renames.iter().enumerate() {
            if declared_set.contains(was) {
                self.err(
                    *pos,
                    format!(
                        "the field {} says it was {}, but {} is still a field; `was:` names a field that is gone",
                        quote(fname),
                        quote(was),
                        quote(was)
                    ),
                );
                ok = false;
            } else if let Some((other, ..)) = renames[..i].iter().find(|(_, w, _)| w == was) {
                self.err(
                    *pos,
                    format!(
                        "the fields {} and {} both say they were {}; only one can take its values",
                        quote(other),
                        quote(fname),
                        quote(was)
                    ),
                );
                ok = false;
            }
        }
        // Names seen by the other keys. A field whose type has a problem
        // still counts as a field here, so it is not reported as missing.
        let field_names: Vec<&str> = declared.iter().map(String::as_str).collect();
        let sort_names: Vec<&str> = field_names.iter().chain(BUILTIN_SORT_KEYS).copied().collect();
        let check_field = |cx: &mut Cx, key: &str, name: &str, pos: Pos| -> bool {
            if !names_known || declared_set.contains(name) {
                return true;
            }
            let candidates = if key == "sort" { &sort_names } else { &field_names };
            let hint = closest(name, candidates);
            let msg = match hint {
                Some(f) => format!(
                    "'{key}' names no field {}, did you mean {}?",
                    quote(name),
                    quote(f)
                ),
                None if field_names.is_empty() && key == "sort" => format!(
                    "'sort' names no field {}; this list has no fields, so it sorts by {}",
                    quote(name),
                    and_list(BUILTIN_SORT_KEYS).replace(" and ", " or ")
                ),
                None if field_names.is_empty() => {
                    format!(
                        "'{key}' names the field {}, but this list has no fields",
                        quote(name)
                    )
                }
                None => format!(
                    "'{key}' names no field {}; fields are {}",
                    quote(name),
                    quoted_list(&field_names)
                ),
            };
            cx.err_hint(pos, msg, hint);
            false
        };

        let view = match k.get("view") {
            None => Some(View::Checklist),
            Some((_, n)) => {
                let (vname, args) = match &n.kind {
                    NodeKind::Ident(i) => (i.as_str(), None),
                    NodeKind::Call {
                        name: Some(name),
                        args: Args::Named(a),
                    } => (name.name.as_str(), Some(a)),
                    NodeKind::Call {
                        name: Some(name),
                        args: Args::Positional(_),
                    } if name.name == "Table" || name.name == "Board" => (name.name.as_str(), None),
                    _ => ("", None),
                };
                let positional = matches!(
                    &n.kind,
                    NodeKind::Call {
                        args: Args::Positional(_),
                        ..
                    }
                );
                match vname {
                    "Table" | "Board" if positional => {
                        let example = if vname == "Table" {
                            "Table(columns: [\"title\"])"
                        } else {
                            "Board(by: \"status\")"
                        };
                        self.err(n.span.start, format!("{vname} takes named keys: write {example}"));
                        None
                    }
                    "Checklist" => {
                        if let Some(a) = args {
                            self.keys(
                                "Checklist",
                                a,
                                &[],
                                &[("Table", &["columns"]), ("Board", &["by"])],
                            );
                        }
                        Some(View::Checklist)
                    }
                    "Table" => {
                        let vk = self.keys(
                            "Table",
                            args.map_or(&[][..], |a| a),
                            &["columns"],
                            &[("Board", &["by"])],
                        );
                        let mut columns = Vec::new();
                        if let Some((_, cn)) = vk.get("columns")
                            && let Some(cols) = self.list("columns", cn)
                        {
                            for c in cols {
                                if let Some(name) = self.nonempty_text("columns", c)
                                    && check_field(self, "columns", &name, c.span.start)
                                {
                                    columns.push(name);
                                }
                            }
                        }
                        Some(View::Table { columns })
                    }
                    "Board" => {
                        let before_keys = self.diags.len();
                        let vk = self.keys(
                            "Board",
                            args.map_or(&[][..], |a| a),
                            &["by"],
                            &[("Table", &["columns"])],
                        );
                        match vk.get("by") {
                            None if self.diags.len() > before_keys => None,
                            None => {
                                self.err(
                                    n.span.start,
                                    "Board needs the Choice field that makes its columns, e.g. Board(by: \"status\")",
                                );
                                None
                            }
                            Some((_, bn)) => match self.nonempty_text("by", bn) {
                                None => None,
                                Some(by) if !check_field(self, "by", &by, bn.span.start) => None,
                                Some(by) => match fields.get(&by) {
                                    Some(f) if !matches!(f.ty, FieldType::Choice { .. }) => {
                                        self.err(
                                            bn.span.start,
                                            format!(
                                                "Board(by: {}) needs a Choice field, but {} is {}",
                                                quote(&by),
                                                quote(&by),
                                                f.ty.word()
                                            ),
                                        );
                                        None
                                    }
                                    _ => Some(View::Board { by }),
                                },
                            },
                        }
                    }
                    other => {
                        let hint = match other.to_lowercase().as_str() {
                            "kanban" | "columns" | "cards" => Some("Board"),
                            "grid" | "spreadsheet" | "rows" => Some("Table"),
                            "list" | "todo" | "checkbox" | "checkboxes" => Some("Checklist"),
                            _ => closest(other, VIEWS),
                        };
                        let msg = match hint {
                            Some(v) if !other.is_empty() => {
                                format!("unknown view '{other}', did you mean '{v}'?")
                            }
                            _ => match &n.kind {
                                NodeKind::Str(v) if VIEWS.contains(&v.as_str()) => {
                                    format!("write the view without quotes: {v}")
                                }
                                _ => format!(
                                    "'view' expects Checklist, Table(columns: [...]) or Board(by: \"field\"), found {}",
                                    n.describe()
                                ),
                            },
                        };
                        self.err_hint(n.span.start, msg, hint.filter(|_| !other.is_empty()));
                        None
                    }
                }
            }
        };

        let mut sort = Vec::new();
        if let Some((_, n)) = k.get("sort") {
            let items: &[Node] = match &n.kind {
                NodeKind::Str(_) => std::slice::from_ref(*n),
                _ => self.list("sort", n).unwrap_or_default(),
            };
            for item in items {
                if let Some(s) = self.nonempty_text("sort", item) {
                    let (descending, name) = match s.strip_prefix('-') {
                        Some(rest) => (true, rest.to_string()),
                        None => (false, s.clone()),
                    };
                    let builtin = BUILTIN_SORT_KEYS.contains(&name.as_str());
                    if builtin || check_field(self, "sort", &name, item.span.start) {
                        sort.push(SortKey {
                            field: name,
                            descending,
                        });
                    }
                }
            }
        }

        let mut summary = Vec::new();
        if let Some((_, n)) = k.get("summary")
            && let Some(items) = self.list("summary", n)
        {
            for item in items {
                let declared = names_known.then_some((&declared_set, field_names.as_slice()));
                if let Some(s) = self.summary(item, &fields, declared) {
                    summary.push(s);
                }
            }
        }
        // The fields a checklist row and a board card show after the title.
        let mut show = None;
        if let Some((_, n)) = k.get("show")
            && let Some(items) = self.list("show", n)
        {
            let mut names: Vec<String> = Vec::new();
            for item in items {
                if let Some(name) = self.nonempty_text("show", item)
                    && check_field(self, "show", &name, item.span.start)
                {
                    if names.contains(&name) {
                        self.err(item.span.start, format!("'show' names {} twice", quote(&name)));
                    } else {
                        names.push(name);
                    }
                }
            }
            show = Some(names);
        }
        let mut decimal = crate::model::value::DecimalMark::Point;
        if let Some((_, n)) = k.get("decimal") {
            match &n.kind {
                NodeKind::Str(s) if s == "." => {}
                NodeKind::Str(s) if s == "," => decimal = crate::model::value::DecimalMark::Comma,
                _ => {
                    self.err(
                        n.span.start,
                        format!(
                            "'decimal' is \".\" (1,234.50) or \",\" (1.234,50), found {}",
                            n.describe()
                        ),
                    );
                    ok = false;
                }
            }
        }
        if !ok {
            return None;
        }
        Some(ListSpec {
            fields,
            view: view?,
            sort,
            summary,
            decimal,
            show,
        })
    }

    /// One summary. `declared` holds every field name, or None while they
    /// can't all be read; `fields` the fields that are fine.
    fn summary(
        &mut self,
        n: &Node,
        fields: &IndexMap<String, Field>,
        declared: Option<(&HashSet<String>, &[&str])>,
    ) -> Option<Summary> {
        let (word, arg) = match &n.kind {
            NodeKind::Ident(i) => (i.as_str(), None),
            NodeKind::Call {
                name: Some(name),
                args: Args::Positional(a),
            } if a.len() == 1 => (name.name.as_str(), Some(&a[0])),
            NodeKind::Call { name: Some(name), .. } => (name.name.as_str(), None),
            _ => {
                self.err(
                    n.span.start,
                    format!(
                        "a summary is Count, Done, Sum(\"field\"), Avg, Min or Max, found {}",
                        n.describe()
                    ),
                );
                return None;
            }
        };
        match (word, arg) {
            ("Count", None) => Some(Summary::Count),
            ("Done", None) => Some(Summary::Done),
            ("Sum" | "Avg" | "Min" | "Max", Some(a)) => {
                let f = self.nonempty_text(word, a)?;
                match (declared, fields.get(&f)) {
                    (Some((set, names)), None) if !set.contains(&f) => {
                        let hint = closest(&f, names);
                        let msg = match hint {
                            Some(c) => {
                                format!("{word} names no field {}, did you mean {}?", quote(&f), quote(c))
                            }
                            None if names.is_empty() => {
                                format!(
                                    "{word} names the field {}, but this list has no fields",
                                    quote(&f)
                                )
                            }
                            None => format!(
                                "{word} names no field {}; fields are {}",
                                quote(&f),
                                quoted_list(names)
                            ),
                        };
                        self.err_hint(a.span.start, msg, hint);
                        return None;
                    }
                    (_, Some(field)) if !field.ty.is_numeric() => {
                        self.err(
                            a.span.start,
                            format!(
                                "{word}({}) needs a Number, Money, Rating or Duration field, but {} is {}",
                                quote(&f),
                                quote(&f),
                                field.ty.word()
                            ),
                        );
                        return None;
                    }
                    _ => {}
                }
                Some(match word {
                    "Sum" => Summary::Sum(f),
                    "Avg" => Summary::Avg(f),
                    "Min" => Summary::Min(f),
                    _ => Summary::Max(f),
                })
            }
            ("Sum" | "Avg" | "Min" | "Max", None) => {
                self.err(
                    n.span.start,
                    format!("{word} needs one field, e.g. {word}(\"pages\")"),
                );
                None
            }
            ("Count" | "Done", Some(_)) => {
                self.err(n.span.start, format!("{word} takes no field; write {word}"));
                None
            }
            (other, _) => {
                let hint = closest(other, SUMMARIES);
                let msg = match hint {
                    Some(c) => format!("unknown summary '{other}', did you mean '{c}'?"),
                    None => format!("unknown summary '{other}'; use Count, Done, Sum, Avg, Min or Max"),
                };
                self.err_hint(n.span.start, msg, hint);
                None
            }
        }
    }

    /// Checks one field's type; every message names the field.
    fn field(&mut self, fname: &str, n: &Node) -> Option<Field> {
        let outer = self.scope.replace(format!("field {}: ", quote(fname)));
        let errors_before = self.diags.len();
        let field = self.field_type(n);
        self.scope = outer;
        if self.diags.len() > errors_before {
            return None;
        }
        field
    }

    fn field_type(&mut self, n: &Node) -> Option<Field> {
        let (tname, tspan, args): (&str, Pos, &[(Ident, Node)]) = match &n.kind {
            NodeKind::Ident(i) => (i, n.span.start, &[]),
            NodeKind::Call {
                name: Some(name),
                args: Args::Named(a),
            } => (&name.name, name.span.start, a),
            NodeKind::Call {
                name: Some(name),
                args: Args::Positional(_),
            } => {
                let example = match name.name.as_str() {
                    "Choice" | "Tags" => "options: [\"a\", \"b\"]",
                    "Number" => "min: 0",
                    "Money" => "currency: \"EUR\"",
                    "Rating" => "max: 5",
                    _ => "required: true",
                };
                self.err(
                    n.span.start,
                    format!("{} takes named keys, e.g. {}({example})", name.name, name.name),
                );
                return None;
            }
            NodeKind::Str(s) if FIELD_TYPES.contains(&s.as_str()) => {
                self.err(n.span.start, format!("write the type without quotes: {s}"));
                return None;
            }
            _ => {
                self.err(
                    n.span.start,
                    format!(
                        "expected a type such as Text or Number(min: 0), found {}",
                        n.describe()
                    ),
                );
                return None;
            }
        };
        let own: &[&str] = match tname {
            "Text" | "Bool" | "Date" | "DateTime" | "Duration" | "Url" => &[],
            "Number" => &["min", "max", "decimals", "unit"],
            "Money" => &["currency"],
            "Choice" | "Tags" => &["options"],
            "Rating" => &["max"],
            other => {
                let hint = closest(other, FIELD_TYPES);
                let msg = match hint {
                    Some(t) => format!("unknown type '{other}', did you mean '{t}'?"),
                    None => format!("unknown type '{other}'; types are {}", FIELD_TYPES.join(", ")),
                };
                self.err_hint(tspan, msg, hint);
                return None;
            }
        };
        let allowed: Vec<&str> = FIELD_COMMON_KEYS.iter().chain(own).copied().collect();
        let k = self.keys(tname, args, &allowed, FIELD_TYPE_KEYS);
        let errors_before = self.diags.len();
        let num = |cx: &mut Cx, key: &str| k.get(key).and_then(|(_, n)| cx.number(key, n));
        let ty = match tname {
            "Text" => FieldType::Text,
            "Bool" => FieldType::Bool,
            "Date" => FieldType::Date,
            "DateTime" => FieldType::DateTime,
            "Duration" => FieldType::Duration,
            "Url" => FieldType::Url,
            "Number" => {
                let (min, max) = (num(self, "min"), num(self, "max"));
                if let (Some(lo), Some(hi), Some((_, hn))) = (min, max, k.get("max"))
                    && lo > hi
                {
                    self.err(
                        hn.span.start,
                        format!("'max' {} is below 'min' {}", format_number(hi), format_number(lo)),
                    );
                }
                let decimals = k
                    .get("decimals")
                    .and_then(|(_, n)| self.integer("decimals", n, 0, 6))
                    .map(|d| d as u8);
                let unit = k.get("unit").and_then(|(_, n)| self.nonempty_text("unit", n));
                FieldType::Number {
                    min,
                    max,
                    decimals,
                    unit,
                }
            }
            "Money" => FieldType::Money {
                currency: k
                    .get("currency")
                    .and_then(|(_, n)| self.nonempty_text("currency", n)),
            },
            "Choice" | "Tags" => {
                let options = match k.get("options") {
                    Some((_, n)) => self.texts("options", n).unwrap_or_default(),
                    None => Vec::new(),
                };
                if tname == "Choice" {
                    if options.is_empty() && self.diags.len() == errors_before {
                        let at = k.get("options").map_or(tspan, |(_, n)| n.span.start);
                        self.err(
                            at,
                            "Choice needs options, e.g. Choice(options: [\"to do\", \"done\"])",
                        );
                    }
                    FieldType::Choice { options }
                } else {
                    FieldType::Tags { options }
                }
            }
            _ => FieldType::Rating {
                max: k
                    .get("max")
                    .and_then(|(_, n)| self.integer("max", n, 1, 10))
                    .unwrap_or(5) as u8,
            },
        };
        let required = k
            .get("required")
            .and_then(|(_, n)| self.boolean("required", n))
            .unwrap_or(false);
        let was = k.get("was").and_then(|(_, n)| self.nonempty_text("was", n));
        // A default is checked against a type that is itself fine.
        let default = match k.get("default") {
            Some((_, n)) if self.diags.len() == errors_before => self.field_default(&ty, n),
            _ => None,
        };
        Some(Field {
            ty,
            required,
            default,
            was,
        })
    }

    /// A field's default: a value the field itself would accept.
    fn field_default(&mut self, ty: &FieldType, n: &Node) -> Option<FieldDefault> {
        let expects = match ty {
            FieldType::Text | FieldType::Url | FieldType::Choice { .. } => "text in double quotes",
            FieldType::Number { .. } | FieldType::Money { .. } | FieldType::Rating { .. } => "a number",
            FieldType::Bool => "true or false",
            FieldType::Tags { .. } => "a list of tags such as [\"a\", \"b\"]",
            FieldType::Date => "Today or a date written \"YYYY-MM-DD\"",
            FieldType::DateTime => "Now or a date and time written \"YYYY-MM-DD HH:MM\"",
            FieldType::Duration => "a duration such as \"25m\"",
        };
        let at = n.span.start;
        let value = |v| Some(FieldDefault::Value(v));
        match (ty, &n.kind) {
            (FieldType::Date, NodeKind::Ident(i)) if i == "Today" => Some(FieldDefault::Today),
            (FieldType::DateTime, NodeKind::Ident(i)) if i == "Now" => Some(FieldDefault::Now),
            (FieldType::Text, NodeKind::Str(s)) => value(FieldValue::Text(s.clone())),
            (FieldType::Url, NodeKind::Str(s)) => {
                match crate::model::input::check_value(ty, FieldValue::Text(s.clone())) {
                    Ok(v) => value(v),
                    Err(_) => {
                        self.err(
                            at,
                            format!(
                                "'default' expects a web address such as \"https://example.com\", found {}",
                                quote(s)
                            ),
                        );
                        None
                    }
                }
            }
            (FieldType::Choice { options }, NodeKind::Str(s)) => {
                if let Some(o) = options.iter().find(|o| o.eq_ignore_ascii_case(s)) {
                    return value(FieldValue::Text(o.clone()));
                }
                let names: Vec<&str> = options.iter().map(String::as_str).collect();
                let hint = closest(s, &names);
                let msg = match hint {
                    Some(c) => format!(
                        "'default' {} is not among the options, did you mean {}?",
                        quote(s),
                        quote(c)
                    ),
                    None => format!(
                        "'default' {} is not among the options {}",
                        quote(s),
                        quoted_list(&names)
                    ),
                };
                self.err_hint(at, msg, hint);
                None
            }
            (FieldType::Tags { options }, NodeKind::List(_)) => {
                let tags = self.texts("default", n)?;
                let items = match &n.kind {
                    NodeKind::List(items) => items.as_slice(),
                    _ => &[],
                };
                let mut ok = true;
                for (tag, item) in tags.iter().zip(items) {
                    if !options.is_empty() && !options.contains(tag) {
                        let names: Vec<&str> = options.iter().map(String::as_str).collect();
                        self.err(
                            item.span.start,
                            format!(
                                "'default' tag {} is not among the options {}",
                                quote(tag),
                                quoted_list(&names)
                            ),
                        );
                        ok = false;
                    }
                }
                ok.then_some(FieldDefault::Value(FieldValue::List(tags)))
            }
            (FieldType::Number { min, max, .. }, NodeKind::Num(x)) => {
                if let Some(lo) = min
                    && x < lo
                {
                    self.err(
                        at,
                        format!(
                            "'default' must be at least {}, found {}",
                            format_number(*lo),
                            format_number(*x)
                        ),
                    );
                    return None;
                }
                if let Some(hi) = max
                    && x > hi
                {
                    self.err(
                        at,
                        format!(
                            "'default' must be at most {}, found {}",
                            format_number(*hi),
                            format_number(*x)
                        ),
                    );
                    return None;
                }
                value(FieldValue::Number(*x))
            }
            (FieldType::Money { .. }, NodeKind::Num(x)) => value(FieldValue::Number(*x)),
            (FieldType::Rating { max }, NodeKind::Num(x)) => {
                if x.fract() != 0.0 || *x < 0.0 || *x > f64::from(*max) {
                    self.err(
                        at,
                        format!(
                            "'default' expects a whole number from 0 to {max}, found {}",
                            format_number(*x)
                        ),
                    );
                    return None;
                }
                value(FieldValue::Number(*x))
            }
            (
                FieldType::Number { .. } | FieldType::Money { .. } | FieldType::Rating { .. },
                NodeKind::Str(_),
            ) => {
                self.number("default", n);
                None
            }
            (FieldType::Bool, NodeKind::Bool(b)) => value(FieldValue::Bool(*b)),
            (FieldType::Bool, NodeKind::Str(_)) => {
                self.boolean("default", n);
                None
            }
            (FieldType::Date, NodeKind::Str(s)) => match NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d") {
                Ok(d) => value(FieldValue::Text(d.format("%Y-%m-%d").to_string())),
                Err(_) if looks_like_a_date(s) => {
                    self.err(at, format!("'default' {} is no day of the calendar", quote(s)));
                    None
                }
                Err(_) => {
                    self.err(at, format!("'default' expects {expects}, found {}", quote(s)));
                    None
                }
            },
            (FieldType::DateTime, NodeKind::Str(s)) => {
                match crate::model::input::parse_value(ty, s, None, Default::default()) {
                    Ok(v) => value(v),
                    Err(_) => {
                        self.err(at, format!("'default' expects {expects}, found {}", quote(s)));
                        None
                    }
                }
            }
            (FieldType::Duration, NodeKind::Str(_) | NodeKind::Num(_)) => self
                .duration("default", n)
                .and_then(|secs| value(FieldValue::Number(secs as f64))),
            _ => {
                self.err(at, format!("'default' expects {expects}, found {}", n.describe()));
                None
            }
        }
    }

    fn goal(&mut self, key: &str, n: &Node, yes_no: bool) -> Option<Goal> {
        let (pname, pspan, args) = match &n.kind {
            NodeKind::Call {
                name: Some(name),
                args: Args::Positional(a),
            } => (name.name.as_str(), name.span.start, a.as_slice()),
            NodeKind::Call { name: Some(name), .. } => (name.name.as_str(), name.span.start, &[][..]),
            NodeKind::Ident(i) => (i.as_str(), n.span.start, &[][..]),
            _ => {
                self.err(
                    n.span.start,
                    format!(
                        "'{key}' expects Daily(n), Weekly(n) or Monthly(n), found {}",
                        n.describe()
                    ),
                );
                return None;
            }
        };
        let period = match pname {
            "Daily" => Period::Daily,
            "Weekly" => Period::Weekly,
            "Monthly" => Period::Monthly,
            other => {
                let hint = closest(other, PERIODS);
                let msg = match hint {
                    Some(p) => format!("unknown period '{other}' in '{key}', did you mean '{p}'?"),
                    None => format!(
                        "'{key}' expects Daily(n), Weekly(n) or Monthly(n), found {}",
                        n.describe()
                    ),
                };
                self.err_hint(pspan, msg, hint);
                return None;
            }
        };
        let example = match (key, period) {
            ("limit", Period::Daily) => 2,
            ("limit", Period::Weekly) => 10,
            ("limit", Period::Monthly) => 40,
            (_, Period::Daily) => 8,
            (_, Period::Weekly) => 4,
            (_, Period::Monthly) => 12,
        };
        let target = match args {
            [a] => match &a.kind {
                NodeKind::Num(x) => *x,
                NodeKind::Str(s) if s.trim().parse::<f64>().is_ok_and(f64::is_finite) => {
                    self.err(
                        a.span.start,
                        format!("{pname} expects a number without quotes: {pname}({})", s.trim()),
                    );
                    return None;
                }
                _ => {
                    self.err(
                        a.span.start,
                        format!("{pname} expects a number, e.g. {pname}({example})"),
                    );
                    return None;
                }
            },
            [] => {
                self.err(
                    pspan,
                    format!("{pname} expects a number, e.g. {pname}({example})"),
                );
                return None;
            }
            [_, extra, ..] => {
                self.err(
                    extra.span.start,
                    format!("{pname} takes one number, e.g. {pname}({example})"),
                );
                return None;
            }
        };
        let at = args[0].span.start;
        let shown = format_number(target);
        if key == "goal" && target == 0.0 {
            self.err(
                at,
                format!("a goal of 0 is always met; use a number above 0, e.g. {pname}({example})"),
            );
            return None;
        }
        if target < 0.0 {
            let fix = if key == "goal" {
                "use a number above 0"
            } else {
                "use 0 or more"
            };
            self.err(
                at,
                format!("a {key} can't be negative, found {shown}; {fix}, e.g. {pname}({example})"),
            );
            return None;
        }
        if yes_no {
            let days = match period {
                Period::Daily => 1,
                Period::Weekly => 7,
                Period::Monthly => 31,
            };
            if target > f64::from(days) || target.fract() != 0.0 {
                self.err(
                    at,
                    format!(
                        "a yes/no habit counts days, so {pname} takes a whole number up to {days}, found {shown}; add unit: \"...\" to track an amount"
                    ),
                );
                return None;
            }
        }
        Some(Goal { period, target })
    }

    fn timer_spec(&mut self, k: &Keys) -> Option<TimerSpec> {
        let before = self.diags.len();
        let mut phases = Vec::new();
        let mut phases_ok = true;
        if let Some((_, n)) = k.get("phases") {
            match self.list("phases", n) {
                None => phases_ok = false,
                Some(items) => {
                    for (i, item) in items.iter().enumerate() {
                        let fields: &[(Ident, Node)] = match &item.kind {
                            NodeKind::Call {
                                name: None,
                                args: Args::Named(f),
                            } => f,
                            NodeKind::Call {
                                name: Some(name),
                                args: Args::Named(f),
                            } if name.name == "Phase" => f,
                            _ => {
                                self.err(
                                    item.span.start,
                                    format!(
                                        "a phase is written (name: \"Focus\", length: \"25m\"), found {}",
                                        item.describe()
                                    ),
                                );
                                phases_ok = false;
                                continue;
                            }
                        };
                        let before_keys = self.diags.len();
                        let pk = self.keys("a phase", fields, &["name", "length"], &[]);
                        let name = match pk.get("name") {
                            Some((_, n)) => self.nonempty_text("name", n),
                            None => Some(format!("Phase {}", i + 1)),
                        };
                        let length = match pk.get("length") {
                            Some((_, n)) => self.duration("length", n),
                            // `lenght: ...` was reported just now.
                            None if self.diags.len() > before_keys => None,
                            None => {
                                self.err(item.span.start, "a phase needs a length, e.g. length: \"25m\"");
                                None
                            }
                        };
                        match (name, length) {
                            (Some(name), Some(length)) => phases.push(Phase { name, length }),
                            _ => phases_ok = false,
                        }
                    }
                }
            }
        }
        let rounds = k
            .get("rounds")
            .and_then(|(_, n)| self.integer("rounds", n, 1, 100))
            .unwrap_or(1) as u32;
        let long_break = k.get("long_break").and_then(|(key, n)| {
            let secs = self.duration("long_break", n)?;
            if phases_ok && phases.len() < 2 {
                self.err(
                    key.span.start,
                    "'long_break' replaces the last break, so it needs at least two phases",
                );
                return None;
            }
            Some(secs)
        });
        if let Some((key, _)) = k.get("rounds")
            && phases_ok
            && phases.is_empty()
        {
            self.err(
                key.span.start,
                "'rounds' needs phases; a timer without phases is a stopwatch",
            );
        }
        let goal = k.get("goal").and_then(|(_, n)| self.goal("goal", n, false));
        if self.diags.len() > before {
            return None;
        }
        Some(TimerSpec {
            phases,
            rounds,
            long_break,
            goal,
        })
    }

    fn tracker_spec(&mut self, k: &Keys) -> Option<TrackerSpec> {
        let before = self.diags.len();
        let unit = k.get("unit").and_then(|(_, n)| self.nonempty_text("unit", n));
        // While `unit` has a problem, don't guess whether this is a yes/no habit.
        let yes_no = !k.contains_key("unit");
        let goal = k.get("goal").and_then(|(_, n)| self.goal("goal", n, yes_no));
        let limit = k.get("limit").and_then(|(_, n)| self.goal("limit", n, yes_no));
        if let (Some(_), Some((key, _))) = (k.get("goal"), k.get("limit")) {
            self.err(
                key.span.start,
                "a tracker has a goal (at least) or a limit (at most), not both",
            );
        }
        let series = k
            .get("series")
            .and_then(|(_, n)| self.texts("series", n))
            .unwrap_or_default();
        let step = match k.get("step") {
            Some((key, n)) => {
                let s = self.number("step", n);
                if yes_no {
                    self.err(
                        key.span.start,
                        "'step' is for amounts; add unit: \"...\" to track an amount",
                    );
                }
                match s {
                    Some(s) if s > 0.0 => s,
                    Some(s) => {
                        self.err(
                            n.span.start,
                            format!("'step' must be above 0, found {}", format_number(s)),
                        );
                        1.0
                    }
                    None => 1.0,
                }
            }
            None => 1.0,
        };
        if self.diags.len() > before {
            return None;
        }
        Some(TrackerSpec {
            unit,
            goal,
            limit,
            series,
            step,
        })
    }
}

/// Where a field's `was:` value is written, or the field's own start.
fn was_pos(field: &Node) -> Pos {
    match &field.kind {
        NodeKind::Call {
            args: Args::Named(keys),
            ..
        } => keys
            .iter()
            .find(|(k, _)| k.name == "was")
            .map_or(field.span.start, |(_, v)| v.span.start),
        _ => field.span.start,
    }
}

#[cfg(test)]
mod show_tests {
    use crate::spec::{Kind, parse_str};

    fn report(text: &str) -> String {
        match parse_str("apps/x.ron", text) {
            Ok(spec) => format!("(parsed: {spec:?})"),
            Err(e) => e.to_string(),
        }
    }

    const BOOKS: &str = "List(\n    name: \"Books\",\n    fields: {\n        \"title\":  Text(required: true),\n        \"author\": Text(),\n        \"rating\": Rating(max: 5),\n    },\n    show: SHOW,\n)\n";

    #[test]
    fn show_names_the_fields_a_row_shows_in_order() {
        let spec = parse_str("apps/x.ron", &BOOKS.replace("SHOW", "[\"rating\", \"author\"]")).unwrap();
        let Kind::List(l) = &spec.kind else { panic!() };
        assert_eq!(l.show, Some(vec!["rating".to_string(), "author".to_string()]));
        let spec = parse_str("apps/x.ron", &BOOKS.replace("SHOW", "[]")).unwrap();
        let Kind::List(l) = &spec.kind else { panic!() };
        assert_eq!(l.show, Some(vec![]));
    }

    #[test]
    fn show_naming_no_field_is_refused_where_it_is_with_a_hint() {
        assert_eq!(
            report(&BOOKS.replace("SHOW", "[\"autor\"]")),
            "apps/x.ron:8:12: 'show' names no field \"autor\", did you mean \"author\"?"
        );
        assert_eq!(
            report(&BOOKS.replace("SHOW", "\"author\"")),
            "apps/x.ron:8:11: 'show' expects a list in [brackets], found the text \"author\""
        );
        assert_eq!(
            report(&BOOKS.replace("SHOW", "[\"author\", \"author\"]")),
            "apps/x.ron:8:22: 'show' names \"author\" twice"
        );
    }
}
