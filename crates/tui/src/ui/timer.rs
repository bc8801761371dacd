//! A timer app: big clock, progress, phase and round, today's sessions,
//! a 14-day chart, and laps for a stopwatch.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Gauge, Paragraph, Widget};

use super::{Styles, digits};
use crate::app::timer::TimerPanel;
use crate::model::Now;
use crate::model::days::date_of;
use crate::model::timer::Status;
use crate::spec::duration;

pub fn render(p: &TimerPanel, now: Now, st: &Styles, buf: &mut Buffer, area: Rect) {
    let v = p.view(now);
    let stopwatch = p.timer().phases.is_empty();
    let secs = if stopwatch {
        (v.elapsed_ms / 1000) as u64
    } else {
        (v.remaining_ms.max(0) as u64).div_ceil(1000)
    };
    let clock = duration::clock(secs);
    let big_fits = area.width as usize >= digits::width(&clock) + 2 && area.height >= 14;
    let chart_h = if area.height >= 18 { 7 } else { 0 };
    let [status, clock_area, gauge, info, chart] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(if big_fits { 6 } else { 2 }),
        Constraint::Length(if stopwatch { 0 } else { 1 }),
        Constraint::Min(2),
        Constraint::Length(chart_h),
    ])
    .areas(area);

    let state_word = match v.status {
        Status::Idle => "ready",
        Status::Running => "running",
        Status::Paused => "paused",
        Status::Done => "done",
    };
    let state_style = match v.status {
        Status::Running => st.fg("good"),
        Status::Paused => st.fg("warn"),
        Status::Done => st.fg("accent"),
        Status::Idle => st.fg("dim"),
    };
    let mut head = vec![];
    if let Some(phase) = &v.phase {
        head.push(Span::styled(
            phase.clone(),
            st.fg("title").add_modifier(Modifier::BOLD),
        ));
        if v.rounds > 1 {
            head.push(Span::styled(
                format!("  round {}/{}", v.round, v.rounds),
                st.fg("dim"),
            ));
        }
        head.push(Span::raw("  "));
    }
    head.push(Span::styled(state_word, state_style));
    let mut status_lines = vec![Line::from(head).alignment(Alignment::Center)];
    if let Some(flash) = &p.flash {
        status_lines.push(
            Line::from(Span::styled(
                flash.clone(),
                st.selected().add_modifier(Modifier::BOLD),
            ))
            .alignment(Alignment::Center),
        );
    }
    Paragraph::new(status_lines).render(status, buf);

    let clock_style = if v.status == Status::Running {
        st.fg("accent")
    } else {
        st.fg("fg")
    };
    if big_fits {
        let lines: Vec<Line> = digits::big(&clock)
            .into_iter()
            .map(|r| Line::from(Span::styled(r, clock_style)).alignment(Alignment::Center))
            .collect();
        Paragraph::new(lines).render(clock_area, buf);
    } else {
        Paragraph::new(Line::from(Span::styled(
            clock,
            clock_style.add_modifier(Modifier::BOLD),
        )))
        .alignment(Alignment::Center)
        .render(clock_area, buf);
    }
    if !stopwatch && v.phase_len_ms > 0 {
        let ratio = 1.0 - super::share(v.remaining_ms as f64, v.phase_len_ms as f64);
        Gauge::default()
            .ratio(ratio)
            .label(format!("{:.0}%", ratio * 100.0))
            .gauge_style(st.fg("accent"))
            .render(gauge, buf);
    }

    let mut lines = Vec::new();
    let focus_today = p.today.iter().filter(|s| stopwatch || s.phase_index == 0).count();
    let total: u64 = p.today.iter().map(|s| s.secs).sum();
    let goal = p
        .timer()
        .goal
        .map(|g| format!(" of {}", crate::model::value::format_number(g.target)))
        .unwrap_or_default();
    let what = if stopwatch { "run" } else { "session" };
    // "1 run", "0 of 1 session", "1 of 8 sessions": the noun counts the goal where there is one.
    let counted = p.timer().goal.map_or(focus_today as f64, |g| g.target);
    let what = match counted == 1.0 {
        true => what.to_string(),
        false => format!("{what}s"),
    };
    lines.push(Line::from(vec![
        Span::styled("Today  ", st.fg("dim")),
        Span::styled(format!("{focus_today}{goal} {what}"), st.fg("fg")),
        Span::styled(format!(" · {} in all", duration::format(total)), st.fg("dim")),
    ]));
    if stopwatch && !v.laps.is_empty() {
        let mut prev = 0;
        let laps: Vec<String> = v
            .laps
            .iter()
            .enumerate()
            .map(|(i, &l)| {
                let s = format!(
                    "#{} {} (+{})",
                    i + 1,
                    duration::clock((l / 1000) as u64),
                    duration::clock(((l - prev) / 1000) as u64)
                );
                prev = l;
                s
            })
            .collect();
        lines.push(Line::from(Span::styled("Laps", st.fg("dim"))));
        for l in laps.iter().rev().take(info.height.saturating_sub(2) as usize) {
            lines.push(Line::from(Span::styled(l.clone(), st.fg("fg"))));
        }
    }
    Paragraph::new(lines).render(info, buf);

    if chart_h > 0 && !p.days.is_empty() {
        let bars: Vec<Bar> = p
            .days
            .iter()
            .map(|(d, n)| {
                Bar::default()
                    .value(u64::from(*n))
                    .label(Line::from(date_of(*d).format("%d").to_string()))
                    .style(st.fg("accent"))
            })
            .collect();
        let bar_w = ((chart.width as usize / p.days.len().max(1)).saturating_sub(1)).clamp(1, 4) as u16;
        BarChart::default()
            .data(BarGroup::default().bars(&bars))
            .bar_width(bar_w)
            .bar_gap(1)
            .value_style(st.fg("fg"))
            .label_style(st.fg("dim"))
            .render(chart, buf);
    }
}
