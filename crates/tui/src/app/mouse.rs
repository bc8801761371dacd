//! The mouse: a click focuses a tab or a panel, selects a list row, ticks
//! its box; the wheel moves the selection. Where things are comes from
//! app/layout.rs, the same place the drawing asks.

use ratatui::layout::{Position, Rect};

use super::command::Cmd;
use super::list::ViewMode;
use super::{App, Effect, Panel, layout};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MouseKind {
    /// The left button went down.
    Click,
    ScrollUp,
    ScrollDown,
}

/// A mouse event at a cell of the screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mouse {
    pub kind: MouseKind,
    pub x: u16,
    pub y: u16,
}

/// Which tab of the bar `x` falls on.
fn tab_at(app: &App, bar: Rect, x: u16) -> Option<usize> {
    layout::tabs(&layout::tab_names(&app.s.panels), app.s.focus, bar.width)
        .iter()
        .position(|t| x >= bar.x + t.x && x < bar.x + t.x + t.width)
}

pub fn event(app: &mut App, m: Mouse) -> Vec<Effect> {
    // The editor and the overlays are keyboard screens.
    if app.s.editor.is_some() || app.s.overlay.is_some() {
        return Vec::new();
    }
    let at = Position { x: m.x, y: m.y };
    let body = app.body();
    let n = app.s.panels.len();
    let Some(focus) = app.s.focus else {
        if app.s.launcher.archive.is_some() || app.s.launcher.agenda.is_some() {
            return Vec::new();
        }
        let (bar, rest) = layout::launcher(body, n);
        return match m.kind {
            MouseKind::Click => {
                if let Some(i) = bar.filter(|b| b.contains(at)).and_then(|b| tab_at(app, b, m.x)) {
                    app.s.focus = Some(i);
                } else {
                    // A click on an app's row selects it (Enter opens it).
                    let [list, _] = layout::launcher_panes(rest);
                    let rows = app.visible_entries();
                    let lines = app.s.launcher.lines(&app.s.entries, &rows);
                    if list.contains(at)
                        && let Some(row) = layout::launcher_row(list, &lines, app.s.launcher.selected, m.y)
                    {
                        app.s.launcher.selected = row;
                    }
                }
                Vec::new()
            }
            MouseKind::ScrollUp => app.command(Cmd::Up),
            MouseKind::ScrollDown => app.command(Cmd::Down),
        };
    };
    let ws = layout::workspace(body, n, focus, app.s.beside);
    if let Some(bar) = ws.tabs.filter(|b| b.contains(at)) {
        if m.kind == MouseKind::Click
            && let Some(i) = tab_at(app, bar, m.x)
        {
            app.s.focus = Some(i);
        }
        return Vec::new();
    }
    let Some(&(i, rect)) = ws.panels.iter().find(|(_, r)| r.contains(at)) else {
        return Vec::new();
    };
    // A panel typing into a form or filter keeps the focus until it is done.
    if i != focus && app.s.panels.get(focus).is_some_and(Panel::input_active) {
        return Vec::new();
    }
    app.s.focus = Some(i);
    match m.kind {
        MouseKind::ScrollUp => return app.command(Cmd::Up),
        MouseKind::ScrollDown => return app.command(Cmd::Down),
        MouseKind::Click => {}
    }
    let Some(Panel::List(l)) = app.s.panels.get_mut(i) else {
        return Vec::new();
    };
    if l.form.is_some() || l.filtering || matches!(l.view, ViewMode::Board | ViewMode::Calendar) {
        return Vec::new();
    }
    // Inside the border: a status line, the rows, the summary line.
    let inner = Rect::new(
        rect.x + 1,
        rect.y + 1,
        rect.width.saturating_sub(2),
        rect.height.saturating_sub(2),
    );
    let Some(row) = l.row_at(m.y.saturating_sub(inner.y) as usize, inner.height as usize) else {
        return Vec::new();
    };
    l.cursor = row;
    // The box is the first three columns: "[ ]".
    if m.x >= inner.x && m.x < inner.x + 3 {
        return app.command(Cmd::ToggleDone);
    }
    Vec::new()
}
