//! Per-app figures kept current by every write, so that listing apps reads
//! one small record per app, however much history is stored.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::streak::StreakCache;
use crate::model::{FieldValue, Item};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AppSummary {
    pub items: u64,
    pub done: u64,
    /// The next list item id; ids are never reused.
    pub next_id: u64,
    /// Sum, count, min and max of every numeric field value present.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub numbers: BTreeMap<String, NumberAgg>,
    /// Tracker series by name ("" for a tracker with one series).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub series: BTreeMap<String, SeriesSummary>,
    /// Timer sessions on the latest day that had one.
    #[serde(default)]
    pub sessions_day: i32,
    #[serde(default)]
    pub sessions_today: u32,
    #[serde(default)]
    pub focus_today: u32,
    #[serde(default)]
    pub sessions_total: u64,
    /// Unix ms of the last write.
    pub updated: i64,
    /// Items holding a value per stored field name, by shape (see
    /// [`shape_of`]): names hidden fields and spots values of another type
    /// for `nook ls` without reading items.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub shapes: BTreeMap<String, [u64; 4]>,
    /// Whether `shapes` counts every item: false in a summary written before
    /// it existed, until the next write recounts.
    #[serde(default)]
    pub shapes_counted: bool,
    /// The kind of app the data is ("list", "tracker", "timer"), recorded by
    /// every write, so a spec of another kind is refused rather than fed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

/// Index into [`AppSummary::shapes`]: bool, number, text, list of text.
pub fn shape_of(v: &FieldValue) -> usize {
    match v {
        FieldValue::Bool(_) => 0,
        FieldValue::Number(_) => 1,
        FieldValue::Text(_) => 2,
        FieldValue::List(_) => 3,
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NumberAgg {
    pub sum: f64,
    pub count: u64,
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// Set when the min or max left with a removed value; recomputed in the same write.
    #[serde(default)]
    pub stale: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SeriesSummary {
    /// Days with an entry.
    pub days: u32,
    pub last_day: Option<i32>,
    pub streak: StreakCache,
}

impl AppSummary {
    /// Adds (sign 1) or removes (sign -1) one item's contribution.
    pub fn count_item(&mut self, item: &Item, sign: i64) {
        self.items = self.items.saturating_add_signed(sign);
        if item.done {
            self.done = self.done.saturating_add_signed(sign);
        }
        for (name, v) in &item.values {
            let slot = &mut self.shapes.entry(name.clone()).or_default()[shape_of(v)];
            *slot = slot.saturating_add_signed(sign);
            let FieldValue::Number(n) = v else { continue };
            let agg = self.numbers.entry(name.clone()).or_default();
            if sign > 0 {
                agg.sum += n;
                agg.count += 1;
                agg.min = Some(agg.min.map_or(*n, |m| m.min(*n)));
                agg.max = Some(agg.max.map_or(*n, |m| m.max(*n)));
            } else {
                agg.sum -= n;
                agg.count = agg.count.saturating_sub(1);
                if agg.min == Some(*n) || agg.max == Some(*n) {
                    agg.stale = true;
                }
            }
        }
        self.numbers.retain(|_, a| a.count > 0);
        self.shapes.retain(|_, s| s.iter().any(|n| *n > 0));
    }

    /// Counts `shapes` again from every item (once, for an older summary).
    pub fn recount_shapes<'a>(&mut self, items: impl Iterator<Item = &'a Item>) {
        self.shapes.clear();
        for item in items {
            for (name, v) in &item.values {
                self.shapes.entry(name.clone()).or_default()[shape_of(v)] += 1;
            }
        }
        self.shapes_counted = true;
    }

    pub fn any_stale(&self) -> bool {
        self.numbers.values().any(|a| a.stale)
    }

    /// Recomputes min and max from every item (after an extreme was removed).
    pub fn refresh_extremes<'a>(&mut self, items: impl Iterator<Item = &'a Item>) {
        for agg in self.numbers.values_mut() {
            agg.min = None;
            agg.max = None;
            agg.stale = false;
        }
        for item in items {
            for (name, v) in &item.values {
                if let (FieldValue::Number(n), Some(agg)) = (v, self.numbers.get_mut(name)) {
                    agg.min = Some(agg.min.map_or(*n, |m| m.min(*n)));
                    agg.max = Some(agg.max.map_or(*n, |m| m.max(*n)));
                }
            }
        }
    }
}
