//! Helpers shared by the integration tests. Every test works in its own
//! temporary NOOK_HOME; nothing here ever touches the real config dir.

#![allow(dead_code)]

/// The App built in-process at a fixed moment (screens, flows, editor).
pub mod fixture;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicI64, Ordering};

use assert_cmd::Command;
use tempfile::TempDir;

/// [`Home::clock`] before a test sets one: commands read the system clock.
const NO_CLOCK: i64 = i64::MIN;

/// A temporary nook home, removed when dropped.
pub struct Home {
    pub dir: TempDir,
    /// The clock every command run here sees (`NOOK_TEST_NOW`, unix ms),
    /// once [`Home::set_clock`] set it; the system clock before that.
    clock: AtomicI64,
}

impl Home {
    /// An empty home: the first command run in it installs the bundled apps.
    pub fn empty() -> Home {
        Home {
            dir: tempfile::tempdir().expect("temp dir"),
            clock: AtomicI64::new(NO_CLOCK),
        }
    }

    /// A home with the bundled apps already installed.
    pub fn installed() -> Home {
        let h = Home::empty();
        h.nook(["check"]).assert().success();
        h
    }

    /// From now on every command run here reads the clock as `ms` (unix
    /// milliseconds), through the debug builds' `NOOK_TEST_NOW`: a test
    /// moves time on with [`Home::advance`] instead of sleeping.
    pub fn set_clock(&self, ms: i64) {
        if cfg!(not(debug_assertions)) {
            panic!("NOOK_TEST_NOW is honoured only by debug builds");
        }
        self.clock.store(ms, Ordering::Relaxed);
    }

    /// Moves the clock set by [`Home::set_clock`] on by `ms` milliseconds.
    pub fn advance(&self, ms: i64) {
        let now = self.clock.load(Ordering::Relaxed);
        assert_ne!(now, NO_CLOCK, "set_clock before advance");
        self.clock.store(now + ms, Ordering::Relaxed);
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn apps(&self) -> PathBuf {
        self.path().join("apps")
    }

    pub fn db(&self) -> PathBuf {
        self.path().join("nook.redb")
    }

    /// Writes a spec file into the apps folder.
    pub fn spec(&self, file: &str, text: &str) -> PathBuf {
        std::fs::create_dir_all(self.apps()).unwrap();
        let p = self.apps().join(file);
        std::fs::write(&p, text).unwrap();
        p
    }

    /// `nook ARGS` with NOOK_HOME set to this home.
    pub fn nook<I, S>(&self, args: I) -> Command
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        let mut c = Command::new(env!("CARGO_BIN_EXE_nook"));
        isolate(&mut c, self.path());
        c.env("NOOK_HOME", self.path()).args(args);
        let ms = self.clock.load(Ordering::Relaxed);
        if ms != NO_CLOCK {
            c.env("NOOK_TEST_NOW", ms.to_string());
        }
        c
    }

    /// Runs `nook ARGS`, asserts success, returns stdout.
    pub fn ok<I, S>(&self, args: I) -> String
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        let out = self.nook(args).assert().success().get_output().stdout.clone();
        String::from_utf8(out).expect("utf-8 stdout")
    }

    /// Runs `nook ARGS`, asserts exit code `code`, returns stderr.
    pub fn fails<I, S>(&self, code: i32, args: I) -> String
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        let out = self.nook(args).assert().code(code).get_output().stderr.clone();
        String::from_utf8(out).expect("utf-8 stderr")
    }

    /// `nook export APP` parsed as JSON.
    pub fn export(&self, app: &str) -> serde_json::Value {
        let text = self.ok(["export", app]);
        serde_json::from_str(&text).expect("export is JSON")
    }

    /// The items of `nook export APP` (empty when there are none).
    pub fn items(&self, app: &str) -> Vec<serde_json::Value> {
        self.export(app)["items"].as_array().cloned().unwrap_or_default()
    }

    /// The full ids of an app's items, in order, as `nook export` gives them.
    pub fn ids(&self, app: &str) -> Vec<String> {
        self.items(app).iter().map(id_of).collect()
    }

    /// `nook add APP ARGS`, asserting success: the id it printed
    /// (`Added #ID to …`), which names the item from then on.
    pub fn add<I, S>(&self, app: &str, args: I) -> String
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        let mut c = self.nook(["add", app]);
        c.args(args);
        let out = c.assert().success().get_output().stdout.clone();
        let out = String::from_utf8(out).expect("utf-8 stdout");
        added_id(&out).unwrap_or_else(|| panic!("`nook add` printed no id: {out}"))
    }
}

/// The id in `nook add`'s `Added #ID to …` line.
pub fn added_id(out: &str) -> Option<String> {
    let rest = out.split("Added #").nth(1)?;
    Some(rest.split(' ').next()?.to_string())
}

/// An item's id in export or `--json` form (a string).
pub fn id_of(item: &serde_json::Value) -> String {
    item["id"]
        .as_str()
        .unwrap_or_else(|| panic!("the id is a string: {item}"))
        .to_string()
}

/// The ids as `nook items` shows them: each the shortest prefix of its hex
/// digits that no other id of the list shares.
pub fn short_ids(full: &[String]) -> Vec<String> {
    let ids: Vec<nook::model::item_id::ItemId> = full
        .iter()
        .map(|s| nook::model::item_id::ItemId::parse(s).expect("an item id"))
        .collect();
    nook::model::item_id::shortest(&ids)
}

/// Keeps a child process away from the real home whatever it does: HOME and
/// the XDG dirs point into `sandbox`, and NOOK_HOME is cleared (callers set it).
pub fn isolate(c: &mut Command, sandbox: &Path) {
    let fake = sandbox.join(".fake-user-home");
    c.env_remove("NOOK_HOME")
        .env("HOME", &fake)
        .env("XDG_CONFIG_HOME", fake.join(".config"))
        .env("XDG_DATA_HOME", fake.join(".local/share"))
        .env("NO_COLOR", "1");
}

/// A plain `std::process::Command` for the binary, isolated like [`isolate`].
pub fn std_nook(home: &Path) -> std::process::Command {
    let fake = home.join(".fake-user-home");
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_nook"));
    c.env("NOOK_HOME", home)
        .env("HOME", &fake)
        .env("XDG_CONFIG_HOME", fake.join(".config"))
        .env("XDG_DATA_HOME", fake.join(".local/share"));
    c
}

/// Today's date as nook sees it (local time).
/// The system clock in unix milliseconds, for [`Home::set_clock`].
pub fn now_ms() -> i64 {
    let since = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
    since.map_or(0, |d| d.as_millis() as i64)
}

pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// git's configuration and identity for every process a git test starts,
/// shut off from the user's own.
pub const GIT_ENV: &[(&str, &str)] = &[
    ("GIT_CONFIG_GLOBAL", "/dev/null"),
    ("GIT_CONFIG_NOSYSTEM", "1"),
    ("GIT_AUTHOR_NAME", "Test"),
    ("GIT_AUTHOR_EMAIL", "test@example.com"),
    ("GIT_COMMITTER_NAME", "Test"),
    ("GIT_COMMITTER_EMAIL", "test@example.com"),
];

/// Runs git in `dir` with the isolated config; panics unless it succeeds.
pub fn git(dir: &Path, args: &[&str]) -> String {
    let out = std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .envs(GIT_ENV.iter().copied())
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A property's case count: `n`, or `PROPTEST_CASES` for a longer run.
pub fn cases(n: u32) -> proptest::test_runner::Config {
    let n = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(n);
    proptest::test_runner::Config {
        cases: n,
        failure_persistence: None,
        ..proptest::test_runner::Config::default()
    }
}
