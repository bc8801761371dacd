//! The one single-line text input: the palette, the gallery's name, the
//! form's fields and the list and launcher filters all type through
//! [`LineInput::key`], so a key does the same thing in each: characters go
//! in at the cursor, which moves by grapheme (an emoji or an accented
//! letter is one step), with the readline keys people's fingers know.
//! (The editor's multi-line buffer is [`super::text`].)

use std::fmt;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::key::{Code, Key};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineInput {
    text: String,
    /// Where the next character goes: a byte offset into `text`, always on
    /// a grapheme boundary. (u32 and u16 below keep a list panel, which
    /// holds a filter, small enough to sit unboxed in `Panel`.)
    cursor: u32,
    /// The most chars it takes, if bounded.
    limit: Option<u16>,
}

/// What a key did to a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineEdit {
    /// An editing key (a character, Backspace, C-w, C-u, C-k): the line may
    /// have changed, and whatever depends on it is worked out again.
    Edited,
    /// A key that moves the cursor (←/→, Home/End, C-a/C-e, M-b/M-f): the
    /// text is as it was.
    Moved,
    /// Not a key of the line; the caller may use it.
    Ignored,
}

impl LineEdit {
    /// Whether the line took the key (the caller does nothing more with it).
    pub fn taken(self) -> bool {
        self != LineEdit::Ignored
    }
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
        self.cursor = self.len32();
    }

    pub fn clear(&mut self) {
        self.set(String::new());
    }

    /// The cursor as a byte offset into [`LineInput::text`].
    pub fn cursor(&self) -> usize {
        self.cursor as usize
    }

    /// The keys of a line; anything else is left to the caller.
    pub fn key(&mut self, key: &Key) -> LineEdit {
        let at = self.cursor();
        let moved = |line: &mut LineInput, to: usize| {
            line.cursor = u32::try_from(to).unwrap_or(u32::MAX);
            LineEdit::Moved
        };
        match (key.code, key.ctrl, key.alt) {
            (Code::Left, false, false) => moved(self, self.prev_grapheme(at)),
            (Code::Right, false, false) => moved(self, self.next_grapheme(at)),
            (Code::Left, true, _) | (Code::Char('b'), false, true) => moved(self, self.prev_word(at)),
            (Code::Right, true, _) | (Code::Char('f'), false, true) => moved(self, self.next_word(at)),
            (Code::Home, ..) | (Code::Char('a'), true, false) => moved(self, 0),
            (Code::End, ..) | (Code::Char('e'), true, false) => moved(self, self.text.len()),
            (Code::Backspace, ..) => self.cut(self.prev_grapheme(at), at),
            (Code::Delete, ..) => self.cut(at, self.next_grapheme(at)),
            // C-w takes the word before the cursor as far as whitespace, as
            // the shell does; C-u all before it, C-k all after it.
            (Code::Char('w'), true, false) => self.cut(self.prev_blank_word(at), at),
            (Code::Char('u'), true, false) => self.cut(0, at),
            (Code::Char('k'), true, false) => self.cut(at, self.text.len()),
            (Code::Char(c), false, false) => {
                self.insert(&c.to_string());
                LineEdit::Edited
            }
            _ => LineEdit::Ignored,
        }
    }

    /// Puts `text` in at the cursor, as far as the limit allows: line
    /// breaks and tabs become spaces (a line holds one line), and other
    /// control characters are left out, so nothing typed or pasted can
    /// reach the terminal raw.
    pub fn insert(&mut self, text: &str) {
        let mut room = self.limit.map_or(usize::MAX, |n| {
            usize::from(n).saturating_sub(self.text.chars().count())
        });
        let mut clean = String::new();
        let mut after_cr = false;
        for raw in text.chars() {
            if room == 0 {
                break;
            }
            let c = match raw {
                // "\r\n" is one break.
                '\n' if after_cr => None,
                '\r' | '\n' | '\t' => Some(' '),
                c if c.is_control() => None,
                c => Some(c),
            };
            after_cr = raw == '\r';
            if let Some(c) = c {
                clean.push(c);
                room -= 1;
            }
        }
        let at = self.cursor();
        self.text.insert_str(at, &clean);
        self.cursor = u32::try_from(at + clean.len()).unwrap_or(u32::MAX);
    }

    /// What fits in `width` columns around the cursor, and the cursor's
    /// column in it: the start scrolls off to the left just enough that the
    /// cursor (and so what is being typed) is always in view. A control
    /// character in a stored value is drawn as a visible mark, never raw.
    pub fn view(&self, width: usize) -> (String, usize) {
        if width == 0 {
            return (String::new(), 0);
        }
        let shown: Vec<(usize, String)> = self
            .text
            .grapheme_indices(true)
            .map(|(i, g)| (i, visible(g)))
            .collect();
        let w = |g: &str| g.width();
        let cursor = self.cursor();
        let mut start = 0;
        // The cursor needs one free column of its own after the text before it.
        let mut before: usize = shown
            .iter()
            .take_while(|(i, _)| *i < cursor)
            .map(|(_, g)| w(g))
            .sum();
        while before + 1 > width && start < shown.len() {
            before -= w(&shown[start].1);
            start += 1;
        }
        let mut out = String::new();
        let mut used = 0;
        for (_, g) in &shown[start..] {
            if used + w(g) > width {
                break;
            }
            used += w(g);
            out.push_str(g);
        }
        (out, before)
    }

    fn len32(&self) -> u32 {
        u32::try_from(self.text.len()).unwrap_or(u32::MAX)
    }

    /// Takes out `from..to` (byte offsets on grapheme boundaries); the cursor
    /// lands where the cut was.
    fn cut(&mut self, from: usize, to: usize) -> LineEdit {
        if from < to {
            self.text.replace_range(from..to, "");
        }
        self.cursor = u32::try_from(from).unwrap_or(u32::MAX);
        LineEdit::Edited
    }

    fn prev_grapheme(&self, at: usize) -> usize {
        self.text[..at]
            .grapheme_indices(true)
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    fn next_grapheme(&self, at: usize) -> usize {
        self.text[at..]
            .graphemes(true)
            .next()
            .map_or(self.text.len(), |g| at + g.len())
    }

    /// The start of the word before `at` (letters and digits, as M-b goes).
    fn prev_word(&self, at: usize) -> usize {
        let mut to = at;
        let mut seen_word = false;
        for (i, g) in self.text[..at].grapheme_indices(true).rev() {
            let word = g.chars().any(char::is_alphanumeric);
            if seen_word && !word {
                break;
            }
            seen_word |= word;
            to = i;
        }
        to
    }

    /// The end of the word after `at` (M-f).
    fn next_word(&self, at: usize) -> usize {
        let mut to = at;
        let mut seen_word = false;
        for (i, g) in self.text[at..].grapheme_indices(true) {
            let word = g.chars().any(char::is_alphanumeric);
            if seen_word && !word {
                break;
            }
            seen_word |= word;
            to = at + i + g.len();
        }
        to
    }

    /// The start of the whitespace-separated word before `at` (C-w).
    fn prev_blank_word(&self, at: usize) -> usize {
        let before = &self.text[..at];
        let trimmed = before.trim_end();
        trimmed
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8())
    }
}

/// A grapheme as drawn: a line break or other control character becomes a
/// visible mark of one column.
fn visible(g: &str) -> String {
    if g.chars().any(char::is_control) {
        if g.contains('\n') {
            "⏎".into()
        } else {
            "�".into()
        }
    } else {
        g.to_string()
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

    fn press(line: &mut LineInput, keys: &[Key]) {
        for k in keys {
            line.key(k);
        }
    }

    const LEFT: Key = Key::plain(Code::Left);
    const RIGHT: Key = Key::plain(Code::Right);
    const BKSP: Key = Key::plain(Code::Backspace);

    fn alt(c: char) -> Key {
        Key {
            code: Code::Char(c),
            ctrl: false,
            alt: true,
        }
    }

    /// The text with a `|` where the cursor is.
    fn shown(line: &LineInput) -> String {
        let mut s = line.text().to_string();
        s.insert(line.cursor(), '|');
        s
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
        assert_eq!(line.key(&BKSP), LineEdit::Edited);
        assert_eq!(line.text(), "añ");
        line.key(&BKSP);
        line.key(&BKSP);
        assert!(line.is_empty());
        // Nothing left to take: still an editing key, nothing breaks.
        assert_eq!(line.key(&BKSP), LineEdit::Edited);
        assert!(line.is_empty());
    }

    #[test]
    fn arrows_move_by_grapheme_and_typing_goes_in_at_the_cursor() {
        // "e" with a combining accent and a thumbs-up with a skin tone are
        // one step each.
        let mut line = LineInput::from("ae\u{301}👍🏽z".to_string());
        assert_eq!(line.key(&LEFT), LineEdit::Moved);
        assert_eq!(shown(&line), "ae\u{301}👍🏽|z");
        line.key(&LEFT);
        assert_eq!(shown(&line), "ae\u{301}|👍🏽z");
        line.key(&LEFT);
        assert_eq!(shown(&line), "a|e\u{301}👍🏽z");
        typed(&mut line, "b");
        assert_eq!(shown(&line), "ab|e\u{301}👍🏽z");
        line.key(&RIGHT);
        line.key(&BKSP);
        assert_eq!(shown(&line), "ab|👍🏽z", "Backspace takes the whole é");
        line.key(&Key::plain(Code::Delete));
        assert_eq!(shown(&line), "ab|z", "Delete takes the whole emoji");
        press(&mut line, &[RIGHT, RIGHT, RIGHT]);
        assert_eq!(shown(&line), "abz|", "→ stops at the end");
        press(&mut line, &[LEFT, LEFT, LEFT, LEFT]);
        assert_eq!(shown(&line), "|abz", "← stops at the start");
    }

    #[test]
    fn home_end_and_the_readline_keys() {
        let mut line = LineInput::from("oat milk, 2 litres".to_string());
        line.key(&Key::plain(Code::Home));
        assert_eq!(shown(&line), "|oat milk, 2 litres");
        line.key(&Key::plain(Code::End));
        assert_eq!(shown(&line), "oat milk, 2 litres|");
        line.key(&Key::ctrl('a'));
        assert_eq!(shown(&line), "|oat milk, 2 litres");
        line.key(&Key::ctrl('e'));
        assert_eq!(shown(&line), "oat milk, 2 litres|");
        line.key(&alt('b'));
        assert_eq!(shown(&line), "oat milk, 2 |litres");
        line.key(&alt('b'));
        line.key(&alt('b'));
        assert_eq!(shown(&line), "oat |milk, 2 litres");
        line.key(&alt('f'));
        assert_eq!(shown(&line), "oat milk|, 2 litres");
        line.key(&Key::ctrl('k'));
        assert_eq!(shown(&line), "oat milk|");
        line.key(&Key::ctrl('w'));
        assert_eq!(shown(&line), "oat |");
        typed(&mut line, "cream");
        line.key(&alt('b'));
        line.key(&Key::ctrl('u'));
        assert_eq!(shown(&line), "|cream", "C-u takes what is before the cursor");
        line.key(&Key::ctrl('e'));
        line.key(&Key::ctrl('u'));
        assert!(line.is_empty(), "at the end, C-u empties the line");
    }

    #[test]
    fn ctrl_w_takes_the_word_and_the_blanks_after_it() {
        let mut line = LineInput::from("see /tmp/x  ".to_string());
        line.key(&Key::ctrl('w'));
        assert_eq!(shown(&line), "see |");
        line.key(&Key::ctrl('w'));
        assert_eq!(shown(&line), "|");
    }

    #[test]
    fn other_keys_are_left_to_the_caller() {
        let mut line = LineInput::from("x".to_string());
        for key in [
            Key::plain(Code::Enter),
            Key::plain(Code::Esc),
            Key::plain(Code::Tab),
            Key::plain(Code::Up),
            Key::plain(Code::Down),
            Key::ctrl('r'),
            Key::ctrl('c'),
            alt('x'),
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
        line.key(&BKSP);
        typed(&mut line, "é");
        assert_eq!(line.text(), "abé");
        line.insert("xyz");
        assert_eq!(line.text(), "abé");
    }

    #[test]
    fn set_puts_the_cursor_at_the_end() {
        let mut line = LineInput::new();
        line.set("yes");
        typed(&mut line, "!");
        assert_eq!(line.text(), "yes!");
    }

    #[test]
    fn inserted_text_has_no_control_characters() {
        let mut line = LineInput::from("ab".to_string());
        line.key(&LEFT);
        line.insert("1\r\n2\t3\x1b[31m4\x07\n");
        assert_eq!(shown(&line), "a1 2 3[31m4 |b");
        // A typed control character (a terminal may send one as a char) too.
        line.key(&Key::ch('\x1b'));
        assert_eq!(line.text(), "a1 2 3[31m4 b");
    }

    #[test]
    fn the_view_keeps_the_cursor_in_the_box() {
        let mut line = LineInput::from("a long value typed here".to_string());
        // The end, where typing goes, is visible; the start scrolled off.
        assert_eq!(line.view(10), ("yped here".into(), 9));
        line.key(&Key::plain(Code::Home));
        assert_eq!(line.view(10), ("a long val".into(), 0));
        // A short value is shown whole, the cursor after it.
        let short = LineInput::from("tea".to_string());
        assert_eq!(short.view(10), ("tea".into(), 3));
        // Wide characters count by the columns they take.
        let cups = LineInput::from("☕☕☕☕☕☕".to_string());
        assert_eq!(cups.view(10), ("☕☕☕☕".into(), 8));
        // A line break in a stored value is drawn as a mark, not raw.
        let broken = LineInput::from("two\nlines".to_string());
        assert_eq!(broken.view(20), ("two⏎lines".into(), 9));
    }
}
