//! `nook report APP`: every summary of a list with its groups and periods
//! as numbers, from the stored summary (the CLI twin of the chart).

use serde::Serialize;

use super::field_agg;
use crate::figures::line::{group_name, short};
use crate::figures::{Cell, Figures};
use crate::spec::{Agg, Figure, ListSpec, Summary};
use crate::summary::AppSummary;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    pub app: String,
    pub name: String,
    pub items: u64,
    pub done: u64,
    pub summaries: Vec<Entry>,
}

/// One summary (or the chart's figure).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Entry {
    /// As the spec writes it: `Sum(of: "amount", by: "category")`.
    pub summary: String,
    /// Whether this is the list's chart.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub chart: bool,
    /// The figure over every item it counts; None when it has no values.
    pub value: Option<f64>,
    /// As the list shows it: `€920.00`.
    pub shown: Option<String>,
    /// Items the figure counts (those its `where:` holds for).
    pub items: u64,
    /// The field the groups are values of.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// The period the groups are: day, week, month or year.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per: Option<String>,
    /// Largest first for `by:`, oldest first for `per:`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<Group>,
    /// The groups (or older periods) not kept apart, counted together.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other: Option<Group>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Group {
    /// The group's value or period (`2026-12`); "" for items with none.
    pub key: String,
    pub value: Option<f64>,
    pub shown: Option<String>,
    pub items: u64,
}

/// The report of a list: `figs` are its kept figures, current (see
/// [`crate::overview::stored_figures`]).
pub fn report(id: &str, name: &str, list: &ListSpec, sum: &AppSummary, figs: Option<&Figures>) -> Report {
    let default = if list.fields.is_empty() {
        vec![Summary::Done]
    } else {
        vec![Summary::Count]
    };
    let summaries = if list.summary.is_empty() {
        &default
    } else {
        &list.summary
    };
    let mut out: Vec<Entry> = summaries
        .iter()
        .map(|s| match s {
            Summary::Figure(f) => figure_entry(list, f, figs, false),
            plain => plain_entry(list, sum, plain),
        })
        .collect();
    if let Some(c) = &list.chart {
        out.push(figure_entry(list, &c.figure, figs, true));
    }
    Report {
        app: id.to_string(),
        name: name.to_string(),
        items: sum.items,
        done: sum.done,
        summaries: out,
    }
}

/// A plain summary, from the summary's counts and kept numbers.
fn plain_entry(list: &ListSpec, sum: &AppSummary, s: &Summary) -> Entry {
    let fig = Figure::of_summary(s);
    let mut cell = Cell {
        items: sum.items,
        done: sum.done,
        ..Cell::default()
    };
    if let Some(a) = fig.of.as_deref().and_then(|f| field_agg(list, sum, f)) {
        cell.values = a;
    }
    Entry {
        summary: match (s, &fig.of) {
            (Summary::Count | Summary::Done, _) | (_, None) => fig.agg.word().to_string(),
            (_, Some(f)) => format!("{}({f:?})", fig.agg.word()),
        },
        chart: false,
        value: cell.value(fig.agg),
        shown: short(list, &fig, &cell),
        items: sum.items,
        by: None,
        per: None,
        groups: Vec::new(),
        other: None,
    }
}

fn figure_entry(list: &ListSpec, fig: &Figure, figs: Option<&Figures>, chart: bool) -> Entry {
    let agg = figs.and_then(|f| f.get(list, fig)).cloned().unwrap_or_default();
    let group = |key: &str, c: &Cell| Group {
        key: key.to_string(),
        value: c.value(fig.agg),
        shown: short(list, fig, c),
        items: c.items,
    };
    Entry {
        summary: fig.written(),
        chart,
        value: agg.all.value(fig.agg).filter(|_| has_value(fig.agg, &agg.all)),
        shown: short(list, fig, &agg.all).filter(|_| has_value(fig.agg, &agg.all)),
        items: agg.all.items,
        by: fig.by.clone(),
        per: fig.per.map(|p| p.unit_word().to_lowercase()),
        groups: agg.ranked(fig).into_iter().map(|(k, c)| group(k, c)).collect(),
        other: agg.other.as_ref().map(|c| group("", c)),
    }
}

/// A count always has a value; a sum of no values is none, as the line
/// leaves it out.
fn has_value(agg: Agg, c: &Cell) -> bool {
    matches!(agg, Agg::Count | Agg::Done) || c.values.count > 0
}

/// Text for people: each summary, then its groups indented.
pub fn lines(r: &Report) -> Vec<String> {
    let mut out = vec![format!("{} ({} items)", r.name, r.items)];
    for e in &r.summaries {
        let head = if e.chart { "chart " } else { "" };
        out.push(format!(
            "{head}{}  {}",
            e.summary,
            e.shown.as_deref().unwrap_or("no values")
        ));
        let w = e
            .groups
            .iter()
            .map(|g| group_name(&g.key).chars().count())
            .max()
            .unwrap_or(0);
        for g in &e.groups {
            out.push(format!(
                "  {:<w$}  {}  ({})",
                group_name(&g.key),
                g.shown.as_deref().unwrap_or("-"),
                crate::model::count::count(g.items, "item")
            ));
        }
        if let Some(o) = &e.other {
            let label = if e.per.is_some() { "earlier" } else { "others" };
            out.push(format!(
                "  {label:<w$}  {}  ({})",
                o.shown.as_deref().unwrap_or("-"),
                crate::model::count::count(o.items, "item")
            ));
        }
    }
    out
}
