//! How a list's items compare by one sort key: what the TUI's sort and
//! `nook items --view` share, so both give the same order.

use std::cmp::Ordering;

use crate::model::{FieldValue, Item, computed};
use crate::spec::{FieldType, ListSpec, SortKey};

/// Whether an item has no value for a sort key's field (built-in fields
/// always have one): such items sort last in either direction.
pub fn is_empty(list: &ListSpec, field: &str, item: &Item, today: i32) -> bool {
    match field {
        "done" | "created" | "updated" | "text" => false,
        _ => match computed::field_value(list, field, item, today).as_deref() {
            None => true,
            Some(FieldValue::Text(s)) => s.trim().is_empty(),
            Some(FieldValue::List(v)) => v.is_empty(),
            Some(_) => false,
        },
    }
}

/// Orders two items by sort keys; an empty value goes last whichever way
/// the key runs (unrated books do not lead "highest first"); then by id.
pub fn cmp_by_keys(list: &ListSpec, keys: &[SortKey], x: &Item, y: &Item, today: i32) -> Ordering {
    let parts =
        |i: &Item| -> Vec<Option<Part>> { keys.iter().map(|k| part(list, &k.field, i, today)).collect() };
    cmp_parts(keys, &parts(x), &parts(y)).then_with(|| x.id.cmp(&y.id))
}

/// One sort key's part of an item's place, read once: a sort of 100,000
/// items compares these instead of reading and formatting each field at
/// every comparison: a Choice by its options' order, numbers as numbers,
/// other values by their text, case aside.
#[derive(Clone, Debug, PartialEq)]
pub enum Part {
    Bool(bool),
    Number(f64),
    /// An option's position in a Choice (options not listed go after).
    Option(usize),
    Text(String),
}

impl Part {
    fn cmp(&self, other: &Part) -> Ordering {
        match (self, other) {
            (Part::Bool(a), Part::Bool(b)) => a.cmp(b),
            (Part::Number(a), Part::Number(b)) => a.total_cmp(b),
            (Part::Option(a), Part::Option(b)) => a.cmp(b),
            (Part::Text(a), Part::Text(b)) => a.cmp(b),
            // Values of two types in one field (data a spec change left).
            (a, b) => a.rank().cmp(&b.rank()),
        }
    }

    fn rank(&self) -> u8 {
        match self {
            Part::Bool(_) => 0,
            Part::Number(_) => 1,
            Part::Option(_) => 2,
            Part::Text(_) => 3,
        }
    }
}

/// `item`'s part for the sort key on `field`; None when it has no value
/// (which sorts last either way).
pub fn part(list: &ListSpec, field: &str, item: &Item, today: i32) -> Option<Part> {
    match field {
        "done" => return Some(Part::Bool(item.done)),
        "created" => return Some(Part::Number(item.created as f64)),
        "updated" => return Some(Part::Number(item.updated as f64)),
        "text" => return Some(Part::Text(item.text.to_lowercase())),
        _ => {}
    }
    if is_empty(list, field, item, today) {
        return None;
    }
    let v = computed::field_value(list, field, item, today)?;
    if let Some(FieldType::Choice { options }) = list.fields.get(field).map(|f| &f.ty) {
        return Some(Part::Option(match &*v {
            FieldValue::Text(s) => options.iter().position(|o| o == s).unwrap_or(usize::MAX),
            _ => usize::MAX,
        }));
    }
    Some(match &*v {
        FieldValue::Number(n) => Part::Number(*n),
        FieldValue::Bool(b) => Part::Bool(*b),
        v => Part::Text(v.display().to_lowercase()),
    })
}

/// Orders two items' parts for `keys` (as [`cmp_by_keys`] orders the
/// items): an empty part goes last whichever way its key runs.
pub fn cmp_parts(keys: &[SortKey], a: &[Option<Part>], b: &[Option<Part>]) -> Ordering {
    for (k, (x, y)) in keys.iter().zip(a.iter().zip(b)) {
        let o = match (x, y) {
            (None, None) => Ordering::Equal,
            (None, Some(_)) => Ordering::Greater,
            (Some(_), None) => Ordering::Less,
            (Some(x), Some(y)) if k.descending => y.cmp(x),
            (Some(x), Some(y)) => x.cmp(y),
        };
        if o != Ordering::Equal {
            return o;
        }
    }
    Ordering::Equal
}
