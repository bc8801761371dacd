//! A tracker app: the selected day against the goal, streaks, a bar chart
//! of the days up to today, a heatmap of weeks, and a grid for several
//! series. Where the cells go is chart_axis.rs's arithmetic.

use chrono::Datelike;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Gauge, Widget};

use super::chart_axis::{DAY_CELL, date_ticks, days_that_fit, label_row, month_marks, short_date, window};
use super::{Styles, pad, share};
use crate::app::tracker::{HISTORY_DAYS, TrackerPanel};
use crate::model::Now;
use crate::model::count::count;
use crate::model::days::date_of;
use crate::model::heat::{Heat, Level};
use crate::model::value::format_number;
use crate::spec::Period;

pub fn render(p: &TrackerPanel, now: Now, st: &Styles, buf: &mut Buffer, area: Rect) {
    let t = p.tracker();
    let today = now.today_number();
    let multi = p.series.len() > 1;
    let [top, rest] = Layout::vertical([Constraint::Length(4), Constraint::Min(0)]).areas(area);
    let [head, gauge, streak] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(2),
    ])
    .areas(top);
    let (grid_h, chart_h, heat_h) = heights(rest.height, multi.then_some(p.series.len()));
    let [grid, chart, heat] = Layout::vertical([
        Constraint::Length(grid_h),
        Constraint::Length(chart_h),
        Constraint::Length(heat_h),
    ])
    .areas(rest);

    let day = date_of(p.day);
    let when = match today - p.day {
        0 => "today".to_string(),
        n => format!("{} · backfill", crate::model::count::days_ago(i64::from(n))),
    };
    let series_name = &p.series[p.selected];
    let mut spans = vec![
        Span::styled(
            day.format("%a %d %b %Y").to_string(),
            st.fg("title").add_modifier(Modifier::BOLD),
        ),
        Span::styled(
            format!("  {when}"),
            if p.day == today {
                st.fg("dim")
            } else {
                st.fg("warn")
            },
        ),
    ];
    if multi {
        spans.push(Span::styled(format!("  · {series_name}"), st.fg("accent")));
    }
    Line::from(spans).render(head, buf);

    let value = p.value(p.selected, p.day);
    let target = t.goal.or(t.limit);
    let unit = t.unit.clone().unwrap_or_default();
    // The goal's own period leads: "1.5/80 km this month".
    let period = target.map(|g| (g, period_total(p, g.period, today)));
    let day_word = if p.day == today {
        "today".to_string()
    } else {
        day.format("%d %b").to_string()
    };
    match (t.unit.is_some(), period.clone()) {
        (true, Some((g, (total, when)))) => {
            let over = t.limit.is_some() && total > g.target;
            let mut label = format!(
                "{}/{} {unit} {when}",
                format_number(total),
                format_number(g.target)
            );
            if g.period != Period::Daily {
                label += &format!(" · {} {unit} {day_word}", format_number(value));
            }
            Gauge::default()
                .ratio(share(total, g.target))
                .label(label)
                .gauge_style(if over { st.fg("bad") } else { st.fg("good") })
                .render(gauge, buf);
        }
        (true, None) => Line::from(Span::styled(
            format!("{} {unit}", format_number(value)),
            st.fg("fg").add_modifier(Modifier::BOLD),
        ))
        .render(gauge, buf),
        (false, _) => {
            let (text, style) = if value > 0.0 {
                ("✓ done", st.fg("good"))
            } else {
                ("· not done", st.fg("dim"))
            };
            let mut spans = vec![Span::styled(text, style.add_modifier(Modifier::BOLD))];
            if let Some((g, (total, when))) = period.filter(|(g, _)| g.period != Period::Daily) {
                spans.push(Span::styled(
                    format!(
                        "  {}/{} days {when}",
                        format_number(total),
                        format_number(g.target)
                    ),
                    st.fg("fg"),
                ));
            }
            Line::from(spans).render(gauge, buf);
        }
    }

    let s = p.streaks.get(p.selected).copied().unwrap_or_default();
    let per = match target.map(|g| g.period) {
        Some(Period::Weekly) => "week",
        Some(Period::Monthly) => "month",
        Some(Period::Yearly) => "year",
        _ => "day",
    };

    let goal_text = t.goal_words().unwrap_or_default();
    // No period decided yet (the first one is in progress): no rate to give.
    let rate = if s.periods == 0 {
        "–".to_string()
    } else {
        format!("{:.0}%", s.rate * 100.0)
    };
    let mut lines = vec![Line::from(vec![
        Span::styled("streak ", st.fg("dim")),
        Span::styled(
            count(s.current, per),
            st.fg("accent").add_modifier(Modifier::BOLD),
        ),
        Span::styled("  best ", st.fg("dim")),
        Span::styled(format!("{}", s.best), st.fg("fg")),
        Span::styled("  rate ", st.fg("dim")),
        Span::styled(rate, st.fg("fg")),
        Span::styled(format!("  {goal_text}"), st.fg("dim")),
    ])];
    if !p.loaded {
        lines.push(Line::from(Span::styled("Loading…", st.fg("dim"))));
    }
    super::rows::draw(buf, streak, lines);

    if grid_h > 0 {
        render_grid(p, st, buf, grid, today);
    }
    if chart_h > 0 {
        render_bars(p, st, buf, chart, today);
    }
    if heat_h > 0 {
        render_heatmap(p, st, buf, heat, today);
    }
}

/// Rows for the habits grid (`series` rows and its date rows), the bar
/// chart and the heatmap, out of `rows` below the figures. The heatmap goes
/// first when room is short, then the grid's month row; the grid's own rows
/// stay as long as they fit.
fn heights(rows: u16, series: Option<usize>) -> (u16, u16, u16) {
    const HEAT: u16 = 9;
    match series {
        Some(n) => {
            let n = n as u16;
            let grid = if rows >= n + 2 { n + 2 } else { rows.min(n + 1) };
            let heat = if rows >= grid + HEAT { HEAT } else { 0 };
            (grid, 0, heat)
        }
        None => {
            const BARS_MIN: u16 = 5;
            const BARS_MAX: u16 = 12;
            if rows >= HEAT + BARS_MIN {
                (0, (rows - HEAT).min(BARS_MAX), HEAT)
            } else if rows >= 3 {
                (0, rows.min(BARS_MAX), 0)
            } else {
                (0, 0, 0)
            }
        }
    }
}

/// The selected series' total over the `period` that holds the selected day
/// (a yes/no habit counts its days), and that period in words: "this week",
/// "week of 16 Nov".
fn period_total(p: &TrackerPanel, period: Period, today: i32) -> (f64, String) {
    let date = date_of(p.day);
    let (first, last) = match period {
        Period::Daily => (p.day, p.day),
        Period::Weekly => {
            let monday = p.day - date.weekday().num_days_from_monday() as i32;
            (monday, monday + 6)
        }
        Period::Monthly => {
            let first = p.day - date.day0() as i32;
            let next = date_of(first + 31);
            (first, first + 31 - next.day0() as i32 - 1)
        }
        Period::Yearly => {
            let first = p.day - date.ordinal0() as i32;
            let days = if date.leap_year() { 366 } else { 365 };
            (first, first + days - 1)
        }
    };
    let yes_no = p.tracker().unit.is_none();
    let total = (first..=last)
        .map(|d| p.value(p.selected, d))
        .filter(|v| *v > 0.0)
        .map(|v| if yes_no { 1.0 } else { v })
        .sum();
    let current = (first..=last).contains(&today);
    let when = match (period, current) {
        (Period::Daily, true) => "today".to_string(),
        (Period::Weekly, true) => "this week".to_string(),
        (Period::Monthly, true) => "this month".to_string(),
        (Period::Daily, false) => "that day".to_string(),
        (Period::Weekly, false) => format!("week of {}", date_of(first).format("%d %b")),
        (Period::Monthly, false) => date.format("in %b %Y").to_string(),
        (Period::Yearly, true) => "this year".to_string(),
        (Period::Yearly, false) => date.format("in %Y").to_string(),
    };
    (total, when)
}

/// Several series in a grid: a column a day, ending today (or around the
/// selected day when that is older), month names over the day numbers.
fn render_grid(p: &TrackerPanel, st: &Styles, buf: &mut Buffer, area: Rect, today: i32) {
    let name_w = p
        .series
        .iter()
        .map(|s| s.chars().count())
        .max()
        .unwrap_or(4)
        .min(14)
        + 1;
    let days = days_that_fit((area.width as usize).saturating_sub(name_w), DAY_CELL, 60);
    let (first, last) = window(today, p.day, days);
    let mut lines = Vec::new();
    // The month row goes first when rows are short.
    if area.height as usize >= p.series.len() + 2 {
        let dates: Vec<_> = (first..=last).map(date_of).collect();
        let marks = month_marks(&dates, DAY_CELL, days * DAY_CELL);
        lines.push(Line::from(vec![
            Span::raw(" ".repeat(name_w)),
            Span::styled(label_row(&marks, days * DAY_CELL), st.fg("dim")),
        ]));
    }
    let mut head = vec![Span::raw(" ".repeat(name_w))];
    for d in first..=last {
        let style = if d == p.day { st.fg("accent") } else { st.fg("dim") };
        head.push(Span::styled(format!("{:>2} ", date_of(d).day()), style));
    }
    lines.push(Line::from(head));
    for (i, name) in p.series.iter().enumerate() {
        let mut spans = vec![Span::styled(
            pad(name, name_w),
            if i == p.selected {
                st.fg("accent").add_modifier(Modifier::BOLD)
            } else {
                st.fg("fg")
            },
        )];
        for d in first..=last {
            let v = p.value(i, d);
            let mark = if v > 0.0 { " ✓ " } else { " · " };
            let style = if i == p.selected && d == p.day {
                st.selected()
            } else if v > 0.0 {
                st.fg("good")
            } else {
                st.fg("dim")
            };
            spans.push(Span::styled(mark, style));
        }
        lines.push(Line::from(spans));
    }
    super::rows::draw(buf, area, lines);
}

/// A bar a day, as many days as fit, ending today: a y axis with the scale,
/// the goal or limit, and the unit above it; dates along the x axis; the
/// selected day marked ▲ on the axis (a glyph, so NO_COLOR shows it too).
fn render_bars(p: &TrackerPanel, st: &Styles, buf: &mut Buffer, area: Rect, today: i32) {
    let t = p.tracker();
    // Rows give way in this order: the caption, then the dates.
    let caption = area.height >= 5;
    let ticks = area.height >= 4;
    let k = area.height as usize - usize::from(caption) - usize::from(ticks) - 1;
    let daily = t.goal.or(t.limit).filter(|g| g.period == Period::Daily);
    let target = if t.unit.is_none() {
        None
    } else {
        daily.map(|g| g.target)
    };
    // The scale is settled before the days fit, so find it over the most
    // days there could be.
    let widest = days_that_fit(area.width as usize, DAY_CELL, HISTORY_DAYS as usize) as i32;
    let fullest = (today - widest + 1..=today)
        .map(|d| p.value(p.selected, d))
        .fold(0.0, f64::max);
    let scale = fullest.max(target.unwrap_or(0.0));
    let scale = if scale > 0.0 { scale } else { 1.0 };
    // The row whose top is nearest the value.
    let row_of = |v: f64| ((v / scale * k as f64).round() as usize).clamp(1, k) - 1;
    let target_row = target.map(row_of);
    let mut labels: Vec<(usize, String)> = vec![(k - 1, format_number(scale))];
    if let (Some(r), Some(v)) = (target_row, target)
        && r != k - 1
    {
        labels.push((r, format_number(v)));
    }
    let lw = labels.iter().map(|(_, l)| l.len()).max().unwrap_or(1).max(1);
    let gutter = lw + 2;
    let days = days_that_fit(
        (area.width as usize).saturating_sub(gutter),
        DAY_CELL,
        HISTORY_DAYS as usize,
    );
    let first = today - days as i32 + 1;
    let plot_w = days * DAY_CELL;

    let mut lines = Vec::new();
    if caption {
        let what = match &t.unit {
            Some(u) => format!("{u} a day"),
            None => "done or not".to_string(),
        };
        let mut text = format!("{what} · last {}", count(days as i64, "day"));
        if p.day < first {
            let mut when = short_date(p.day);
            if date_of(p.day).year() != date_of(today).year() {
                when += &format!(" {}", date_of(p.day).year());
            }
            text += &format!(" · the selected day, {when}, is earlier");
        }
        lines.push(Line::from(Span::styled(text, st.fg("dim"))));
    }
    const EIGHTHS: [&str; 9] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"];
    for row in (0..k).rev() {
        let label = labels
            .iter()
            .find(|(r, _)| *r == row)
            .map(|(_, l)| l.as_str())
            .unwrap_or("");
        let tick = if label.is_empty() { "│" } else { "┤" };
        let mut spans = vec![Span::styled(format!("{label:>lw$} {tick}"), st.fg("dim"))];
        let line_here = target_row == Some(row);
        for d in first..=today {
            let v = p.value(p.selected, d);
            let mut eighths = (v / scale * (k * 8) as f64).round() as i64;
            if v > 0.0 {
                eighths = eighths.max(1);
            }
            let fill = (eighths - 8 * row as i64).clamp(0, 8) as usize;
            let style = if d == p.day {
                st.fg("accent")
            } else if t.limit.is_some() && target.is_some_and(|l| v > l) {
                st.fg("bad")
            } else {
                st.fg("good")
            };
            if fill == 0 && line_here {
                spans.push(Span::styled("┈┈┈", st.fg("dim")));
            } else {
                let gap = if line_here { "┈" } else { " " };
                spans.push(Span::styled(EIGHTHS[fill].repeat(2), style));
                spans.push(Span::styled(gap, st.fg("dim")));
            }
        }
        lines.push(Line::from(spans));
    }
    let mut axis = vec![Span::styled(format!("{:>lw$} └", "0"), st.fg("dim"))];
    for d in first..=today {
        if d == p.day {
            axis.push(Span::styled("▲", st.fg("accent").add_modifier(Modifier::BOLD)));
            axis.push(Span::styled("──", st.fg("dim")));
        } else {
            axis.push(Span::styled("───", st.fg("dim")));
        }
    }
    lines.push(Line::from(axis));
    if ticks {
        let marks = date_ticks(first, days, DAY_CELL, plot_w);
        lines.push(Line::from(vec![
            Span::raw(" ".repeat(gutter)),
            Span::styled(label_row(&marks, plot_w), st.fg("dim")),
        ]));
    }
    super::rows::draw(buf, area, lines);
}

/// Weeks as columns (as many as fit, up to a year) and weekdays as rows,
/// ending this week: how much it shows, a legend in glyphs (dropped first
/// when narrow) and month names over the columns.
fn render_heatmap(p: &TrackerPanel, st: &Styles, buf: &mut Buffer, area: Rect, today: i32) {
    let t = p.tracker();
    let weeks = days_that_fit((area.width as usize).saturating_sub(4), 2, 52);
    let weekday = |d: i32| date_of(d).weekday().num_days_from_monday() as i32;
    let this_monday = today - weekday(today);
    let first_monday = this_monday - (weeks as i32 - 1) * 7;
    let fullest = (first_monday..=today)
        .map(|d| p.value(p.selected, d))
        .fold(0.0, f64::max);
    let heat = Heat::of(t, fullest);
    let glyph = |l: Level| match l {
        Level::Empty => "·",
        Level::Low => "▪",
        Level::Mid => "■",
        Level::Full => "█",
        Level::Over => "✕",
    };

    let title = format!("last {weeks} weeks");
    let legend = heat
        .legend(t.unit.as_deref().unwrap_or(""))
        .into_iter()
        .map(|(l, word)| format!("{} {word}", glyph(l)).trim_end().to_string())
        .collect::<Vec<_>>()
        .join("  ");
    let mut head = vec![Span::styled(title.clone(), st.fg("dim"))];
    let room = area.width as usize;
    let used = title.chars().count() + legend.chars().count() + 2;
    if used <= room {
        head.push(Span::raw(" ".repeat(room - used + 2)));
        head.push(Span::styled(legend, st.fg("dim")));
    }
    let mut lines = vec![Line::from(head)];
    if area.height >= 9 {
        let mondays: Vec<_> = (0..weeks as i32).map(|w| date_of(first_monday + 7 * w)).collect();
        let marks = month_marks(&mondays, 2, weeks * 2);
        lines.push(Line::from(vec![
            Span::raw("    "),
            Span::styled(label_row(&marks, weeks * 2), st.fg("dim")),
        ]));
    }
    for (row, name) in ["Mon", "", "Wed", "", "Fri", "", "Sun"].iter().enumerate() {
        let mut spans = vec![Span::styled(format!("{name:<4}"), st.fg("dim"))];
        for w in 0..weeks as i32 {
            let d = first_monday + w * 7 + row as i32;
            if d > today {
                spans.push(Span::raw("  "));
                continue;
            }
            let level = heat.level(p.value(p.selected, d));
            let style = if d == p.day {
                st.selected()
            } else {
                match level {
                    Level::Empty => st.fg("dim"),
                    Level::Over => st.fg("bad"),
                    _ => st.fg("good"),
                }
            };
            spans.push(Span::styled(glyph(level), style));
            spans.push(Span::raw(" "));
        }
        lines.push(Line::from(spans));
    }
    super::rows::draw(buf, area, lines);
}
