//! The launcher's own state: selection and the filter being typed.

use super::AppEntry;
use super::fuzzy;
use super::key::{Code, Key};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Launcher {
    /// Index into the visible (filtered) rows.
    pub selected: usize,
    pub filter: String,
    /// Typing into the filter.
    pub filtering: bool,
}

impl Launcher {
    pub fn clamp(&mut self, n: usize) {
        self.selected = self.selected.min(n.saturating_sub(1));
    }

    /// A key while typing the filter: Enter keeps it, Esc clears it.
    pub fn filter_key(&mut self, key: Key) {
        match key.code {
            Code::Enter | Code::Down | Code::Up => self.filtering = false,
            Code::Esc => {
                self.filtering = false;
                self.filter.clear();
            }
            Code::Backspace => {
                self.filter.pop();
            }
            Code::Char(c) if !key.ctrl => self.filter.push(c),
            _ => {}
        }
    }
}

/// Rows matching `filter` on name, id and tags (best first), or all in order.
pub fn visible(entries: &[AppEntry], filter: &str) -> Vec<usize> {
    if filter.is_empty() {
        return (0..entries.len()).collect();
    }
    let mut scored: Vec<(i64, usize)> = entries
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let texts: Vec<&str> = match &e.spec {
                Ok(s) => std::iter::once(s.name.as_str())
                    .chain(std::iter::once(s.id.as_str()))
                    .chain(s.tags.iter().map(String::as_str))
                    .collect(),
                Err(_) => vec![e.file.as_str()],
            };
            fuzzy::best(filter, texts).map(|s| (s, i))
        })
        .collect();
    scored.sort_by_key(|(s, i)| (-s, *i));
    scored.into_iter().map(|(_, i)| i).collect()
}
