//! An app's summary cut to what its launcher line reads: the store keeps it
//! at the front of the summary's record, so the launcher (and `nook ls`)
//! decodes a few hundred bytes per app instead of every period a `per:`
//! figure keeps and every day a due field counts (tens of kilobytes in a
//! list with years of items).
//!
//! A head is cut on a day, `from` (the write's), and reads the same as the
//! whole summary on that day and every later one: the line shows a `per:`
//! figure's current period, never an earlier one, and counts the items due
//! before today together, which the head keeps as one number.

use std::ops::Bound;

use super::AppSummary;
use super::due::DueDays;
use crate::figures::{FigureAgg, Figures, period_label};
use crate::model::days::day_number;
use crate::spec::Figure;

/// The last day a head is read on: period labels have four-digit years, so
/// a later year's would sort before the cut ones.
pub fn last_day() -> i32 {
    day_number(chrono::NaiveDate::from_ymd_opt(9999, 12, 31).expect("a real date"))
}

/// `sum` as the line reads it on day `from` or later; `defs` are the
/// figures its `figures` were counted for ([`crate::figures::kept`]).
pub fn head(sum: &AppSummary, defs: &[Figure], from: i32) -> AppSummary {
    // Written out field by field: a field added to the summary is a
    // compile error here until someone says whether the head keeps it.
    AppSummary {
        items: sum.items,
        done: sum.done,
        last_id: sum.last_id,
        numbers: sum.numbers.clone(),
        series: sum.series.clone(),
        sessions_day: sum.sessions_day,
        sessions_today: sum.sessions_today,
        focus_today: sum.focus_today,
        sessions_total: sum.sessions_total,
        updated: sum.updated,
        shapes: sum.shapes.clone(),
        shapes_counted: sum.shapes_counted,
        kind: sum.kind.clone(),
        figures: sum.figures.as_ref().map(|f| figures_from(f, defs, from)),
        due: sum.due.as_ref().map(|d| due_from(d, from)),
    }
}

/// The figures with each `per:` figure's periods before `from`'s left out
/// (`by:` figures keep their groups, at most [`crate::figures::MAX_GROUPS`]).
fn figures_from(f: &Figures, defs: &[Figure], from: i32) -> Figures {
    // Counted for other definitions: kept as they are (the line counts them
    // again from the items anyway, since their key is not the spec's).
    if defs.len() != f.figs.len() {
        return f.clone();
    }
    let figs = f
        .figs
        .iter()
        .zip(defs)
        .map(|(agg, def)| match def.per {
            Some(p) => {
                let cut = period_label(from, p);
                FigureAgg {
                    all: agg.all.clone(),
                    groups: agg
                        .groups
                        .range::<str, _>((Bound::Included(cut.as_str()), Bound::Unbounded))
                        .map(|(k, c)| (k.clone(), c.clone()))
                        .collect(),
                    other: agg.other.clone(),
                    cut: agg.cut.clone(),
                }
            }
            None => agg.clone(),
        })
        .collect();
    Figures { key: f.key, figs }
}

/// The due days from `from` on, the earlier ones counted together.
fn due_from(d: &DueDays, from: i32) -> DueDays {
    DueDays {
        field: d.field.clone(),
        days: d.days.range(from..).map(|(k, n)| (*k, *n)).collect(),
        earlier: d.earlier + d.days.range(..from).map(|(_, n)| n).sum::<u64>(),
        indexed: d.indexed,
    }
}

#[cfg(test)]
mod tests;
