//! `nook sync` against a temporary bare repository, with two machines (two
//! NOOK_HOMEs). git's global and system config are shut out and the
//! identity comes from the environment, so the user's own git setup plays
//! no part. The TUI's `S` is driven in a pseudo-terminal at the end.

use crate::common;
#[cfg(unix)]
use crate::pty;

use std::path::{Path, PathBuf};

use common::{GIT_ENV, Home, git};

/// A nook home on one "machine".
struct Machine {
    home: Home,
}

impl Machine {
    fn new() -> Machine {
        Machine { home: Home::empty() }
    }

    fn nook<const N: usize>(&self, args: [&str; N]) -> assert_cmd::Command {
        let mut c = self.home.nook(args);
        c.envs(GIT_ENV.iter().copied());
        c
    }

    /// Runs nook, expects success, returns stdout.
    fn ok<const N: usize>(&self, args: [&str; N]) -> String {
        let out = self.nook(args).output().unwrap();
        assert!(
            out.status.success(),
            "nook {args:?} failed:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Runs nook, expects exit code 1, returns stderr.
    fn fails<const N: usize>(&self, args: [&str; N]) -> String {
        let out = self.nook(args).output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(1),
            "nook {args:?}:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stderr).unwrap()
    }

    fn apps(&self) -> PathBuf {
        self.home.apps()
    }

    fn read(&self, file: &str) -> String {
        std::fs::read_to_string(self.apps().join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
    }

    fn write(&self, file: &str, text: &str) {
        self.home.spec(file, text);
    }

    fn append(&self, file: &str, text: &str) {
        let old = self.read(file);
        self.write(file, &format!("{old}{text}"));
    }

    fn files(&self) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(self.apps())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".ron"))
            .collect();
        v.sort();
        v
    }

    /// `git log -1` subject in the apps folder.
    fn last_commit(&self) -> String {
        git(&self.apps(), &["log", "-1", "--format=%s"])
            .trim()
            .to_string()
    }

    /// No rebase or merge was left half way.
    fn assert_no_rebase_left(&self) {
        for f in ["rebase-merge", "rebase-apply", "MERGE_HEAD"] {
            assert!(!self.apps().join(".git").join(f).exists(), "{f} left behind");
        }
        let status = git(&self.apps(), &["status", "--porcelain"]);
        assert!(status.trim().is_empty(), "unexpected changes: {status}");
    }
}

/// A bare repository to push to, as on a server.
fn remote() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    git(dir.path(), &["init", "-q", "--bare", "remote.git"]);
    let url = dir.path().join("remote.git").display().to_string();
    (dir, url)
}

const MOOD: &str = "Tracker(name: \"Mood\", id: \"mood\", unit: \"points\")\n";
const BOOKS: &str = "List(\n    name: \"Books\",\n    id: \"books\",\n)\n";

/// A has pushed its apps (the examples and its own Mood), B has joined.
fn two_machines() -> (tempfile::TempDir, String, Machine, Machine) {
    let (dir, url) = remote();
    let a = Machine::new();
    a.ok(["check"]);
    a.write("mood.ron", MOOD);
    a.ok(["sync", "--init", &url]);
    let b = Machine::new();
    b.ok(["sync", "--init", &url]);
    (dir, url, a, b)
}

#[test]
fn a_second_machine_joins_and_both_sync_their_changes() {
    let (_remote, url, a, b) = two_machines();
    assert_eq!(b.files(), a.files(), "B adopts A's apps");
    assert_eq!(b.read("mood.ron"), MOOD);
    assert!(b.ok(["ls"]).contains("Mood"));
    assert_eq!(
        b.ok(["sync", "--status"]).lines().next().unwrap(),
        "clean · synced just now"
    );
    b.assert_no_rebase_left();

    // Different apps on each side: both sync without a word of conflict.
    a.append("water.ron", "// drink more\n");
    b.write("books.ron", BOOKS);
    let said = a.ok(["sync"]);
    assert!(said.contains("nook: edit water"), "{said}");
    assert_eq!(a.last_commit(), "nook: edit water");
    let said = b.ok(["sync"]);
    assert!(said.contains("pulled 1 change"), "{said}");
    assert!(b.read("water.ron").ends_with("// drink more\n"));
    a.ok(["sync"]);
    assert_eq!(a.read("books.ron"), BOOKS);
    assert_eq!(a.files(), b.files());
    // A third machine with its own app and an edited example keeps both.
    let c = Machine::new();
    c.ok(["check"]);
    c.write("diary.ron", "List(name: \"Diary\")\n");
    c.append("tea.ron", "// green\n");
    c.ok(["sync", "--init", &url]);
    assert_eq!(c.read("books.ron"), BOOKS);
    assert!(c.read("tea.ron").ends_with("// green\n"));
    assert!(c.read("diary.ron").contains("Diary"));
    a.ok(["sync"]);
    assert!(a.read("tea.ron").ends_with("// green\n"));
    assert!(a.files().contains(&"diary.ron".to_string()));
}

#[test]
fn editor_backups_stay_out_and_the_message_names_the_apps() {
    let (_remote, _url, a, _b) = two_machines();
    a.write("water.ron~", "backup");
    a.write(".water.ron.swp", "swap");
    a.write(
        "tea.ron",
        "Timer(name: \"Tea\", phases: [(name: \"Steep\", length: \"3m\")])\n",
    );
    std::fs::remove_file(a.apps().join("coffee.ron")).unwrap();
    a.write("diary.ron", "List(name: \"Diary\")\n");
    a.ok(["sync"]);
    assert_eq!(a.last_commit(), "nook: remove coffee, add diary, edit tea");
    let tracked = git(&a.apps(), &["ls-files"]);
    assert!(
        !tracked.contains("water.ron~") && !tracked.contains(".swp"),
        "{tracked}"
    );
    assert!(tracked.contains(".gitignore"));
}

/// A and B both edited water.ron; B's sync stops on it.
fn conflict() -> (tempfile::TempDir, Machine, Machine, String, String) {
    let (dir, _url, a, b) = two_machines();
    a.append("water.ron", "// A's water\n");
    a.ok(["sync"]);
    let theirs = a.read("water.ron");
    b.append("water.ron", "// B's water\n");
    let mine = b.read("water.ron");
    let said = b.fails(["sync"]);
    assert!(said.contains("both changed water"), "{said}");
    assert!(said.contains("nothing is lost"), "{said}");
    assert!(said.contains("--resolve APP --both"), "{said}");
    assert_eq!(b.read("water.ron"), mine, "the local version stays in place");
    b.assert_no_rebase_left();
    assert_eq!(
        b.ok(["sync", "--status"]).lines().next().unwrap(),
        "conflict: water"
    );
    // Syncing again says the same, and still loses nothing.
    assert!(b.fails(["sync"]).contains("both changed water"));
    assert_eq!(b.read("water.ron"), mine);
    (dir, a, b, mine, theirs)
}

#[test]
fn a_user_who_signs_commits_is_never_stopped_by_a_signing_prompt() {
    let (_remote, _url, a, _b) = two_machines();
    // Signing that could only fail (or, with a real gpg, prompt on the TUI's terminal).
    git(&a.apps(), &["config", "commit.gpgsign", "true"]);
    git(&a.apps(), &["config", "gpg.program", "false"]);
    a.append("water.ron", "// signed?\n");
    let said = a.ok(["sync"]);
    assert!(said.contains("pushed"), "{said}");
}

#[test]
fn same_app_on_both_sides_keep_mine() {
    let (_remote, a, b, mine, _theirs) = conflict();
    let said = b.ok(["sync", "--resolve", "water", "--mine"]);
    assert!(said.contains("pushed"), "{said}");
    assert_eq!(b.read("water.ron"), mine);
    b.assert_no_rebase_left();
    assert!(b.ok(["sync", "--status"]).starts_with("clean"));
    a.ok(["sync"]);
    assert_eq!(a.read("water.ron"), mine);
}

#[test]
fn same_app_on_both_sides_take_theirs() {
    let (_remote, a, b, _mine, theirs) = conflict();
    b.ok(["sync", "--resolve", "water", "--theirs"]);
    assert_eq!(b.read("water.ron"), theirs);
    b.assert_no_rebase_left();
    a.ok(["sync"]);
    assert_eq!(a.read("water.ron"), theirs);
}

#[test]
fn a_choice_is_applied_once_even_when_its_push_fails() {
    use std::os::unix::fs::PermissionsExt as _;
    let (remote, a, b, _mine, theirs) = conflict();
    // The remote refuses pushes for a while (fetching still works).
    let url = remote.path().join("remote.git");
    let hook = std::fs::read_dir(remote.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.join("hooks").is_dir())
        .unwrap_or(url)
        .join("hooks/pre-receive");
    std::fs::write(&hook, "#!/bin/sh\necho closed for the night >&2\nexit 1\n").unwrap();
    std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    // Something else of B's to push, so the sync gets as far as pushing.
    b.append("tea.ron", "// B's tea\n");
    let said = b.fails(["sync", "--resolve", "water", "--theirs"]);
    assert!(said.contains("closed for the night"), "{said}");
    assert_eq!(b.read("water.ron"), theirs, "the choice was applied");
    // A later edit on B must survive the next sync: theirs is not applied again.
    b.append("water.ron", "// B, later\n");
    std::fs::remove_file(&hook).unwrap();
    b.ok(["sync"]);
    assert!(
        b.read("water.ron").ends_with("// B, later\n"),
        "{}",
        b.read("water.ron")
    );
    a.ok(["sync"]);
    assert!(a.read("water.ron").ends_with("// B, later\n"));
}

#[test]
fn same_app_on_both_sides_keep_both() {
    let (_remote, a, b, mine, theirs) = conflict();
    b.ok(["sync", "--resolve", "water.ron", "--both"]);
    assert_eq!(b.read("water.ron"), mine);
    let copy = b.read("water-theirs.ron");
    assert!(copy.contains("// A's water"), "{copy}");
    assert!(copy.contains("name: \"Water (theirs)\""), "{copy}");
    assert_ne!(copy, theirs);
    // Two valid apps with their own ids, side by side.
    assert!(b.ok(["check"]).contains("ok"));
    let ls = b.ok(["ls", "--json"]);
    assert!(
        ls.contains("\"water-theirs\"") && ls.contains("\"water\""),
        "{ls}"
    );
    b.assert_no_rebase_left();
    a.ok(["sync"]);
    assert_eq!(a.read("water.ron"), mine);
    assert_eq!(a.read("water-theirs.ron"), copy);
}

#[test]
fn resolve_names_what_is_in_conflict() {
    let (_remote, _a, b, _mine, _theirs) = conflict();
    let said = b.fails(["sync", "--resolve", "tea", "--mine"]);
    assert!(
        said.contains("\"tea\" is not in conflict; these are: water"),
        "{said}"
    );
    let usage = b.nook(["sync", "--resolve", "water"]).output().unwrap();
    assert_eq!(usage.status.code(), Some(2), "a choice is required");
}

#[test]
fn a_spec_with_conflict_markers_is_an_invalid_spec() {
    let h = Machine::new();
    h.ok(["check"]);
    h.write(
        "water.ron",
        "<<<<<<< HEAD\nTracker(name: \"Water\")\n=======\nTracker(name: \"W\")\n>>>>>>> theirs\n",
    );
    let said = h.fails(["check"]);
    assert!(said.contains("water.ron:1:1: a git conflict marker"), "{said}");
    // The other apps keep working.
    assert!(h.ok(["ls"]).contains("Tea"));
}

#[test]
fn an_unreachable_remote_is_reported_in_gits_words() {
    let h = Machine::new();
    let nowhere = h.home.path().join("no-such-remote.git");
    let said = h.fails(["sync", "--init", nowhere.to_str().unwrap()]);
    assert!(said.contains("git fetch"), "{said}");
    assert!(said.contains("does not appear to be a git repository"), "{said}");
    // The folder is left as it was, and a second try says the same.
    assert!(h.read("water.ron").contains("Water"));
    assert_eq!(h.ok(["sync", "--status"]).lines().next().unwrap(), "not synced");
    let again = h.fails(["sync", "--init", nowhere.to_str().unwrap()]);
    assert!(
        again.contains("does not appear to be a git repository"),
        "{again}"
    );
    // A remote that disappears later: sync names git's problem, exit 1.
    let (_remote, url) = remote();
    h.ok(["sync", "--init", &url]);
    std::fs::remove_dir_all(&url).unwrap();
    let said = h.fails(["sync"]);
    assert!(
        said.contains("git fetch") && said.contains("does not appear to be a git repository"),
        "{said}"
    );
}

#[test]
fn sync_before_init_says_what_to_do() {
    let h = Machine::new();
    assert!(
        h.fails(["sync"])
            .contains("run `nook sync --init [REMOTE]` first")
    );
    assert_eq!(h.ok(["sync", "--status"]).lines().next().unwrap(), "not synced");
}

#[test]
fn init_without_a_remote_commits_locally() {
    let h = Machine::new();
    let said = h.ok(["sync", "--init"]);
    assert!(
        said.contains("connect a remote with `nook sync --init URL`"),
        "{said}"
    );
    assert!(h.last_commit().starts_with("nook: add .gitignore, budget"));
    let status = h.ok(["sync", "--status"]);
    assert_eq!(status.lines().next().unwrap(), "clean · no remote");
    // The second line says what happens to app data.
    assert!(
        status
            .lines()
            .nth(1)
            .unwrap()
            .starts_with("App data: goes to the remote in .nook/data, as plain JSON lines"),
        "{status}"
    );
}

#[test]
fn no_git_on_path_is_a_clear_error() {
    let h = Machine::new();
    let empty = tempfile::tempdir().unwrap();
    let said = h
        .nook(["sync", "--init"])
        .env("PATH", empty.path())
        .assert()
        .code(1)
        .get_output()
        .stderr
        .clone();
    let said = String::from_utf8(said).unwrap();
    assert!(said.contains("needs the `git` program"), "{said}");
}

#[cfg(unix)]
mod tui {
    use super::pty::{TIMEOUT, Tui};
    use super::*;

    fn tui(m: &Machine) -> Tui {
        // Tall enough for every bundled app, the Water row included.
        let mut b = Tui::builder(m.home.path()).size(100, 44);
        for (k, v) in GIT_ENV {
            b = b.env(k, v);
        }
        b.start().unwrap()
    }

    #[test]
    fn s_pulls_new_apps_into_a_running_tui_and_settles_a_conflict() {
        let (_remote, _url, a, b) = two_machines();
        let mut t = tui(&b);
        t.wait_for("synced just now", TIMEOUT).unwrap();
        a.write("books.ron", BOOKS);
        a.ok(["sync"]);
        t.send("S");
        // The new app shows by itself (live reload) once the sync pulled it.
        t.wait_for("Books", TIMEOUT).unwrap();
        t.wait_for("Synced: pulled 1 change", TIMEOUT).unwrap();

        a.append("water.ron", "// A's water\n");
        a.ok(["sync"]);
        b.append("water.ron", "// B's water\n");
        t.wait_for("1 changed", TIMEOUT).unwrap();
        t.send("S");
        t.wait_for("Sync conflict", TIMEOUT).unwrap();
        t.wait_for("water.ron", TIMEOUT).unwrap();
        t.wait_for("conflict: water", TIMEOUT).unwrap();
        t.send("b");
        t.wait_for("Water (theirs)", TIMEOUT).unwrap();
        t.wait_gone("Sync conflict", TIMEOUT).unwrap();
        t.send("q");
        assert!(t.wait_exit(TIMEOUT).unwrap().success());
        assert!(b.read("water.ron").ends_with("// B's water\n"));
        assert!(b.read("water-theirs.ron").contains("// A's water"));
        b.assert_no_rebase_left();
    }

    #[test]
    fn a_sync_error_shows_as_a_message() {
        let h = Machine::new();
        let nowhere = h.home.path().join("gone.git");
        git(h.home.path(), &["init", "-q", "--bare", "gone.git"]);
        h.ok(["sync", "--init", nowhere.to_str().unwrap()]);
        std::fs::remove_dir_all(&nowhere).unwrap();
        let mut t = tui(&h);
        t.wait_for("q quit", TIMEOUT).unwrap();
        t.send("S");
        // git's own words, as far as the footer's width goes.
        t.wait_for("Sync failed: git fetch: fatal: '", TIMEOUT).unwrap();
        t.send("q");
        assert!(t.wait_exit(TIMEOUT).unwrap().success());
    }

    #[test]
    fn quitting_with_a_sync_on_quit_does_not_wait_for_a_silent_remote() {
        let (_remote, good) = remote();
        let h = Machine::new();
        h.ok(["sync", "--init", &good]);
        git(&h.apps(), &["remote", "set-url", "origin", &silent_server()]);
        h.config("Config(sync: (on_quit: true, git_timeout_secs: 1))\n");
        let mut t = tui(&h);
        t.wait_for("synced just now", TIMEOUT).unwrap();
        t.send("q");
        assert!(t.wait_exit(TIMEOUT).unwrap().success());
        let screen = t.screen();
        assert!(
            screen.contains("sync failed: git fetch did not answer within 1 s"),
            "{screen}"
        );
    }
}

/// A git server on loopback that accepts connections and never answers.
fn silent_server() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for s in listener.incoming() {
            held.push(s);
        }
    });
    format!("git://127.0.0.1:{port}/apps.git")
}

/// An ssh that never answers: writes its process id to `pid_file`, then waits.
fn silent_ssh(dir: &Path, pid_file: &Path) -> PathBuf {
    use std::os::unix::fs::PermissionsExt as _;
    let script = dir.join("silent-ssh");
    std::fs::write(
        &script,
        format!("#!/bin/sh\necho $$ > '{}'\nexec sleep 600\n", pid_file.display()),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    script
}

/// Whether a process is gone (or dead and waiting to be reaped).
fn gone(pid_file: &Path) -> bool {
    let pid = std::fs::read_to_string(pid_file).unwrap();
    // Its killer's parent reaps it soon after; give that a moment.
    for _ in 0..100 {
        match std::fs::read_to_string(format!("/proc/{}/stat", pid.trim())) {
            Err(_) => return true,
            Ok(stat)
                if stat
                    .rsplit(')')
                    .next()
                    .unwrap_or("")
                    .trim_start()
                    .starts_with('Z') =>
            {
                return true;
            }
            Ok(_) => std::thread::sleep(std::time::Duration::from_millis(50)),
        }
    }
    false
}

/// Waits for a file to appear (a helper started); panics after a while.
fn appears(file: &Path) {
    for _ in 0..400 {
        if std::fs::read_to_string(file).is_ok_and(|t| t.ends_with('\n')) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!("{} never appeared", file.display());
}

impl Machine {
    fn config(&self, text: &str) {
        std::fs::write(self.home.path().join("config.ron"), text).unwrap();
    }

    /// Like [`Machine::fails`], but a nook still running after a minute is
    /// stopped and the test fails (rather than hanging).
    fn fails_in_time<const N: usize>(&self, args: [&str; N]) -> String {
        let out = self
            .nook(args)
            .timeout(std::time::Duration::from_secs(60))
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(1),
            "nook {args:?} did not fail in time:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stderr).unwrap()
    }
}

#[test]
fn a_remote_that_never_answers_is_stopped_and_named() {
    let h = Machine::new();
    h.ok(["check"]);
    h.config("Config(sync: (git_timeout_secs: 1))\n");
    let url = silent_server();
    let said = h.fails_in_time(["sync", "--init", &url]);
    assert!(said.contains("git fetch did not answer within 1 s"), "{said}");
    assert!(said.contains("git_timeout_secs"), "{said}");
    // Left as it was: trying again starts afresh.
    assert_eq!(h.ok(["sync", "--status"]).lines().next().unwrap(), "not synced");

    // A connected remote that stops answering: `nook sync` says the same.
    let (_remote, good) = remote();
    h.ok(["sync", "--init", &good]);
    git(&h.apps(), &["remote", "set-url", "origin", &url]);
    h.append("water.ron", "// offline\n");
    let said = h.fails_in_time(["sync"]);
    assert!(said.contains("git fetch did not answer within 1 s"), "{said}");
    // The commit was made; nothing is half way.
    assert_eq!(h.last_commit(), "nook: edit water");
    h.assert_no_rebase_left();
}

#[cfg(target_os = "linux")]
#[test]
fn a_stopped_git_takes_its_helpers_with_it() {
    let h = Machine::new();
    h.ok(["check"]);
    h.config("Config(sync: (git_timeout_secs: 1))\n");
    let pid_file = h.home.path().join("ssh.pid");
    let ssh = silent_ssh(h.home.path(), &pid_file);
    let said = String::from_utf8(
        h.nook(["sync", "--init", "nook@nook-test.invalid:apps.git"])
            .env("GIT_SSH_COMMAND", &ssh)
            .timeout(std::time::Duration::from_secs(60))
            .output()
            .unwrap()
            .stderr,
    )
    .unwrap();
    assert!(said.contains("git fetch did not answer within 1 s"), "{said}");
    assert!(gone(&pid_file), "the ssh git started is still running");
}

#[cfg(target_os = "linux")]
#[test]
fn an_interrupted_sync_stops_git_and_its_helpers() {
    use std::os::unix::process::ExitStatusExt as _;
    for signal in [rustix::process::Signal::INT, rustix::process::Signal::TERM] {
        let h = Machine::new();
        h.ok(["check"]);
        let pid_file = h.home.path().join("ssh.pid");
        let ssh = silent_ssh(h.home.path(), &pid_file);
        let mut nook = common::std_nook(h.home.path());
        nook.args(["sync", "--init", "nook@nook-test.invalid:apps.git"])
            .envs(GIT_ENV.iter().copied())
            .env("GIT_SSH_COMMAND", &ssh)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        let mut child = nook.spawn().unwrap();
        appears(&pid_file);
        let pid = rustix::process::Pid::from_raw(child.id() as i32).unwrap();
        rustix::process::kill_process(pid, signal).unwrap();
        let status = child.wait().unwrap();
        assert_eq!(status.signal(), Some(signal.as_raw()), "{status}");
        assert!(gone(&pid_file), "the ssh git started outlived nook");
    }
}

#[test]
fn a_local_git_command_that_hangs_is_stopped_and_named() {
    use std::os::unix::fs::PermissionsExt as _;
    let h = Machine::new();
    h.ok(["sync", "--init"]);
    h.config("Config(sync: (git_local_timeout_secs: 1))\n");
    // The user's own hook, waiting for something that never comes.
    let hook = h.apps().join(".git/hooks/pre-commit");
    std::fs::write(&hook, "#!/bin/sh\nexec sleep 600\n").unwrap();
    std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    h.append("water.ron", "// slow\n");
    let said = h.fails_in_time(["sync"]);
    assert!(said.contains("git commit took longer than 1 s"), "{said}");
    assert!(said.contains("git_local_timeout_secs"), "{said}");
    // git was stopped so that it cleaned up: the next sync works.
    std::fs::remove_file(&hook).unwrap();
    h.ok(["sync"]);
    assert_eq!(h.last_commit(), "nook: edit water");
}

#[test]
fn a_helper_that_outlives_git_does_not_hold_the_sync() {
    use std::os::unix::fs::PermissionsExt as _;
    let h = Machine::new();
    h.ok(["sync", "--init"]);
    // A hook that leaves a process behind holding git's stderr open.
    let pid = h.home.path().join("sleeper.pid");
    let hook = h.apps().join(".git/hooks/pre-commit");
    std::fs::write(
        &hook,
        format!(
            "#!/bin/sh\nsleep 90 >&2 &\necho $! > '{}'\nexit 0\n",
            pid.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    h.append("water.ron", "// kept\n");
    // git's own exit ends the call, not the pipe the sleeper holds (which
    // would keep nook waiting until the 120 s local limit).
    let out = h
        .nook(["sync"])
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .unwrap();
    if let Ok(p) = std::fs::read_to_string(&pid) {
        let _ = std::process::Command::new("kill").arg(p.trim()).status();
    }
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(h.last_commit(), "nook: edit water");
}

#[test]
fn a_remote_that_would_run_a_program_is_refused() {
    let h = Machine::new();
    h.ok(["check"]);
    let marker = h.home.path().join("ran");
    let ext = format!("ext::sh -c touch% {}", marker.display());
    // Even a user whose git allows every transport.
    let allow = [
        ("GIT_CONFIG_COUNT", "1"),
        ("GIT_CONFIG_KEY_0", "protocol.allow"),
        ("GIT_CONFIG_VALUE_0", "always"),
    ];
    for bad in [
        ext.as_str(),
        "fd::3",
        "gcrypt::rsync://x/y",
        "-uhello",
        "--upload-pack=touch x",
    ] {
        let out = h
            .nook(["sync", "--init", "--", bad])
            .envs(allow)
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{bad}: {said}");
        assert!(said.contains(&format!("REMOTE {bad:?}")), "{bad}: {said}");
        assert!(said.contains("https://"), "says what works: {said}");
        assert!(!marker.exists(), "{bad} ran a program");
        assert_eq!(h.ok(["sync", "--status"]).lines().next().unwrap(), "not synced");
    }
    // A remote set by hand (or by the folder's own config) is held to the same.
    let (_remote, good) = remote();
    h.ok(["sync", "--init", &good]);
    git(&h.apps(), &["remote", "set-url", "origin", &ext]);
    let out = h.nook(["sync"]).envs(allow).output().unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(said.contains("origin"), "{said}");
    assert!(!marker.exists(), "the folder's remote ran a program");
    // And so is one that a rewrite rule in the folder's config turns into ext::.
    git(
        &h.apps(),
        &["remote", "set-url", "origin", "https://nook-test.invalid/x"],
    );
    git(
        &h.apps(),
        &[
            "config",
            &format!("url.{ext}.insteadOf"),
            "https://nook-test.invalid/x",
        ],
    );
    let out = h.nook(["sync"]).envs(allow).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(!marker.exists(), "a rewritten remote ran a program");
}

#[test]
fn remotes_git_users_expect_are_accepted() {
    let (_dir, url) = remote();
    for ok in [url.clone(), format!("file://{url}")] {
        let h = Machine::new();
        h.ok(["check"]);
        let said = h.ok(["sync", "--init", &ok]);
        assert!(said.contains(&ok), "{said}");
    }
}
