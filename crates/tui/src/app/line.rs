//! The one single-line text input: the palette, the gallery's name, the
//! form's fields and the list and launcher filters all type through
//! [`LineInput::key`], so a typed character goes to the same place in each.
//! (The editor's multi-line buffer is [`super::text`].)

use std::fmt;

use super::key::{Code, Key};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineInput {
    text: String,
    /// Where the next character goes, in chars; no key moves it yet, so it
    /// stays at the end. (u32 and u16 below keep a list panel, which holds
    /// a filter, small enough to sit unboxed in `Panel`.)
    cursor: u32,
    /// The most chars it takes, if bounded.
    limit: Option<u16>,
}

/// What a key did to a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineEdit {
    /// An editing key (a character, Backspace, C-u): the line may have
    /// changed, and whatever depends on it is worked out again.
    Edited,
    /// Not a key of the line; the caller may use it.
    Ignored,
}

impl LineInput {
    pub fn new() -> LineInput {
        LineInput::default()
    }

    /// An empty line that takes at most `limit` chars.
    pub fn with_limit(limit: u16) -> LineInput {
        LineInput {
            limit: Some(limit),
            ..LineInput::default()
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Replaces the text, the cursor at its end.
    pub fn set(&mut self, text: impl Into<String>) {
        self.text = text.into();
        self.cursor = u32::try_from(self.text.chars().count()).unwrap_or(u32::MAX);
    }

    pub fn clear(&mut self) {
        self.set(String::new());
    }

    /// Printable characters go in at the cursor, Backspace takes the one
    /// before it, C-u empties the line; anything else is left to the caller.
    pub fn key(&mut self, key: &Key) -> LineEdit {
        match key.code {
            Code::Backspace => {
                if self.cursor > 0 {
                    self.cursor -= 1;
                    let at = self.byte_at(self.cursor);
                    self.text.remove(at);
                }
                LineEdit::Edited
            }
            Code::Char('u') if key.ctrl => {
                self.clear();
                LineEdit::Edited
            }
            Code::Char(c) if !key.ctrl => {
                if self
                    .limit
                    .is_none_or(|n| self.text.chars().count() < usize::from(n))
                {
                    let at = self.byte_at(self.cursor);
                    self.text.insert(at, c);
                    self.cursor = self.cursor.saturating_add(1);
                }
                LineEdit::Edited
            }
            _ => LineEdit::Ignored,
        }
    }

    fn byte_at(&self, chars: u32) -> usize {
        self.text
            .char_indices()
            .nth(chars as usize)
            .map_or(self.text.len(), |(i, _)| i)
    }
}

impl From<String> for LineInput {
    fn from(text: String) -> LineInput {
        let mut line = LineInput::new();
        line.set(text);
        line
    }
}

impl fmt::Display for LineInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(line: &mut LineInput, s: &str) {
        for c in s.chars() {
            assert_eq!(line.key(&Key::ch(c)), LineEdit::Edited);
        }
    }

    #[test]
    fn characters_go_in_at_the_end() {
        let mut line = LineInput::new();
        typed(&mut line, "héllo wörld");
        assert_eq!(line.text(), "héllo wörld");
        assert_eq!(line.to_string(), "héllo wörld");
    }

    #[test]
    fn backspace_takes_the_last_char_even_when_wide() {
        let mut line = LineInput::from("añ☕".to_string());
        assert_eq!(line.key(&Key::plain(Code::Backspace)), LineEdit::Edited);
        assert_eq!(line.text(), "añ");
        line.key(&Key::plain(Code::Backspace));
        line.key(&Key::plain(Code::Backspace));
        assert!(line.is_empty());
        // Nothing left to take: still an editing key, nothing breaks.
        assert_eq!(line.key(&Key::plain(Code::Backspace)), LineEdit::Edited);
        assert!(line.is_empty());
    }

    #[test]
    fn ctrl_u_empties_the_line() {
        let mut line = LineInput::from("some text".to_string());
        assert_eq!(line.key(&Key::ctrl('u')), LineEdit::Edited);
        assert!(line.is_empty());
        typed(&mut line, "ab");
        assert_eq!(line.text(), "ab");
    }

    #[test]
    fn other_keys_are_left_to_the_caller() {
        let mut line = LineInput::from("x".to_string());
        for key in [
            Key::plain(Code::Enter),
            Key::plain(Code::Esc),
            Key::plain(Code::Tab),
            Key::plain(Code::Up),
            Key::plain(Code::Left),
            Key::ctrl('a'),
        ] {
            assert_eq!(line.key(&key), LineEdit::Ignored, "{key:?}");
        }
        assert_eq!(line.text(), "x");
    }

    #[test]
    fn a_limit_stops_typing_but_not_backspace() {
        let mut line = LineInput::with_limit(3);
        typed(&mut line, "abcd");
        assert_eq!(line.text(), "abc");
        line.key(&Key::plain(Code::Backspace));
        typed(&mut line, "é");
        assert_eq!(line.text(), "abé");
    }

    #[test]
    fn set_puts_the_cursor_at_the_end() {
        let mut line = LineInput::new();
        line.set("yes");
        typed(&mut line, "!");
        assert_eq!(line.text(), "yes!");
    }
}
