//! nook's own sync notes, kept inside `.git/` so they are never committed:
//! the conflicts waiting for a choice, and when the last sync finished.

use super::error::{SyncError, file};
use super::git::Git;

/// What to do with an app both sides changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    /// Keep this machine's version.
    Mine,
    /// Take the remote's version.
    Theirs,
    /// Keep mine, and save theirs beside it as a new app.
    Both,
}

impl Choice {
    pub fn word(self) -> &'static str {
        match self {
            Choice::Mine => "mine",
            Choice::Theirs => "theirs",
            Choice::Both => "both",
        }
    }

    fn from_word(w: &str) -> Option<Choice> {
        [Choice::Mine, Choice::Theirs, Choice::Both]
            .into_iter()
            .find(|c| c.word() == w)
    }
}

/// Spec files (names in the apps folder) in conflict, each with the choice
/// made so far.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Conflicts(pub Vec<(String, Option<Choice>)>);

const CONFLICTS: &str = "nook-conflicts";
const LAST_SYNC: &str = "nook-last-sync";
const JOIN_BASE: &str = "nook-join-base";
const REBASING: &str = "nook-rebasing";

impl Conflicts {
    pub fn load(git: &Git) -> Conflicts {
        let text = std::fs::read_to_string(git.state_file(CONFLICTS)).unwrap_or_default();
        Conflicts(
            text.lines()
                .filter_map(|l| l.split_once('\t'))
                .map(|(file, w)| (file.to_string(), Choice::from_word(w)))
                .collect(),
        )
    }

    pub fn save(&self, git: &Git) -> Result<(), SyncError> {
        let path = git.state_file(CONFLICTS);
        if self.0.is_empty() {
            return match std::fs::remove_file(&path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(file(&path, e)),
                _ => Ok(()),
            };
        }
        let text: String = self
            .0
            .iter()
            .map(|(f, c)| format!("{f}\t{}\n", c.map_or("?", Choice::word)))
            .collect();
        std::fs::write(&path, text).map_err(|e| file(&path, e))
    }

    pub fn choice(&self, file: &str) -> Option<Choice> {
        self.0.iter().find(|(f, _)| f == file).and_then(|(_, c)| *c)
    }

    /// Apps still waiting for a choice, by file stem.
    pub fn undecided(&self) -> Vec<String> {
        self.0
            .iter()
            .filter(|(_, c)| c.is_none())
            .map(|(f, _)| stem(f))
            .collect()
    }
}

/// `books.ron` -> `books`.
pub fn stem(file: &str) -> String {
    file.strip_suffix(".ron").unwrap_or(file).to_string()
}

pub fn last_sync(git: &Git) -> Option<i64> {
    std::fs::read_to_string(git.state_file(LAST_SYNC))
        .ok()
        .and_then(|t| t.trim().parse().ok())
}

pub fn set_last_sync(git: &Git, ms: i64) {
    // Only shown in the header: a failure here is not worth failing a sync.
    let _ = std::fs::write(git.state_file(LAST_SYNC), format!("{ms}\n"));
}

/// The commit of bundled examples a join started from (see `init`): local
/// changes are replayed from it, so an example edited here and untouched
/// there is no conflict.
pub fn join_base(git: &Git) -> Option<String> {
    std::fs::read_to_string(git.state_file(JOIN_BASE))
        .ok()
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
}

pub fn set_join_base(git: &Git, commit: Option<&str>) -> Result<(), SyncError> {
    let path = git.state_file(JOIN_BASE);
    match commit {
        Some(c) => std::fs::write(&path, format!("{c}\n")).map_err(|e| file(&path, e)),
        None => {
            let _ = std::fs::remove_file(&path);
            Ok(())
        }
    }
}

/// The branch and its commit while a sync rebases: a sync killed in the
/// middle (a power cut, SIGKILL) leaves it, and the next sync puts the
/// branch back as it was before going on.
pub fn rebasing(git: &Git) -> Option<(String, String)> {
    let text = std::fs::read_to_string(git.state_file(REBASING)).ok()?;
    let (branch, commit) = text.trim().split_once(' ')?;
    Some((branch.to_string(), commit.to_string()))
}

pub fn set_rebasing(git: &Git, at: Option<(&str, &str)>) -> Result<(), SyncError> {
    let path = git.state_file(REBASING);
    match at {
        Some((branch, commit)) => {
            std::fs::write(&path, format!("{branch} {commit}\n")).map_err(|e| file(&path, e))
        }
        None => {
            let _ = std::fs::remove_file(&path);
            Ok(())
        }
    }
}
