//! The procedures: sync (commit, pull with rebase, push), resolve a
//! conflict, and the folder's status. Each leaves the repository as it found
//! it or finished: a rebase that stops on a conflict is aborted, the local
//! version stays in place, and the conflict is noted for a choice.

use std::path::Path;

use super::beside::theirs_copy;
use super::error::{self, SyncError};
use super::git::{Git, GitError, Limits};
use super::message::commit_message;
use super::notes::{self, Choice, Conflicts};
use super::status::Status;
use crate::model::count::count;

/// How a sync ended, when git itself did not fail.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// What was done, in a line.
    Done(String),
    /// Apps (file stems) both sides changed, waiting for a choice.
    Conflicts(Vec<String>),
}

/// Status for the header: cheap, never fails (git's problems show on sync).
pub fn status(apps: &Path, limits: Limits) -> Status {
    let git = Git::new(apps, limits);
    if !git.is_repo() {
        return Status::default();
    }
    let mut s = Status {
        repo: true,
        ..Status::default()
    };
    // Without optional locks git does not rewrite the index, so a status
    // in the background never races a git command the user runs.
    if let Ok(out) = git.run(&["--no-optional-locks", "status", "--porcelain=v2", "--branch"]) {
        s.parse_porcelain(&out);
    }
    s.remote = s.remote || git.run(&["remote"]).is_ok_and(|r| !r.trim().is_empty());
    s.conflicts = Conflicts::load(&git).undecided();
    s.last_sync_ms = notes::last_sync(&git);
    s
}

/// The repository of the apps folder, ready for commits.
fn open(apps: &Path, limits: Limits) -> Result<Git, SyncError> {
    let mut git = Git::new(apps, limits);
    if !git.is_repo() {
        return Err(SyncError::NotARepo {
            apps: apps.to_path_buf(),
        });
    }
    resume_interrupted(&git)?;
    if in_progress(&git) {
        return Err(SyncError::InProgress {
            apps: apps.to_path_buf(),
        });
    }
    git.ensure_identity()?;
    Ok(git)
}

/// A sync stopped in the middle of its rebase left the folder on no
/// branch, or in the rebase: everything was committed before it began, so
/// the rebase is given up and the branch checked out as it stands.
fn resume_interrupted(git: &Git) -> Result<(), SyncError> {
    let Some((branch, _)) = notes::rebasing(git) else {
        return Ok(());
    };
    if in_progress(git) && git.run(&["rebase", "--abort"]).is_err() {
        // Killed before git wrote where it began: nothing to go back to.
        git.run(&["rebase", "--quit"])?;
    }
    let on = git
        .run(&["symbolic-ref", "--short", "-q", "HEAD"])
        .unwrap_or_default();
    if on.trim() != branch {
        // Not forced: an edit made since stays (git refuses if it would not).
        git.run(&["checkout", "-q", &branch])?;
    }
    notes::set_rebasing(git, None)
}

fn in_progress(git: &Git) -> bool {
    ["rebase-merge", "rebase-apply", "MERGE_HEAD"]
        .iter()
        .any(|f| git.state_file(f).exists())
}

fn unborn(git: &Git) -> bool {
    !git.ok(&["rev-parse", "--verify", "--quiet", "HEAD"])
        .unwrap_or(false)
}

/// The remote origin's URL, or None when the folder has no origin.
fn origin_url(git: &Git) -> Option<String> {
    git.run(&["remote", "get-url", "origin"])
        .ok()
        .map(|u| u.trim().to_string())
}

fn branch(git: &Git) -> Result<String, GitError> {
    Ok(git.run(&["symbolic-ref", "--short", "HEAD"])?.trim().to_string())
}

/// Commits every change in the folder; the message names the apps.
fn commit_all(git: &Git) -> Result<Option<String>, GitError> {
    git.run(&["add", "-A"])?;
    if git.ok(&["diff", "--cached", "--quiet"])? {
        return Ok(None);
    }
    let message = commit_message(&git.run(&["diff", "--cached", "--name-status", "-M"])?);
    git.run(&["commit", "-q", "-m", &message])?;
    Ok(Some(message))
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

/// `nook sync`: commit local changes, pull with rebase, push.
pub fn sync(
    apps: &Path,
    limits: Limits,
    data: Option<&super::data::Side>,
    progress: &mut dyn FnMut(&str),
) -> Result<Outcome, SyncError> {
    let git = open(apps, limits)?;
    progress("committing");
    let committed = commit_all(&git)?;
    let mut said: Vec<String> = Vec::new();
    if let Some(m) = &committed {
        said.push(format!("committed \"{m}\""));
    }
    let Some(url) = origin_url(&git) else {
        said.push("no remote to push to (`nook sync --init URL` connects one)".into());
        return Ok(Outcome::Done(sentence(said)));
    };
    // As a remote given to `--init` is: one set by hand, or turned into
    // another by a rewrite rule, must not make git run a program either.
    super::remote::check(&url).map_err(|why| SyncError::BadOrigin {
        url: url.clone(),
        why,
        apps: apps.to_path_buf(),
    })?;
    progress("fetching");
    git.run(&["fetch", "--prune", "origin"])?;
    let branch = branch(&git)?;
    let upstream = format!("origin/{branch}");
    let has_upstream = git.ok(&[
        "rev-parse",
        "--verify",
        "--quiet",
        &format!("refs/remotes/{upstream}"),
    ])?;
    if has_upstream {
        progress("pulling");
        match integrate(&git, &branch, &upstream)? {
            Pulled::Conflicts(c) => return Ok(Outcome::Conflicts(c)),
            Pulled::Commits(0) => {}
            Pulled::Commits(n) => said.push(format!("pulled {}", count(n, "change"))),
        }
    }
    if let Some(side) = data {
        progress("exchanging app data");
        said.extend(super::data::exchange(&git, apps, side)?.words());
    }
    if !unborn(&git) {
        let ahead = if has_upstream {
            git.run(&["rev-list", "--count", &format!("{upstream}..HEAD")])?
                .trim()
                .parse()
                .unwrap_or(1)
        } else {
            1
        };
        if ahead > 0 {
            progress("pushing");
            git.run(&["push", "-q", "-u", "origin", &branch])?;
            said.push("pushed".into());
        }
    }
    Conflicts::default().save(&git)?;
    notes::set_last_sync(&git, now_ms());
    if said.is_empty() {
        said.push("already up to date".into());
    }
    Ok(Outcome::Done(sentence(said)))
}

/// `nook sync --resolve APP --mine|--theirs|--both`: notes the choice, then
/// syncs, which applies it.
pub fn resolve(
    apps: &Path,
    app: &str,
    choice: Choice,
    limits: Limits,
    data: Option<&super::data::Side>,
    progress: &mut dyn FnMut(&str),
) -> Result<Outcome, SyncError> {
    let git = open(apps, limits)?;
    let mut conflicts = Conflicts::load(&git);
    let wanted = app.strip_suffix(".ron").unwrap_or(app);
    let Some(slot) = conflicts.0.iter_mut().find(|(f, _)| notes::stem(f) == wanted) else {
        return Err(SyncError::NotInConflict {
            app: app.to_string(),
            open: conflicts.undecided(),
        });
    };
    slot.1 = Some(choice);
    conflicts.save(&git)?;
    sync(apps, limits, data, progress)
}

fn sentence(parts: Vec<String>) -> String {
    let mut s = parts.join(", ");
    if let Some(first) = s.get(..1) {
        s.replace_range(..1, &first.to_uppercase());
    }
    s
}

enum Pulled {
    Commits(u32),
    Conflicts(Vec<String>),
}

/// Puts the local commits on top of `upstream`. A conflict on a file with a
/// choice noted is settled by that choice; on any other the rebase is
/// aborted, so the folder is as it was, and the file is noted.
fn integrate(git: &Git, branch: &str, upstream: &str) -> Result<Pulled, SyncError> {
    if unborn(git) {
        // Nothing here yet: take the remote's history as it is.
        git.run(&["checkout", "-q", "-b", branch, "--track", upstream])?;
        let n = git.run(&["rev-list", "--count", "HEAD"])?;
        return Ok(Pulled::Commits(n.trim().parse().unwrap_or(0)));
    }
    let _ = git.run(&["branch", "-q", "--set-upstream-to", upstream]);
    let new: u32 = git
        .run(&["rev-list", "--count", &format!("HEAD..{upstream}")])?
        .trim()
        .parse()
        .unwrap_or(0);
    let mut conflicts = Conflicts::load(git);
    if new == 0 {
        settle(git, &conflicts, "HEAD", upstream)?;
        return Ok(Pulled::Commits(0));
    }
    let mine = git.run(&["rev-parse", "HEAD"])?.trim().to_string();
    // After a join, only the commits since the bundled examples are ours.
    let from = notes::join_base(git).filter(|b| {
        git.ok(&["merge-base", "--is-ancestor", b, "HEAD"])
            .unwrap_or(false)
    });
    notes::set_rebasing(git, Some((branch, &mine)))?;
    let result = rebase(git, &mut conflicts, &mine, upstream, from.as_deref());
    // Whatever happened, no half-finished rebase is left behind.
    if in_progress(git) {
        abort(git);
    }
    notes::set_rebasing(git, None)?;
    if let Some(undecided) = result? {
        conflicts.save(git)?;
        return Ok(Pulled::Conflicts(undecided));
    }
    settle(git, &conflicts, &mine, upstream)?;
    notes::set_join_base(git, None)?;
    Ok(Pulled::Commits(new))
}

/// Rebases onto `upstream`, settling conflicts by the noted choices; the
/// files still without one when it has to stop.
fn rebase(
    git: &Git,
    conflicts: &mut Conflicts,
    mine: &str,
    upstream: &str,
    from: Option<&str>,
) -> Result<Option<Vec<String>>, SyncError> {
    let mut step = match from {
        Some(base) => git.run(&["rebase", "--onto", upstream, base]),
        None => git.run(&["rebase", upstream]),
    };
    let mut before: Option<GitError> = None;
    while let Err(failed) = step {
        // Only git's own failure of a step may be a conflict to settle: not
        // a step stopped at its limit (what it left is no answer), nor one
        // that fails again as it did (a rebase a killed sync left in a state
        // git cannot step on from): give up, and the caller aborts it.
        if !in_progress(git) || !may_settle(&failed, before.as_ref()) {
            return Err(failed.into());
        }
        before = Some(failed.clone());
        let unmerged: Vec<String> = git
            .run(&["diff", "--name-only", "--diff-filter=U"])?
            .lines()
            .map(String::from)
            .collect();
        if unmerged.is_empty() {
            // Settled to what is already there: the commit is not needed.
            if git.ok(&["diff", "--cached", "--quiet"])? {
                step = git.run(&["rebase", "--skip"]);
                continue;
            }
            return Err(failed.into());
        }
        let undecided: Vec<&String> = unmerged
            .iter()
            .filter(|f| conflicts.choice(f).is_none())
            .collect();
        if !undecided.is_empty() {
            for f in undecided {
                if !conflicts.0.iter().any(|(g, _)| g == f) {
                    conflicts.0.push((f.clone(), None));
                }
            }
            return Ok(Some(conflicts.undecided()));
        }
        for f in &unmerged {
            apply(
                git,
                f,
                conflicts.choice(f).unwrap_or(Choice::Mine),
                mine,
                upstream,
            )?;
        }
        step = git.run(&["rebase", "--continue"]);
    }
    Ok(None)
}

/// Whether a failed rebase step may be a conflict to settle: git's own
/// failure, and not the one the step before ended in.
fn may_settle(failed: &GitError, before: Option<&GitError>) -> bool {
    matches!(failed, GitError::Failed { .. }) && before != Some(failed)
}

fn abort(git: &Git) {
    let _ = git.run(&["rebase", "--abort"]);
}

/// Makes sure every noted choice holds in the end (a later commit of the
/// rebase may have merged into it), committing what that changes.
fn settle(git: &Git, conflicts: &Conflicts, mine: &str, upstream: &str) -> Result<(), SyncError> {
    let decided: Vec<(&String, Choice)> = conflicts
        .0
        .iter()
        .filter_map(|(f, c)| c.map(|c| (f, c)))
        .collect();
    if decided.is_empty() {
        return Ok(());
    }
    for (f, c) in &decided {
        apply(git, f, *c, mine, upstream)?;
    }
    if !git.ok(&["diff", "--cached", "--quiet"])? {
        let what: Vec<String> = decided
            .iter()
            .map(|(f, c)| format!("{} ({})", notes::stem(f), c.word()))
            .collect();
        git.run(&[
            "commit",
            "-q",
            "-m",
            &format!("nook: resolve {}", what.join(", ")),
        ])?;
    }
    // Applied and committed: a choice must never be applied again to later
    // edits, even when the push that follows fails.
    Conflicts::default().save(git)?;
    Ok(())
}

/// Writes the chosen version of `file` (from the commit `mine` or from
/// `upstream`) and stages it; "both" also writes theirs as a new app.
fn apply(git: &Git, file: &str, choice: Choice, mine: &str, upstream: &str) -> Result<(), SyncError> {
    let ours = git.show(mine, file)?;
    let theirs = git.show(upstream, file)?;
    let path = git.dir.join(file);
    let put = |text: Option<&Vec<u8>>| -> Result<(), SyncError> {
        match text {
            // Replaces a link the remote left there instead of writing through it.
            Some(t) => crate::spec::save::save(&path, t).map_err(SyncError::File),
            None => match std::fs::remove_file(&path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(error::file(&path, e)),
                _ => Ok(()),
            },
        }
    };
    match (choice, &ours, &theirs) {
        (Choice::Mine, ..) => put(ours.as_ref())?,
        (Choice::Theirs, ..) => put(theirs.as_ref())?,
        (Choice::Both, Some(o), Some(t)) if o != t => {
            put(Some(o))?;
            let (name, text) = theirs_copy(&git.dir, file, t);
            let beside = git.dir.join(&name);
            crate::spec::save::save(&beside, text).map_err(SyncError::File)?;
            git.run(&["add", "--", &name])?;
        }
        (Choice::Both, ..) => put(ours.as_ref().or(theirs.as_ref()))?,
    }
    git.run(&["add", "-A", "--", file])?;
    Ok(())
}

/// What to say when both sides changed the same apps, and what to do.
pub fn conflict_advice(names: &[String]) -> String {
    format!(
        "sync stopped: this machine and the remote both changed {}. Your version is \
         kept in place and nothing is lost; choose for each app:\n  \
         nook sync --resolve APP --mine     keep this machine's version\n  \
         nook sync --resolve APP --theirs   take the remote's version\n  \
         nook sync --resolve APP --both     keep yours, and theirs beside it as APP-theirs",
        names.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::{GitError, may_settle};

    fn failed(words: &str) -> GitError {
        GitError::Failed {
            verb: "rebase".into(),
            words: words.into(),
        }
    }

    #[test]
    fn only_gits_own_new_failure_of_a_rebase_step_is_a_conflict_to_settle() {
        let conflict = failed("CONFLICT (content): Merge conflict in water.ron");
        assert!(may_settle(&conflict, None));
        assert!(may_settle(&conflict, Some(&failed("could not apply 1a2b"))));
        // The same failure again: git cannot step on; settling would loop.
        assert!(!may_settle(&conflict, Some(&conflict.clone())));
        // Stopped at its limit: what it left is no conflict.
        let stopped = GitError::TimedOut {
            verb: "rebase".into(),
            network: false,
            secs: 120,
        };
        assert!(!may_settle(&stopped, None));
        assert!(!may_settle(&GitError::Missing, None));
    }
}
