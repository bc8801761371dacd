//! The agenda: sections of overdue, today and the next days, each line the
//! due word (there without colour too), the app and the item.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{Styles, fit, pad};
use crate::app::App;
use crate::app::agenda::{AgendaView, Entry, Row};

/// Text from a spec or an item, with control characters taken out.
fn clean(s: &str) -> String {
    crate::out::clean(s).into_owned()
}

pub fn render(app: &App, view: &AgendaView, st: &Styles, f: &mut Frame, area: Rect) {
    let block = st.block(Span::styled(" Agenda · every app ", st.fg("title")), true);
    let inner = block.inner(area);
    f.render_widget(block, area);
    if !view.loaded {
        f.render_widget(Paragraph::new("Reading what is due…").style(st.fg("dim")), inner);
        return;
    }
    let rows = view.rows(app);
    if rows.is_empty() {
        f.render_widget(
            Paragraph::new(
                "Nothing overdue, due today or in the next 7 days. Mark a Date field due: true in a list to see its items here.",
            )
            .style(st.fg("dim"))
            .wrap(Wrap { trim: true }),
            inner,
        );
        return;
    }
    let w = inner.width as usize;
    let icon_of = |id: &str| {
        app.entries
            .iter()
            .filter_map(|e| e.spec.as_ref().ok())
            .find(|s| s.id == id)
            .and_then(|s| s.icon.clone())
            .map(|i| clean(&i))
            .unwrap_or_else(|| "·".into())
    };
    let name_w = (w / 4).clamp(8, 22);
    // "running 1:02:03", the longest word.
    let word_w = 16;
    let mut lines = Vec::new();
    // Which line the selection is on, to keep it in view.
    let mut at = 0;
    let mut n = 0;
    for row in &rows {
        match row {
            Row::Head(h) => {
                if !lines.is_empty() {
                    lines.push(Line::raw(""));
                }
                lines.push(Line::from(Span::styled(
                    format!(" {h}"),
                    st.fg("title").add_modifier(Modifier::BOLD),
                )));
            }
            Row::Entry(e) => {
                let selected = n == view.selected;
                if selected {
                    at = lines.len();
                }
                n += 1;
                let (word, role, name, title) = match e {
                    Entry::Due(d) => {
                        let time = d.due.get(11..).map(str::trim).filter(|t| !t.is_empty());
                        let word = match (d.when, time) {
                            (crate::model::due::When::Today, Some(t)) => format!("today {t}"),
                            (w, _) => w.word(),
                        };
                        (word, d.when.role(), clean(&d.app_name), clean(&d.title))
                    }
                    Entry::Habit(h) => (
                        format!("at {}", h.at),
                        if h.due_now { "warn" } else { "dim" },
                        clean(&h.app_name),
                        if h.series.is_empty() {
                            "not done yet today".to_string()
                        } else {
                            format!("{} not done yet today", clean(&h.series))
                        },
                    ),
                    Entry::Timer { name, clock, .. } => {
                        (format!("running {clock}"), "accent", clean(name), String::new())
                    }
                };
                let icon = match e {
                    Entry::Timer { icon, .. } => clean(icon),
                    _ => icon_of(e.app()),
                };
                let rest = w.saturating_sub(word_w + name_w + 8);
                let mut spans = vec![
                    Span::raw("   "),
                    Span::styled(pad(&word, word_w), st.fg(role)),
                    Span::raw(" "),
                    Span::styled(pad(&icon, 2), st.fg("fg")),
                    Span::raw(" "),
                    Span::styled(pad(&name, name_w), st.fg("dim")),
                    Span::raw(" "),
                    Span::styled(fit(&title, rest), st.fg("fg")),
                ];
                if selected {
                    for s in &mut spans {
                        s.style = st.selected();
                    }
                }
                let line = Line::from(spans);
                lines.push(if selected { line.style(st.selected()) } else { line });
            }
        }
    }
    let h = inner.height as usize;
    let off = at.saturating_sub(h.saturating_sub(2));
    f.render_widget(Paragraph::new(lines).scroll((off as u16, 0)), inner);
}
