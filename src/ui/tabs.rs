//! The tab bar: one tab per open app, the focused one marked.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::Styles;
use crate::app::{App, layout};

/// Each open app's tab name: its icon and name.
pub fn names(app: &App) -> Vec<String> {
    app.panels
        .iter()
        .map(|p| {
            let s = p.spec();
            match &s.icon {
                Some(i) => format!("{i} {}", s.name),
                None => s.name.clone(),
            }
        })
        .collect()
}

pub fn render(app: &App, st: &Styles, f: &mut Frame, area: Rect) {
    let tabs = layout::tabs(&names(app), app.focus, area.width);
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
