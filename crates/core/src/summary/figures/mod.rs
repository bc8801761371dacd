//! Figures over a list's items: the named summaries (`Sum(of: "amount", by:
//! "category")`, `Count(where: "...")`, `per: Month`), the chart's, and
//! summaries over formula fields. The store keeps them in the app's summary
//! ([`Figures`]), updated per item added, changed or removed in the same
//! write, so the launcher and `nook report` read one small record; the TUI
//! computes the same cells over the items a panel shows ([`Figures::over`]).
//!
//! Groups are bounded: a `by:` figure keeps at most [`MAX_GROUPS`] groups
//! and counts the rest in `other` (a key is always wholly in one or the
//! other, so a removal takes from where the item was counted); a `per:`
//! figure keeps the latest [`MAX_PERIODS`] periods and folds older ones
//! into `other`. Totals (`all`) are exact either way.

pub mod line;

use std::collections::BTreeMap;

use chrono::Datelike;
use serde::{Deserialize, Serialize};

use crate::formula::Value;
use crate::model::computed::field_value;
use crate::model::days::{date_of, day_number};
use crate::model::migrate::present;
use crate::model::{FieldValue, Item, Now};
use crate::spec::{Agg, Figure, ListSpec, Period, Summary};
use crate::summary::NumberAgg;

/// Groups a `by:` figure keeps apart; the rest are counted together.
pub const MAX_GROUPS: usize = 24;
/// Periods a `per:` figure keeps apart, the latest ones.
pub const MAX_PERIODS: usize = 120;

/// One group's (or the whole list's) counts.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    pub items: u64,
    #[serde(default)]
    pub done: u64,
    /// The `of:` field's values.
    #[serde(default, skip_serializing_if = "no_values")]
    pub values: NumberAgg,
}

fn no_values(a: &NumberAgg) -> bool {
    a.count == 0 && !a.stale
}

impl Cell {
    fn count(&mut self, done: bool, value: Option<f64>, sign: i64) {
        self.items = self.items.saturating_add_signed(sign);
        if done {
            self.done = self.done.saturating_add_signed(sign);
        }
        let Some(n) = value else { return };
        let a = &mut self.values;
        if sign > 0 {
            a.total.add(n);
            a.count += 1;
            a.min = Some(a.min.map_or(n, |m| m.min(n)));
            a.max = Some(a.max.map_or(n, |m| m.max(n)));
        } else {
            a.total.sub(n);
            a.count = a.count.saturating_sub(1);
            if a.min == Some(n) || a.max == Some(n) {
                a.stale = true;
            }
            if a.count == 0 {
                *a = NumberAgg::default();
            }
        }
    }

    fn merge(&mut self, other: &Cell) {
        self.items += other.items;
        self.done += other.done;
        let (a, b) = (&mut self.values, &other.values);
        a.total.add_sum(&b.total);
        a.count += b.count;
        a.min = a.min.into_iter().chain(b.min).reduce(f64::min);
        a.max = a.max.into_iter().chain(b.max).reduce(f64::max);
        a.stale |= b.stale;
    }

    /// The figure's number for this cell; None when it has no values.
    pub fn value(&self, agg: Agg) -> Option<f64> {
        let a = &self.values;
        match agg {
            Agg::Count => Some(self.items as f64),
            Agg::Done => Some(self.done as f64),
            Agg::Sum => Some(a.sum()),
            Agg::Avg => (a.count > 0).then(|| a.sum() / a.count as f64),
            Agg::Min => a.min,
            Agg::Max => a.max,
        }
    }
}

/// One figure's cells.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FigureAgg {
    pub all: Cell,
    /// By group key, or by period label (`2026-12`, `2026-W49`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub groups: BTreeMap<String, Cell>,
    /// The groups not kept apart.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other: Option<Cell>,
    /// For `per:`: the latest period folded into `other`; every period up to
    /// it is counted there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cut: Option<String>,
}

impl FigureAgg {
    fn stale(&self) -> bool {
        let stale = |c: &Cell| c.values.stale;
        stale(&self.all) || self.groups.values().any(stale) || self.other.as_ref().is_some_and(stale)
    }

    fn count(&mut self, fig: &Figure, list: &ListSpec, item: &Item, sign: i64, now: Now) {
        if !holds(fig, list, item) {
            return;
        }
        let value = fig.of.as_deref().and_then(|f| number(list, f, item));
        self.all.count(item.done, value, sign);
        for key in keys(fig, list, item, now) {
            let cell = if fig.per.is_some() {
                self.period_cell(key, sign)
            } else {
                self.group_cell(key, sign)
            };
            if let Some(c) = cell {
                c.count(item.done, value, sign);
            }
        }
        self.groups.retain(|_, c| c.items > 0);
        if self.other.as_ref().is_some_and(|o| o.items == 0) && fig.per.is_none() {
            self.other = None;
        }
    }

    fn group_cell(&mut self, key: String, sign: i64) -> Option<&mut Cell> {
        let room = self.other.is_none() && self.groups.len() < MAX_GROUPS;
        if self.groups.contains_key(&key) || (sign > 0 && room) {
            return Some(self.groups.entry(key).or_default());
        }
        Some(self.other.get_or_insert_default())
    }

    fn period_cell(&mut self, key: String, sign: i64) -> Option<&mut Cell> {
        if self.cut.as_ref().is_some_and(|c| key <= *c) {
            return Some(self.other.get_or_insert_default());
        }
        if sign > 0 && !self.groups.contains_key(&key) && self.groups.len() >= MAX_PERIODS {
            // Fold the oldest periods away to make room.
            while self.groups.len() >= MAX_PERIODS {
                let Some((k, c)) = self.groups.pop_first() else {
                    break;
                };
                self.other.get_or_insert_default().merge(&c);
                self.cut = Some(k);
            }
            if self.cut.as_ref().is_some_and(|c| key <= *c) {
                return Some(self.other.get_or_insert_default());
            }
        }
        if sign < 0 && !self.groups.contains_key(&key) {
            return None;
        }
        Some(self.groups.entry(key).or_default())
    }

    /// Counted from scratch: every group apart, then the largest (for
    /// `by:`) or latest (for `per:`) kept and the rest folded together.
    fn from_items<'a>(
        fig: &Figure,
        list: &ListSpec,
        items: impl Iterator<Item = &'a Item>,
        now: Now,
    ) -> FigureAgg {
        let mut out = FigureAgg::default();
        for item in items {
            if !holds(fig, list, item) {
                continue;
            }
            let value = fig.of.as_deref().and_then(|f| number(list, f, item));
            out.all.count(item.done, value, 1);
            for key in keys(fig, list, item, now) {
                out.groups.entry(key).or_default().count(item.done, value, 1);
            }
        }
        if fig.per.is_some() {
            while out.groups.len() > MAX_PERIODS {
                if let Some((k, c)) = out.groups.pop_first() {
                    out.other.get_or_insert_default().merge(&c);
                    out.cut = Some(k);
                }
            }
        } else if out.groups.len() > MAX_GROUPS {
            let mut ranked: Vec<(String, Cell)> = std::mem::take(&mut out.groups).into_iter().collect();
            ranked.sort_by(|a, b| rank(fig.agg, &b.1).total_cmp(&rank(fig.agg, &a.1)));
            let mut other = Cell::default();
            for (i, (k, c)) in ranked.into_iter().enumerate() {
                if i < MAX_GROUPS {
                    out.groups.insert(k, c);
                } else {
                    other.merge(&c);
                }
            }
            out.other = Some(other);
        }
        out
    }

    /// The kept groups, largest first (`by:`), or periods in order (`per:`).
    pub fn ranked(&self, fig: &Figure) -> Vec<(&str, &Cell)> {
        let mut out: Vec<(&str, &Cell)> = self.groups.iter().map(|(k, c)| (k.as_str(), c)).collect();
        if fig.per.is_none() {
            out.sort_by(|a, b| rank(fig.agg, b.1).total_cmp(&rank(fig.agg, a.1)));
        }
        out
    }
}

/// How large a group is, to show the largest first.
fn rank(agg: Agg, c: &Cell) -> f64 {
    c.value(agg).unwrap_or(f64::NEG_INFINITY)
}

/// An app's stored figures, made under the definitions `key` stands for.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    pub key: u64,
    /// One per figure of [`kept`], in its order.
    pub figs: Vec<FigureAgg>,
}

impl Figures {
    /// Every figure counted from `items` (stored items, presented here).
    pub fn over<'a>(list: &ListSpec, items: impl IntoIterator<Item = &'a Item>, now: Now) -> Figures {
        Figures::build(&kept(list), fingerprint(list), list, items, now)
    }

    /// The figures `defs` (the list's [`kept`]) counted from `items`, under `key`.
    pub fn build<'a>(
        defs: &[Figure],
        key: u64,
        list: &ListSpec,
        items: impl IntoIterator<Item = &'a Item>,
        now: Now,
    ) -> Figures {
        let shown: Vec<Item> = items.into_iter().map(|i| present(list, i.clone())).collect();
        Figures::build_shown(defs, key, list, shown.iter(), now)
    }

    /// [`Figures::over`] of items already read through today's spec (a
    /// panel's), so none is copied.
    pub fn over_shown<'a, I>(list: &ListSpec, items: I, now: Now) -> Figures
    where
        I: Iterator<Item = &'a Item> + Clone,
    {
        Figures::build_shown(&kept(list), fingerprint(list), list, items, now)
    }

    /// [`Figures::build`] of items already read through today's spec.
    pub fn build_shown<'a, I>(defs: &[Figure], key: u64, list: &ListSpec, items: I, now: Now) -> Figures
    where
        I: Iterator<Item = &'a Item> + Clone,
    {
        Figures {
            key,
            figs: defs
                .iter()
                .map(|f| FigureAgg::from_items(f, list, items.clone(), now))
                .collect(),
        }
    }

    /// Counts one stored item in (sign 1) or out (sign -1) of every figure
    /// of `defs` (the list's [`kept`], which these figures were made under).
    pub fn count(&mut self, defs: &[Figure], list: &ListSpec, item: &Item, sign: i64, now: Now) {
        if defs.len() != self.figs.len() {
            return;
        }
        let item = present(list, item.clone());
        for (fig, agg) in defs.iter().zip(&mut self.figs) {
            agg.count(fig, list, &item, sign, now);
        }
    }

    /// Whether a min or max left with a removed value: count again.
    pub fn stale(&self) -> bool {
        self.figs.iter().any(FigureAgg::stale)
    }

    /// Whether these figures were made under today's definitions and hold
    /// no extreme that left with a removed value.
    pub fn current(&self, list: &ListSpec) -> bool {
        self.key == fingerprint(list) && !self.stale()
    }

    /// The first figure that is not a finite number, named for a message.
    pub fn not_finite(&self) -> Option<String> {
        let bad = |c: &Cell| !c.values.total.is_finite();
        self.figs
            .iter()
            .any(|f| bad(&f.all) || f.groups.values().any(bad) || f.other.as_ref().is_some_and(bad))
            .then(|| "a figure's total".to_string())
    }

    /// The cells of `fig`, if it is one of [`kept`].
    pub fn get(&self, list: &ListSpec, fig: &Figure) -> Option<&FigureAgg> {
        let i = kept(list).iter().position(|f| f == fig)?;
        self.figs.get(i)
    }
}

/// The figures a list's summary and chart need kept: the named forms and
/// those over formulas (the plain ones are the summary's `numbers`).
pub fn kept(list: &ListSpec) -> Vec<Figure> {
    let mut out: Vec<Figure> = list
        .summary
        .iter()
        .filter_map(|s| match s {
            Summary::Figure(f) => Some(f.clone()),
            _ => None,
        })
        .collect();
    if let Some(c) = &list.chart {
        out.push(c.figure.clone());
    }
    out
}

/// Stands for what the stored figures were counted under: the figures and
/// the fields they read (a changed formula or type changes the values).
pub fn fingerprint(list: &ListSpec) -> u64 {
    let text = format!("{:?}|{:?}", kept(list), list.fields);
    crate::model::fingerprint::of(&text)
}

/// Whether the figure's `where:` holds for a presented item.
fn holds(fig: &Figure, list: &ListSpec, item: &Item) -> bool {
    let Some(f) = &fig.filter else { return true };
    // The spec refuses a `where:` that reads today(): the day passed is never used.
    matches!(
        crate::model::computed::eval(list, &f.expr, item, 0),
        Value::Bool(true)
    )
}

fn number(list: &ListSpec, field: &str, item: &Item) -> Option<f64> {
    match field_value(list, field, item, 0).as_deref() {
        Some(FieldValue::Number(n)) if n.is_finite() => Some(*n),
        _ => None,
    }
}

/// The groups an item counts in: its `by:` value (each tag of a Tags value)
/// or the period of its day; "" when it has none.
fn keys(fig: &Figure, list: &ListSpec, item: &Item, now: Now) -> Vec<String> {
    if let Some(p) = fig.per {
        let day = match &fig.date {
            Some(d) => match field_value(list, d, item, 0).as_deref() {
                Some(FieldValue::Text(s)) => parse_day(s),
                _ => None,
            },
            None => Some(now.day_of_ms(item.created)),
        };
        return vec![day.map_or_else(String::new, |d| period_label(d, p))];
    }
    let Some(by) = &fig.by else {
        return Vec::new();
    };
    match field_value(list, by, item, 0).as_deref() {
        Some(FieldValue::List(tags)) if !tags.is_empty() => {
            let mut out: Vec<String> = tags.clone();
            out.sort();
            out.dedup();
            out
        }
        Some(FieldValue::Text(s)) => vec![s.clone()],
        Some(FieldValue::Bool(b)) => vec![if *b { "yes" } else { "no" }.to_string()],
        Some(FieldValue::Number(n)) => vec![crate::model::value::format_number(*n)],
        _ => vec![String::new()],
    }
}

/// The day of a Date (`2026-12-02`) or DateTime (`2026-12-02T09:30`) value.
fn parse_day(s: &str) -> Option<i32> {
    crate::spec::calendar::iso_date(s.get(..10)?).map(day_number)
}

/// The period holding `day`, written so labels sort in time order:
/// `2026-12-02`, `2026-W49`, `2026-12`, `2026`.
pub fn period_label(day: i32, p: Period) -> String {
    let d = date_of(day);
    // Written out rather than through strftime: a figure per period labels
    // every item it counts.
    match p {
        Period::Daily => format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
        Period::Weekly => {
            let w = d.iso_week();
            format!("{}-W{:02}", w.year(), w.week())
        }
        Period::Monthly => format!("{:04}-{:02}", d.year(), d.month()),
        Period::Yearly => format!("{:04}", d.year()),
    }
}
