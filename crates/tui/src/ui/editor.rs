//! The spec editor: line numbers, RON colouring, problem lines marked, the
//! check's verdict under the text, and a live preview of the panel beside.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::{Styles, fit};
use crate::app::App;
use crate::app::command::{self, Cmd, Context};
use crate::app::editor::{Check, Confirm, Editor};
use crate::spec::highlight::{self, Tok};

pub fn render(app: &App, e: &Editor, st: &Styles, f: &mut Frame, area: Rect) {
    // The preview takes the right side when there is room for both.
    let [text_area, preview_area] = if area.width >= 100 {
        Layout::horizontal([Constraint::Min(50), Constraint::Percentage(42)]).areas(area)
    } else {
        [area, Rect::default()]
    };
    let title = Line::from(vec![
        Span::styled(format!(" apps/{} ", e.file), st.fg("title")),
        Span::styled(if e.dirty() { "● modified " } else { "" }, st.fg("warn")),
    ]);
    let block = st.block(title, true);
    let inner = block.inner(text_area);
    f.render_widget(block, text_area);
    let [lines_area, status_area] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(2)]).areas(inner);
    render_text(e, st, f, lines_area);
    render_status(e, st, f, status_area);
    if preview_area.width > 0 {
        render_preview(app, e, st, f, preview_area);
    }
    if let Some(confirm) = e.confirm {
        render_confirm(e, confirm, st, f, area);
    }
}

fn tok_style(st: &Styles, tok: Tok) -> Style {
    match tok {
        Tok::Plain => st.fg("fg"),
        Tok::Comment => st.fg("dim").add_modifier(Modifier::ITALIC),
        Tok::Str => st.fg("good"),
        Tok::Number | Tok::Literal => st.fg("warn"),
        Tok::Key => st.fg("accent"),
        Tok::Kind => st.fg("title").add_modifier(Modifier::BOLD),
        Tok::Punct => st.fg("dim"),
    }
}

fn render_text(e: &Editor, st: &Styles, f: &mut Frame, area: Rect) {
    let b = &e.buffer;
    let problem_lines: Vec<u32> = match &e.check {
        Check::Invalid(d) => d.iter().map(|d| d.pos.line).collect(),
        Check::Valid(_) => Vec::new(),
    };
    let gutter = b.lines.len().to_string().len().max(2) + 2;
    let width = (area.width as usize).saturating_sub(gutter);
    // Columns, not chars: a wide character (an emoji in `icon:`) takes two.
    let cursor_line = b.lines.get(b.row).map_or("", String::as_str);
    let cursor_cols: usize = cursor_line.chars().take(b.col).map(cols).sum();
    // Scroll sideways just enough to keep the cursor in view.
    let left = cursor_cols.saturating_sub(width.saturating_sub(1));
    // Colouring needs the comment state of the lines above the first shown.
    let mut state = 0;
    for l in &b.lines[..b.top.min(b.lines.len())] {
        state = highlight::line(l, state).1;
    }
    let mut out = Vec::new();
    for (i, l) in b.lines.iter().enumerate().skip(b.top).take(area.height as usize) {
        let (toks, next) = highlight::line(l, state);
        state = next;
        let n = i + 1;
        let bad = problem_lines.contains(&(n as u32));
        let mark = if bad { "▶" } else { " " };
        let num_style = if bad {
            st.fg("bad").add_modifier(Modifier::BOLD)
        } else if i == b.row {
            st.fg("accent")
        } else {
            st.fg("dim")
        };
        let mut spans = vec![Span::styled(format!("{mark}{n:>w$} ", w = gutter - 2), num_style)];
        // Where each char starts, in columns.
        let chars: Vec<(char, usize)> = l
            .chars()
            .scan(0, |at, c| {
                let start = *at;
                *at += cols(c);
                Some((c, start))
            })
            .collect();
        for (from, to, tok) in toks {
            let mut text = String::new();
            for &(c, start) in chars.get(from..to).unwrap_or_default() {
                if start >= left && start + cols(c) <= left + width {
                    text.push(c);
                } else if start < left && start + cols(c) > left {
                    // Half of a wide char is cut off at the left edge.
                    text.push(' ');
                }
            }
            if !text.is_empty() {
                let mut style = tok_style(st, tok);
                if bad {
                    style = style.add_modifier(Modifier::UNDERLINED);
                }
                spans.push(Span::styled(text, style));
            }
        }
        out.push(Line::from(spans));
    }
    f.render_widget(Paragraph::new(out), area);
    if e.confirm.is_none() && b.row >= b.top {
        let y = area.y + (b.row - b.top) as u16;
        let x = area.x + (gutter + cursor_cols - left) as u16;
        if y < area.bottom() && x < area.right() {
            f.set_cursor_position(Position { x, y });
        }
    }
}

/// The columns a char takes on the terminal.
fn cols(c: char) -> usize {
    unicode_width::UnicodeWidthChar::width(c).unwrap_or(0)
}

/// How the table writes a command's first key ("C-n").
fn key_of(cmd: Cmd) -> String {
    command::BINDINGS
        .iter()
        .find(|b| b.cmd == cmd && b.contexts.contains(&Context::Editor))
        .map(|b| b.keys[0].label())
        .unwrap_or_default()
}

fn render_status(e: &Editor, st: &Styles, f: &mut Frame, area: Rect) {
    let w = area.width as usize;
    let mut lines = Vec::new();
    if let Some(line) = &e.changing {
        const PROMPT: &str = " Change it: ";
        let (shown, col) = line.view(w.saturating_sub(PROMPT.len() + 1).max(1));
        f.set_cursor_position(Position {
            x: area.x + PROMPT.len() as u16 + col as u16,
            y: area.y,
        });
        lines.push(Line::from(vec![
            Span::styled(PROMPT, st.fg("accent")),
            Span::styled(shown, st.fg("fg")),
        ]));
        lines.push(Line::from(Span::styled(
            fit(
                " e.g. add a rating out of 5 · rename status to stage · sort by rating · expire it after Sunday",
                w,
            ),
            st.fg("dim"),
        )));
        f.render_widget(Paragraph::new(lines), area);
        return;
    }
    match &e.check {
        Check::Valid(spec) => {
            lines.push(Line::from(vec![
                Span::styled(" ✓ ", st.fg("good").add_modifier(Modifier::BOLD)),
                Span::styled(
                    fit(
                        &format!("valid {} “{}”, id {}", spec.kind.tag(), spec.name, spec.id),
                        w.saturating_sub(4),
                    ),
                    st.fg("good"),
                ),
            ]));
            if let Some(note) = e.id_note() {
                lines.push(Line::from(Span::styled(
                    fit(&format!(" ! {note}"), w),
                    st.fg("warn"),
                )));
            } else if e.pending.is_some() {
                lines.push(Line::from(Span::styled(" checking…", st.fg("dim"))));
            }
        }
        Check::Invalid(d) => {
            // The problem under the cursor; elsewhere, the first one.
            let (shown, note) = match e.problem_here() {
                Some((rank, p)) if d.len() > 1 => (
                    Some(p),
                    format!(
                        "  ({}/{}; {} next, {} previous)",
                        rank + 1,
                        d.len(),
                        key_of(Cmd::NextProblem),
                        key_of(Cmd::PrevProblem)
                    ),
                ),
                Some((_, p)) => (Some(p), String::new()),
                None if d.len() > 1 => (
                    d.first(),
                    format!(
                        "  (+{} more; {} goes to the next)",
                        d.len() - 1,
                        key_of(Cmd::NextProblem)
                    ),
                ),
                None => (d.first(), String::new()),
            };
            if let Some(p) = shown {
                lines.push(Line::from(vec![
                    Span::styled(" ✗ ", st.fg("bad").add_modifier(Modifier::BOLD)),
                    Span::styled(format!("{}:{} ", p.pos.line, p.pos.col), st.fg("bad")),
                    Span::styled(format!("{}{note}", p.message), st.fg("bad")),
                ]));
            }
        }
    }
    let para = Paragraph::new(lines).wrap(Wrap { trim: false });
    f.render_widget(para, area);
}

fn render_preview(app: &App, e: &Editor, st: &Styles, f: &mut Frame, area: Rect) {
    let Some(panel) = &e.preview else {
        let block = st.block(Span::styled(" Preview ", st.fg("title")), false);
        let inner = block.inner(area);
        f.render_widget(block, area);
        f.render_widget(
            Paragraph::new("The preview shows once the spec is valid.").style(st.fg("dim")),
            inner,
        );
        return;
    };
    let stale = matches!(e.check, Check::Invalid(_));
    let spec = panel.spec();
    let title = Line::from(vec![
        Span::styled(" Preview: ", st.fg("dim")),
        Span::styled(
            format!(
                "{}{} ",
                spec.icon.as_deref().map(|i| format!("{i} ")).unwrap_or_default(),
                spec.name
            ),
            st.fg("title"),
        ),
        Span::styled(if stale { "(last valid) " } else { "" }, st.fg("warn")),
    ]);
    let block = st.block(title, false);
    let inner = block.inner(area);
    f.render_widget(block, area);
    f.render_widget(super::PanelView::of(app, panel, st, false), inner);
}

fn render_confirm(e: &Editor, confirm: Confirm, st: &Styles, f: &mut Frame, area: Rect) {
    let (title, body, keys) = match confirm {
        Confirm::Leave => (
            " Unsaved changes ",
            format!("apps/{} has changes that are not saved.", e.file),
            "s save and close · d discard · Esc keep editing",
        ),
        Confirm::SaveInvalid => (
            " The spec has problems ",
            "Saved as it is, the app shows its error in the launcher; open panels keep the last good version.".to_string(),
            "s or C-s save anyway · Esc keep editing",
        ),
        Confirm::Overwrite => (
            " Changed on disk ",
            format!(
                "apps/{} changed since you opened it (another editor, a git pull).",
                e.file
            ),
            "o overwrite it with yours · r take the disk's (yours are dropped) · Esc keep editing",
        ),
    };
    let w = 60.min(area.width);
    let rect = Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + area.height.saturating_sub(7) / 2,
        width: w,
        height: 7.min(area.height),
    };
    f.render_widget(Clear, rect);
    let block = st.block(Span::styled(title, st.fg("warn")), true);
    let inner = block.inner(rect);
    f.render_widget(block, rect);
    f.render_widget(
        Paragraph::new(vec![
            Line::from(Span::styled(body, st.fg("fg"))),
            Line::from(""),
            Line::from(Span::styled(keys, st.fg("accent"))),
        ])
        .wrap(Wrap { trim: true }),
        inner,
    );
}
