//! How a sync fails. Each kind is a variant, so a caller that needs to
//! tell them apart matches the variant, never the words; `Display` gives
//! the words the user reads.

use std::path::PathBuf;

use super::git::GitError;
use super::remote::KINDS;
use super::seal::SealError;

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// The apps folder is no repository of its own.
    #[error("{} is not synced yet; run `nook sync --init [REMOTE]` first", apps.display())]
    NotARepo { apps: PathBuf },
    /// Someone's rebase or merge is under way in the folder.
    #[error(
        "a git rebase or merge is in progress in {}; finish it or abort it \
         (git rebase --abort) before syncing",
        apps.display()
    )]
    InProgress { apps: PathBuf },
    /// A git command failed, or was stopped at its limit.
    #[error(transparent)]
    Git(#[from] GitError),
    /// The REMOTE given to `nook sync --init` is not one nook uses.
    #[error("REMOTE {url:?} {why}; {KINDS}")]
    BadRemote { url: String, why: String },
    /// The folder's origin (set by hand, or rewritten) is not one nook uses.
    #[error(
        "the apps folder's remote origin {url:?} {why}; {KINDS}; change it with \
         `git -C {} remote set-url origin URL`",
        apps.display()
    )]
    BadOrigin { url: String, why: String, apps: PathBuf },
    /// `--init URL` on a folder connected to another remote.
    #[error(
        "the apps folder is already connected to {now}; to change it run \
         `git -C {} remote set-url origin URL`",
        apps.display()
    )]
    Connected { now: String, apps: PathBuf },
    /// `--resolve APP` for an app that waits for no choice.
    #[error("{app:?} is not in conflict{}", open_ones(open))]
    NotInConflict { app: String, open: Vec<String> },
    /// The sync secret cannot be used.
    #[error(transparent)]
    Seal(#[from] SealError),
    #[error(transparent)]
    Clock(#[from] crate::model::ClockError),
    /// Carrying app data failed (a data file, a sealed record); the words
    /// name where.
    #[error("{0}")]
    Data(String),
    /// A file in the folder or in `.git` could not be written; the words
    /// name it.
    #[error("{0}")]
    File(String),
}

fn open_ones(open: &[String]) -> String {
    if open.is_empty() {
        ": no app is".into()
    } else {
        format!("; these are: {}", open.join(", "))
    }
}

/// `path: error`, for a file nook could not read or write.
pub(super) fn file(path: &std::path::Path, e: std::io::Error) -> SyncError {
    SyncError::File(format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::SyncError;

    #[test]
    fn an_app_not_in_conflict_names_the_ones_that_are() {
        let none = SyncError::NotInConflict {
            app: "water".into(),
            open: vec![],
        };
        assert_eq!(none.to_string(), "\"water\" is not in conflict: no app is");
        let some = SyncError::NotInConflict {
            app: "water".into(),
            open: vec!["books".into(), "films".into()],
        };
        assert_eq!(
            some.to_string(),
            "\"water\" is not in conflict; these are: books, films"
        );
    }

    #[test]
    fn a_bad_remote_says_which_urls_nook_takes() {
        let init = SyncError::BadRemote {
            url: "ext::sh".into(),
            why: "runs a program".into(),
        };
        assert_eq!(
            init.to_string(),
            format!("REMOTE \"ext::sh\" runs a program; {}", super::KINDS)
        );
        let origin = SyncError::BadOrigin {
            url: "ext::sh".into(),
            why: "runs a program".into(),
            apps: "/h/apps".into(),
        };
        assert_eq!(
            origin.to_string(),
            format!(
                "the apps folder's remote origin \"ext::sh\" runs a program; {}; change it with \
                 `git -C /h/apps remote set-url origin URL`",
                super::KINDS
            )
        );
    }

    #[test]
    fn a_git_failure_is_told_in_gits_words() {
        let e: SyncError = super::GitError::Failed {
            verb: "push".into(),
            words: "fatal: no".into(),
        }
        .into();
        assert_eq!(e.to_string(), "git push: fatal: no");
    }
}
