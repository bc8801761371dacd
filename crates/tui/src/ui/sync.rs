//! Sync on screen: the folder's state in the launcher's header, and the
//! list of apps in conflict with the three choices.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::{Styles, fit};
use crate::app::App;
use crate::app::command::{self, Context};

/// " · 3 changed · synced 5 min ago", nothing until the state is known.
pub fn header(app: &App, st: &Styles) -> Vec<Span<'static>> {
    let (text, role) = match &app.sync.status {
        _ if app.sync.busy => ("syncing…".to_string(), "accent"),
        None => return Vec::new(),
        Some(s) if !s.conflicts.is_empty() => (s.label(app.now.ms), "bad"),
        Some(s) => (s.label(app.now.ms), "dim"),
    };
    vec![Span::styled(" · ", st.fg("dim")), Span::styled(text, st.fg(role))]
}

pub fn render_conflicts(app: &App, st: &Styles, f: &mut Frame, area: Rect, selected: usize) {
    let apps = app.conflicts();
    let w = 64.min(area.width);
    let h = (apps.len() as u16 + 8).min(area.height);
    let rect = Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    };
    f.render_widget(Clear, rect);
    let block = st.block(Span::styled(" Sync conflict ", st.fg("bad")), true);
    let inner = block.inner(rect);
    f.render_widget(block, rect);
    let mut lines = vec![
        Line::from(Span::styled(
            "This machine and the remote both changed these apps. Yours is in place; nothing is lost.",
            st.fg("fg"),
        )),
        Line::default(),
    ];
    for (i, name) in apps.iter().enumerate() {
        let style = if i == selected {
            st.selected()
        } else {
            st.fg("accent")
        };
        lines.push(Line::from(Span::styled(
            fit(&format!(" {name}.ron "), inner.width as usize),
            style,
        )));
    }
    if apps.is_empty() {
        lines.push(Line::from(Span::styled(
            "Nothing is in conflict any more.",
            st.fg("dim"),
        )));
    }
    // The keys, from the command table (the footer may be showing a message).
    let mut keys = Vec::new();
    for b in command::bindings(Context::Conflicts).filter(|b| b.footer) {
        keys.push(Span::styled(format!("{} ", b.keys[0].label()), st.fg("accent")));
        keys.push(Span::styled(
            format!("{}  ", b.name.replace('-', " ")),
            st.fg("dim"),
        ));
    }
    lines.push(Line::default());
    lines.push(Line::from(keys));
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}
