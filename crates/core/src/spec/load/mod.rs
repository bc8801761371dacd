//! From spec text to a checked [`Spec`], with every problem of the file at once.
//!
//! This file reads a spec's common keys and the values every kind uses
//! (text, numbers, dates, durations, goals); each kind's own keys are checked
//! in a file of its own: list.rs (fields, views, sort, summaries, show),
//! timer.rs (phases, rounds) and tracker.rs (series, unit, goal, limit).

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use indexmap::IndexMap;

use super::KindTag;
use super::diagnostic::Diagnostic;
use super::syntax::{self, Args, Ident, Node, NodeKind, Pos, quote};
use super::types::*;
use super::{duration, slug};
use crate::spec::value::FieldValue;
use crate::spec::value::format_number;

mod calendar;
mod due;
mod figure;
mod formula_field;
mod link;
mod list;
mod timer;
mod tracker;
mod views;

use list::LIST_KEYS;
use timer::TIMER_KEYS;
use tracker::TRACKER_KEYS;

/// Larger spec files are refused before parsing: a real spec is a few kB.
pub const MAX_SPEC_BYTES: usize = 1 << 20;

/// At most this many problems are listed for one file; garbage could
/// otherwise produce one per character.
pub const MAX_PROBLEMS: usize = 100;

const COMMON_KEYS: &[&str] = &["name", "id", "icon", "description", "tags", "group", "expires"];

/// The keys a kind takes besides [`COMMON_KEYS`].
fn own_keys(kind: KindTag) -> &'static [&'static str] {
    match kind {
        KindTag::List => LIST_KEYS,
        KindTag::Timer => TIMER_KEYS,
        KindTag::Tracker => TRACKER_KEYS,
    }
}
const PERIODS: &[&str] = &["Daily", "Weekly", "Monthly", "Yearly"];
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
    let mut cx = Cx {
        src: text.to_string(),
        ..Cx::default()
    };
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

// Kept at this path: every check that hints a name reads it from here.
pub use super::suggest::closest;

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
    /// The spec's text, for positions inside a string (a formula's).
    src: String,
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
        // The launcher draws the apps of one group together, under its name.
        let group = k.get("group").and_then(|(_, n)| self.nonempty_text("group", n));

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
            group,
            expires,
            kind: kind?,
        })
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
                        "'{key}' expects Daily(n), Weekly(n), Monthly(n) or Yearly(n), found {}",
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
            "Yearly" => Period::Yearly,
            other => {
                let hint = closest(other, PERIODS);
                let msg = match hint {
                    Some(p) => format!("unknown period '{other}' in '{key}', did you mean '{p}'?"),
                    None => format!(
                        "'{key}' expects Daily(n), Weekly(n), Monthly(n) or Yearly(n), found {}",
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
            ("limit", Period::Yearly) => 500,
            (_, Period::Yearly) => 100,
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
                Period::Yearly => 366,
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
