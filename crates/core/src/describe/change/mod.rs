//! Changing an app by saying what to change: "add a rating out of 5",
//! "rename status to stage", "make the goal 10 glasses". The spec's text is
//! edited in place ([`edit`]): comments, layout and every key not asked
//! about stay byte for byte. The result is checked with the reader `nook
//! check` uses; a change that would not check changes nothing and says why.
//! Pure: no files, no clock (today is given).

mod edit;
#[cfg(test)]
mod tests;

use chrono::NaiveDate;

use crate::spec::rewrite::ron_string;
use crate::spec::{FieldType, Kind, Period, Spec};

use super::list::{self, Ty};
use super::words::{self, Tok};
use super::{expiry, render, timer, tracker};

/// What a sentence changed.
#[derive(Clone, Debug, PartialEq)]
pub struct Changed {
    /// The whole new spec text.
    pub text: String,
    /// One line of what was done: `added field "rating" (rating out of 5)`.
    pub summary: String,
    /// Words of the sentence that were not used, as typed.
    pub ignored: Vec<String>,
    /// Fields taken out of the spec: their stored values stay, hidden.
    pub removed_fields: Vec<String>,
}

/// The new text of `spec` (read from `text`) after `sentence`; an error
/// (and nothing changed) when the sentence asks for nothing nook can do.
/// "add a rating out of 5 and sort by rating" is two changes, made one
/// after the other; one that cannot be made stops them all.
pub fn change(text: &str, spec: &Spec, sentence: &str, today: NaiveDate) -> Result<Changed, String> {
    // Names in the messages come from a spec that may have synced in: no
    // control character of theirs reaches a terminal.
    let clean = |s: String| -> String { s.chars().map(|c| if c.is_control() { '?' } else { c }).collect() };
    match changes(text, spec, sentence, today) {
        Ok(mut c) => {
            c.summary = clean(c.summary);
            c.ignored = c.ignored.into_iter().map(clean).collect();
            Ok(c)
        }
        Err(e) => Err(clean(e)),
    }
}

fn changes(text: &str, spec: &Spec, sentence: &str, today: NaiveDate) -> Result<Changed, String> {
    let parts = clauses(sentence);
    if parts.len() < 2 {
        return change_one(text, spec, sentence, today);
    }
    let path = format!("{}.ron", spec.id);
    let mut all = Changed {
        text: text.to_string(),
        summary: String::new(),
        ignored: Vec::new(),
        removed_fields: Vec::new(),
    };
    let mut now = spec.clone();
    let mut said = Vec::new();
    for part in parts {
        let one = change_one(&all.text, &now, part, today)
            .map_err(|e| format!("{e} (in {})", crate::spec::syntax::quote(part)))?;
        now = crate::spec::parse_str(&path, &one.text).map_err(|e| format!("{e:?}"))?;
        said.push(one.summary);
        all.ignored.extend(one.ignored);
        all.removed_fields.extend(one.removed_fields);
        all.text = one.text;
    }
    all.summary = said.join("; ");
    Ok(all)
}

/// Words a change starts with: a clause after "and" that starts with one
/// is a change of its own.
const VERBS: &[&str] = &[
    "add", "include", "remove", "delete", "drop", "rename", "change", "make", "show", "sort", "order",
    "expire", "set", "call", "name", "goal", "limit", "until", "newest", "oldest", "at",
];

/// The sentence cut where a new change starts: "..., and sort by rating".
fn clauses(sentence: &str) -> Vec<&str> {
    let low = sentence.to_ascii_lowercase();
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    for sep in [
        ", and then ",
        ", and ",
        " and then ",
        ", then ",
        " and ",
        "; ",
        ", ",
    ] {
        let mut from = 0;
        while let Some(k) = low[from..].find(sep) {
            let at = from + k;
            let next = low[at + sep.len()..].split(' ').next().unwrap_or("");
            if VERBS.contains(&next) && !cuts.iter().any(|&(a, b)| at < b && a < at + sep.len()) {
                cuts.push((at, at + sep.len()));
            }
            from = at + sep.len();
        }
    }
    cuts.sort();
    let mut out = Vec::new();
    let mut start = 0;
    for (a, b) in cuts {
        out.push(sentence[start..a].trim());
        start = b;
    }
    out.push(sentence[start..].trim());
    out.retain(|p| !p.is_empty());
    out
}

fn change_one(text: &str, spec: &Spec, sentence: &str, today: NaiveDate) -> Result<Changed, String> {
    let s = sentence
        .trim()
        .trim_end_matches(['.', '!'])
        .trim()
        .trim_start_matches("please ")
        .trim_start_matches("Please ")
        .trim();
    if s.is_empty() {
        return Err(
            "say what to change, e.g. \"add a rating out of 5\" or \"rename status to stage\"".into(),
        );
    }
    // ASCII lowercase keeps byte offsets, so a match in `low` slices `s`.
    let low = s.to_ascii_lowercase();
    let out = read(text, spec, s, &low, today)?;
    if out.text == text {
        return Err(format!("nothing to change: {}", out.summary));
    }
    let path = format!("{}.ron", spec.id);
    if let Err(e) = crate::spec::parse_str(&path, &out.text) {
        let why = e
            .diagnostics
            .first()
            .map(|d| d.message.clone())
            .unwrap_or_default();
        return Err(format!(
            "cannot make that change ({}): the spec would not check: {why}",
            out.summary.split(" (").next().unwrap_or_default()
        ));
    }
    Ok(out)
}

fn done(text: String, summary: String) -> Result<Changed, String> {
    Ok(Changed {
        text,
        summary,
        ignored: Vec::new(),
        removed_fields: Vec::new(),
    })
}

/// The index after the first of `prefixes` that `low` starts with.
fn after(low: &str, prefixes: &[&str]) -> Option<usize> {
    prefixes.iter().find(|p| low.starts_with(*p)).map(|p| p.len())
}

/// A phrase without its leading article and a trailing "field"/"column",
/// and without quotes.
fn bare(phrase: &str) -> &str {
    let mut p = phrase.trim().trim_matches(['"', '\'', '`']).trim();
    for a in ["a ", "an ", "the ", "field ", "column "] {
        if p.len() > a.len() && p.get(..a.len()).is_some_and(|h| h.eq_ignore_ascii_case(a)) {
            p = p[a.len()..].trim_start();
        }
    }
    for z in [" field", " column"] {
        let cut = p.len().saturating_sub(z.len());
        if p.len() > z.len() && p.get(cut..).is_some_and(|t| t.eq_ignore_ascii_case(z)) {
            p = p[..cut].trim_end();
        }
    }
    p.trim_matches(['"', '\'', '`']).trim()
}

fn list_spec<'a>(spec: &'a Spec, what: &str) -> Result<&'a crate::spec::ListSpec, String> {
    match &spec.kind {
        Kind::List(l) => Ok(l),
        k => Err(format!(
            "only a list has {what}; {} is a {}",
            spec.name,
            k.word().to_lowercase()
        )),
    }
}

/// The field `phrase` names ("due date" finds "due_date"), in the spec's spelling.
fn field_named(spec: &Spec, phrase: &str) -> Option<String> {
    let Kind::List(l) = &spec.kind else { return None };
    let want = phrase.to_lowercase().replace([' ', '-'], "_");
    l.fields
        .keys()
        .find(|k| k.to_lowercase().replace([' ', '-'], "_") == want)
        .cloned()
}

fn no_field(spec: &Spec, phrase: &str) -> String {
    let names: Vec<String> = match &spec.kind {
        Kind::List(l) => l.fields.keys().cloned().collect(),
        _ => Vec::new(),
    };
    if names.is_empty() {
        format!(
            "{} has no field {}",
            spec.name,
            crate::spec::syntax::quote(phrase)
        )
    } else {
        format!(
            "{} has no field {} (its fields: {})",
            spec.name,
            crate::spec::syntax::quote(phrase),
            names.join(", ")
        )
    }
}

fn read(text: &str, spec: &Spec, s: &str, low: &str, today: NaiveDate) -> Result<Changed, String> {
    const NAME: &[&str] = &[
        "rename it to ",
        "rename it ",
        "rename the app to ",
        "rename this app to ",
        "rename app to ",
        "rename the list to ",
        "rename the tracker to ",
        "rename the timer to ",
        "rename to ",
        "call it ",
        "name it ",
        "change the name to ",
        "set the name to ",
        "the name is ",
    ];
    if let Some(i) = after(low, NAME) {
        return rename_app(text, spec, bare(&s[i..]));
    }
    // "change status to stage": a rename when it names a field.
    if let Some(i) = after(low, &["change "])
        && let Some(k) = low[i..].rfind(" to ")
        && field_named(spec, bare(&s[i..i + k])).is_some()
    {
        return rename_field(text, spec, bare(&s[i..i + k]), bare(&s[i + k + 4..]));
    }
    // "delete it after Sunday": the app's last day.
    if let Some(i) = after(low, &["delete it ", "remove it ", "archive it ", "drop it "])
        && ["after", "on", "at", "in", "by"]
            .iter()
            .any(|w| low[i..].starts_with(w))
    {
        return expires(text, spec, &format!("until {}", &s[i..]), low, today);
    }
    if let Some(i) = after(low, &["rename ", "change the name of "]) {
        let rest = &s[i..];
        let Some(k) = rest.to_ascii_lowercase().rfind(" to ") else {
            return Err("say what to rename to what: \"rename status to stage\"".into());
        };
        let (old, new) = (bare(&rest[..k]), bare(&rest[k + 4..]));
        if field_named(spec, old).is_none() && old.eq_ignore_ascii_case(&spec.name) {
            return rename_app(text, spec, new);
        }
        return rename_field(text, spec, old, new);
    }
    if let Some(i) = after(low, &["remove ", "delete ", "drop ", "get rid of ", "take out "]) {
        return remove(text, spec, bare(&s[i..]));
    }
    let adding: &[&str] = match spec.kind {
        Kind::List(_) => &["add ", "include ", "also track ", "new field ", "track "],
        _ => &["add ", "include ", "new field "],
    };
    if let Some(i) = after(low, adding) {
        return add_field(text, spec, &s[i..]);
    }
    let has = |w: &str| low.split(|c: char| !c.is_alphanumeric()).any(|x| x == w);
    if [
        "expire",
        "expires",
        "until",
        "till",
        "ending",
        "ends",
        "temporary",
        "forever",
    ]
    .iter()
    .any(|w| has(w))
    {
        return expires(text, spec, s, low, today);
    }
    if ["board", "kanban", "table", "checklist", "calendar"]
        .iter()
        .any(|w| has(w))
    {
        return view(text, spec, low);
    }
    if low.starts_with("sort") || low.starts_with("order") || low.ends_with(" first") {
        return sort(text, spec, low);
    }
    if let Kind::Timer(t) = &spec.kind
        && let Some(r) = timer_change(text, t, s)?
    {
        return Ok(r);
    }
    let numbered = s.chars().any(|c| c.is_ascii_digit())
        || low
            .split_whitespace()
            .any(|w| words::number(w).is_some() || words::times_word(w).is_some());
    if numbered {
        return goal(text, spec, s);
    }
    Err(format!(
        "could not tell what to change in {}: say e.g. \"add a rating out of 5\", \
         \"remove the author field\", \"rename status to stage\", \"make the goal 10 glasses\", \
         \"show it as a table\", \"sort by rating\", \"expire it after Sunday\"",
        crate::spec::syntax::quote(s)
    ))
}

fn rename_app(text: &str, spec: &Spec, name: &str) -> Result<Changed, String> {
    if name.is_empty() {
        return Err("say the new name: \"rename it to Reading log\"".into());
    }
    let out = edit::set_key(text, "name", &ron_string(name))?;
    done(
        out,
        format!(
            "renamed the app to {} (its id stays {:?}, so its data stays)",
            ron_string(name),
            spec.id
        ),
    )
}

/// Top-level keys whose strings may name a field (sorts, views, summaries).
const NAMING_KEYS: &[&str] = &["view", "sort", "summary", "views", "chart", "show"];

fn rename_field(text: &str, spec: &Spec, old: &str, new: &str) -> Result<Changed, String> {
    let l = list_spec(spec, "fields")?;
    let Some(old) = field_named(spec, old) else {
        return Err(no_field(spec, old));
    };
    if new.is_empty() {
        return Err(format!("say the new name of {old:?}: \"rename {old} to stage\""));
    }
    if l.fields.contains_key(new) {
        return Err(format!("{} has a field {new:?} already", spec.name));
    }
    if let Some(was) = &l.fields[&old].was {
        return Err(format!(
            "{old:?} says was: {was:?} already (its data is still under that name); rename it in the editor"
        ));
    }
    let (_, entries) = edit::fields(text)?.ok_or("the spec has no fields: { ... }")?;
    let Some((_, value, _)) = entries.iter().find(|(n, _, _)| *n == old) else {
        return Err(no_field(spec, &old));
    };
    // The field's own arguments first, then its key, then what names it.
    let out = edit::add_arg(text, value, "was", &ron_string(&old)).ok_or("cannot read that field's type")?;
    let (_, entries) = edit::fields(&out)?.ok_or("the spec has no fields")?;
    let (_, value, entry) = entries
        .iter()
        .find(|(n, _, _)| *n == old)
        .ok_or("cannot find the field again")?;
    let value_start = edit::span(&out, value).0;
    let head = &out[entry.start..value_start];
    let plain = head
        .strip_prefix(ron_string(&old).as_str())
        .and_then(|r| r.strip_prefix(':'));
    let mut edits = match plain {
        // `"status":   Choice(...)`: the value keeps its column.
        Some(gap) if gap.len() > 1 && gap.chars().all(|c| c == ' ') => {
            let key = format!("{}:", ron_string(new));
            let width = head.len().max(key.len() + 1);
            vec![((entry.start, value_start), format!("{key:<width$}"))]
        }
        _ => vec![(
            (entry.start, entry.start + ron_string(&old).len()),
            ron_string(new),
        )],
    };
    for (k, v) in edit::top(&out)? {
        if NAMING_KEYS.contains(&k.name.as_str()) {
            edit::strings_naming(&out, &v, &old, new, &mut edits);
        }
    }
    let followed = edits.len() - 1;
    let out = edit::replace_all(&out, edits);
    let also = if followed > 0 {
        ", and the views and sorts that named it"
    } else {
        ""
    };
    done(
        out,
        format!("renamed field {old:?} to {new:?}{also} (was: {old:?} keeps its data)"),
    )
}

fn remove(text: &str, spec: &Spec, what: &str) -> Result<Changed, String> {
    let lw = what.to_lowercase();
    if let Some(field) = field_named(spec, what) {
        let (_, entries) = edit::fields(text)?.ok_or("the spec has no fields: { ... }")?;
        let all: Vec<edit::Entry> = entries.iter().map(|(_, _, e)| *e).collect();
        let i = entries
            .iter()
            .position(|(n, _, _)| *n == field)
            .ok_or("cannot find that field")?;
        let mut out = done(
            edit::remove(text, &all, i),
            format!("removed field {field:?} (any values it holds stay stored, hidden)"),
        )?;
        out.removed_fields.push(field);
        return Ok(out);
    }
    let key = match lw.as_str() {
        "expiry" | "expiry date" | "expiration" | "expiration date" | "expires" | "end date" => "expires",
        "goal" | "target" => "goal",
        "limit" => "limit",
        "sort" | "sorting" | "order" => "sort",
        "icon" => "icon",
        "description" => "description",
        "summary" | "summaries" | "totals" => "summary",
        _ => return Err(no_field(spec, what)),
    };
    match edit::remove_key(text, key)? {
        Some(out) => done(out, format!("removed `{key}:`")),
        None => Err(format!("{} has no `{key}:` to remove", spec.name)),
    }
}

/// A field type in words, for the summary.
fn ty_words(ty: &Ty) -> String {
    match ty {
        Ty::Text => "text".into(),
        Ty::Number { unit: Some(u), .. } => format!("number in {u}"),
        Ty::Number { max: Some(m), .. } => format!("number up to {m}"),
        Ty::Number { .. } => "number".into(),
        Ty::Money(Some(c)) => format!("money in {c}"),
        Ty::Money(None) => "money".into(),
        Ty::Bool => "yes/no".into(),
        Ty::Choice(o) => format!("choice of {}", o.join(", ")),
        Ty::Tags(_) => "tags".into(),
        Ty::Date => "date".into(),
        Ty::DateTime => "date and time".into(),
        Ty::Duration => "duration".into(),
        Ty::Rating(m) => format!("rating out of {m}"),
        Ty::Url => "link".into(),
    }
}

fn add_field(text: &str, spec: &Spec, phrase: &str) -> Result<Changed, String> {
    let l = list_spec(spec, "fields")?;
    // "a new field called mood": the words that say it is a field are not its name.
    let mut phrase = phrase.trim();
    while let Some((first, rest)) = phrase.split_once(' ')
        && ["a", "an", "new", "field", "column", "called", "named"].contains(&first.to_lowercase().as_str())
    {
        phrase = rest.trim_start();
    }
    let (toks, _) = words::tokens(phrase);
    let refs: Vec<&Tok> = toks.iter().collect();
    let currency = l.fields.values().find_map(|f| match &f.ty {
        FieldType::Money { currency: Some(c) } => words::currency(&c.to_lowercase()),
        _ => None,
    });
    let (name_idx, ty) = list::field_type(&refs, currency);
    let name: Vec<&str> = name_idx.iter().map(|&k| toks[k].low.as_str()).collect();
    let name = if name.is_empty() {
        list::default_field_name(&ty).to_string()
    } else {
        name.join("_")
    };
    if l.fields.contains_key(&name) {
        return Err(format!("{} has a field {name:?} already", spec.name));
    }
    let due = matches!(ty, Ty::Date | Ty::DateTime)
        && matches!(name.as_str(), "due" | "due_date" | "deadline" | "next")
        && l.due.is_none();
    let ty_src = render::field_type(&ty, false, None, due);
    let key = format!("{}:", ron_string(&name));
    // The value lines up with its neighbours' when they are aligned.
    let column = edit::fields(text)?
        .and_then(|(_, e)| {
            e.last().map(|(n, v, en)| {
                let col = edit::span(text, v).0 - en.start;
                // Aligned only when the last one is padded past its own key.
                if col > ron_string(n).len() + 2 { col } else { 0 }
            })
        })
        .unwrap_or(0);
    let entry = format!("{key:<width$}{ty_src}", width = column.max(key.len() + 1));
    let ignored: Vec<String> = toks
        .iter()
        .filter(|t| words::colour(&t.low))
        .map(|t| t.orig.clone())
        .collect();
    let out = match edit::fields(text)? {
        Some((_, entries)) if !entries.is_empty() => {
            let all: Vec<edit::Entry> = entries.iter().map(|(_, _, e)| *e).collect();
            edit::insert_after(text, &all, &entry).ok_or("cannot place the new field")?
        }
        Some((map, _)) => edit::replace(text, edit::span(text, &map), &format!("{{ {entry} }}")),
        None => edit::set_key(text, "fields", &format!("{{ {entry} }}"))?,
    };
    let due_words = if due { ", the due date" } else { "" };
    Ok(Changed {
        text: out,
        summary: format!("added field {name:?} ({}{due_words})", ty_words(&ty)),
        ignored,
        removed_fields: Vec::new(),
    })
}

fn expires(text: &str, spec: &Spec, s: &str, low: &str, today: NaiveDate) -> Result<Changed, String> {
    if [
        "never expire",
        "no expiry",
        "not expire",
        "forever",
        "keep it",
        "no end",
        "permanent",
    ]
    .iter()
    .any(|w| low.contains(w))
        && !low.contains("until")
    {
        return match edit::remove_key(text, "expires")? {
            Some(out) => done(out, "removed `expires:`: the app stays".into()),
            None => Err(format!("{} does not expire", spec.name)),
        };
    }
    let (toks, _) = words::tokens(s);
    let mut toks: Vec<Tok> = toks
        .into_iter()
        .filter(|t| !matches!(t.low.as_str(), "it" | "the" | "app" | "make" | "let" | "this"))
        .map(|mut t| {
            if t.low == "expire" || t.low == "expires" || t.low == "end" {
                t.low = "until".into();
            }
            t
        })
        .collect();
    if !toks.first().is_some_and(|t| t.is("until")) {
        // "keep it until", "temporary until": a cue the reader knows comes later.
        toks.retain(|t| !matches!(t.low.as_str(), "keep" | "temporary"));
    }
    let Some(date) = expiry::take(&mut toks, today) else {
        return Err(format!(
            "could not read a date in {}: say e.g. \"expire it after Sunday\", \"until March\", \"until 2027-03-31\"",
            crate::spec::syntax::quote(s)
        ));
    };
    let ignored = toks
        .iter()
        .filter(|t| !t.used && !t.punct && !words::filler(&t.low))
        .map(|t| t.orig.clone())
        .collect();
    let out = edit::set_key(text, "expires", &format!("\"{}\"", date.format("%Y-%m-%d")))?;
    Ok(Changed {
        text: out,
        summary: format!("expires after {}", date.format("%a %Y-%m-%d")),
        ignored,
        removed_fields: Vec::new(),
    })
}

/// The field after "by" in `low`, if it names one.
fn by_field(spec: &Spec, low: &str) -> Option<Result<String, String>> {
    let i = low.find(" by ")?;
    let phrase = bare(&low[i + 4..]);
    Some(field_named(spec, phrase).ok_or_else(|| no_field(spec, phrase)))
}

fn view(text: &str, spec: &Spec, low: &str) -> Result<Changed, String> {
    let l = list_spec(spec, "views")?;
    let has = |w: &str| low.split(|c: char| !c.is_alphanumeric()).any(|x| x == w);
    let first =
        |want: fn(&FieldType) -> bool| l.fields.iter().find(|(_, f)| want(&f.ty)).map(|(n, _)| n.clone());
    let (src, words) = if has("board") || has("kanban") {
        let by = match by_field(spec, low) {
            Some(f) => f?,
            None => first(|t| matches!(t, FieldType::Choice { .. })).ok_or_else(|| {
                format!(
                    "a board needs a Choice field to make its columns of, and {} has none: \
                     \"add a status (todo, doing, done)\" first",
                    spec.name
                )
            })?,
        };
        (
            format!("Board(by: {})", ron_string(&by)),
            format!("a board by {by:?}"),
        )
    } else if has("calendar") {
        let by = match by_field(spec, low) {
            Some(f) => f?,
            None => first(|t| matches!(t, FieldType::Date | FieldType::DateTime))
                .ok_or_else(|| format!("a calendar needs a Date field, and {} has none", spec.name))?,
        };
        (
            format!("Calendar(by: {})", ron_string(&by)),
            format!("a calendar by {by:?}"),
        )
    } else if has("table") {
        match by_field(spec, low) {
            Some(f) => {
                let g = f?;
                (
                    format!("Table(group: {})", ron_string(&g)),
                    format!("a table grouped by {g:?}"),
                )
            }
            None => ("Table".into(), "a table".into()),
        }
    } else {
        ("Checklist".into(), "a checklist".into())
    };
    done(edit::set_key(text, "view", &src)?, format!("shown as {words}"))
}

fn sort(text: &str, spec: &Spec, low: &str) -> Result<Changed, String> {
    let l = list_spec(spec, "a sort")?;
    let desc_words = [
        "descending",
        "desc",
        "highest",
        "largest",
        "biggest",
        "most",
        "latest",
        "newest",
        "reversed",
        "best",
        "z-a",
        "last",
    ];
    let asc_words = [
        "ascending",
        "asc",
        "lowest",
        "smallest",
        "least",
        "oldest",
        "earliest",
        "soonest",
        "a-z",
        "alphabetically",
        "first",
    ];
    let ws: Vec<&str> = low
        .split(|c: char| !c.is_alphanumeric() && c != '-' && c != '_')
        .filter(|w| !w.is_empty())
        .collect();
    let said_desc = ws.iter().any(|w| desc_words.contains(w) && *w != "last");
    let said_asc = ws.iter().any(|w| asc_words.contains(w) && *w != "first");
    let key = match low.find(" by ") {
        Some(i) => {
            let rest = &low[i + 4..];
            let cut = [
                " descending",
                " ascending",
                " desc",
                " asc",
                " highest",
                " lowest",
                " newest",
                " oldest",
                " first",
                " last",
                " reversed",
                " alphabetically",
                ",",
            ]
            .iter()
            .filter_map(|w| rest.find(w))
            .min()
            .unwrap_or(rest.len());
            let phrase = bare(&rest[..cut]);
            match field_named(spec, phrase) {
                Some(f) => f,
                None if ["done", "created", "updated", "text"].contains(&phrase) => phrase.to_string(),
                None if ["date added", "added", "creation", "age"].contains(&phrase) => "created".into(),
                None => return Err(no_field(spec, phrase)),
            }
        }
        None if ws
            .iter()
            .any(|w| matches!(*w, "newest" | "latest" | "recent" | "oldest" | "earliest")) =>
        {
            "created".into()
        }
        None => return Err("say what to sort by: \"sort by rating\", \"newest first\"".into()),
    };
    // A rating or an amount is read best first unless asked otherwise; the rest from the start.
    let big_first = matches!(
        l.fields.get(&key).map(|f| &f.ty),
        Some(FieldType::Rating { .. } | FieldType::Number { .. } | FieldType::Money { .. })
    );
    let newest = ws.iter().any(|w| matches!(*w, "newest" | "latest" | "recent"));
    let desc = said_desc || newest || (big_first && !said_asc);
    let k = if desc { format!("-{key}") } else { key.clone() };
    let how = match (key.as_str(), desc) {
        ("created", true) => "newest first".to_string(),
        ("created", false) => "oldest first".to_string(),
        (_, true) => format!("by {key:?}, highest first"),
        (_, false) => format!("by {key:?}, lowest first"),
    };
    done(
        edit::set_key(text, "sort", &format!("[{}]", ron_string(&k)))?,
        format!("sorted {how}"),
    )
}

/// "make work 50 minutes", "break 10 min", "6 rounds".
fn timer_change(text: &str, t: &crate::spec::TimerSpec, s: &str) -> Result<Option<Changed>, String> {
    let (toks, _) = words::tokens(s);
    let dur = timer::durations(&toks).next();
    let phase = t
        .phases
        .iter()
        .find(|p| !p.name.is_empty() && toks.iter().any(|w| w.low == p.name.to_lowercase()));
    if let (Some(p), Some((_, _, secs))) = (phase, dur) {
        let keys = edit::top(text)?;
        let phases = edit::find(&keys, "phases").ok_or("the timer has no phases: [...]")?;
        let crate::spec::syntax::NodeKind::List(items) = &phases.kind else {
            return Err("cannot read the timer's phases".into());
        };
        for item in items {
            let crate::spec::syntax::NodeKind::Call {
                args: crate::spec::syntax::Args::Named(args),
                ..
            } = &item.kind
            else {
                continue;
            };
            let named = args.iter().any(|(k, v)| {
                k.name == "name" && matches!(&v.kind, crate::spec::syntax::NodeKind::Str(n) if *n == p.name)
            });
            if let (true, Some((_, len))) = (named, args.iter().find(|(k, _)| k.name == "length")) {
                let new = crate::spec::duration::format(secs);
                let out = edit::replace(text, edit::span(text, len), &ron_string(&new));
                return Ok(Some(done(out, format!("phase {:?} now {new}", p.name))?));
            }
        }
        return Err(format!("cannot find the length of phase {:?}", p.name));
    }
    let low: Vec<&str> = toks.iter().map(|t| t.low.as_str()).collect();
    let rounds = low.windows(2).find_map(|w| match w {
        [n, "rounds" | "round" | "cycles" | "times"] => words::number(n),
        ["rounds" | "x", n] => words::number(n),
        _ => None,
    });
    if let Some(n) = rounds.filter(|n| n.fract() == 0.0 && *n >= 1.0) {
        let out = edit::set_key(text, "rounds", &format!("{}", n as u64))?;
        return Ok(Some(done(out, format!("{} rounds", n as u64))?));
    }
    Ok(None)
}

const LIMIT_CUES: &[&str] = &[
    "at most",
    "no more than",
    "not more than",
    "less than",
    "fewer than",
    "up to",
    "max",
    "maximum",
    "limit",
    "under",
    "below",
    "only",
    "ceiling",
];

fn goal(text: &str, spec: &Spec, s: &str) -> Result<Changed, String> {
    let (cur_goal, cur_limit, unit) = match &spec.kind {
        Kind::Tracker(t) => (t.goal, t.limit, t.unit.clone()),
        Kind::Timer(t) => (t.goal, None, None),
        Kind::List(_) => {
            return Err(format!(
                "{} is a list: only a tracker or a timer has a goal",
                spec.name
            ));
        }
    };
    let (mut toks, _) = words::tokens(s);
    let low = format!(" {} ", s.to_ascii_lowercase());
    let is_limit = !low.contains("goal")
        && !low.contains("at least")
        && !low.contains("target")
        && (LIMIT_CUES.iter().any(|c| low.contains(&format!(" {c} "))));
    if is_limit && matches!(spec.kind, Kind::Timer(_)) {
        return Err(format!(
            "{} is a timer: it can have a goal, not a limit",
            spec.name
        ));
    }
    let mut found = None;
    for i in 0..toks.len() {
        let n = words::number(&toks[i].low).or_else(|| words::times_word(&toks[i].low));
        let Some(n) = n else { continue };
        toks[i].used = true;
        let mut period = None;
        let mut j = i + 1;
        while j < toks.len() && j <= i + 5 {
            if let Some((p, end)) = tracker::period_at(&toks, j) {
                period = Some(p);
                for t in &mut toks[j..end] {
                    t.used = true;
                }
                break;
            }
            j += 1;
        }
        found = Some((n, period));
        break;
    }
    let Some((n, period)) = found else {
        return Err("say the number: \"make the goal 10 glasses\", \"at most 2 a day\"".into());
    };
    let now = if is_limit {
        cur_limit.or(cur_goal)
    } else {
        cur_goal.or(cur_limit)
    };
    let period = period.or(now.map(|g| g.period)).unwrap_or(Period::Daily);
    let key = if is_limit { "limit" } else { "goal" };
    let n_src = if n.fract() == 0.0 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    };
    // A tracker has one of the two: a limit takes the goal's place, and a goal the limit's.
    let other = if is_limit { "goal" } else { "limit" };
    let keys = edit::top(text)?;
    let value = format!("{period:?}({n_src})");
    let (out, instead) = match keys.iter().find(|(k, _)| k.name == other) {
        Some((k, v)) if edit::find(&keys, key).is_none() => {
            let from = crate::spec::rewrite::offset(text, k.span.start);
            let to = edit::span(text, v).1;
            (
                edit::replace(text, (from, to), &format!("{key}: {value}")),
                format!(", instead of the {other}"),
            )
        }
        _ => (edit::set_key(text, key, &value)?, String::new()),
    };
    let unit_words: Vec<String> = unit
        .iter()
        .flat_map(|u| {
            [
                u.to_lowercase(),
                u.to_lowercase().trim_end_matches('s').to_string(),
            ]
        })
        .collect();
    const OWN: &[&str] = &[
        "goal", "target", "limit", "most", "least", "max", "maximum", "no", "not", "more", "less", "fewer",
        "than", "under", "below", "only", "up", "set", "change", "make", "it", "the", "to", "a", "an", "per",
        "times", "days", "x", "aim", "be", "ceiling", "at", "of", "day", "week", "month", "year",
    ];
    let ignored: Vec<String> = toks
        .iter()
        .filter(|t| !t.used && !t.punct && !OWN.contains(&t.low.as_str()) && !unit_words.contains(&t.low))
        .filter(|t| words::unit(&t.low).is_none_or(|u| unit.as_deref() != Some(u.as_str())))
        .map(|t| t.orig.clone())
        .collect();
    let per = match period {
        Period::Daily => "a day",
        Period::Weekly => "a week",
        Period::Monthly => "a month",
        Period::Yearly => "a year",
    };
    let what = unit.map(|u| format!(" {u}")).unwrap_or_default();
    let word = if is_limit { "at most" } else { "goal" };
    Ok(Changed {
        text: out,
        summary: format!("{word} {n_src}{what} {per}{instead}"),
        ignored,
        removed_fields: Vec::new(),
    })
}
