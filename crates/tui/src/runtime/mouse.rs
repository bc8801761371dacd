//! Mouse capture on the terminal, and crossterm's mouse events as the App's.
//! Capture is on only while nook draws: every exit path (quit, error, panic,
//! the user's own editor) gives the mouse back to the terminal.

use ratatui::crossterm::event::{
    DisableMouseCapture, EnableMouseCapture, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::crossterm::execute;

use crate::app::mouse::{Mouse, MouseKind};

pub fn capture(on: bool) {
    let mut out = super::terminal::screen();
    let _ = if on {
        execute!(out, EnableMouseCapture)
    } else {
        execute!(out, DisableMouseCapture)
    };
}

/// On a panic that ends nook, give the mouse back before the hooks
/// installed earlier run (ratatui's restores the rest of the terminal); a
/// panic the store catches and reports leaves nook running, and the mouse on.
pub fn release_on_panic() {
    let earlier = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !crate::store::panic_is_caught() {
            capture(false);
        }
        earlier(info);
    }));
}

/// The events nook acts on: a left click and the wheel.
pub fn of(m: MouseEvent) -> Option<Mouse> {
    let kind = match m.kind {
        MouseEventKind::Down(MouseButton::Left) => MouseKind::Click,
        MouseEventKind::ScrollUp => MouseKind::ScrollUp,
        MouseEventKind::ScrollDown => MouseKind::ScrollDown,
        _ => return None,
    };
    Some(Mouse {
        kind,
        x: m.column,
        y: m.row,
    })
}
