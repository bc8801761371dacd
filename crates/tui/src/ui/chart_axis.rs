//! Where a chart's days and labels go, in cells: how many days fit a width,
//! which dates the x axis names, where month names sit over columns. Pure,
//! so the arithmetic is tested apart from drawing; labels never overlap and
//! never run past the width (one that cannot fit is left out).

use chrono::{Datelike, NaiveDate};

use crate::model::days::date_of;

/// Cells a bar (or a grid column) takes: two wide and a gap.
pub const DAY_CELL: usize = 3;

/// How many day columns of `cell` cells fit `width`, at least one, at most `max`.
pub fn days_that_fit(width: usize, cell: usize, max: usize) -> usize {
    (width / cell.max(1)).clamp(1, max.max(1))
}

/// The first and last day of a window of `days` ending at today, unless the
/// selected day is older than that: then the window holds it in its middle.
pub fn window(today: i32, selected: i32, days: usize) -> (i32, i32) {
    let days = days.max(1) as i32;
    let last = if selected > today - days {
        today
    } else {
        (selected + days / 2).min(today)
    };
    (last - days + 1, last)
}

/// "Nov 19": a date on an axis.
pub fn short_date(day: i32) -> String {
    date_of(day).format("%b %-d").to_string()
}

/// Dates along an x axis of `days` columns of `cell` cells from day `first`:
/// the last column's date (today's, when the chart ends there), then every
/// week (or however many days leave room) before it. Each as (cell, text).
pub fn date_ticks(first: i32, days: usize, cell: usize, width: usize) -> Vec<(usize, String)> {
    if days == 0 {
        return Vec::new();
    }
    // The widest date ("Sep 30") and a gap of two.
    let room = 8;
    let step = [1, 2, 7, 14, 28, 91]
        .into_iter()
        .find(|s| s * cell >= room)
        .unwrap_or(182) as i32;
    let last = first + days as i32 - 1;
    let mut out: Vec<(usize, String)> = Vec::new();
    let mut d = last;
    while d >= first {
        let text = short_date(d);
        let x = ((d - first) as usize * cell).min(width.saturating_sub(text.len()));
        let fits = x + text.len() <= width;
        let clear = out.last().is_none_or(|(next, _)| x + text.len() < *next);
        if fits && clear {
            out.push((x, text));
        }
        d -= step;
    }
    out.reverse();
    out
}

/// Month names over columns of `col_w` cells, one column per date in
/// `dates`: a name where a column's month differs from the one before it
/// (and over the first column). Where two would touch, the later one is kept.
pub fn month_marks(dates: &[NaiveDate], col_w: usize, width: usize) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    for (i, d) in dates.iter().enumerate().rev() {
        let new_month = i == 0 || dates[i - 1].month() != d.month();
        if !new_month {
            continue;
        }
        let text = d.format("%b").to_string();
        let x = i * col_w;
        let fits = x + text.len() <= width;
        let clear = out.last().is_none_or(|(next, _)| x + text.len() < *next);
        if fits && clear {
            out.push((x, text));
        }
    }
    out.reverse();
    out
}

/// Placed labels as one row of text `width` cells wide.
pub fn label_row(labels: &[(usize, String)], width: usize) -> String {
    let mut row = String::new();
    let mut at = 0;
    for (x, text) in labels {
        if *x < at {
            continue;
        }
        row.push_str(&" ".repeat(x - at));
        row.push_str(text);
        at = x + text.chars().count();
    }
    if at < width {
        row.push_str(&" ".repeat(width - at));
    }
    row
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::days::day_number;

    fn day(y: i32, m: u32, d: u32) -> i32 {
        day_number(NaiveDate::from_ymd_opt(y, m, d).unwrap())
    }

    #[test]
    fn as_many_days_as_fit() {
        assert_eq!(days_that_fit(112, DAY_CELL, 371), 37);
        assert_eq!(days_that_fit(2, DAY_CELL, 371), 1);
        assert_eq!(days_that_fit(3000, DAY_CELL, 371), 371);
    }

    #[test]
    fn a_window_ends_at_today_while_the_selected_day_is_in_it() {
        let today = day(2026, 11, 25);
        assert_eq!(window(today, today - 3, 10), (today - 9, today));
        assert_eq!(window(today, today - 9, 10), (today - 9, today));
        // Older than the window: it moves to hold the selected day.
        assert_eq!(window(today, today - 40, 10), (today - 44, today - 35));
    }

    #[test]
    fn the_axis_names_the_last_day_and_every_week_before_it() {
        let first = day(2026, 11, 1);
        let ticks = date_ticks(first, 25, DAY_CELL, 75);
        let texts: Vec<&str> = ticks.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(texts, ["Nov 4", "Nov 11", "Nov 18", "Nov 25"]);
        // Under their days' columns; the last pulled in to end inside the width.
        assert_eq!(ticks[0].0, 3 * DAY_CELL);
        assert_eq!(ticks[3].0, 75 - "Nov 25".len());
        let row = label_row(&ticks, 75);
        assert_eq!(row.chars().count(), 75);
    }

    #[test]
    fn axis_labels_never_overlap_or_overflow() {
        let first = day(2026, 10, 1);
        for width in [4, 7, 20, 33, 60] {
            for cell in [1, 2, 3] {
                let days = width / cell;
                let ticks = date_ticks(first, days, cell, width);
                for pair in ticks.windows(2) {
                    assert!(pair[0].0 + pair[0].1.len() < pair[1].0, "{ticks:?}");
                }
                for (x, t) in &ticks {
                    assert!(x + t.len() <= width, "{width}: {ticks:?}");
                }
            }
        }
    }

    #[test]
    fn month_names_sit_over_the_column_where_the_month_changes() {
        // Weeks from Monday 26 October 2026: November starts in the second
        // column (its Monday is 2 Nov), December in the sixth (7 Dec).
        let first = day(2026, 10, 26);
        let mondays: Vec<NaiveDate> = (0..8).map(|w| date_of(first + 7 * w)).collect();
        let marks = month_marks(&mondays, 2, 16);
        assert_eq!(
            marks,
            [(2, "Nov".to_string()), (12, "Dec".to_string())],
            "October's name would touch November's, so it is left out"
        );
        let days: Vec<NaiveDate> = (0..10).map(|d| date_of(day(2026, 11, 27) + d)).collect();
        assert_eq!(
            month_marks(&days, 3, 30),
            [(0, "Nov".to_string()), (12, "Dec".to_string())]
        );
    }
}
