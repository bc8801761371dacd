//! Runs the system `git` in the apps folder, so that it never waits for input
//! (a prompt would hang the TUI), never runs longer than its limit, and its
//! failures come back in git's words.

use std::cell::Cell;
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
    /// Whether a command was stopped at its limit: what it left is not an
    /// answer to act on (a rebase stopped half way is not a conflict).
    stopped: Cell<bool>,
}

/// Said when there is no `git` program at all.
pub const NO_GIT: &str = "syncing needs the `git` program, and none was found on PATH; \
     install git and try again (everything else in nook works without it)";

impl Git {
    pub fn new(dir: &Path, limits: Limits) -> Git {
        Git {
            dir: dir.to_path_buf(),
            identity: Vec::new(),
            limits,
            stopped: Cell::new(false),
        }
    }

    /// Whether a command was stopped at its time limit.
    pub fn was_stopped(&self) -> bool {
        self.stopped.get()
    }

    /// Whether the folder is a repository of its own (not just inside one).
    pub fn is_repo(&self) -> bool {
        self.dir.join(".git").exists()
    }

    /// `.git/NAME`: where nook keeps its own sync state, out of the tree.
    pub fn state_file(&self, name: &str) -> PathBuf {
        self.dir.join(".git").join(name)
    }

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
    fn exec(&self, c: Command, args: &[&str]) -> Result<Output, String> {
        let (limit, key, what) = if is_network(args) {
            (self.limits.network, "git_timeout_secs", "did not answer within")
        } else {
            (self.limits.local, "git_local_timeout_secs", "took longer than")
        };
        match process::run(c, limit) {
            Ok(Some(out)) => Ok(out),
            Ok(None) => {
                self.stopped.set(true);
                let secs = limit.as_secs();
                Err(format!(
                    "git {} {what} {secs} s and was stopped; try again, or give it longer \
                     with sync: ({key}: {}) in config.ron",
                    verb(args),
                    secs.saturating_mul(2).max(1)
                ))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(NO_GIT.to_string()),
            Err(e) => Err(format!("cannot run git: {e}")),
        }
    }

    /// Runs git; its stdout on success, its own words on failure.
    pub fn run(&self, args: &[&str]) -> Result<String, String> {
        self.run_with(args, &[])
    }

    /// [`Git::run`] with extra environment (a separate index file).
    pub fn run_with(&self, args: &[&str], env: &[(&str, &Path)]) -> Result<String, String> {
        let mut c = self.command(args);
        c.envs(env.iter().copied());
        let out = self.exec(c, args)?;
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
        Err(format!("git {}: {words}", verb(args)))
    }

    /// Like [`Git::run`], for commands whose failure is an answer (a ref
    /// that does not exist, a rebase that stopped).
    pub fn ok(&self, args: &[&str]) -> Result<bool, String> {
        Ok(self.exec(self.command(args), args)?.status.success())
    }

    /// A file's contents at a commit, or None when it is not there.
    pub fn show(&self, rev: &str, file: &str) -> Result<Option<Vec<u8>>, String> {
        let spec = format!("{rev}:{file}");
        let args = ["show", spec.as_str()];
        let out = self.exec(self.command(&args), &args)?;
        Ok(out.status.success().then_some(out.stdout))
    }

    /// Falls back to `nook <nook@localhost>` only when git knows no identity,
    /// so commits work on a fresh machine without overriding the user's.
    pub fn ensure_identity(&mut self) -> Result<(), String> {
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
    #[test]
    fn hints_are_left_out() {
        assert_eq!(
            super::own_words("fatal: no\nhint: try\n\nfatal: again\n"),
            "fatal: no fatal: again"
        );
    }
}
