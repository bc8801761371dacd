//! A tracker app: the selected day against the goal, streaks, a chart of
//! recent days, a year's heatmap, and a grid for several series.

use chrono::Datelike;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Gauge, Paragraph, Widget};

use super::{Styles, pad, share};
use crate::app::tracker::TrackerPanel;
use crate::model::Now;
use crate::model::count::count;
use crate::model::days::date_of;
use crate::model::value::format_number;
use crate::spec::Period;

pub fn render(p: &TrackerPanel, now: Now, st: &Styles, buf: &mut Buffer, area: Rect) {
    let t = p.tracker();
    let today = now.today_number();
    let multi = p.series.len() > 1;
    let grid_h = if multi { p.series.len() as u16 + 1 } else { 0 };
    let heat_h = if area.height >= 24 { 9 } else { 0 };
    let chart_h = if area.height >= 16 && !multi { 6 } else { 0 };
    let [head, gauge, streak, grid, chart, heat] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(2),
        Constraint::Length(grid_h),
        Constraint::Length(chart_h),
        Constraint::Min(heat_h),
    ])
    .areas(area);

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
    Paragraph::new(lines).render(streak, buf);

    if multi {
        render_grid(p, st, buf, grid, today);
    }
    if chart_h > 0 {
        render_chart(p, st, buf, chart);
    }
    if heat.height >= 8 {
        render_heatmap(p, st, buf, heat, today);
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
    };
    (total, when)
}

fn render_grid(p: &TrackerPanel, st: &Styles, buf: &mut Buffer, area: Rect, today: i32) {
    let name_w = p
        .series
        .iter()
        .map(|s| s.chars().count())
        .max()
        .unwrap_or(4)
        .min(14)
        + 1;
    let days = ((area.width as usize).saturating_sub(name_w) / 3).min(21);
    let last = p.day.max(today.min(p.day + days as i32 / 2)).min(today);
    let first = last - days as i32 + 1;
    let mut lines = Vec::new();
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
    Paragraph::new(lines).render(area, buf);
}

fn render_chart(p: &TrackerPanel, st: &Styles, buf: &mut Buffer, area: Rect) {
    let n = ((area.width as usize) / 4).clamp(1, 14) as i32;
    let bars: Vec<Bar> = (p.day - n + 1..=p.day)
        .map(|d| {
            let v = p.value(p.selected, d);
            Bar::default()
                .value((v * 10.0).round() as u64)
                .text_value(format_number(v))
                .label(Line::from(date_of(d).format("%d").to_string()))
                .style(if d == p.day {
                    st.fg("accent")
                } else {
                    st.fg("good")
                })
        })
        .collect();
    BarChart::default()
        .data(BarGroup::default().bars(&bars))
        .bar_width(3)
        .bar_gap(1)
        .value_style(st.fg("fg"))
        .label_style(st.fg("dim"))
        .render(area, buf);
}

fn render_heatmap(p: &TrackerPanel, st: &Styles, buf: &mut Buffer, area: Rect, today: i32) {
    let weeks = ((area.width as usize).saturating_sub(4) / 2).min(53) as i32;
    // Columns are weeks ending with this week; rows Monday..Sunday.
    let weekday = |d: i32| date_of(d).weekday().num_days_from_monday() as i32;
    let this_monday = today - weekday(today);
    let first_monday = this_monday - (weeks - 1) * 7;
    let target = p
        .tracker()
        .goal
        .filter(|g| g.period == Period::Daily)
        .map_or(1.0, |g| g.target);
    let mut lines = vec![Line::from(Span::styled("past year", st.fg("dim")))];
    for (row, name) in ["Mon", "", "Wed", "", "Fri", "", "Sun"].iter().enumerate() {
        let mut spans = vec![Span::styled(format!("{name:<4}"), st.fg("dim"))];
        for w in 0..weeks {
            let d = first_monday + w * 7 + row as i32;
            if d > today {
                spans.push(Span::raw("  "));
                continue;
            }
            let v = p.value(p.selected, d);
            let level = if v <= 0.0 {
                0
            } else {
                ((v / target) * 3.0).ceil().clamp(1.0, 3.0) as usize
            };
            let cell = ["· ", "▪ ", "■ ", "█ "][level];
            let style = if d == p.day {
                st.selected()
            } else if level == 0 {
                st.fg("dim")
            } else if p.tracker().limit.is_some() && v > target {
                st.fg("bad")
            } else {
                st.fg("good")
            };
            spans.push(Span::styled(cell, style));
        }
        lines.push(Line::from(spans));
    }
    Paragraph::new(lines).render(area, buf);
}
