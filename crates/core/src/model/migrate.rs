//! Data follows the spec, at read time: stored items are never rewritten
//! because a spec changed. [`present`] shows an item as today's spec sees it
//! (a renamed field's value found under its `was:` name, values converted to
//! a changed type where they convert), keeping everything else: values that
//! do not convert stay as they are (flagged, see [`report`]), and values of
//! fields the spec no longer has stay in `values` (hidden). [`keep_stored`]
//! turns an edited, presented item back into what to store, so only the
//! values the user changed are written in the new shape.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{NaiveDate, NaiveDateTime};

use super::Item;
use super::input::{check_value, parse_value};
use super::value::FieldValue;
use crate::spec::calendar::{exact_iso_date, exact_iso_date_time};
use crate::spec::{FieldType, ListSpec, duration};

/// `v` as a value of type `ty`, or None when it does not convert. Range
/// limits (`min`, `max`) are not checked: a number out of range is still a
/// number, and hiding it would hide data.
pub fn convert(ty: &FieldType, v: &FieldValue) -> Option<FieldValue> {
    use FieldValue as V;
    match (ty, v) {
        (FieldType::Text, V::Text(_)) => Some(v.clone()),
        (FieldType::Text, V::List(l)) => Some(V::Text(l.join(", "))),
        (FieldType::Text, other) => Some(V::Text(other.display())),
        (FieldType::Url, V::Text(s)) => check_value(ty, V::Text(s.clone())).ok(),
        (FieldType::Email | FieldType::Phone | FieldType::Time, V::Text(s)) => {
            check_value(ty, V::Text(s.clone())).ok()
        }
        (FieldType::Percent, V::Number(_)) => Some(v.clone()),
        (FieldType::Percent, V::Text(s)) => parse_value(ty, s, None, Default::default()).ok(),
        (FieldType::Number { .. } | FieldType::Money { .. } | FieldType::Duration, V::Number(_)) => {
            Some(v.clone())
        }
        (FieldType::Rating { .. }, V::Number(n)) => (n.fract() == 0.0 && *n >= 0.0).then(|| v.clone()),
        (FieldType::Duration, V::Text(s)) => duration::parse(s)
            .ok()
            .map(|secs| V::Number(secs as f64))
            .or_else(|| number_text(s)),
        (FieldType::Number { .. } | FieldType::Money { .. }, V::Text(s)) => number_text(s),
        (FieldType::Rating { .. }, V::Text(s)) => {
            number_text(s).filter(|n| matches!(n, V::Number(x) if x.fract() == 0.0 && *x >= 0.0))
        }
        (FieldType::Bool, V::Bool(_)) => Some(v.clone()),
        (FieldType::Bool, V::Text(s)) => match s.trim().to_lowercase().as_str() {
            "yes" | "y" | "true" | "x" => Some(V::Bool(true)),
            "no" | "n" | "false" => Some(V::Bool(false)),
            _ => None,
        },
        (FieldType::Bool, V::Number(n)) if *n == 0.0 || *n == 1.0 => Some(V::Bool(*n == 1.0)),
        (FieldType::Choice { options }, V::Text(s)) => options
            .iter()
            .find(|o| o.eq_ignore_ascii_case(s.trim()))
            .map(|o| V::Text(o.clone())),
        (FieldType::Choice { options }, V::Number(_) | V::Bool(_)) => {
            let s = v.display();
            options
                .iter()
                .find(|o| o.eq_ignore_ascii_case(&s))
                .map(|o| V::Text(o.clone()))
        }
        (FieldType::Tags { .. }, V::List(_)) => Some(v.clone()),
        (FieldType::Link { many: false, .. }, V::Text(_)) => Some(v.clone()),
        (FieldType::Link { many: true, .. }, V::List(_)) => Some(v.clone()),
        (FieldType::Link { many: true, .. }, V::Text(s)) => Some(V::List(vec![s.clone()])),
        (FieldType::Tags { .. }, V::Text(s)) => {
            parse_value(&FieldType::Tags { options: vec![] }, s, None, Default::default()).ok()
        }
        // As nook stores them: shown as they are. Every read of a list
        // presents each item, so chrono's format parsing adds up.
        (FieldType::Date, V::Text(s)) if exact_iso_date(s).is_some() => Some(v.clone()),
        (FieldType::DateTime, V::Text(s)) if exact_iso_date_time(s) => Some(v.clone()),
        (FieldType::Date, V::Text(s)) => date_text(s).map(|d| V::Text(d.format("%Y-%m-%d").to_string())),
        (FieldType::DateTime, V::Text(s)) => {
            parse_value(ty, s, None, Default::default()).ok().or_else(|| {
                NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
                    .ok()
                    .map(|d| V::Text(format!("{} 00:00", d.format("%Y-%m-%d"))))
            })
        }
        _ => None,
    }
}

fn number_text(s: &str) -> Option<FieldValue> {
    let number = FieldType::Number {
        min: None,
        max: None,
        decimals: None,
        unit: None,
    };
    parse_value(&number, s, None, Default::default()).ok()
}

/// A date, or the day of a date and time.
fn date_text(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok().or_else(|| {
        ["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S"]
            .iter()
            .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
            .map(|dt| dt.date())
    })
}

/// Whether a stored value already reads as a value of `ty`.
pub fn fits(ty: &FieldType, v: &FieldValue) -> bool {
    convert(ty, v).is_some()
}

/// Where the value of field `name` is stored in `values`: under `name`, or
/// else under its `was:` name.
pub fn source<'a>(
    list: &'a ListSpec,
    name: &'a str,
    values: &BTreeMap<String, FieldValue>,
) -> Option<&'a str> {
    if values.contains_key(name) {
        return Some(name);
    }
    let was = list.fields.get(name)?.was.as_deref()?;
    values.contains_key(was).then_some(was)
}

/// The item as the spec sees it now: values under today's field names and
/// converted where they convert; everything else kept as stored.
pub fn present(list: &ListSpec, mut item: Item) -> Item {
    if list.fields.is_empty() {
        return item;
    }
    let mut out = BTreeMap::new();
    let mut taken: BTreeSet<String> = BTreeSet::new();
    for (name, field) in &list.fields {
        let Some(src) = source(list, name, &item.values) else {
            continue;
        };
        let raw = &item.values[src];
        out.insert(
            name.clone(),
            convert(&field.ty, raw).unwrap_or_else(|| raw.clone()),
        );
        taken.insert(src.to_string());
    }
    for (k, v) in std::mem::take(&mut item.values) {
        if !taken.contains(&k) && !out.contains_key(&k) {
            out.insert(k, v);
        }
    }
    item.values = out;
    item
}

/// What to store when `shown` (a presented item, then edited) replaces
/// `stored`: values the user did not change stay exactly as stored, under
/// the name they were stored under, so a type changed back finds the
/// original and a process with the older spec still reads them.
pub fn keep_stored(list: &ListSpec, stored: Option<&Item>, shown: Item) -> Item {
    let Some(stored) = stored else {
        return shown;
    };
    // A plain list edits only the text: values of fields it had stay hidden.
    if list.fields.is_empty() {
        return Item {
            values: stored.values.clone(),
            ..shown
        };
    }
    // A list with fields has no text to edit: the text from its plain days stays.
    let text = if shown.text.is_empty() {
        stored.text.clone()
    } else {
        shown.text.clone()
    };
    let before = present(list, stored.clone());
    let mut values = stored.values.clone();
    let names: BTreeSet<&String> = shown.values.keys().chain(before.values.keys()).collect();
    for name in names {
        let (was, now) = (before.values.get(name), shown.values.get(name));
        if was == now {
            continue;
        }
        // Changed, added or cleared: drop the stored value wherever it was.
        if let Some(src) = source(list, name, &stored.values) {
            values.remove(src);
        }
        if let Some(v) = now {
            values.insert(name.clone(), v.clone());
        }
    }
    Item {
        values,
        text,
        ..shown
    }
}

/// What a list's data holds that its spec does not show plainly.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    /// Stored field name -> items holding a value for it, for names the spec
    /// no longer has (and no field takes over with `was:`).
    pub hidden: BTreeMap<String, u64>,
    /// Field name -> (values that do not fit its type, the type's word).
    pub misfits: BTreeMap<String, (u64, &'static str)>,
}

impl Report {
    pub fn is_empty(&self) -> bool {
        self.hidden.is_empty() && self.misfits.is_empty()
    }

    /// "2 hidden fields hold data", "1 value of 'pages' does not fit Number".
    pub fn lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        match self.hidden.len() {
            0 => {}
            1 => out.push(format!(
                "1 hidden field holds data ({})",
                self.hidden.keys().next().map(String::as_str).unwrap_or("")
            )),
            n => out.push(format!(
                "{n} hidden fields hold data ({})",
                self.hidden.keys().cloned().collect::<Vec<_>>().join(", ")
            )),
        }
        for (name, (n, ty)) in &self.misfits {
            let what = super::count::count(*n, "value");
            let verb = if *n == 1 { "does" } else { "do" };
            out.push(format!("{what} of '{name}' {verb} not fit {ty}"));
        }
        out
    }
}

/// Counts hidden fields and values that do not fit, over presented items.
pub fn report<'a>(list: &ListSpec, items: impl IntoIterator<Item = &'a Item>) -> Report {
    let mut r = Report::default();
    if list.fields.is_empty() {
        return r;
    }
    for item in items {
        for (k, v) in &item.values {
            match list.fields.get(k) {
                None => *r.hidden.entry(k.clone()).or_default() += 1,
                Some(f) if !fits(&f.ty, v) => {
                    r.misfits.entry(k.clone()).or_insert((0, f.ty.word())).0 += 1;
                }
                Some(_) => {}
            }
        }
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What the general path makes of `s`: chrono reads it and writes it.
    fn by_chrono(ty: &FieldType, s: &str) -> Option<FieldValue> {
        match ty {
            FieldType::Date => date_text(s).map(|d| FieldValue::Text(d.format("%Y-%m-%d").to_string())),
            _ => parse_value(ty, s, None, Default::default()).ok(),
        }
    }

    proptest! {
        /// A stored date or moment shown as it is reads as chrono reads
        /// it, for any digits in its places: days past a month's end,
        /// month 13, hour 24, year 0.
        #[test]
        fn a_date_as_stored_presents_as_chrono_reads_it(
            y in 0u32..10_000, m in 0u32..14, d in 0u32..33, h in 0u32..26, min in 0u32..62,
            time in any::<bool>(),
        ) {
            let (ty, s) = if time {
                (FieldType::DateTime, format!("{y:04}-{m:02}-{d:02} {h:02}:{min:02}"))
            } else {
                (FieldType::Date, format!("{y:04}-{m:02}-{d:02}"))
            };
            let v = FieldValue::Text(s.clone());
            prop_assert_eq!(convert(&ty, &v), by_chrono(&ty, &s), "{}", s);
        }
    }

    #[test]
    fn text_of_another_shape_is_not_taken_as_stored() {
        for s in [
            "2026-1-05",
            "2026/01/05",
            "2026-01-05T10:00",
            "2026-01-05 10:00:00",
            "é026-01-05 10:00",
            "20260-1-05",
        ] {
            assert!(!exact_iso_date_time(s) && exact_iso_date(s).is_none(), "{s}");
        }
        assert_eq!(exact_iso_date("2024-02-29"), NaiveDate::from_ymd_opt(2024, 2, 29));
        assert_eq!(exact_iso_date("2023-02-29"), None);
    }
}
