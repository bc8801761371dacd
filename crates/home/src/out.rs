//! What nook prints for people on stdout and stderr.
//!
//! Names, units, phases and items come from specs and data that may arrive
//! through sync, and text can hold escape sequences: a clipboard write
//! (OSC 52), a window title, a screen clear. Every line for people goes
//! through [`clean`], which drops control characters the way the TUI's
//! drawing does (ratatui skips any character that `char::is_control`
//! matches), keeping only the line breaks nook writes itself. JSON is
//! written exactly: its escaping already keeps control characters off the
//! terminal. Exports are exact when redirected and cleaned on a terminal.

#![expect(
    clippy::disallowed_methods,
    reason = "the one place that writes lines for people to stdout and stderr"
)]

use std::borrow::Cow;
use std::io::{IsTerminal, Write};

/// `s` without C0 or C1 control characters (ESC, BEL, CR, DEL, CSI, ...),
/// newlines kept.
pub fn clean(s: &str) -> Cow<'_, str> {
    let bad = |c: char| c.is_control() && c != '\n';
    if s.contains(bad) {
        Cow::Owned(s.chars().filter(|&c| !bad(c)).collect())
    } else {
        Cow::Borrowed(s)
    }
}

/// Whether nook talks to a person at a terminal (stdin and stdout both), so
/// the TUI can start.
pub fn at_terminal() -> bool {
    std::io::stdout().is_terminal() && std::io::stdin().is_terminal()
}

/// A line on stdout. A closed pipe (`nook ls | head -1`) is not an error.
pub fn say(line: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{}", clean(line));
}

/// A line on stderr.
pub fn tell(line: &str) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{}", clean(line));
}

/// A question on stderr, the answer typed after it on the same line.
pub fn ask(question: &str) {
    let mut err = std::io::stderr().lock();
    let _ = write!(err, "{} ", clean(question));
    let _ = err.flush();
}

/// JSON for scripts, exactly as serialised.
pub fn json(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{text}");
}

/// Exported data: byte for byte into a file or a pipe, cleaned when it
/// would land on a terminal.
pub fn data(text: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    let text = if out.is_terminal() {
        clean(text)
    } else {
        Cow::Borrowed(text)
    };
    out.write_all(text.as_bytes())?;
    out.flush()
}

/// `println!` for people: the line goes through [`clean`].
#[macro_export]
macro_rules! say {
    ($($arg:tt)*) => { $crate::out::say(&format!($($arg)*)) };
}

/// `eprintln!` for people: the line goes through [`clean`].
#[macro_export]
macro_rules! tell {
    ($($arg:tt)*) => { $crate::out::tell(&format!($($arg)*)) };
}

#[cfg(test)]
mod tests {
    use super::clean;

    #[test]
    fn clean_drops_escape_sequences_introducers_and_keeps_text() {
        let evil = "a\u{1b}]52;c;aGk=\u{7}b\u{1b}[2J\rc\u{9b}2J\u{7f}\td\ne";
        assert_eq!(clean(evil), "a]52;c;aGk=b[2Jc2Jd\ne");
        assert_eq!(clean("Wasser 💧 界 é"), "Wasser 💧 界 é");
    }
}
