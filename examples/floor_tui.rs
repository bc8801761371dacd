//! The floor `benches/e2e.rs` measures nook's TUI against: the least a
//! ratatui program does to show a frame and answer a key. It sets up the
//! terminal the way `ratatui::init` does (raw mode, alternate screen, a
//! crossterm backend on stdout), draws one line and a footer ending in
//! "q quit", counts the keys pressed and redraws after each, and quits on
//! `q`. Nothing is read from disk: what is left is process start, terminal
//! set-up, one draw and one key read.
//!
//! ```sh
//! cargo run --release --example floor_tui
//! ```

use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind};
use ratatui::layout::{Constraint, Layout};
use ratatui::widgets::Paragraph;

fn main() -> std::io::Result<()> {
    let mut terminal = ratatui::init();
    let mut keys: u64 = 0;
    let result = loop {
        let drawn = terminal.draw(|frame| {
            let [body, footer] =
                Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(frame.area());
            frame.render_widget(Paragraph::new(format!("floor: {keys} keys")), body);
            frame.render_widget(Paragraph::new("any key counts · q quit"), footer);
        });
        if let Err(e) = drawn {
            break Err(e);
        }
        match event::read() {
            Ok(Event::Key(k)) if k.kind == KeyEventKind::Press => {
                if k.code == KeyCode::Char('q') {
                    break Ok(());
                }
                keys += 1;
            }
            Ok(_) => {}
            Err(e) => break Err(e),
        }
    };
    ratatui::restore();
    result
}
