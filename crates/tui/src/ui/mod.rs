//! Drawing: a pure function of the App. One file per screen.

mod agenda;
mod archive;
mod calendar;
mod chart_axis;
mod clocks;
mod digits;
mod editor;
mod launcher;
mod list;
mod list_chart;
mod overlay;
mod panel;
mod picker;
mod rows;
mod sync;
mod tabs;
mod timer;
mod tracker;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color as TColor, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph};

use crate::app::command::{self, Cmd, Context};
use crate::app::{App, Level, Panel, layout};
use crate::theme::Color;
pub use panel::PanelView;

/// Styles by role, honouring NO_COLOR.
pub struct Styles {
    no_color: bool,
    theme: crate::theme::Theme,
}

fn tcolor(c: Color) -> TColor {
    match c {
        Color::Reset => TColor::Reset,
        Color::Indexed(i) => TColor::Indexed(i),
        Color::Rgb(r, g, b) => TColor::Rgb(r, g, b),
    }
}

impl Styles {
    pub fn of(app: &App) -> Styles {
        Styles {
            no_color: app.no_color,
            theme: app.theme().clone(),
        }
    }

    pub fn fg(&self, role: &str) -> Style {
        if self.no_color {
            return match role {
                "dim" => Style::default().add_modifier(Modifier::DIM),
                "title" | "accent" | "bad" => Style::default().add_modifier(Modifier::BOLD),
                _ => Style::default(),
            };
        }
        let s = Style::default().fg(tcolor(self.theme.role(role)));
        match self.theme.role("bg") {
            Color::Reset => s,
            bg => s.bg(tcolor(bg)),
        }
    }

    pub fn base(&self) -> Style {
        self.fg("fg")
    }

    pub fn selected(&self) -> Style {
        if self.no_color {
            return Style::default().add_modifier(Modifier::REVERSED);
        }
        Style::default()
            .fg(tcolor(self.theme.role("selection_fg")))
            .bg(tcolor(self.theme.role("selection_bg")))
    }

    pub fn block<'a>(&self, title: impl Into<Line<'a>>, focused: bool) -> Block<'a> {
        let border = if focused {
            self.fg("accent")
        } else {
            self.fg("border")
        };
        Block::default()
            .borders(Borders::ALL)
            .border_type(if focused {
                BorderType::Thick
            } else {
                BorderType::Rounded
            })
            .border_style(border)
            .title(title)
            .style(self.base())
    }
}

pub fn render(app: &App, f: &mut Frame) {
    let area = f.area();
    let st = Styles::of(app);
    f.render_widget(Block::default().style(st.base()), area);
    if area.width < 20 || area.height < 5 {
        f.render_widget(
            Paragraph::new("nook: window too small").style(st.fg("warn")),
            area,
        );
        return;
    }
    let [header, body, footer] = layout::rows(area);
    render_header(app, &st, f, header);
    if let Some(e) = &app.editor {
        editor::render(app, e, &st, f, body);
        render_footer(app, &st, f, footer);
        // Help is the one overlay over the editor.
        overlay::render(app, &st, f, area);
        return;
    }
    match app.focus {
        None => match (&app.launcher.agenda, &app.launcher.archive) {
            (Some(view), _) => agenda::render(app, view, &st, f, body),
            (None, Some(view)) => archive::render(app, view, &st, f, body),
            (None, None) => {
                let (bar, rest) = layout::launcher(body, app.panels.len());
                if let Some(bar) = bar {
                    tabs::render(app, &st, f, bar);
                }
                launcher::render(app, &st, f, rest)
            }
        },
        Some(focus) => render_workspace(app, &st, f, body, focus),
    }
    render_footer(app, &st, f, footer);
    overlay::render(app, &st, f, area);
}

fn render_header(app: &App, st: &Styles, f: &mut Frame, area: Rect) {
    let broken = app.entries.iter().filter(|e| e.spec.is_err()).count();
    let mut spans = vec![
        Span::styled(" nook ", st.fg("title").add_modifier(Modifier::BOLD)),
        Span::styled(crate::model::count::count(app.entries.len(), "app"), st.fg("dim")),
    ];
    if broken > 0 {
        spans.push(Span::styled(format!(" · {broken} with errors"), st.fg("bad")));
    }
    if let Some(e) = &app.editor {
        spans.push(Span::styled(" · editing ", st.fg("dim")));
        spans.push(Span::styled(format!("apps/{}", e.file), st.fg("accent")));
    } else if let Some(p) = app.focused() {
        spans.push(Span::styled(" · ", st.fg("dim")));
        spans.push(Span::styled(p.spec().name.clone(), st.fg("accent")));
    } else {
        spans.extend(sync::header(app, st));
    }
    spans.extend(clocks::header(app, st));
    f.render_widget(Line::from(spans), area);
}

fn render_workspace(app: &App, st: &Styles, f: &mut Frame, area: Rect, focus: usize) {
    let ws = layout::workspace(area, app.panels.len(), focus, app.beside);
    if let Some(bar) = ws.tabs {
        tabs::render(app, st, f, bar);
    }
    for (i, rect) in ws.panels {
        let Some(panel) = app.panels.get(i) else {
            continue;
        };
        let focused = i == focus;
        let spec = panel.spec();
        // A list's named view is named after the app: " Books · To read ".
        let view = match panel {
            crate::app::Panel::List(l) => l.view_name().map(|v| format!(" · {v}")),
            _ => None,
        };
        let title = format!(
            " {}{}{} ",
            spec.icon.as_deref().map(|i| format!("{i} ")).unwrap_or_default(),
            spec.name,
            view.unwrap_or_default()
        );
        let block = st.block(Span::styled(title, st.fg("title")), focused);
        let inner = block.inner(rect);
        f.render_widget(block, rect);
        let view = panel::PanelView::of(app, panel, st, focused);
        if let Some(at) = view.cursor(inner) {
            f.set_cursor_position(at);
        }
        f.render_widget(view, inner);
    }
}

fn render_footer(app: &App, st: &Styles, f: &mut Frame, area: Rect) {
    if let Some((msg, level)) = &app.message {
        let style = if *level == Level::Error {
            st.fg("bad")
        } else {
            st.fg("good")
        };
        f.render_widget(Paragraph::new(format!(" {msg}")).style(style), area);
        return;
    }
    let mut hints = footer_hints(app);
    // Too wide: drop hints before the last two (help and back/quit stay).
    let width = |h: &[(String, String)]| {
        h.iter()
            .map(|(k, l)| k.chars().count() + l.chars().count() + 3)
            .sum::<usize>()
    };
    while width(&hints) > area.width as usize && hints.len() > 2 {
        hints.remove(hints.len() - 3);
    }
    let mut spans = Vec::new();
    for (k, label) in hints {
        spans.push(Span::styled(format!(" {k}"), st.fg("accent")));
        spans.push(Span::styled(format!(" {label} "), st.fg("dim")));
    }
    f.render_widget(Line::from(spans), area);
}

/// The few keys that matter now, as (keys, label): the footer bindings of
/// the context a key goes to, that do something in this state.
pub fn footer_hints(app: &App) -> Vec<(String, String)> {
    if let Some(Panel::List(l)) = app.focused()
        && l.filtering
        && l.form.is_none()
    {
        return vec![
            ("Enter".into(), "keep filter".into()),
            ("Esc".into(), "clear".into()),
        ];
    }
    if app.focus.is_none() && app.launcher.filtering && app.overlay.is_none() {
        return vec![
            ("Enter".into(), "open".into()),
            ("↓".into(), "keep filter".into()),
            ("Esc".into(), "clear".into()),
        ];
    }
    let ctx = match app.key_context() {
        // Under an overlay the footer keeps the screen's keys.
        Context::Help
        | Context::Switcher
        | Context::Gallery
        | Context::Naming
        | Context::Purge
        | Context::ArchiveAsk => app.context(),
        c => c,
    };
    let mut out: Vec<(String, String)> = command::working(ctx, app)
        .filter(|b| b.footer)
        .map(|b| match b.cmd {
            // `nook open APP`: q goes back to the shell.
            Cmd::Back if app.direct && ctx != Context::Form => (b.keys[0].label(), "quit".into()),
            // ←/→ pick on a field with choices.
            Cmd::PickNext => ("←/→".into(), "choose".into()),
            _ => (b.keys[0].label(), b.name.replace('-', " ")),
        })
        .collect();
    if let Some(other) = command::otherwise(ctx) {
        out.push(("any key".into(), other.into()));
    }
    if ctx == Context::Launcher && !app.panels.is_empty() {
        out.insert(1, ("Tab".into(), "open apps".into()));
    }
    out
}

/// How full a gauge is, from 0 to 1: `part` of `whole`, for any numbers a
/// spec and its data allow. A whole of 0 (a `Daily(0)` limit, `-0`, a
/// literal that rounds to 0) is full as soon as anything is logged; NaN and
/// infinities land at an end instead of reaching the gauge, which panics
/// on a ratio outside 0..=1.
pub fn share(part: f64, whole: f64) -> f64 {
    let r = part / whole;
    if r.is_nan() || whole <= 0.0 {
        return if part > 0.0 { 1.0 } else { 0.0 };
    }
    r.clamp(0.0, 1.0)
}

/// Cuts `s` to `width` columns, with an ellipsis when it was longer.
pub fn fit(s: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let mut out = String::new();
    let mut w = 0;
    let total: usize = s.chars().map(|c| c.width().unwrap_or(0)).sum();
    if total <= width {
        return s.to_string();
    }
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// Pads or cuts `s` to exactly `width` columns.
pub fn pad(s: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    let s = fit(s, width);
    let w = s.width();
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

#[cfg(test)]
mod tests {
    use super::share;

    #[test]
    fn a_gauge_share_is_within_0_and_1_for_any_numbers() {
        assert_eq!(share(4.0, 8.0), 0.5);
        assert_eq!(share(0.0, 0.0), 0.0);
        assert_eq!(share(0.0, -0.0), 0.0);
        assert_eq!(share(3.0, 0.0), 1.0);
        assert_eq!(share(3.0, 5e-324), 1.0);
        assert_eq!(share(f64::INFINITY, f64::INFINITY), 1.0);
        assert_eq!(share(1.0, -1.0), 1.0);
        assert_eq!(share(f64::NAN, 8.0), 0.0);
        assert_eq!(share(-1.0, 8.0), 0.0);
    }
}
