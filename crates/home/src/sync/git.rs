//! Runs the system `git` in the apps folder, so that it never waits for input
//! (a prompt would hang the TUI), never runs longer than its limit, and its
//! failures come back in git's words.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use super::process::{self, Output};

/// How long one git command may run before it is stopped.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Limits {
    /// Commands that talk to the remote (fetch, push).
    pub network: Duration,
    /// Every other command (status, add, commit, rebase, with their hooks).
    pub local: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            network: Duration::from_secs(60),
            local: Duration::from_secs(120),
        }
    }
}

/// The transports git may use, whatever a config (the user's, the folder's,
/// a rewrite rule, a submodule) asks for: none that runs a program.
const ALLOWED_PROTOCOLS: &str = "file:git:ssh:http:https";

/// The apps folder as a git working tree.
pub struct Git {
    pub dir: PathBuf,
    /// `-c user.name=... -c user.email=...` when the user set no identity.
    identity: Vec<String>,
    limits: Limits,
}

/// Said when there is no `git` program at all.
pub const NO_GIT: &str = "syncing needs the `git` program, and none was found on PATH; \
     install git and try again (everything else in nook works without it)";

/// How a git command failed. Callers branch on the kind: a command
/// stopped at its limit left nothing to act on (a rebase stopped half way
/// is not a conflict), while a failure in git's own words may be an answer.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum GitError {
    /// There is no `git` program on PATH.
    #[error("{NO_GIT}")]
    Missing,
    /// git could not be started.
    #[error("cannot run git: {0}")]
    Spawn(String),
    /// Stopped at its limit of `secs` seconds.
    #[error(
        "git {verb} {} {secs} s and was stopped; try again, or give it longer \
         with sync: ({}: {}) in config.ron",
        if *network { "did not answer within" } else { "took longer than" },
        if *network { "git_timeout_secs" } else { "git_local_timeout_secs" },
        secs.saturating_mul(2).max(1)
    )]
    TimedOut { verb: String, network: bool, secs: u64 },
    /// git ran and failed; `words` are its own, without hints.
    #[error("git {verb}: {words}")]
    Failed { verb: String, words: String },
}

impl Git {
    pub fn new(dir: &Path, limits: Limits) -> Git {
        Git {
            dir: dir.to_path_buf(),
            identity: Vec::new(),
            limits,
        }
    }

    /// Whether the folder is a repository of its own (not just inside one).
    pub fn is_repo(&self) -> bool {
        self.dir.join(".git").exists()
    }

    /// `.git/NAME`: where nook keeps its own sync state, out of the tree.
    pub fn state_file(&self, name: &str) -> PathBuf {
        self.dir.join(".git").join(name)
    }

    #[expect(clippy::disallowed_methods, reason = "the one place nook starts git")]
    fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new("git");
        c.arg("-C").arg(&self.dir);
        // No signing prompt (gpg's pinentry would take over the TUI's terminal).
        // No fsmonitor: the one setting that makes a plain `git status` (run
        // in the background) start a program. No submodules: a synced
        // .gitmodules must not make git fetch from or check out anything.
        c.args([
            "-c",
            "core.editor=true",
            "-c",
            "core.quotepath=false",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "core.fsmonitor=false",
            "-c",
            "submodule.recurse=false",
            "-c",
            "fetch.recurseSubmodules=false",
            "-c",
            "push.recurseSubmodules=no",
        ]);
        c.args(&self.identity);
        c.args(args);
        // Nothing may prompt: no terminal prompt, no editor, no pager, and
        // ssh in batch mode unless the user chose their own ssh command.
        c.env("GIT_TERMINAL_PROMPT", "0")
            .env("GIT_EDITOR", "true")
            .env("GIT_SEQUENCE_EDITOR", "true")
            .env("GIT_MERGE_AUTOEDIT", "no")
            .env("GIT_PAGER", "cat")
            .env("GCM_INTERACTIVE", "never")
            .env("LC_ALL", "C")
            .env("GIT_ALLOW_PROTOCOL", ALLOWED_PROTOCOLS)
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE")
            .env_remove("GIT_INDEX_FILE");
        // The variable outranks core.sshCommand, so set it only for a user
        // who chose no ssh command at all, and only for git's network commands.
        if is_network(args)
            && std::env::var_os("GIT_SSH_COMMAND").is_none()
            && std::env::var_os("GIT_SSH").is_none()
            && !self.has_ssh_command()
        {
            c.env("GIT_SSH_COMMAND", "ssh -o BatchMode=yes");
        }
        c.stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        // Its own group, so that stopping git stops what it started too.
        #[cfg(unix)]
        if process::grouped() {
            std::os::unix::process::CommandExt::process_group(&mut c, 0);
        }
        c
    }

    /// Whether the user's git config names its own ssh command.
    fn has_ssh_command(&self) -> bool {
        self.exec(self.command(&["config", "--get", "core.sshCommand"]), &["config"])
            .is_ok_and(|o| o.status.success() && !o.stdout.trim_ascii().is_empty())
    }

    /// Runs a command built by [`Git::command`] within its limit.
    fn exec(&self, c: Command, args: &[&str]) -> Result<Output, GitError> {
        let network = is_network(args);
        let limit = if network {
            self.limits.network
        } else {
            self.limits.local
        };
        ran(process::run(c, limit), args, network, limit)
    }

    /// Runs git; its stdout on success, its own words on failure.
    pub fn run(&self, args: &[&str]) -> Result<String, GitError> {
        self.run_with(args, &[])
    }

    /// [`Git::run`] with extra environment (a separate index file).
    pub fn run_with(&self, args: &[&str], env: &[(&str, &Path)]) -> Result<String, GitError> {
        let mut c = self.command(args);
        c.envs(env.iter().copied());
        answer(self.exec(c, args)?, args)
    }

    /// Like [`Git::run`], for commands whose failure is an answer (a ref
    /// that does not exist, a rebase that stopped).
    pub fn ok(&self, args: &[&str]) -> Result<bool, GitError> {
        Ok(self.exec(self.command(args), args)?.status.success())
    }

    /// A file's contents at a commit, or None when it is not there.
    pub fn show(&self, rev: &str, file: &str) -> Result<Option<Vec<u8>>, GitError> {
        let spec = format!("{rev}:{file}");
        let args = ["show", spec.as_str()];
        let out = self.exec(self.command(&args), &args)?;
        Ok(out.status.success().then_some(out.stdout))
    }

    /// Falls back to `nook <nook@localhost>` only when git knows no identity,
    /// so commits work on a fresh machine without overriding the user's.
    pub fn ensure_identity(&mut self) -> Result<(), GitError> {
        self.identity.clear();
        for (key, env, fallback) in [
            ("user.name", "GIT_AUTHOR_NAME", "nook"),
            ("user.email", "GIT_AUTHOR_EMAIL", "nook@localhost"),
        ] {
            let set = std::env::var_os(env).is_some_and(|v| !v.is_empty())
                || self
                    .run(&["config", "--get", key])
                    .is_ok_and(|v| !v.trim().is_empty());
            if !set {
                self.identity.push("-c".into());
                self.identity.push(format!("{key}={fallback}"));
            }
        }
        Ok(())
    }
}

/// What running git came to: its output, or why there is none.
fn ran(
    result: std::io::Result<Option<Output>>,
    args: &[&str],
    network: bool,
    limit: Duration,
) -> Result<Output, GitError> {
    match result {
        Ok(Some(out)) => Ok(out),
        Ok(None) => Err(GitError::TimedOut {
            verb: verb(args).to_string(),
            network,
            secs: limit.as_secs(),
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(GitError::Missing),
        Err(e) => Err(GitError::Spawn(e.to_string())),
    }
}

/// A finished command's stdout, or its failure in git's own words.
fn answer(out: Output, args: &[&str]) -> Result<String, GitError> {
    if out.status.success() {
        return Ok(String::from_utf8_lossy(&out.stdout).into_owned());
    }
    let mut words = own_words(&String::from_utf8_lossy(&out.stderr));
    if words.is_empty() {
        words = own_words(&String::from_utf8_lossy(&out.stdout));
    }
    if words.is_empty() {
        words = format!("failed ({})", out.status);
    }
    Err(GitError::Failed {
        verb: verb(args).to_string(),
        words,
    })
}

/// The git command's name: its first argument that is not an option.
fn verb<'a>(args: &[&'a str]) -> &'a str {
    args.iter().find(|a| !a.starts_with('-')).copied().unwrap_or("")
}

/// Commands that talk to the remote.
fn is_network(args: &[&str]) -> bool {
    matches!(verb(args), "fetch" | "push" | "pull" | "ls-remote" | "clone")
}

/// git's message without its hints, on one line.
fn own_words(stderr: &str) -> String {
    stderr
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("hint:"))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::{GitError, Output, answer, ran};
    use std::time::Duration;

    #[cfg(unix)]
    fn exited(code: i32, stdout: &str, stderr: &str) -> Output {
        use std::os::unix::process::ExitStatusExt;
        Output {
            status: std::process::ExitStatus::from_raw(code << 8),
            stdout: stdout.into(),
            stderr: stderr.into(),
        }
    }

    #[test]
    fn a_command_stopped_at_its_limit_is_a_timeout_in_the_words_users_see() {
        let fetch = ran(
            Ok(None),
            &["fetch", "--prune", "origin"],
            true,
            Duration::from_secs(60),
        );
        let Err(e @ GitError::TimedOut { .. }) = fetch else {
            panic!("{fetch:?}")
        };
        assert_eq!(
            e.to_string(),
            "git fetch did not answer within 60 s and was stopped; try again, or give it longer \
             with sync: (git_timeout_secs: 120) in config.ron"
        );
        let rebase = ran(
            Ok(None),
            &["rebase", "origin/main"],
            false,
            Duration::from_secs(0),
        );
        assert_eq!(
            rebase.unwrap_err().to_string(),
            "git rebase took longer than 0 s and was stopped; try again, or give it longer \
             with sync: (git_local_timeout_secs: 1) in config.ron"
        );
    }

    #[test]
    fn no_git_program_is_told_as_such() {
        let e = ran(
            Err(std::io::ErrorKind::NotFound.into()),
            &["status"],
            false,
            Duration::ZERO,
        )
        .unwrap_err();
        assert_eq!(e, GitError::Missing);
        assert_eq!(e.to_string(), super::NO_GIT);
        let e = ran(
            Err(std::io::ErrorKind::PermissionDenied.into()),
            &["status"],
            false,
            Duration::ZERO,
        )
        .unwrap_err();
        assert_eq!(e.to_string(), "cannot run git: permission denied");
    }

    #[cfg(unix)]
    #[test]
    fn a_failure_is_in_gits_own_words_and_is_no_timeout() {
        let conflict = answer(
            exited(
                1,
                "",
                "error: could not apply 1a2b\nhint: resolve all conflicts\n",
            ),
            &["rebase", "origin/main"],
        );
        assert_eq!(
            conflict,
            Err(GitError::Failed {
                verb: "rebase".into(),
                words: "error: could not apply 1a2b".into()
            })
        );
        assert_eq!(
            conflict.unwrap_err().to_string(),
            "git rebase: error: could not apply 1a2b"
        );
        let quiet = answer(exited(1, "", ""), &["-q", "push"]).unwrap_err();
        assert_eq!(quiet.to_string(), "git push: failed (exit status: 1)");
        assert_eq!(
            answer(exited(0, "abc\n", "noise"), &["rev-parse"]),
            Ok("abc\n".into())
        );
    }

    #[test]
    fn hints_are_left_out() {
        assert_eq!(
            super::own_words("fatal: no\nhint: try\n\nfatal: again\n"),
            "fatal: no fatal: again"
        );
    }
}
