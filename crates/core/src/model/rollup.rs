//! Rollups, pure: what one item of a linking app (an invoice) adds to the
//! tallies of the items it links to (its client), and a rollup field's
//! value read from those tallies.
//!
//! A tally is kept per (link field, linked item, filter) and holds every
//! number field's values with how many items have each, so Sum, Avg, Min
//! and Max all come out exact whatever order items came and went in, and
//! the tally depends only on the linking app's items and spec: the store
//! keeps it without knowing which rollups other specs define.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::item_id::ItemId;
use super::{FieldValue, Item};
use crate::spec::{Agg, FieldType, ListSpec, Rollup};

/// The filter of the tally over every linking item.
pub const ALL: &str = "";
/// The filter of the tally over the items that are done.
pub const DONE: &str = "done";

/// The items linking to one item through one field, under one filter.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Tally {
    pub count: u64,
    /// Each number field's values, ascending, with how many items have each.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub values: BTreeMap<String, Vec<(f64, u64)>>,
}

/// A rollup field's value for each item of the linked-to app that has one.
pub type Values = BTreeMap<String, std::collections::HashMap<ItemId, f64>>;

/// Where one item counts: (link field, linked item, filter).
pub type Key = (String, ItemId, String);

impl Tally {
    /// Counts an item's numbers in (`sign` 1) or out (-1).
    pub fn count(&mut self, numbers: &[(String, f64)], sign: i64) {
        self.count = self.count.saturating_add_signed(sign);
        for (field, n) in numbers {
            let vals = self.values.entry(field.clone()).or_default();
            let at = vals.partition_point(|(v, _)| v.total_cmp(n).is_lt());
            match vals.get_mut(at) {
                Some((v, c)) if v.total_cmp(n).is_eq() => {
                    *c = c.saturating_add_signed(sign);
                    if *c == 0 {
                        vals.remove(at);
                    }
                }
                _ if sign > 0 => vals.insert(at, (*n, 1)),
                _ => {}
            }
            if vals.is_empty() {
                self.values.remove(field);
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0 && self.values.is_empty()
    }

    /// What is in `self` and not in `part` (the items a filter leaves out).
    pub fn without(&self, part: &Tally) -> Tally {
        let mut out = self.clone();
        out.count = out.count.saturating_sub(part.count);
        for (field, vals) in &part.values {
            for (v, c) in vals {
                for _ in 0..*c {
                    out.count_value(field, *v);
                }
            }
        }
        out
    }

    fn count_value(&mut self, field: &str, v: f64) {
        let Some(vals) = self.values.get_mut(field) else {
            return;
        };
        let at = vals.partition_point(|(x, _)| x.total_cmp(&v).is_lt());
        if let Some((x, c)) = vals.get_mut(at)
            && x.total_cmp(&v).is_eq()
        {
            *c -= 1;
            if *c == 0 {
                vals.remove(at);
            }
        }
    }

    /// The figure over this tally; None for Avg, Min and Max of no values.
    pub fn figure(&self, agg: Agg, of: Option<&str>) -> Option<f64> {
        let vals: &[(f64, u64)] = of.and_then(|f| self.values.get(f)).map_or(&[], Vec::as_slice);
        let sum = || vals.iter().map(|(v, c)| v * *c as f64).sum::<f64>();
        match agg {
            Agg::Count | Agg::Done => Some(self.count as f64),
            Agg::Sum => Some(sum()),
            Agg::Avg => {
                let n: u64 = vals.iter().map(|(_, c)| c).sum();
                (n > 0).then(|| sum() / n as f64)
            }
            Agg::Min => vals.first().map(|(v, _)| *v),
            Agg::Max => vals.last().map(|(v, _)| *v),
        }
    }
}

/// The list's Link fields, in order.
pub fn link_fields(list: &ListSpec) -> Vec<&str> {
    list.fields
        .iter()
        .filter(|(_, f)| matches!(f.ty, FieldType::Link { .. }))
        .map(|(n, _)| n.as_str())
        .collect()
}

/// What the tallies of a list depend on: its link, number and Bool fields.
/// When it changes, the store counts every item again.
pub fn fingerprint(list: &ListSpec) -> u64 {
    let parts: Vec<String> = list
        .fields
        .iter()
        .filter(|(_, f)| {
            matches!(f.ty, FieldType::Link { .. } | FieldType::Bool)
                || (f.ty.is_numeric() && !f.ty.is_computed())
        })
        .map(|(n, f)| format!("{n}:{}:{:?}", f.ty.word(), f.was))
        .collect();
    let text = parts.join("|");
    crate::model::fingerprint::of(&text)
}

/// The ids a link value holds (a text id, or a list of them).
pub fn linked_ids(v: &FieldValue) -> Vec<ItemId> {
    match v {
        FieldValue::Text(s) => ItemId::parse(s).into_iter().collect(),
        FieldValue::List(l) => {
            let mut ids: Vec<ItemId> = l.iter().filter_map(|s| ItemId::parse(s)).collect();
            ids.sort();
            ids.dedup();
            ids
        }
        _ => Vec::new(),
    }
}

/// Where a presented item counts, and the numbers it adds there.
pub fn places(list: &ListSpec, item: &Item) -> (Vec<Key>, Vec<(String, f64)>) {
    let links = link_fields(list);
    if links.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let mut filters = vec![ALL.to_string()];
    if item.done {
        filters.push(DONE.to_string());
    }
    for (name, f) in &list.fields {
        if matches!(f.ty, FieldType::Bool) && item.values.get(name) == Some(&FieldValue::Bool(true)) {
            filters.push(name.clone());
        }
    }
    let mut keys = Vec::new();
    for link in links {
        for id in item.values.get(link).map(linked_ids).unwrap_or_default() {
            for f in &filters {
                keys.push((link.to_string(), id, f.clone()));
            }
        }
    }
    let numbers = list
        .fields
        .iter()
        .filter(|(_, f)| f.ty.is_numeric() && !f.ty.is_computed())
        .filter_map(|(n, _)| match item.values.get(n) {
            Some(FieldValue::Number(x)) if x.is_finite() => Some((n.clone(), *x)),
            _ => None,
        })
        .collect();
    (keys, numbers)
}

/// Every tally of a list's presented items, counted afresh.
pub fn tally_all<'a>(list: &ListSpec, items: impl IntoIterator<Item = &'a Item>) -> BTreeMap<Key, Tally> {
    let mut out: BTreeMap<Key, Tally> = BTreeMap::new();
    for item in items {
        let (keys, numbers) = places(list, item);
        for k in keys {
            out.entry(k).or_default().count(&numbers, 1);
        }
    }
    out
}

/// A rollup's value for one item, from its tallies by filter (`tally`
/// gives the stored one, None when no item links there under it).
pub fn value(r: &Rollup, tally: impl Fn(&str) -> Option<Tally>) -> Option<f64> {
    let t = match &r.filter {
        None => tally(ALL).unwrap_or_default(),
        Some(w) if !w.negated => tally(&w.field).unwrap_or_default(),
        Some(w) => {
            let all = tally(ALL).unwrap_or_default();
            match tally(&w.field) {
                Some(part) => all.without(&part),
                None => all,
            }
        }
    };
    t.figure(r.agg, r.of.as_deref())
}
