//! Runs the system `git` in the apps folder, so that it never waits for input
//! (a prompt would hang the TUI) and its failures come back in git's words.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The apps folder as a git working tree.
pub struct Git {
    pub dir: PathBuf,
    /// `-c user.name=... -c user.email=...` when the user set no identity.
    identity: Vec<String>,
}

/// Said when there is no `git` program at all.
pub const NO_GIT: &str = "syncing needs the `git` program, and none was found on PATH; \
     install git and try again (everything else in nook works without it)";

impl Git {
    pub fn new(dir: &Path) -> Git {
        Git {
            dir: dir.to_path_buf(),
            identity: Vec::new(),
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

    fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new("git");
        c.arg("-C").arg(&self.dir);
        // No signing prompt (gpg's pinentry would take over the TUI's terminal).
        c.args([
            "-c",
            "core.editor=true",
            "-c",
            "core.quotepath=false",
            "-c",
            "commit.gpgsign=false",
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
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE")
            .env_remove("GIT_INDEX_FILE");
        // The variable outranks core.sshCommand, so set it only for a user
        // who chose no ssh command at all, and only for git's network commands.
        let network = matches!(
            args.first(),
            Some(&("fetch" | "push" | "pull" | "ls-remote" | "clone"))
        );
        if network
            && std::env::var_os("GIT_SSH_COMMAND").is_none()
            && std::env::var_os("GIT_SSH").is_none()
            && !self.has_ssh_command()
        {
            c.env("GIT_SSH_COMMAND", "ssh -o BatchMode=yes");
        }
        c.stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        c
    }

    /// Whether the user's git config names its own ssh command.
    fn has_ssh_command(&self) -> bool {
        self.command(&["config", "--get", "core.sshCommand"])
            .output()
            .is_ok_and(|o| o.status.success() && !o.stdout.trim_ascii().is_empty())
    }

    /// Runs git; its stdout on success, its own words on failure.
    pub fn run(&self, args: &[&str]) -> Result<String, String> {
        self.run_with(args, &[])
    }

    /// [`Git::run`] with extra environment (a separate index file).
    pub fn run_with(&self, args: &[&str], env: &[(&str, &Path)]) -> Result<String, String> {
        let mut c = self.command(args);
        c.envs(env.iter().copied());
        let out = c.output().map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                NO_GIT.to_string()
            } else {
                format!("cannot run git: {e}")
            }
        })?;
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
        let verb = args.iter().find(|a| !a.starts_with('-')).copied().unwrap_or("");
        Err(format!("git {verb}: {words}"))
    }

    /// Like [`Git::run`], for commands whose failure is an answer (a ref
    /// that does not exist, a rebase that stopped).
    pub fn ok(&self, args: &[&str]) -> Result<bool, String> {
        match self.command(args).status() {
            Ok(s) => Ok(s.success()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(NO_GIT.into()),
            Err(e) => Err(format!("cannot run git: {e}")),
        }
    }

    /// A file's contents at a commit, or None when it is not there.
    pub fn show(&self, rev: &str, file: &str) -> Result<Option<Vec<u8>>, String> {
        let spec = format!("{rev}:{file}");
        let out = self
            .command(&["show", &spec])
            .output()
            .map_err(|e| format!("cannot run git: {e}"))?;
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
