//! The picker over a form's Link field: the other app's items, found by a
//! fuzzy search as you type. Enter chooses (on a `many` link it ticks or
//! unticks, and the picker stays), Esc leaves. Its keys are the command
//! table's `Picker` context; what they leave alone edits the search.

use super::command::{self, Cmd, Context};
use super::fuzzy;
use super::key::Key;
use super::line::LineInput;

/// How many candidates the picker shows at once.
pub const ROWS: usize = 8;

#[derive(Clone, Debug, PartialEq)]
pub struct Picker {
    /// The form field it picks for (an index into the form's fields).
    pub field: usize,
    pub query: LineInput,
    /// Position in [`Picker::matches`].
    pub cursor: usize,
    pub many: bool,
}

/// What a key in the picker did.
pub enum Picked {
    Continue,
    /// Enter on a candidate: its id.
    Chose(String),
    Leave,
}

impl Picker {
    pub fn new(field: usize, many: bool, typed: &str) -> Picker {
        Picker {
            field,
            query: typed.to_string().into(),
            cursor: 0,
            many,
        }
    }

    /// The candidates (id, title) that match the search, best first.
    pub fn matches<'a>(&self, choices: &'a [(String, String)]) -> Vec<&'a (String, String)> {
        let q = self.query.text();
        let mut scored: Vec<(i64, usize, &(String, String))> = choices
            .iter()
            .enumerate()
            .filter_map(|(i, c)| fuzzy::score(q, &c.1).map(|s| (s, i, c)))
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.into_iter().map(|(_, _, c)| c).collect()
    }

    pub fn key(&mut self, key: Key, choices: &[(String, String)]) -> Picked {
        let n = self.matches(choices).len();
        match command::lookup(Context::Picker, key) {
            Some(Cmd::Up) => self.cursor = self.cursor.saturating_sub(1),
            Some(Cmd::Down) => self.cursor = (self.cursor + 1).min(n.saturating_sub(1)),
            Some(Cmd::Submit) => {
                return match self.matches(choices).get(self.cursor) {
                    Some((id, _)) => Picked::Chose(id.clone()),
                    None => Picked::Continue,
                };
            }
            Some(Cmd::Back) => return Picked::Leave,
            _ => {
                self.query.key(&key);
                self.cursor = 0;
            }
        }
        Picked::Continue
    }

    /// Pasted text searches.
    pub fn paste(&mut self, text: &str) {
        self.query.insert(text.lines().next().unwrap_or_default());
        self.cursor = 0;
    }
}
