//! `nook sync --init [REMOTE]`: make the apps folder a repository, and
//! connect and join a remote. Joining one that already holds apps adopts
//! them: untouched bundled examples step aside, the user's own apps (and
//! edited examples) are kept and committed on top.

use std::path::Path;

use super::error::{SyncError, file};
use super::git::{Git, GitError, Limits};
use super::notes;
use super::run::{Outcome, sync};

/// Editor backups and nook's own temporary files stay out of git.
pub const GITIGNORE: &str = "# Editor backups and temporary files: not apps, never synced.\n\
*~\n*.swp\n*.swo\n.#*\n\\#*#\n.DS_Store\n.*.tmp\n*.nook-tmp\n";

pub fn init(
    apps: &Path,
    remote: Option<&str>,
    limits: Limits,
    progress: &mut dyn FnMut(&str),
) -> Result<Outcome, SyncError> {
    // Before anything is touched: a remote that is refused changes nothing.
    if let Some(url) = remote {
        super::remote::check(url).map_err(|why| SyncError::BadRemote {
            url: url.to_string(),
            why,
        })?;
    }
    let mut git = Git::new(apps, limits);
    let mut said = Vec::new();
    let fresh = !git.is_repo();
    if fresh {
        std::fs::create_dir_all(apps).map_err(|e| file(apps, e))?;
        git.run(&["init", "-q"])?;
        git.run(&["symbolic-ref", "HEAD", "refs/heads/main"])?;
        said.push(format!("{} is now a git repository", apps.display()));
    }
    git.ensure_identity()?;
    let Some(url) = remote else {
        write_gitignore(apps)?;
        return match sync(apps, limits, None, progress)? {
            Outcome::Done(_) => {
                said.push("connect a remote with `nook sync --init URL`".into());
                Ok(Outcome::Done(said.join("; ")))
            }
            other => Ok(other),
        };
    };
    match git.run(&["remote", "get-url", "origin"]) {
        Ok(now) if now.trim() == url => {}
        Ok(now) => {
            return Err(SyncError::Connected {
                now: now.trim().to_string(),
                apps: apps.to_path_buf(),
            });
        }
        Err(_) => {
            git.run(&["remote", "add", "--", "origin", url])?;
        }
    }
    progress("fetching");
    if let Err(e) = git.run(&["fetch", "origin"]) {
        // A wrong URL or no network: leave the folder as it was, so that
        // trying again starts afresh.
        if fresh {
            let _ = std::fs::remove_dir_all(apps.join(".git"));
        }
        return Err(e.into());
    }
    let unborn = !git.ok(&["rev-parse", "--verify", "--quiet", "HEAD"])?;
    if let Some(branch) = remote_branch(&git)? {
        let theirs_ignore = git.show(&format!("origin/{branch}"), ".gitignore")?.is_some();
        if unborn {
            git.run(&["symbolic-ref", "HEAD", &format!("refs/heads/{branch}")])?;
            let base = bundled_base(&git, &branch)?;
            notes::set_join_base(&git, Some(&base))?;
        } else {
            git.run(&["branch", "-M", &branch])?;
        }
        if !theirs_ignore {
            write_gitignore(apps)?;
        }
        said.push(format!("joined {url}"));
    } else {
        write_gitignore(apps)?;
        said.push(format!("connected {url}"));
    }
    Ok(match sync(apps, limits, None, progress)? {
        Outcome::Done(what) => {
            said.push(what.to_lowercase());
            let mut s = said.join("; ");
            s.replace_range(..1, &s[..1].to_uppercase());
            Outcome::Done(s)
        }
        other => other,
    })
}

/// The remote's branch to join: ours if it has it, else main, master, any.
fn remote_branch(git: &Git) -> Result<Option<String>, GitError> {
    let refs = git.run(&[
        "for-each-ref",
        "--format=%(refname:strip=3)",
        "refs/remotes/origin",
    ])?;
    let names: Vec<&str> = refs.lines().filter(|n| *n != "HEAD").collect();
    let ours = git.run(&["symbolic-ref", "--short", "HEAD"]).unwrap_or_default();
    Ok([ours.trim(), "main", "master"]
        .into_iter()
        .find(|n| names.contains(n))
        .or(names.first().copied())
        .map(String::from))
}

/// Starts `branch` at a commit of the bundled examples as every nook
/// installs them, built beside the folder (a separate index and tree), so
/// that what this machine changed is a commit on top of it; returns it.
fn bundled_base(git: &Git, branch: &str) -> Result<String, SyncError> {
    let tree_dir = git.state_file("nook-bundled");
    let index = git.state_file("nook-bundled.index");
    let clean = || {
        let _ = std::fs::remove_dir_all(&tree_dir);
        let _ = std::fs::remove_file(&index);
    };
    clean();
    let made = (|| {
        std::fs::create_dir_all(&tree_dir).map_err(|e| file(&tree_dir, e))?;
        for (name, text) in crate::bundled::APPS {
            std::fs::write(tree_dir.join(name), text).map_err(|e| SyncError::File(format!("{name}: {e}")))?;
        }
        let env = [("GIT_INDEX_FILE", index.as_path())];
        let work_tree = format!("--work-tree={}", tree_dir.display());
        git.run_with(&[&work_tree, "add", "-A"], &env)?;
        let tree = git.run_with(&["write-tree"], &env)?;
        let commit = git.run(&["commit-tree", tree.trim(), "-m", "nook: the bundled example apps"])?;
        let commit = commit.trim().to_string();
        git.run(&["update-ref", &format!("refs/heads/{branch}"), &commit])?;
        Ok(commit)
    })();
    clean();
    made
}

/// Writes `.gitignore` unless there is one: a file, or a link (a remote
/// can commit one to nowhere), which is left as it is and never written
/// through.
fn write_gitignore(apps: &Path) -> Result<(), SyncError> {
    crate::spec::save::write_if_missing(&apps.join(".gitignore"), GITIGNORE)
        .map(|_| ())
        .map_err(SyncError::File)
}
