//! Per-app figures kept current by every write, so that listing apps reads
//! one small record per app, however much history is stored.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub mod due;
pub mod figures;
pub mod head;

use crate::model::days::period_of;
use crate::model::exact_sum::ExactSum;
use crate::model::streak::{self, Rule, StreakCache};
use crate::model::{FieldValue, Item};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AppSummary {
    pub items: u64,
    pub done: u64,
    /// The highest item id made: a new one is made above it, so items
    /// added in one millisecond keep their order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_id: Option<crate::model::item_id::ItemId>,
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
    /// The kind of app the data is, recorded by every write, so a spec of
    /// another kind is refused rather than fed it. Stored as its word
    /// ("list"); a word of a newer nook's kind is kept and refused to all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<crate::spec::StoredKind>,
    /// A list's named and formula figures (see [`crate::figures`]), kept by
    /// the store under the definitions their key stands for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub figures: Option<figures::Figures>,
    /// A list's open items per due day (see [`due`]), kept by the store.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<due::DueDays>,
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
#[serde(from = "StoredAgg", into = "StoredAgg")]
pub struct NumberAgg {
    /// Kept exactly, so a removed value leaves the sum of the rest (a
    /// rounded running sum drifted: 1e16 + 1 − 1e16 gave 0).
    pub total: ExactSum,
    pub count: u64,
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// Set when the min or max left with a removed value; recomputed in the same write.
    pub stale: bool,
}

impl NumberAgg {
    /// The total, rounded once, for showing.
    pub fn sum(&self) -> f64 {
        self.total.value()
    }

    fn add(&mut self, n: f64) {
        self.total.add(n);
        self.count += 1;
        self.min = Some(self.min.map_or(n, |m| m.min(n)));
        self.max = Some(self.max.map_or(n, |m| m.max(n)));
    }
}

/// [`NumberAgg`] as stored: `sum` is the rounded total, all an older nook
/// reads (and all it wrote: such a `sum` reads back as one partial); `parts`
/// holds the exact total when one double does not.
#[derive(Serialize, Deserialize)]
struct StoredAgg {
    sum: f64,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    parts: Vec<f64>,
    count: u64,
    min: Option<f64>,
    max: Option<f64>,
    #[serde(default)]
    stale: bool,
}

impl From<StoredAgg> for NumberAgg {
    fn from(s: StoredAgg) -> NumberAgg {
        let parts = if s.parts.is_empty() { vec![s.sum] } else { s.parts };
        NumberAgg {
            total: ExactSum::from_partials(parts),
            count: s.count,
            min: s.min,
            max: s.max,
            stale: s.stale,
        }
    }
}

impl From<NumberAgg> for StoredAgg {
    fn from(a: NumberAgg) -> StoredAgg {
        let parts = a.total.partials();
        StoredAgg {
            sum: a.total.value(),
            parts: if parts.len() > 1 {
                parts.to_vec()
            } else {
                Vec::new()
            },
            count: a.count,
            min: a.min,
            max: a.max,
            stale: a.stale,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SeriesSummary {
    /// Days with an entry.
    pub days: u32,
    pub last_day: Option<i32>,
    pub streak: StreakCache,
    /// The streak over every period before the latest one (under
    /// `streak.rule`), so a write to the latest period or a later one folds
    /// on from here instead of reading the series' history. Left out when
    /// it equals `streak` (the latest period changed nothing yet, as while
    /// a week is in progress), which keeps the record the launcher decodes
    /// small.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed: Option<StreakCache>,
    /// The period of `last_day` and its total, so the launcher reads no
    /// entries. Summaries from before this field lack it (and `closed`):
    /// their next write recomputes both.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latest: Option<PeriodTotal>,
}

/// One period's total as the overview counts it: the sum of the values, or
/// for a yes/no habit the days with an entry.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PeriodTotal {
    pub period: i64,
    pub total: f64,
}

impl SeriesSummary {
    /// The summary of a series that has `days` entries, from the entries
    /// (day order) of its latest periods and `base`, the streak over every
    /// period before the first of them. From scratch, that is every entry
    /// and an empty `base`. None for no entries.
    pub fn fold(
        rule: Option<&Rule>,
        base: StreakCache,
        days: u32,
        entries: &[(i32, f64)],
    ) -> Option<SeriesSummary> {
        let &(last, _) = entries.last()?;
        let Some(rule) = rule else {
            return Some(SeriesSummary {
                days,
                last_day: Some(last),
                ..Default::default()
            });
        };
        let latest = period_of(last, rule.period);
        let split = entries.partition_point(|&(d, _)| period_of(d, rule.period) < latest);
        let (before, tail) = entries.split_at(split);
        let mut closed = StreakCache {
            rule: rule.key(),
            ..base
        };
        for (p, t) in streak::period_totals(rule, before.iter().copied()) {
            streak::step(rule, &mut closed, p, t);
        }
        let mut streak = closed.clone();
        for (p, t) in streak::period_totals(rule, tail.iter().copied()) {
            streak::step(rule, &mut streak, p, t);
        }
        // Summed in day order from 0, as a read of the period would sum it.
        let total = tail
            .iter()
            .fold(0.0, |t, &(_, v)| t + if rule.yes_no { 1.0 } else { v });
        Some(SeriesSummary {
            days,
            last_day: Some(last),
            closed: (closed != streak).then_some(closed),
            streak,
            latest: Some(PeriodTotal {
                period: latest,
                total,
            }),
        })
    }

    /// The streak over every period before the latest one, if this summary
    /// has the latest period's figures.
    pub fn closed(&self) -> Option<&StreakCache> {
        self.latest?;
        Some(self.closed.as_ref().unwrap_or(&self.streak))
    }

    /// The total of the period that holds `today`, when this summary can
    /// tell it without reading entries.
    pub fn period_total(&self, rule: &Rule, today: i32) -> Option<f64> {
        let latest = self.latest.filter(|_| self.streak.rule == rule.key())?;
        // Entries after today are not counted: read the period then.
        if self.last_day? > today {
            return None;
        }
        let now = period_of(today, rule.period);
        match now.cmp(&latest.period) {
            std::cmp::Ordering::Equal => Some(latest.total),
            // Any entry in a later period would have moved `latest` there.
            std::cmp::Ordering::Greater => Some(0.0),
            std::cmp::Ordering::Less => None,
        }
    }
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
                agg.add(*n);
            } else {
                agg.total.sub(*n);
                agg.count = agg.count.saturating_sub(1);
                if agg.min == Some(*n) || agg.max == Some(*n) {
                    agg.stale = true;
                }
            }
        }
        self.numbers.retain(|_, a| a.count > 0);
        self.shapes.retain(|_, s| s.iter().any(|n| *n > 0));
    }

    /// The figures of an app counted again from its rows, for a stored
    /// summary that does not decode: the app reads from its data instead of
    /// failing. `series` is each series' (days, last day); streak caches are
    /// left empty, so they are read from the entries until the next write
    /// recomputes them. Today's timer figures cannot be told without a clock
    /// and the spec: they start again from the next session.
    pub fn recount(items: &[Item], series: BTreeMap<String, (u32, i32)>, sessions: u64) -> AppSummary {
        let mut s = AppSummary {
            shapes_counted: true,
            sessions_total: sessions,
            ..AppSummary::default()
        };
        for item in items {
            s.count_item(item, 1);
            s.last_id = s.last_id.max(Some(item.id));
        }
        for (name, (days, last)) in series {
            s.series.insert(
                name,
                SeriesSummary {
                    days,
                    last_day: Some(last),
                    ..Default::default()
                },
            );
        }
        s
    }

    /// Sums, counts and extremes of every numeric field from every item.
    pub fn recount_numbers<'a>(&mut self, items: impl Iterator<Item = &'a Item>) {
        self.numbers.clear();
        for item in items {
            for (name, v) in &item.values {
                if let FieldValue::Number(n) = v {
                    self.numbers.entry(name.clone()).or_default().add(*n);
                }
            }
        }
    }

    /// The first figure that is not a finite number, named for a message:
    /// JSON has no infinity, so such a summary would not read back.
    pub fn not_finite(&self) -> Option<String> {
        for (name, agg) in &self.numbers {
            if !agg.total.is_finite() {
                return Some(format!("the total of {name:?}"));
            }
        }
        for (name, s) in &self.series {
            if s.latest.is_some_and(|l| !l.total.is_finite()) {
                return Some(if name.is_empty() {
                    "the period's total".to_string()
                } else {
                    format!("the period's total of {name:?}")
                });
            }
        }
        None
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
