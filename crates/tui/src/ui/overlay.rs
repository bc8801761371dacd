//! Overlays: the help with every key of the current screen, the switcher,
//! the gallery and the purge question.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{Styles, pad};
use crate::app::command::{self, Context, keys_label};
use crate::app::gallery::{self, Gallery};
use crate::app::help;
use crate::app::switch::Choice;
use crate::app::{App, Level, Overlay};

fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

pub fn render(app: &App, st: &Styles, f: &mut Frame, area: Rect) {
    match &app.overlay {
        None => {}
        Some(Overlay::Gallery(g)) => render_gallery(app, g, st, f, area),
        Some(Overlay::Conflicts { selected }) => super::sync::render_conflicts(app, st, f, area, *selected),
        Some(Overlay::ConfirmArchive { warnings, .. }) => {
            let rect = centered(area, 64, 4 + warnings.len() as u16);
            f.render_widget(Clear, rect);
            let block = st.block(Span::styled(" Archive ", st.fg("bad")), true);
            let inner = block.inner(rect);
            f.render_widget(block, rect);
            let mut lines: Vec<Line> = warnings
                .iter()
                .map(|w| Line::from(Span::styled(w.clone(), st.fg("fg"))))
                .collect();
            lines.push(Line::from(Span::styled(
                "Its data is kept; restoring it brings the links back.",
                st.fg("dim"),
            )));
            lines.push(Line::from(vec![
                Span::styled("y", st.fg("bad")),
                Span::styled(" archive · any other key keeps it", st.fg("dim")),
            ]));
            f.render_widget(
                Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: true }),
                inner,
            );
        }
        Some(Overlay::ConfirmPurge(row)) => {
            let rect = centered(area, 60, 6 + row.linked.len() as u16);
            f.render_widget(Clear, rect);
            let block = st.block(Span::styled(" Purge ", st.fg("bad")), true);
            let inner = block.inner(rect);
            f.render_widget(block, rect);
            let mut lines = vec![
                Line::from(Span::styled(
                    format!("Delete '{}' ({}) for good?", row.id, row.what),
                    st.fg("fg"),
                )),
                Line::from(Span::styled(
                    if row.file.is_some() {
                        "Its archived spec is removed too. This cannot be undone."
                    } else {
                        "This cannot be undone."
                    },
                    st.fg("dim"),
                )),
                Line::from(vec![
                    Span::styled("y", st.fg("bad")),
                    Span::styled(" delete · any other key keeps it", st.fg("dim")),
                ]),
            ];
            // Other apps' links to it, which will never find it again.
            for (i, w) in row.linked.iter().enumerate() {
                lines.insert(1 + i, Line::from(Span::styled(w.clone(), st.fg("fg"))));
            }
            f.render_widget(
                Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: true }),
                inner,
            );
        }
        Some(Overlay::Help { ctx, scroll }) => render_help(app, *ctx, *scroll, st, f, area),
        Some(Overlay::Switcher {
            input,
            selected,
            said,
        }) => render_switcher(app, input, *selected, said.as_deref(), st, f, area),
    }
}

/// The keys of one screen, from the command table; it scrolls, and its
/// last line says how.
fn render_help(app: &App, ctx: Context, scroll: usize, st: &Styles, f: &mut Frame, area: Rect) {
    let rows = help::rows(app, ctx);
    let room = help::room(area.height, rows.len());
    let rect = centered(area, 72, (rows.len() + 3) as u16);
    f.render_widget(Clear, rect);
    let block = st.block(Span::styled(" Keys ", st.fg("title")), true);
    let inner = block.inner(rect);
    f.render_widget(block, rect);
    let keys_w = 16;
    let mut lines: Vec<Line> = rows
        .iter()
        .skip(scroll)
        .take(room)
        .map(|b| {
            Line::from(vec![
                Span::styled(pad(&keys_label(b), keys_w), st.fg("accent")),
                Span::styled(b.help, st.fg("fg")),
            ])
        })
        .collect();
    if let Some(other) = command::otherwise(ctx)
        && lines.len() < room
    {
        lines.push(Line::from(vec![
            Span::styled(pad("any other key", keys_w), st.fg("accent")),
            Span::styled(other, st.fg("fg")),
        ]));
    }
    let last = if rows.len() > room {
        let end = (scroll + room).min(rows.len());
        format!(
            "{}-{end} of {} · j/k PgUp/PgDn Home/End scroll · Esc q ? close",
            scroll + 1,
            rows.len()
        )
    } else {
        "Esc q ? close".to_string()
    };
    lines.push(Line::from(Span::styled(last, st.fg("dim"))));
    f.render_widget(Paragraph::new(lines), inner);
}

/// The switcher: the line, then apps, commands and verbs matching it, or
/// why Enter did nothing.
fn render_switcher(
    app: &App,
    input: &crate::app::line::LineInput,
    selected: usize,
    said: Option<&str>,
    st: &Styles,
    f: &mut Frame,
    area: Rect,
) {
    let choices = app.switcher_choices(input.text());
    let extra = u16::from(said.is_some()) + u16::from(choices.is_empty());
    let rect = centered(area, 72, (choices.len() as u16 + 4 + extra).min(18));
    f.render_widget(Clear, rect);
    let block = st.block(
        Span::styled(" Go to an app or run a command ", st.fg("title")),
        true,
    );
    let inner = block.inner(rect);
    f.render_widget(block, rect);
    let (shown, col) = input.view((inner.width as usize).saturating_sub(1).max(1));
    f.set_cursor_position(Position {
        x: inner.x + 1 + col as u16,
        y: inner.y,
    });
    let mut lines = vec![Line::from(vec![
        Span::styled(":", st.fg("accent")),
        Span::styled(shown, st.fg("fg")),
    ])];
    if let Some(why) = said {
        lines.push(Line::from(Span::styled(why.to_string(), st.fg("bad"))));
    }
    let room = (inner.height as usize).saturating_sub(lines.len() + 1);
    let off = selected.saturating_sub(room.saturating_sub(1));
    for (i, c) in choices.iter().enumerate().skip(off).take(room) {
        let (name, about, keys) = match *c {
            Choice::App(e) => {
                let spec = app.entries[e].spec.as_ref().ok();
                let name = spec.map_or(String::new(), |s| s.name.clone());
                let open = spec.is_some_and(|s| app.panels.iter().any(|p| p.spec().id == s.id));
                let kind = spec.map_or("", |s| s.kind.tag().word());
                (
                    name,
                    format!("{kind} · {}", if open { "open, focus it" } else { "open it" }),
                    String::new(),
                )
            }
            Choice::Command(b) => (b.name.to_string(), b.help.to_string(), keys_label(b)),
            Choice::Verb(v) => (v.usage.to_string(), v.help.to_string(), String::new()),
        };
        let chosen = i == selected;
        let style = if chosen { st.selected() } else { st.fg("fg") };
        let dim = if chosen { style } else { st.fg("dim") };
        lines.push(Line::from(vec![
            Span::styled(pad(&name, 24), style),
            Span::styled(pad(&about, 36), dim),
            Span::styled(keys, if chosen { style } else { st.fg("accent") }),
        ]));
    }
    if choices.is_empty() {
        lines.push(Line::from(Span::styled("nothing matches", st.fg("dim"))));
    }
    lines.push(Line::from(Span::styled(
        "Enter run · Tab complete · ↑/↓ choose · Esc close",
        st.fg("dim"),
    )));
    f.render_widget(Paragraph::new(lines), inner);
}

/// The new-app gallery: templates on the left, the chosen one's text beside.
fn render_gallery(app: &App, g: &Gallery, st: &Styles, f: &mut Frame, area: Rect) {
    let rect = centered(area, 96, 24);
    f.render_widget(Clear, rect);
    let block = st.block(Span::styled(" New app ", st.fg("title")), true);
    let inner = block.inner(rect);
    f.render_widget(block, rect);
    let list_w = if inner.width >= 70 { 40 } else { inner.width };
    let list = Rect {
        width: list_w,
        ..inner
    };
    let preview = Rect {
        x: inner.x + list_w + 1,
        width: inner.width.saturating_sub(list_w + 1),
        ..inner
    };
    let mut lines = Vec::new();
    match &g.naming {
        Some(name) => {
            use unicode_width::UnicodeWidthStr;
            let about = if g.describing() {
                "An app from a sentence".to_string()
            } else {
                format!("A new {} from “{}”", g.chosen().kind, g.chosen().title)
            };
            let prompt = if g.describing() { "Idea: " } else { "Name: " };
            // The line above wraps when the box is narrow.
            let above = about.width().div_ceil((list.width as usize).max(1)).max(1) as u16;
            let (shown, col) = name.view((list.width as usize).saturating_sub(6).max(1));
            if list.y + above < list.bottom() {
                f.set_cursor_position(Position {
                    x: list.x + 6 + col as u16,
                    y: list.y + above,
                });
            }
            lines.push(Line::from(Span::styled(about, st.fg("dim"))));
            lines.push(Line::from(vec![
                Span::styled(prompt, st.fg("accent")),
                Span::styled(shown, st.fg("fg")),
            ]));
            lines.push(Line::from(Span::styled("Enter make it · Esc back", st.fg("dim"))));
            if let Some((msg, Level::Error)) = &app.message {
                lines.push(Line::from(""));
                lines.push(Line::from(Span::styled(msg.clone(), st.fg("bad"))));
            }
        }
        None => {
            let room = list.height.saturating_sub(1) as usize;
            let off = g.selected.saturating_sub(room.saturating_sub(1));
            let rows = std::iter::once((gallery::DESCRIBE, "any"))
                .chain(g.templates.iter().map(|t| (t.title.as_str(), t.kind.word())));
            for (i, (title, kind)) in rows.enumerate().skip(off).take(room) {
                let style = if i == g.selected {
                    st.selected()
                } else {
                    st.fg("fg")
                };
                lines.push(Line::from(vec![
                    Span::styled(pad(title, (list_w as usize).saturating_sub(9)), style),
                    Span::styled(pad(kind, 8), if i == g.selected { style } else { st.fg("dim") }),
                ]));
            }
            lines.push(Line::from(Span::styled(
                "Enter choose · Esc cancel",
                st.fg("dim"),
            )));
        }
    }
    f.render_widget(
        Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: false }),
        list,
    );
    if preview.width > 10 && g.describing() {
        let mut text = vec![
            Line::from(Span::styled(gallery::DESCRIBE_ABOUT, st.fg("accent"))),
            Line::from(""),
            Line::from(Span::styled("For example:", st.fg("dim"))),
        ];
        text.extend(
            gallery::DESCRIBE_EXAMPLES
                .iter()
                .map(|s| Line::from(Span::styled(format!("  {s}"), st.fg("dim")))),
        );
        f.render_widget(
            Paragraph::new(text).wrap(ratatui::widgets::Wrap { trim: false }),
            preview,
        );
    } else if preview.width > 10 {
        let t = g.chosen();
        let mut text = vec![
            Line::from(Span::styled(t.about.clone(), st.fg("accent"))),
            Line::from(""),
        ];
        text.extend(
            t.text
                .lines()
                .map(|l| Line::from(Span::styled(l.to_string(), st.fg("dim")))),
        );
        f.render_widget(Paragraph::new(text), preview);
    }
}
