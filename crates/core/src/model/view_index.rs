//! The orders a list's views show their items in, as byte strings a store
//! keeps sorted (`nook-store`'s view index): opening a list of any length
//! then reads the rows of its first screen, in order, without reading the
//! rest. The bytes compare as the panel compares items (`order::cmp_parts`
//! after `group::cmp_groups`, then by id, which the store's key carries).

use crate::model::Item;
use crate::model::order::{Part, part};
use crate::overview::group::group_key;
use crate::spec::{FieldType, Filter, ListSpec, SortKey, View, formula};

/// One view's order: its sort keys, the table's group, the view's filter.
#[derive(Clone, Debug, PartialEq)]
pub struct ViewOrder {
    pub keys: Vec<SortKey>,
    pub group: Option<String>,
    pub filter: Option<Filter>,
}

/// The order a list is shown in before the user picks another: the spec's
/// `sort:`, else oldest first (what the panel's first sort option is).
pub fn default_sort(list: &ListSpec) -> Vec<SortKey> {
    if list.sort.is_empty() {
        vec![SortKey {
            field: "created".into(),
            descending: false,
        }]
    } else {
        list.sort.clone()
    }
}

impl ViewOrder {
    /// The order `list` (the base list, or a named view laid out by
    /// `ListSpec::as_view`) opens in, under `filter`.
    pub fn opening(list: &ListSpec, filter: Option<&Filter>) -> ViewOrder {
        ViewOrder {
            keys: default_sort(list),
            group: match list.view {
                View::Table { .. } => list.group.clone(),
                _ => None,
            },
            filter: filter.cloned(),
        }
    }

    /// Whether the order depends on the item alone: a rollup's value comes
    /// from another app, so a view sorted by one cannot be kept this way.
    pub fn indexable(&self, list: &ListSpec) -> bool {
        let rollup = |f: &str| matches!(list.fields.get(f).map(|f| &f.ty), Some(FieldType::Rollup(_)));
        !self.keys.iter().any(|k| rollup(&k.field)) && !self.group.as_deref().is_some_and(rollup)
    }

    /// Whether the order or the filter reads today's date, so a stored
    /// order is good for one day only.
    fn reads_today(&self, list: &ListSpec) -> bool {
        let field = |f: &str| formula::field_uses_today(f, &list.fields);
        self.keys.iter().any(|k| field(&k.field))
            || self.group.as_deref().is_some_and(field)
            || self.filter.as_ref().is_some_and(|f| {
                formula::uses_today(&f.expr) || formula::references(&f.expr).iter().any(|r| field(r))
            })
    }

    /// What the stored order depends on: the keys, group and filter, and
    /// every field's definition (types, options, formulas, renames), which
    /// decide the values compared. Debug text is enough: a nook whose text
    /// differs only counts the order again.
    pub fn fingerprint(&self, list: &ListSpec) -> u64 {
        let filter = self.filter.as_ref().map(|f| f.source.as_str());
        crate::model::fingerprint::of(&format!(
            "{:?}|{:?}|{filter:?}|{:?}",
            self.keys, self.group, list.fields
        ))
    }

    /// `item`'s place in this order, or None when the filter leaves it
    /// out. `item` is as the spec sees it (`migrate::present`).
    pub fn key(&self, list: &ListSpec, item: &Item, today: i32) -> Option<Vec<u8>> {
        if let Some(f) = &self.filter
            && !crate::model::computed::holds(list, f, item, today)
        {
            return None;
        }
        let mut out = Vec::new();
        if let Some(g) = &self.group {
            group_bytes(list, g, &group_key(list, g, item, today), &mut out);
        }
        for k in &self.keys {
            match part(list, &k.field, item, today) {
                // An empty value goes last whichever way the key runs.
                None => out.push(1),
                Some(p) => {
                    out.push(0);
                    let start = out.len();
                    part_bytes(&p, &mut out);
                    if k.descending {
                        // Each part's bytes are prefix-free, so inverting
                        // them reverses their order.
                        out[start..].iter_mut().for_each(|b| *b = !*b);
                    }
                }
            }
        }
        Some(out)
    }
}

/// The orders a list keeps for its views: the base list's, then each
/// named view's, those a rollup does not decide, each once; and the
/// fingerprint of the whole set, which names `today` when one reads it.
pub fn kept(list: &ListSpec, today: i32) -> (u64, Vec<(u64, ViewOrder)>) {
    let mut out: Vec<(u64, ViewOrder)> = Vec::new();
    let mut add = |shown: &ListSpec, order: ViewOrder| {
        if order.indexable(shown) {
            let fp = order.fingerprint(shown);
            if !out.iter().any(|(f, _)| *f == fp) {
                out.push((fp, order));
            }
        }
    };
    add(list, ViewOrder::opening(list, None));
    for v in &list.views {
        let shown = list.as_view(v);
        add(&shown, ViewOrder::opening(&shown, v.filter.as_ref()));
    }
    let day = out.iter().any(|(_, o)| o.reads_today(list)).then_some(today);
    let parts: Vec<u64> = out.iter().map(|(f, _)| *f).collect();
    (crate::model::fingerprint::of(&format!("{parts:?}|{day:?}")), out)
}

/// The order of `cmp_groups`: a Choice's or Tags' options as listed, other
/// values after them (a Rating's highest first, else by text), no value last.
fn group_bytes(list: &ListSpec, field: &str, key: &str, out: &mut Vec<u8>) {
    let ty = list.fields.get(field).map(|f| &f.ty);
    if key.is_empty() {
        out.push(2);
        return;
    }
    if let Some(FieldType::Choice { options } | FieldType::Tags { options }) = ty
        && let Some(i) = options.iter().position(|o| o == key)
    {
        out.push(0);
        out.extend_from_slice(&(i as u64).to_be_bytes());
        return;
    }
    out.push(1);
    if matches!(ty, Some(FieldType::Rating { .. })) {
        let n = key.parse::<f64>().unwrap_or(0.0);
        out.extend(number_bytes(n).iter().map(|b| !b));
    }
    // Groups that compare equal still come apart by their text, as the
    // panel's ranking of distinct groups does.
    text_bytes(key, out);
}

/// A part's bytes, after its type's rank (values of two types in one field
/// compare by type, as `Part::cmp` does).
fn part_bytes(p: &Part, out: &mut Vec<u8>) {
    match p {
        Part::Bool(b) => out.extend([0, u8::from(*b)]),
        Part::Number(n) => {
            out.push(1);
            out.extend(number_bytes(*n));
        }
        Part::Option(i) => {
            out.push(2);
            out.extend((*i as u64).to_be_bytes());
        }
        Part::Text(s) => {
            out.push(3);
            text_bytes(s, out);
        }
    }
}

/// `f64::total_cmp`'s order as big-endian bytes.
fn number_bytes(n: f64) -> [u8; 8] {
    let bits = n.to_bits();
    let flipped = if bits >> 63 == 1 { !bits } else { bits ^ (1 << 63) };
    flipped.to_be_bytes()
}

/// Text in byte order, ended so that no text's bytes begin another's: a
/// zero byte is written 0 0xFF, the end 0 0.
fn text_bytes(s: &str, out: &mut Vec<u8>) {
    for &b in s.as_bytes() {
        out.push(b);
        if b == 0 {
            out.push(0xFF);
        }
    }
    out.extend([0, 0]);
}

#[cfg(test)]
mod tests;
