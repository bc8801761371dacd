//! From spec text to a checked [`Spec`], with every problem of the file at once.

use std::collections::HashMap;

use chrono::NaiveDate;
use indexmap::IndexMap;

use super::diagnostic::Diagnostic;
use super::syntax::{self, Args, Ident, Node, NodeKind, Pos};
use super::types::*;
use super::{duration, slug};
use crate::model::FieldValue;

/// Larger spec files are refused before parsing: a real spec is a few kB.
pub const MAX_SPEC_BYTES: usize = 1 << 20;

const COMMON_KEYS: &[&str] = &["name", "id", "icon", "description", "tags", "expires"];
const LIST_KEYS: &[&str] = &["fields", "view", "sort", "summary"];
const TIMER_KEYS: &[&str] = &["phases", "rounds", "long_break", "goal"];
const TRACKER_KEYS: &[&str] = &["unit", "goal", "limit", "series", "step"];
const KINDS: &[&str] = &["List", "Timer", "Tracker"];
const FIELD_TYPES: &[&str] = &[
    "Text", "Number", "Money", "Bool", "Choice", "Tags", "Date", "DateTime", "Duration", "Rating", "Url",
];
/// Sort keys every list has besides its fields.
pub const BUILTIN_SORT_KEYS: &[&str] = &["done", "created", "updated", "text"];

/// Reads one spec file. `stem` (the file name without `.ron`) is the id when
/// the spec names none.
pub fn load(stem: &str, bytes: &[u8]) -> Result<Spec, Vec<Diagnostic>> {
    let start = Pos { line: 1, col: 1 };
    if bytes.len() > MAX_SPEC_BYTES {
        return Err(vec![Diagnostic::new(
            start,
            format!(
                "the file is {} kB; a spec may be at most {} kB",
                bytes.len() / 1024,
                MAX_SPEC_BYTES / 1024
            ),
        )]);
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
            let line = valid.matches('\n').count() as u32 + 1;
            let col = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u32 + 1;
            return Err(vec![Diagnostic::new(
                Pos { line, col },
                "the file is not UTF-8 text (a spec is a plain text file)",
            )]);
        }
    };
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
            Err(cx.diags)
        }
    }
}

/// The closest name among `known`, for "did you mean" hints.
pub fn closest<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    let lower = word.to_lowercase();
    known
        .iter()
        .map(|k| (strsim::jaro_winkler(&lower, &k.to_lowercase()), *k))
        .filter(|(score, _)| *score >= 0.75)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

#[derive(Default)]
struct Cx {
    diags: Vec<Diagnostic>,
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

impl Cx {
    fn err(&mut self, pos: Pos, message: impl Into<String>) {
        self.diags.push(Diagnostic::new(pos, message));
    }

    /// Checks the keys of `Kind(key: value, ...)` against `allowed`; reports
    /// unknown and repeated keys; returns the known ones.
    fn keys<'n>(
        &mut self,
        owner: &str,
        fields: &'n [(Ident, Node)],
        allowed: &[&str],
    ) -> HashMap<&'n str, (&'n Ident, &'n Node)> {
        let mut out: HashMap<&str, (&Ident, &Node)> = HashMap::new();
        for (key, value) in fields {
            if !allowed.contains(&key.name.as_str()) {
                let msg = match closest(&key.name, allowed) {
                    Some(k) => format!("unknown key '{}' in {owner}, did you mean '{k}'?", key.name),
                    None => format!(
                        "unknown key '{}' in {owner}; it takes {}",
                        key.name,
                        allowed.join(", ")
                    ),
                };
                self.err(key.span.start, msg);
            } else if out.contains_key(key.name.as_str()) {
                self.err(
                    key.span.start,
                    format!("'{}' is given twice in {owner}", key.name),
                );
            } else if !is_none(value) {
                out.insert(&key.name, (key, unwrap_some(value)));
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
                format!("'{key}' expects a whole number from {min} to {max}, found {x}"),
            );
            return None;
        }
        Some(x as u64)
    }

    fn boolean(&mut self, key: &str, n: &Node) -> Option<bool> {
        match &n.kind {
            NodeKind::Bool(b) => Some(*b),
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
        let mut ok = true;
        for item in items {
            match self.nonempty_text(key, item) {
                Some(s) if out.contains(&s) => {
                    self.err(item.span.start, format!("{s:?} appears twice in '{key}'"));
                    ok = false;
                }
                Some(s) => out.push(s),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    fn date(&mut self, key: &str, n: &Node) -> Option<NaiveDate> {
        let s = self.text(key, n)?;
        match NaiveDate::parse_from_str(&s, "%Y-%m-%d") {
            Ok(d) => Some(d),
            Err(_) => {
                self.err(
                    n.span.start,
                    format!(
                        "'{key}' expects a date written \"YYYY-MM-DD\", e.g. \"2026-12-31\", found {s:?}"
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
                    format!("'{key}' expects a duration in quotes with a unit, e.g. \"{x}m\""),
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
        let (kind_ident, fields) = match &node.kind {
            NodeKind::Call {
                name: Some(name),
                args: Args::Named(fields),
            } => (name, fields),
            NodeKind::Call {
                name: Some(name),
                args: Args::Positional(_),
            } if KINDS.contains(&name.name.as_str()) => {
                self.err(
                    node.span.start,
                    format!(
                        "{} takes named keys, e.g. {}(name: \"My app\")",
                        name.name, name.name
                    ),
                );
                return None;
            }
            NodeKind::Ident(i) if KINDS.contains(&i.as_str()) => {
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
                        "a spec starts with List(, Timer( or Tracker(, found {}",
                        node.describe()
                    ),
                );
                return None;
            }
        };
        let kind_name = kind_ident.name.as_str();
        let own: &[&str] = match kind_name {
            "List" => LIST_KEYS,
            "Timer" => TIMER_KEYS,
            "Tracker" => TRACKER_KEYS,
            other => {
                let msg = match closest(other, KINDS) {
                    Some(k) => format!("unknown kind '{other}', did you mean '{k}'?"),
                    None => format!("unknown kind '{other}'; a spec is a List, Timer or Tracker"),
                };
                self.err(kind_ident.span.start, msg);
                return None;
            }
        };
        let allowed: Vec<&str> = COMMON_KEYS.iter().chain(own).copied().collect();
        let k = self.keys(kind_name, fields, &allowed);

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
                    self.err(n.span.start, format!("'id' {e}"));
                    None
                }
            }),
            None => match slug::from_stem(stem) {
                Some(id) => Some(id),
                None => {
                    self.err(
                        kind_ident.span.start,
                        format!("the file name {stem:?} makes no usable id; add id: \"my-app\""),
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

        let kind = match kind_name {
            "List" => self.list_spec(&k).map(Kind::List),
            "Timer" => self.timer_spec(&k).map(Kind::Timer),
            _ => self.tracker_spec(&k).map(Kind::Tracker),
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

    fn list_spec(&mut self, k: &HashMap<&str, (&Ident, &Node)>) -> Option<ListSpec> {
        let mut ok = true;
        let mut fields = IndexMap::new();
        if let Some((_, n)) = k.get("fields") {
            match &n.kind {
                NodeKind::Map(entries) => {
                    for (key, value) in entries {
                        let Some(fname) = self.nonempty_text("fields", key) else {
                            ok = false;
                            continue;
                        };
                        if fields.contains_key(&fname) {
                            self.err(key.span.start, format!("the field {fname:?} is defined twice"));
                            ok = false;
                            continue;
                        }
                        match self.field(&fname, value) {
                            Some(f) => {
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
                }
            }
        }
        // Names seen by the other keys; while `fields` has errors, skip the
        // cross-checks rather than report fields as missing.
        let field_names: Vec<&str> = fields.keys().map(String::as_str).collect();
        let check_field = |cx: &mut Cx, key: &str, name: &str, pos: Pos| -> bool {
            if !ok || field_names.contains(&name) {
                return true;
            }
            let msg = match closest(name, &field_names) {
                Some(f) => format!("'{key}' names no field {name:?}, did you mean {f:?}?"),
                None if field_names.is_empty() => {
                    format!("'{key}' names the field {name:?}, but this list has no fields")
                }
                None => format!(
                    "'{key}' names no field {name:?}; fields are {}",
                    field_names.join(", ")
                ),
            };
            cx.err(pos, msg);
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
                    _ => ("", None),
                };
                match vname {
                    "Checklist" => Some(View::Checklist),
                    "Table" => {
                        let vk = self.keys("Table", args.map_or(&[][..], |a| a), &["columns"]);
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
                        let vk = self.keys("Board", args.map_or(&[][..], |a| a), &["by"]);
                        match vk.get("by") {
                            None => {
                                self.err(
                                    n.span.start,
                                    "Board needs the Choice field that makes its columns, e.g. Board(by: \"status\")",
                                );
                                None
                            }
                            Some((_, bn)) => {
                                let by = self.nonempty_text("by", bn)?;
                                if check_field(self, "by", &by, bn.span.start) {
                                    if let Some(f) = fields.get(&by)
                                        && !matches!(f.ty, FieldType::Choice { .. })
                                    {
                                        self.err(
                                            bn.span.start,
                                            format!(
                                                "Board(by: {by:?}) needs a Choice field, but {by:?} is {}",
                                                f.ty.word()
                                            ),
                                        );
                                        return None;
                                    }
                                    Some(View::Board { by })
                                } else {
                                    None
                                }
                            }
                        }
                    }
                    other => {
                        let views = ["Checklist", "Table", "Board"];
                        let msg = match closest(other, &views) {
                            Some(v) if !other.is_empty() => {
                                format!("unknown view '{other}', did you mean '{v}'?")
                            }
                            _ => "'view' expects Checklist, Table(columns: [...]) or Board(by: \"field\")"
                                .to_string(),
                        };
                        self.err(n.span.start, msg);
                        None
                    }
                }
            }
        };

        let mut sort = Vec::new();
        if let Some((_, n)) = k.get("sort") {
            let items: Vec<Node> = match &n.kind {
                NodeKind::Str(_) => vec![(*n).clone()],
                _ => self.list("sort", n).map(|l| l.to_vec()).unwrap_or_default(),
            };
            for item in &items {
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
                if let Some(s) = self.summary(item, &fields, ok) {
                    summary.push(s);
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
        })
    }

    fn summary(&mut self, n: &Node, fields: &IndexMap<String, Field>, fields_ok: bool) -> Option<Summary> {
        const NAMES: &[&str] = &["Count", "Done", "Sum", "Avg", "Min", "Max"];
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
                if fields_ok {
                    match fields.get(&f) {
                        None => {
                            let names: Vec<&str> = fields.keys().map(String::as_str).collect();
                            let msg = match closest(&f, &names) {
                                Some(c) => format!("{word} names no field {f:?}, did you mean {c:?}?"),
                                None => format!("{word} names no field {f:?}"),
                            };
                            self.err(a.span.start, msg);
                            return None;
                        }
                        Some(field) if !field.ty.is_numeric() => {
                            self.err(
                                a.span.start,
                                format!(
                                    "{word}({f:?}) needs a Number, Money, Rating or Duration field, but {f:?} is {}",
                                    field.ty.word()
                                ),
                            );
                            return None;
                        }
                        _ => {}
                    }
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
                    format!("{word} needs a field, e.g. {word}(\"pages\")"),
                );
                None
            }
            ("Count" | "Done", Some(_)) => {
                self.err(n.span.start, format!("{word} takes no field; write {word}"));
                None
            }
            (other, _) => {
                let msg = match closest(other, NAMES) {
                    Some(c) => format!("unknown summary '{other}', did you mean '{c}'?"),
                    None => format!("unknown summary '{other}'; use Count, Done, Sum, Avg, Min or Max"),
                };
                self.err(n.span.start, msg);
                None
            }
        }
    }

    fn field(&mut self, fname: &str, n: &Node) -> Option<Field> {
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
                self.err(
                    n.span.start,
                    format!(
                        "{} takes named keys, e.g. {}(required: true)",
                        name.name, name.name
                    ),
                );
                return None;
            }
            NodeKind::Str(s) if FIELD_TYPES.contains(&s.as_str()) => {
                self.err(
                    n.span.start,
                    format!("field {fname:?}: write the type without quotes: {s}"),
                );
                return None;
            }
            _ => {
                self.err(
                    n.span.start,
                    format!(
                        "field {fname:?} expects a type such as Text or Number(min: 0), found {}",
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
                let msg = match closest(other, FIELD_TYPES) {
                    Some(t) => format!("field {fname:?} has unknown type '{other}', did you mean '{t}'?"),
                    None => format!(
                        "field {fname:?} has unknown type '{other}'; types are {}",
                        FIELD_TYPES.join(", ")
                    ),
                };
                self.err(tspan, msg);
                return None;
            }
        };
        let allowed: Vec<&str> = ["required", "default", "was"]
            .iter()
            .chain(own)
            .copied()
            .collect();
        let k = self.keys(tname, args, &allowed);
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
                        format!("field {fname:?}: max {hi} is below min {lo}"),
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
                        self.err(
                            tspan,
                            format!("field {fname:?}: Choice needs options, e.g. Choice(options: [\"to do\", \"done\"])"),
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
        let default = k
            .get("default")
            .and_then(|(_, n)| self.field_default(fname, &ty, n));
        if self.diags.len() > errors_before {
            return None;
        }
        Some(Field {
            ty,
            required,
            default,
            was,
        })
    }

    fn field_default(&mut self, fname: &str, ty: &FieldType, n: &Node) -> Option<FieldDefault> {
        let word = match &n.kind {
            NodeKind::Ident(i) => Some(i.as_str()),
            _ => None,
        };
        match (ty, word) {
            (FieldType::Date, Some("Today")) => return Some(FieldDefault::Today),
            (FieldType::DateTime, Some("Now")) => return Some(FieldDefault::Now),
            _ => {}
        }
        let raw = match &n.kind {
            NodeKind::Str(s) => s.clone(),
            NodeKind::Num(x) => crate::model::value::format_number(*x),
            NodeKind::Bool(b) => b.to_string(),
            NodeKind::List(items) if matches!(ty, FieldType::Tags { .. }) => {
                let tags = self.texts("default", n)?;
                let _ = items;
                return crate::model::input::check_value(ty, FieldValue::List(tags))
                    .map(FieldDefault::Value)
                    .map_err(|e| self.err(n.span.start, format!("field {fname:?}: default {e}")))
                    .ok();
            }
            _ => {
                let hint = match ty {
                    FieldType::Date => ", e.g. Today or \"2026-01-31\"",
                    FieldType::DateTime => ", e.g. Now or \"2026-01-31 09:00\"",
                    _ => "",
                };
                self.err(
                    n.span.start,
                    format!(
                        "field {fname:?}: a {} default can't be {}{hint}",
                        ty.word(),
                        n.describe()
                    ),
                );
                return None;
            }
        };
        // A default must be a value the field itself would accept.
        let typed_literal = match (&n.kind, ty) {
            (
                NodeKind::Str(_),
                FieldType::Number { .. } | FieldType::Money { .. } | FieldType::Rating { .. },
            ) => Err("must be a number without quotes".to_string()),
            (NodeKind::Str(_), FieldType::Bool) => Err("must be true or false without quotes".to_string()),
            (
                NodeKind::Num(_) | NodeKind::Bool(_),
                FieldType::Text | FieldType::Choice { .. } | FieldType::Url,
            ) => Err("must be text in double quotes".to_string()),
            _ => Ok(()),
        };
        let result = typed_literal.and_then(|()| crate::model::input::parse_value(ty, &raw, None));
        match result {
            Ok(v) => Some(FieldDefault::Value(v)),
            Err(e) => {
                self.err(n.span.start, format!("field {fname:?}: default {e}"));
                None
            }
        }
    }

    fn goal(&mut self, key: &str, n: &Node, yes_no: bool) -> Option<Goal> {
        const PERIODS: &[&str] = &["Daily", "Weekly", "Monthly"];
        let (pname, pspan, arg) = match &n.kind {
            NodeKind::Call {
                name: Some(name),
                args: Args::Positional(a),
            } if a.len() == 1 => (name.name.as_str(), name.span.start, Some(&a[0])),
            NodeKind::Call { name: Some(name), .. } => (name.name.as_str(), name.span.start, None),
            NodeKind::Ident(i) => (i.as_str(), n.span.start, None),
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
                let msg = match closest(other, PERIODS) {
                    Some(p) => format!("unknown period '{other}' in '{key}', did you mean '{p}'?"),
                    None => format!("'{key}' expects Daily(n), Weekly(n) or Monthly(n), found '{other}'"),
                };
                self.err(pspan, msg);
                return None;
            }
        };
        let example = match period {
            Period::Daily => 8,
            Period::Weekly => 4,
            Period::Monthly => 12,
        };
        let target = match arg.map(|a| &a.kind) {
            Some(NodeKind::Num(x)) => *x,
            _ => {
                self.err(
                    arg.map_or(pspan, |a| a.span.start),
                    format!("{pname} expects a number, e.g. {pname}({example})"),
                );
                return None;
            }
        };
        let at = arg.map_or(pspan, |a| a.span.start);
        if target <= 0.0 && key == "goal" {
            self.err(
                at,
                format!("a goal of {target} is always met; use a number above 0, e.g. {pname}({example})"),
            );
            return None;
        }
        if target < 0.0 {
            self.err(at, format!("a limit can't be negative, found {target}"));
            return None;
        }
        if yes_no {
            let days = match period {
                Period::Daily => 1.0,
                Period::Weekly => 7.0,
                Period::Monthly => 31.0,
            };
            if target > days || target.fract() != 0.0 {
                self.err(
                    at,
                    format!(
                        "a yes/no habit counts days, so {pname} takes a whole number up to {days}; add unit: \"...\" to track an amount"
                    ),
                );
                return None;
            }
        }
        Some(Goal { period, target })
    }

    fn timer_spec(&mut self, k: &HashMap<&str, (&Ident, &Node)>) -> Option<TimerSpec> {
        let before = self.diags.len();
        let mut phases = Vec::new();
        if let Some((_, n)) = k.get("phases")
            && let Some(items) = self.list("phases", n)
        {
            for (i, item) in items.iter().enumerate() {
                let fields: &[(Ident, Node)] = match &item.kind {
                    NodeKind::Call {
                        name: None,
                        args: Args::Named(f),
                    } => f,
                    _ => {
                        self.err(
                            item.span.start,
                            format!(
                                "a phase is written (name: \"Focus\", length: \"25m\"), found {}",
                                item.describe()
                            ),
                        );
                        continue;
                    }
                };
                let pk = self.keys("a phase", fields, &["name", "length"]);
                let name = match pk.get("name") {
                    Some((_, n)) => self.nonempty_text("name", n),
                    None => Some(format!("Phase {}", i + 1)),
                };
                let length = match pk.get("length") {
                    Some((_, n)) => self.duration("length", n),
                    None => {
                        self.err(item.span.start, "a phase needs a length, e.g. length: \"25m\"");
                        None
                    }
                };
                if let (Some(name), Some(length)) = (name, length) {
                    phases.push(Phase { name, length });
                }
            }
        }
        let rounds = k
            .get("rounds")
            .and_then(|(_, n)| self.integer("rounds", n, 1, 100))
            .unwrap_or(1) as u32;
        let long_break = k.get("long_break").and_then(|(key, n)| {
            let secs = self.duration("long_break", n)?;
            if phases.len() < 2 {
                self.err(
                    key.span.start,
                    "long_break replaces the last break, so it needs at least two phases",
                );
                return None;
            }
            Some(secs)
        });
        if let Some((key, _)) = k.get("rounds")
            && phases.is_empty()
        {
            self.err(
                key.span.start,
                "rounds needs phases; a timer without phases is a stopwatch",
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

    fn tracker_spec(&mut self, k: &HashMap<&str, (&Ident, &Node)>) -> Option<TrackerSpec> {
        let before = self.diags.len();
        let unit = k.get("unit").and_then(|(_, n)| self.nonempty_text("unit", n));
        let yes_no = unit.is_none();
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
                        "step is for amounts; add unit: \"...\" to track an amount",
                    );
                }
                match s {
                    Some(s) if s > 0.0 => s,
                    Some(s) => {
                        self.err(n.span.start, format!("step must be above 0, found {s}"));
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
