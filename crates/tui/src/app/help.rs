//! The help overlay: the keys of the screen it was opened on, read from the
//! command table (only the bindings that do something in this state), in a
//! box that scrolls when they do not fit.

use super::State;
use super::command::{self, Binding, Cmd, Context};

/// The rows of help for `ctx`, in the table's order.
pub fn rows(state: &State, ctx: Context) -> Vec<&'static Binding> {
    command::working(ctx, state).collect()
}

/// How many rows fit at once in a screen `height` tall: the box less its
/// borders and the line that says how to scroll and close.
pub fn room(height: u16, rows: usize) -> usize {
    let boxed = (rows + 3).min(height as usize);
    boxed.saturating_sub(3).max(1)
}

/// The first row shown after `cmd`, or None when the help closes.
pub fn scroll(cmd: Option<Cmd>, at: usize, rows: usize, room: usize) -> Option<usize> {
    let last = rows.saturating_sub(room);
    let Some(cmd) = cmd else {
        return Some(at.min(last));
    };
    let to = match cmd {
        Cmd::Back => return None,
        Cmd::Up => at.saturating_sub(1),
        Cmd::Down => at + 1,
        Cmd::PageUp => at.saturating_sub(room),
        Cmd::PageDown => at + room,
        Cmd::Top => 0,
        Cmd::Bottom => last,
        _ => at,
    };
    Some(to.min(last))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrolling_stops_at_both_ends_and_close_closes() {
        // 30 rows, 10 shown.
        assert_eq!(scroll(Some(Cmd::Down), 0, 30, 10), Some(1));
        assert_eq!(scroll(Some(Cmd::PageDown), 15, 30, 10), Some(20));
        assert_eq!(scroll(Some(Cmd::Bottom), 0, 30, 10), Some(20));
        assert_eq!(scroll(Some(Cmd::Up), 0, 30, 10), Some(0));
        assert_eq!(scroll(Some(Cmd::Back), 5, 30, 10), None);
        // A key that means nothing keeps the help where it is.
        assert_eq!(scroll(None, 5, 30, 10), Some(5));
        // All fit: nothing scrolls.
        assert_eq!(scroll(Some(Cmd::Down), 0, 5, 10), Some(0));
        assert_eq!(room(24, 40), 21);
        assert_eq!(room(40, 5), 5);
    }
}
