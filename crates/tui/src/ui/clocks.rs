//! The running timers in the header, on every screen: `🍅 14:46`.

use ratatui::text::Span;

use super::Styles;
use crate::app::App;

pub fn header(app: &App, st: &Styles) -> Vec<Span<'static>> {
    app.clocks
        .badges(app.now.ms)
        .into_iter()
        .map(|b| Span::styled(format!(" · {} {}", b.icon, b.clock), st.fg("accent")))
        .collect()
}
