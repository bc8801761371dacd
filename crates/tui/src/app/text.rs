//! A multi-line text being edited: lines, a cursor, and undo/redo. Pure; the
//! spec editor wraps it. Columns count characters, not bytes.

use super::key::{Code, Key};

#[derive(Clone, Debug, PartialEq)]
struct Snapshot {
    lines: Vec<String>,
    row: usize,
    col: usize,
}

/// What the last change was, so a run of typed characters undoes as one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Run {
    None,
    Typing,
    Deleting,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TextBuffer {
    pub lines: Vec<String>,
    pub row: usize,
    pub col: usize,
    /// The column up/down moves aim for, kept across short lines.
    want_col: usize,
    /// The first line shown.
    pub top: usize,
    undo: Vec<Snapshot>,
    redo: Vec<Snapshot>,
    run: Run,
    /// Counts changes, so callers can tell whether a key changed the text.
    pub version: u64,
    /// The file's lines end in CR LF: saved the same way.
    crlf: bool,
}

/// How many steps undo keeps.
const UNDO_DEPTH: usize = 500;

fn char_to_byte(s: &str, col: usize) -> usize {
    s.char_indices().nth(col).map_or(s.len(), |(i, _)| i)
}

fn len(s: &str) -> usize {
    s.chars().count()
}

impl TextBuffer {
    pub fn new(text: &str) -> TextBuffer {
        let crlf = text.contains("\r\n");
        let mut lines: Vec<String> = text
            .split('\n')
            .map(|l| l.trim_end_matches('\r').to_string())
            .collect();
        if lines.is_empty() {
            lines.push(String::new());
        }
        TextBuffer {
            lines,
            row: 0,
            col: 0,
            want_col: 0,
            top: 0,
            undo: Vec::new(),
            redo: Vec::new(),
            run: Run::None,
            version: 0,
            crlf,
        }
    }

    /// The text as it would be saved.
    pub fn text(&self) -> String {
        self.lines.join(if self.crlf { "\r\n" } else { "\n" })
    }

    fn line(&self) -> &str {
        &self.lines[self.row]
    }

    fn snapshot(&self) -> Snapshot {
        Snapshot {
            lines: self.lines.clone(),
            row: self.row,
            col: self.col,
        }
    }

    /// Records the state before a change; a run of one kind records once.
    fn remember(&mut self, run: Run) {
        if run == Run::None || run != self.run {
            self.undo.push(self.snapshot());
            if self.undo.len() > UNDO_DEPTH {
                self.undo.remove(0);
            }
        }
        self.redo.clear();
        self.run = run;
        self.version += 1;
    }

    fn restore(&mut self, s: Snapshot) {
        self.lines = s.lines;
        self.row = s.row.min(self.lines.len() - 1);
        self.col = s.col.min(len(self.line()));
        self.want_col = self.col;
        self.run = Run::None;
        self.version += 1;
    }

    /// The whole text replaced, as one undo step; the cursor stays on its
    /// line where the text still has it.
    pub fn replace_all(&mut self, text: &str) {
        self.remember(Run::None);
        self.lines = text
            .split('\n')
            .map(|l| l.trim_end_matches('\r').to_string())
            .collect();
        if self.lines.is_empty() {
            self.lines.push(String::new());
        }
        self.row = self.row.min(self.lines.len() - 1);
        self.col = self.col.min(len(self.line()));
        self.want_col = self.col;
        self.run = Run::None;
    }

    pub fn undo(&mut self) -> bool {
        let Some(s) = self.undo.pop() else { return false };
        self.redo.push(self.snapshot());
        self.restore(s);
        true
    }

    pub fn redo(&mut self) -> bool {
        let Some(s) = self.redo.pop() else { return false };
        self.undo.push(self.snapshot());
        self.restore(s);
        true
    }

    pub fn insert_char(&mut self, c: char) {
        // A word typed after a space undoes separately from the one before.
        let after_space = self.col > 0
            && self
                .line()
                .chars()
                .nth(self.col - 1)
                .is_some_and(char::is_whitespace);
        let new_word = after_space && !c.is_whitespace();
        if new_word {
            self.run = Run::None;
        }
        self.remember(Run::Typing);
        let at = char_to_byte(self.line(), self.col);
        self.lines[self.row].insert(at, c);
        self.col += 1;
        self.want_col = self.col;
    }

    pub fn insert_str(&mut self, s: &str) {
        for c in s.chars() {
            if c == '\n' {
                self.newline();
            } else {
                self.insert_char(c);
            }
        }
    }

    /// Pasted text, as one undo step: its lines as they are (no indentation
    /// carried over, which would indent a pasted block twice); control
    /// characters other than line breaks and tabs are left out.
    pub fn paste(&mut self, s: &str) {
        self.remember(Run::None);
        let s = s.replace("\r\n", "\n").replace('\r', "\n");
        for c in s.chars() {
            match c {
                '\n' => {
                    let at = char_to_byte(self.line(), self.col);
                    let rest = self.lines[self.row].split_off(at);
                    self.row += 1;
                    self.col = 0;
                    self.lines.insert(self.row, rest);
                }
                c if c.is_control() && c != '\t' => {}
                c => {
                    let at = char_to_byte(self.line(), self.col);
                    self.lines[self.row].insert(at, c);
                    self.col += 1;
                }
            }
        }
        self.want_col = self.col;
        self.version += 1;
    }

    /// Splits the line, carrying its indentation to the new one.
    pub fn newline(&mut self) {
        self.remember(Run::None);
        let at = char_to_byte(self.line(), self.col);
        let rest = self.lines[self.row].split_off(at);
        let indent: String = self
            .line()
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .collect();
        self.row += 1;
        self.col = len(&indent);
        self.want_col = self.col;
        self.lines.insert(self.row, indent + rest.trim_start());
    }

    pub fn backspace(&mut self) {
        if self.col > 0 {
            self.remember(Run::Deleting);
            let at = char_to_byte(self.line(), self.col - 1);
            self.lines[self.row].remove(at);
            self.col -= 1;
        } else if self.row > 0 {
            self.remember(Run::None);
            let line = self.lines.remove(self.row);
            self.row -= 1;
            self.col = len(self.line());
            self.lines[self.row].push_str(&line);
        }
        self.want_col = self.col;
    }

    pub fn delete(&mut self) {
        if self.col < len(self.line()) {
            self.remember(Run::Deleting);
            let at = char_to_byte(self.line(), self.col);
            self.lines[self.row].remove(at);
        } else if self.row + 1 < self.lines.len() {
            self.remember(Run::None);
            let next = self.lines.remove(self.row + 1);
            self.lines[self.row].push_str(&next);
        }
    }

    /// Removes the cursor's line.
    pub fn delete_line(&mut self) {
        self.remember(Run::None);
        if self.lines.len() == 1 {
            self.lines[0].clear();
        } else {
            self.lines.remove(self.row);
            self.row = self.row.min(self.lines.len() - 1);
        }
        self.col = self.want_col.min(len(self.line()));
    }

    fn vertical(&mut self, rows: isize) {
        let last = self.lines.len() as isize - 1;
        self.row = (self.row as isize + rows).clamp(0, last) as usize;
        self.col = self.want_col.min(len(self.line()));
        self.run = Run::None;
    }

    fn set_col(&mut self, col: usize) {
        self.col = col;
        self.want_col = col;
        self.run = Run::None;
    }

    fn word_left(&mut self) {
        if self.col == 0 {
            if self.row > 0 {
                self.row -= 1;
                self.set_col(len(self.line()));
            }
            return;
        }
        let chars: Vec<char> = self.line().chars().collect();
        let mut c = self.col;
        while c > 0 && !chars[c - 1].is_alphanumeric() {
            c -= 1;
        }
        while c > 0 && chars[c - 1].is_alphanumeric() {
            c -= 1;
        }
        self.set_col(c);
    }

    fn word_right(&mut self) {
        let chars: Vec<char> = self.line().chars().collect();
        if self.col >= chars.len() {
            if self.row + 1 < self.lines.len() {
                self.row += 1;
                self.set_col(0);
            }
            return;
        }
        let mut c = self.col;
        while c < chars.len() && chars[c].is_alphanumeric() {
            c += 1;
        }
        while c < chars.len() && !chars[c].is_alphanumeric() {
            c += 1;
        }
        self.set_col(c);
    }

    /// Moves the cursor to a 1-based line and column (a diagnostic's place).
    pub fn go_to(&mut self, line: usize, col: usize) {
        self.row = line.saturating_sub(1).min(self.lines.len() - 1);
        self.set_col(col.saturating_sub(1).min(len(self.line())));
    }

    /// An editing key; `page` is the number of lines shown. Returns whether
    /// the text changed.
    pub fn key(&mut self, key: Key, page: usize) -> bool {
        let before = self.version;
        match (key.code, key.ctrl, key.alt) {
            (Code::Char(c), false, false) => self.insert_char(c),
            (Code::Tab, _, _) => self.insert_str("    "),
            (Code::Enter, _, _) => self.newline(),
            (Code::Backspace, _, _) | (Code::Char('h'), true, _) => self.backspace(),
            (Code::Delete, _, _) | (Code::Char('d'), true, _) => self.delete(),
            (Code::Char('k'), true, _) => self.delete_line(),
            (Code::Char('z'), true, _) => {
                self.undo();
            }
            (Code::Char('y'), true, _) => {
                self.redo();
            }
            (Code::Left, true, _) | (Code::Char('b'), false, true) => self.word_left(),
            (Code::Right, true, _) | (Code::Char('f'), false, true) => self.word_right(),
            (Code::Left, ..) => {
                if self.col > 0 {
                    self.set_col(self.col - 1);
                } else if self.row > 0 {
                    self.row -= 1;
                    self.set_col(len(self.line()));
                }
            }
            (Code::Right, ..) => {
                if self.col < len(self.line()) {
                    self.set_col(self.col + 1);
                } else if self.row + 1 < self.lines.len() {
                    self.row += 1;
                    self.set_col(0);
                }
            }
            (Code::Up, ..) => self.vertical(-1),
            (Code::Down, ..) => self.vertical(1),
            (Code::PageUp, ..) => self.vertical(-(page.max(1) as isize)),
            (Code::PageDown, ..) => self.vertical(page.max(1) as isize),
            (Code::Home, true, _) => {
                self.row = 0;
                self.set_col(0);
            }
            (Code::End, true, _) => {
                self.row = self.lines.len() - 1;
                self.set_col(len(self.line()));
            }
            (Code::Home, ..) | (Code::Char('a'), true, _) => {
                // First to the indentation, then to the line's start.
                let indent = self.line().chars().take_while(|c| c.is_whitespace()).count();
                self.set_col(if self.col == indent { 0 } else { indent });
            }
            (Code::End, ..) | (Code::Char('e'), true, _) => self.set_col(len(self.line())),
            _ => {}
        }
        self.version != before
    }

    /// Scrolls so the cursor is among the `height` lines shown.
    pub fn scroll_to_cursor(&mut self, height: usize) {
        let height = height.max(1);
        if self.row < self.top {
            self.top = self.row;
        } else if self.row >= self.top + height {
            self.top = self.row + 1 - height;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(b: &mut TextBuffer, s: &str) {
        for c in s.chars() {
            b.key(Key::ch(c), 10);
        }
    }

    #[test]
    fn typing_moving_and_deleting() {
        let mut b = TextBuffer::new("List(\n    name: \"A\",\n)");
        b.key(Key::plain(Code::Down), 10);
        b.key(Key::plain(Code::End), 10);
        b.key(Key::plain(Code::Enter), 10);
        typed(&mut b, "id: \"é\",");
        assert_eq!(b.text(), "List(\n    name: \"A\",\n    id: \"é\",\n)");
        b.key(Key::plain(Code::Backspace), 10);
        b.key(Key::plain(Code::Left), 10);
        b.key(Key::plain(Code::Delete), 10);
        assert_eq!(b.lines[2], "    id: \"é");
        // Joining lines.
        b.key(Key::plain(Code::Home), 10);
        b.key(Key::plain(Code::Home), 10);
        b.key(Key::plain(Code::Backspace), 10);
        assert_eq!(b.lines[1], "    name: \"A\",    id: \"é");
    }

    #[test]
    fn a_typed_word_undoes_at_once_and_redoes() {
        let mut b = TextBuffer::new("x");
        b.key(Key::plain(Code::End), 10);
        typed(&mut b, "abc def");
        assert_eq!(b.text(), "xabc def");
        assert!(b.key(Key::ctrl('z'), 10));
        assert_eq!(b.text(), "xabc ");
        b.key(Key::ctrl('z'), 10);
        assert_eq!(b.text(), "x");
        assert!(!b.key(Key::ctrl('z'), 10), "nothing more to undo");
        b.key(Key::ctrl('y'), 10);
        assert_eq!(b.text(), "xabc ");
        // A new change drops what could be redone.
        typed(&mut b, "!");
        assert!(!b.key(Key::ctrl('y'), 10));
        assert_eq!(b.text(), "xabc !");
    }

    #[test]
    fn up_and_down_keep_the_column_across_short_lines() {
        let mut b = TextBuffer::new("long line\n\nanother one");
        b.key(Key::plain(Code::End), 10);
        b.key(Key::plain(Code::Down), 10);
        assert_eq!((b.row, b.col), (1, 0));
        b.key(Key::plain(Code::Down), 10);
        assert_eq!((b.row, b.col), (2, 9));
        b.key(Key::plain(Code::PageUp), 10);
        assert_eq!((b.row, b.col), (0, 9));
    }

    #[test]
    fn line_endings_stay_as_they_were() {
        let text = "List(\r\n    name: \"A\",\r\n)\r\n";
        let mut b = TextBuffer::new(text);
        assert_eq!(b.text(), text, "unchanged text is the same bytes");
        b.key(Key::plain(Code::Down), 10);
        b.key(Key::plain(Code::End), 10);
        b.key(Key::plain(Code::Enter), 10);
        assert_eq!(b.text(), "List(\r\n    name: \"A\",\r\n    \r\n)\r\n");
    }

    #[test]
    fn scrolling_follows_the_cursor() {
        let mut b = TextBuffer::new(&"x\n".repeat(50));
        b.go_to(40, 1);
        b.scroll_to_cursor(10);
        assert_eq!(b.top, 30);
        b.go_to(5, 1);
        b.scroll_to_cursor(10);
        assert_eq!(b.top, 4);
    }

    #[test]
    fn a_paste_keeps_its_own_indentation_and_undoes_in_one_step() {
        let mut b = TextBuffer::new("List(\n    fields: {\n");
        b.go_to(2, 14);
        b.insert_char(' ');
        let before = b.text();
        b.paste("\r\n        \"a\": Text,\n        \"b\": Bool,\x1b");
        assert_eq!(
            b.text(),
            "List(\n    fields: { \n        \"a\": Text,\n        \"b\": Bool,\n"
        );
        b.undo();
        assert_eq!(b.text(), before);
    }
}
