//! The apps folder's sync state, from `git status --porcelain=v2 --branch`
//! plus nook's own notes (conflicts waiting for a choice, the last sync).

use crate::model::now::ago;

/// What the launcher's header and `nook sync --status` show.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Status {
    /// The apps folder is a git repository.
    pub repo: bool,
    /// A remote is connected.
    pub remote: bool,
    /// Files changed since the last commit (added, edited, removed).
    pub changed: usize,
    /// Commits not pushed / not pulled yet, as of the last fetch.
    pub ahead: u32,
    pub behind: u32,
    /// Apps (file stems) changed on both sides, waiting for a choice.
    pub conflicts: Vec<String>,
    /// When the last sync finished, in ms since the epoch.
    pub last_sync_ms: Option<i64>,
}

impl Status {
    /// Reads the porcelain v2 output into changed/ahead/behind.
    pub fn parse_porcelain(&mut self, text: &str) {
        for line in text.lines() {
            if let Some(ab) = line.strip_prefix("# branch.ab ") {
                let mut it = ab.split(' ');
                self.ahead = it
                    .next()
                    .and_then(|a| a.trim_start_matches('+').parse().ok())
                    .unwrap_or(0);
                self.behind = it
                    .next()
                    .and_then(|b| b.trim_start_matches('-').parse().ok())
                    .unwrap_or(0);
            } else if line.starts_with("# branch.upstream ") {
                self.remote = true;
            } else if line.starts_with(['1', '2', 'u', '?']) {
                self.changed += 1;
            }
        }
    }

    /// The short text of the header: "not synced", "3 changed · 1 behind",
    /// "conflict: books", "clean · synced 5 min ago". `now_ms` for the age.
    pub fn label(&self, now_ms: i64) -> String {
        if !self.repo {
            return "not synced".into();
        }
        if !self.conflicts.is_empty() {
            return format!("conflict: {}", self.conflicts.join(", "));
        }
        let mut parts = Vec::new();
        if self.changed > 0 {
            parts.push(format!("{} changed", self.changed));
        }
        if self.ahead > 0 {
            parts.push(format!("{} ahead", self.ahead));
        }
        if self.behind > 0 {
            parts.push(format!("{} behind", self.behind));
        }
        if parts.is_empty() {
            parts.push("clean".into());
        }
        match self.last_sync_ms {
            _ if !self.remote => parts.push("no remote".into()),
            Some(ms) => parts.push(format!("synced {}", ago(now_ms - ms))),
            None => parts.push("never synced".into()),
        }
        parts.join(" · ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_porcelain_v2() {
        let mut s = Status {
            repo: true,
            ..Status::default()
        };
        s.parse_porcelain(
            "# branch.oid abc\n# branch.head main\n# branch.upstream origin/main\n# branch.ab +2 -1\n\
             1 .M N... 100644 100644 100644 a b books.ron\n? water.ron\n",
        );
        assert_eq!((s.remote, s.changed, s.ahead, s.behind), (true, 2, 2, 1));
        assert_eq!(s.label(0), "2 changed · 2 ahead · 1 behind · never synced");
        s.last_sync_ms = Some(0);
        s.changed = 0;
        s.ahead = 0;
        s.behind = 0;
        assert_eq!(s.label(5 * 60_000), "clean · synced 5 min ago");
        assert_eq!(Status::default().label(0), "not synced");
    }
}
