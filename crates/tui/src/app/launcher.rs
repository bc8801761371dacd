//! The launcher's own state: selection and the filter being typed.

use std::collections::HashMap;

use super::AppEntry;
use super::archive::ArchiveView;
use super::fuzzy;
use super::key::{Code, Key};
use super::line::LineInput;
use crate::overview::Overview;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Launcher {
    /// Index into the visible (filtered) rows.
    pub selected: usize,
    pub filter: LineInput,
    /// Typing into the filter.
    pub filtering: bool,
    pub sort: Sort,
    /// The archive view, when shown instead of the apps.
    pub archive: Option<ArchiveView>,
    /// The agenda, when shown instead of the apps.
    pub agenda: Option<super::agenda::AgendaView>,
    /// The file archived last with `d`, for `u`.
    pub last_archived: Option<String>,
}

/// The order of the launcher's apps.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    /// By file name, as the apps folder lists them.
    #[default]
    Name,
    /// Most recently opened first; never opened last.
    LastUsed,
}

impl Sort {
    pub fn word(self) -> &'static str {
        match self {
            Sort::Name => "name",
            Sort::LastUsed => "last used",
        }
    }

    pub fn from_word(w: &str) -> Sort {
        if w == "last used" {
            Sort::LastUsed
        } else {
            Sort::Name
        }
    }
}

impl Launcher {
    /// The next order (`s`), from the top of the list.
    pub fn cycle_sort(&mut self) -> Sort {
        self.sort = match self.sort {
            Sort::Name => Sort::LastUsed,
            Sort::LastUsed => Sort::Name,
        };
        self.selected = 0;
        self.sort
    }

    /// Rows to show: the filter's best matches, else every app in the
    /// chosen order, a group's apps together.
    pub fn rows(&self, entries: &[AppEntry], overviews: &HashMap<String, Overview>) -> Vec<usize> {
        let mut rows = visible(entries, self.filter.text());
        if self.filter.is_empty() {
            if self.sort == Sort::LastUsed {
                let last = |i: &usize| {
                    entries[*i]
                        .id()
                        .and_then(|id| overviews.get(id))
                        .and_then(|o| o.last_opened)
                };
                rows.sort_by_key(|i| std::cmp::Reverse(last(i)));
            }
            let groups: Vec<Option<&str>> = rows.iter().map(|&i| group_of(&entries[i])).collect();
            rows = crate::overview::app_group::gather(&groups)
                .into_iter()
                .map(|k| rows[k])
                .collect();
        }
        rows
    }

    /// The launcher's lines over `rows` (from [`Launcher::rows`]): a header
    /// before each group's apps while no filter is typed, and every app.
    pub fn lines(&self, entries: &[AppEntry], rows: &[usize]) -> Vec<LauncherLine> {
        let mut out = Vec::with_capacity(rows.len());
        let mut last: Option<&str> = None;
        for (r, &i) in rows.iter().enumerate() {
            let g = group_of(&entries[i]);
            if self.filter.is_empty() && g.is_some() && g != last {
                out.push(LauncherLine::Head(r));
            }
            last = g;
            out.push(LauncherLine::App(r));
        }
        out
    }

    pub fn clamp(&mut self, n: usize) {
        self.selected = self.selected.min(n.saturating_sub(1));
    }

    /// A key while typing the filter: Enter means open the top match (the
    /// filter is kept, and `/` edits it again), Esc clears it, ↑/↓ keep it
    /// and go to the rows; a changed filter starts again at the top.
    pub fn filter_key(&mut self, key: Key) -> FilterOut {
        let before = self.filter.text().len();
        let mut out = FilterOut::Typing;
        if !self.filter.key(&key).taken() {
            match key.code {
                Code::Enter => {
                    self.filtering = false;
                    out = FilterOut::Open;
                }
                Code::Down | Code::Up => self.filtering = false,
                Code::Esc => {
                    self.filtering = false;
                    self.filter.clear();
                }
                _ => {}
            }
        }
        // Typing only adds or takes away, so a changed text has a changed length.
        if self.filter.text().len() != before {
            self.selected = 0;
        }
        out
    }
}

/// One line of the launcher's list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LauncherLine {
    /// The header of the group of the app in row `.0`.
    Head(usize),
    /// Row `.0` of the visible rows: an app.
    App(usize),
}

/// The spec's `group:`, for an app that reads.
pub fn group_of(e: &AppEntry) -> Option<&str> {
    e.spec.as_ref().ok().and_then(|s| s.group.as_deref())
}

/// What a key in the launcher's filter asks of the App.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilterOut {
    Typing,
    /// Open the selected match.
    Open,
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
                    .chain(s.group.as_deref())
                    .collect(),
                Err(_) => vec![e.file.as_str()],
            };
            fuzzy::best(filter, texts).map(|s| (s, i))
        })
        .collect();
    scored.sort_by_key(|(s, i)| (-s, *i));
    scored.into_iter().map(|(_, i)| i).collect()
}
