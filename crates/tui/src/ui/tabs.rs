//! The tab bar: one tab per open app, the focused one marked.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::Styles;
use crate::app::{App, layout};

pub fn render(app: &App, st: &Styles, f: &mut Frame, area: Rect) {
    let tabs = layout::tabs(&layout::tab_names(&app.panels), app.focus, area.width);
    let mut spans = Vec::new();
    for (i, tab) in tabs.into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled("│", st.fg("border")));
        }
        let style = if Some(i) == app.focus {
            st.selected()
        } else {
            st.fg("dim")
        };
        spans.push(Span::styled(tab.text, style));
    }
    f.render_widget(Line::from(spans), area);
}
