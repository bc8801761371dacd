//! The launcher's archive view: archived apps, then data without a spec.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{Styles, pad};
use crate::app::App;
use crate::app::archive::ArchiveView;

pub fn render(app: &App, view: &ArchiveView, st: &Styles, f: &mut Frame, area: Rect) {
    let block = st.block(Span::styled(" Archived apps ", st.fg("title")), true);
    let inner = block.inner(area);
    f.render_widget(block, area);
    if !view.loaded {
        f.render_widget(Paragraph::new("Reading the archive…").style(st.fg("dim")), inner);
        return;
    }
    if view.rows.is_empty() {
        f.render_widget(
            Paragraph::new(
                "Nothing archived, and no data without a spec. In the launcher, d archives an app.",
            )
            .style(st.fg("dim"))
            .wrap(Wrap { trim: true }),
            inner,
        );
        return;
    }
    let w = inner.width as usize;
    let name_w = (w / 3).clamp(10, 28);
    let what_w = (w / 3).clamp(10, 26);
    let h = inner.height as usize;
    let off = view.selected.saturating_sub(h.saturating_sub(1));
    let mut lines = Vec::new();
    for (i, row) in view.rows.iter().enumerate().skip(off).take(h) {
        let place = match &row.file {
            Some(f) => format!("apps/.archive/{f}"),
            None => "no spec (orphaned data)".into(),
        };
        let when = row
            .updated
            .filter(|ms| *ms > 0)
            .map(|ms| crate::model::now::ago(app.now.ms - ms))
            .unwrap_or_default();
        let mut spans = vec![
            Span::raw(" "),
            Span::styled(pad(&row.name, name_w), st.fg("fg")),
            Span::styled(pad(&row.what, what_w), st.fg("accent")),
            Span::styled(pad(&when, 14), st.fg("dim")),
            Span::styled(place, st.fg("dim")),
        ];
        if i == view.selected {
            for s in &mut spans {
                s.style = st.selected();
            }
        }
        let line = Line::from(spans);
        lines.push(if i == view.selected {
            line.style(st.selected())
        } else {
            line
        });
    }
    f.render_widget(Paragraph::new(lines), inner);
}
