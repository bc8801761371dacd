//! A list's chart (`chart: Bar(...)`): a bar per group or period, across,
//! labelled on the left with its group and on the right with its value,
//! over an axis from 0 to the largest. Drawn from the figure the panel
//! counted over the items it shows, so a `/` filter charts what is shown.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::chart_axis::label_row;
use super::{Styles, fit};
use crate::app::list::ListPanel;
use crate::figures::line::{group_name, short};
use crate::figures::{Cell, FigureAgg};
use crate::spec::{Figure, ListSpec};

pub fn render(p: &ListPanel, st: &Styles, buf: &mut Buffer, area: Rect) {
    let (Some(chart), Some(agg)) = (&p.list().chart, &p.shown.chart) else {
        return;
    };
    let fig = &chart.figure;
    let bars = bars(p.list(), fig, agg, (area.height as usize).saturating_sub(3));
    if bars.is_empty() {
        return;
    }
    let w = area.width as usize;
    let lw = bars
        .iter()
        .map(|b| b.0.width())
        .max()
        .unwrap_or(1)
        .min(w / 3)
        .max(1);
    let vw = bars.iter().map(|b| b.2.width()).max().unwrap_or(1);
    let plot = w.saturating_sub(lw + 2 + vw + 1).max(1);
    let top = bars.iter().map(|b| b.1).fold(0.0, f64::max);
    let scale = if top > 0.0 { top } else { 1.0 };
    let mut lines = vec![Line::from(Span::styled(fit(&caption(fig), w), st.fg("dim")))];
    const EIGHTHS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
    for (label, v, shown) in &bars {
        let eighths = ((v.max(0.0) / scale) * (plot * 8) as f64).round() as usize;
        let mut bar = "█".repeat(eighths / 8);
        bar.push_str(EIGHTHS[eighths % 8]);
        let used = bar.width();
        lines.push(Line::from(vec![
            Span::styled(format!("{} │", pad_left(label, lw)), st.fg("dim")),
            Span::styled(bar, st.fg("accent")),
            Span::styled(
                format!("{} {shown}", " ".repeat(plot.saturating_sub(used))),
                st.fg("fg"),
            ),
        ]));
    }
    lines.push(Line::from(Span::styled(
        format!("{} └{}", " ".repeat(lw), "─".repeat(plot)),
        st.fg("dim"),
    )));
    // The axis ends at the largest bar, named as its value is.
    let top_text = bars
        .iter()
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|b| b.2.clone())
        .unwrap_or_default();
    let mut ticks = vec![(0, "0".to_string())];
    if top > 0.0 && top_text.width() + 2 <= plot {
        ticks.push((plot - top_text.width(), top_text));
    }
    lines.push(Line::from(Span::styled(
        format!("{}  {}", " ".repeat(lw), label_row(&ticks, plot)),
        st.fg("dim"),
    )));
    Paragraph::new(lines).render(area, buf);
}

/// "sum of amount by category", "count per month".
fn caption(fig: &Figure) -> String {
    let mut out = fig.agg.word().to_lowercase();
    if let Some(f) = &fig.of {
        out += &format!(" of {f}");
    }
    if let Some(b) = &fig.by {
        out += &format!(" by {b}");
    }
    if let Some(per) = fig.per {
        out += &format!(" per {}", per.unit_word().to_lowercase());
    }
    if let Some(w) = &fig.filter {
        out += &format!(" where {}", w.source);
    }
    out
}

/// At most `room` bars as (label, value, shown): the largest groups, or
/// the latest periods in time order.
fn bars(list: &ListSpec, fig: &Figure, agg: &FigureAgg, room: usize) -> Vec<(String, f64, String)> {
    let bar = |label: &str, c: &Cell| {
        let v = c.value(fig.agg)?;
        Some((label.to_string(), v, short(list, fig, c)?))
    };
    let ranked = agg.ranked(fig);
    if fig.per.is_some() {
        let skip = ranked.len().saturating_sub(room);
        return ranked[skip..]
            .iter()
            .filter_map(|(k, c)| bar(group_name(k), c))
            .collect();
    }
    let mut out: Vec<_> = ranked.iter().filter_map(|(k, c)| bar(group_name(k), c)).collect();
    if let Some(o) = &agg.other
        && let Some(b) = bar("others", o)
    {
        out.push(b);
    }
    out.truncate(room);
    out
}

fn pad_left(s: &str, width: usize) -> String {
    let s = fit(s, width);
    format!("{}{s}", " ".repeat(width.saturating_sub(s.width())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_caption_says_what_the_bars_are() {
        let spec = crate::spec::parse_str(
            "apps/x.ron",
            r#"List(name: "X", fields: {"amount": Money(), "category": Text}, chart: Bar(of: Sum("amount"), by: "category"))"#,
        )
        .unwrap();
        let crate::spec::Kind::List(l) = spec.kind else {
            unreachable!()
        };
        assert_eq!(caption(&l.chart.unwrap().figure), "sum of amount by category");
    }
}
