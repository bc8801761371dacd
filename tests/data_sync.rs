//! App data through the apps folder's git remote, end to end: real homes
//! (each a "machine" with its own NOOK_HOME and database) against a
//! temporary bare repository, driven only through the `nook` binary.
//! git's global and system config are shut out (common::GIT_ENV), so the
//! user's own git setup plays no part, and NOOK_SYNC_SECRET is set or
//! removed explicitly for every command.
//!
//! Item texts are distinctive ("zq-oatmilk-41") so that searching the
//! remote's objects for them cannot hit the bundled example specs.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

use common::{GIT_ENV, Home, git, today};
use serde_json::Value;

/// A nook home on one "machine", with or without a sync secret.
struct Machine {
    home: Home,
    secret: Option<String>,
}

impl Machine {
    fn new(secret: Option<&str>) -> Machine {
        Machine {
            home: Home::empty(),
            secret: secret.map(str::to_string),
        }
    }

    fn command(&self, args: &[&str]) -> std::process::Command {
        let mut c = common::std_nook(self.home.path());
        c.env("NO_COLOR", "1").envs(GIT_ENV.iter().copied()).args(args);
        match &self.secret {
            Some(s) => c.env("NOOK_SYNC_SECRET", s),
            None => c.env_remove("NOOK_SYNC_SECRET"),
        };
        c
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("nook runs")
    }

    /// Runs nook, expects success, returns stdout and stderr together.
    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        let text = both(&out);
        assert!(out.status.success(), "nook {args:?} failed:\n{text}");
        text
    }

    /// Runs nook, expects a non-zero exit (never a panic), returns its words.
    fn fails(&self, args: &[&str]) -> String {
        let out = self.run(args);
        let text = both(&out);
        assert!(!out.status.success(), "nook {args:?} should have failed:\n{text}");
        assert_eq!(out.status.code(), Some(1), "nook {args:?}:\n{text}");
        assert!(!text.contains("panicked"), "nook {args:?} panicked:\n{text}");
        text
    }

    fn sync(&self) -> String {
        self.ok(&["sync"])
    }

    /// `nook add APP ARGS`; the new item's id.
    fn add(&self, app: &str, args: &[&str]) -> String {
        let mut all = vec!["add", app];
        all.extend_from_slice(args);
        let said = self.ok(&all);
        let id = said
            .split_once("Added #")
            .and_then(|(_, rest)| rest.split_whitespace().next())
            .unwrap_or_else(|| panic!("no id in {said:?}"));
        id.to_string()
    }

    /// `nook export APP --format json`, parsed.
    fn export(&self, app: &str) -> Value {
        let out = self.run(&["export", app, "--format", "json"]);
        assert!(out.status.success(), "export {app}: {}", both(&out));
        serde_json::from_slice(&out.stdout).expect("export is JSON")
    }

    /// `nook items APP --json`, by id.
    fn items(&self, app: &str) -> BTreeMap<String, Value> {
        let out = self.run(&["items", app, "--json"]);
        assert!(out.status.success(), "items {app}: {}", both(&out));
        let list: Vec<Value> = serde_json::from_slice(&out.stdout).expect("items is JSON");
        list.into_iter()
            .map(|i| (i["id"].as_str().unwrap().to_string(), i))
            .collect()
    }

    /// The plain list's texts, by id.
    fn texts(&self, app: &str) -> BTreeMap<String, String> {
        self.items(app)
            .into_iter()
            .map(|(id, i)| (id, i["text"].as_str().unwrap().to_string()))
            .collect()
    }

    /// Water's total for today, from the JSON export.
    fn water_today(&self) -> f64 {
        let day = today().format("%Y-%m-%d").to_string();
        self.export("water")["entries"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|e| e["date"] == day.as_str())
            .map(|e| e["value"].as_f64().unwrap())
            .sum()
    }

    fn apps(&self) -> PathBuf {
        self.home.apps()
    }

    fn join(&self, url: &str) {
        self.ok(&["sync", "--init", url]);
    }
}

fn both(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// A bare repository to push to, as on a server.
fn remote() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    git(dir.path(), &["init", "-q", "--bare", "remote.git"]);
    let url = dir.path().join("remote.git").display().to_string();
    (dir, url)
}

/// Syncs each machine in turn.
fn sync_in_turn(machines: &[&Machine]) {
    for m in machines {
        m.sync();
    }
}

/// Every app whose data the tests touch is the same on both machines.
fn assert_same_data(a: &Machine, b: &Machine) {
    for app in ["groceries", "reading", "water", "tea"] {
        assert_eq!(a.export(app), b.export(app), "{app} differs");
    }
}

/// The contract of issue #13, on two machines with the same (or no) secret.
/// Returns the remote and both machines, synced and equal.
fn contract(secret: Option<&str>) -> (tempfile::TempDir, String, Machine, Machine) {
    let (dir, url) = remote();
    let a = Machine::new(secret);
    a.join(&url);
    let b = Machine::new(secret);
    b.join(&url);

    let milk = a.add("groceries", &["zq-oatmilk-41"]);
    let eggs = b.add("groceries", &["zq-eggs-43"]);
    a.ok(&["log", "water", "2"]);
    b.ok(&["log", "water", "3"]);
    sync_in_turn(&[&a, &b, &a]);
    let want = BTreeMap::from([
        (milk.clone(), "zq-oatmilk-41".to_string()),
        (eggs.clone(), "zq-eggs-43".to_string()),
    ]);
    for m in [&a, &b] {
        let items = m.export("groceries")["items"].as_array().unwrap().clone();
        let got: BTreeMap<String, String> = items
            .iter()
            .map(|i| {
                (
                    i["id"].as_str().unwrap().to_string(),
                    i["text"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        assert_eq!(got, want, "groceries on both machines, with the same ids");
        assert_eq!(m.water_today(), 5.0, "2 on A and 3 on B add up");
    }

    // Different fields of one item, edited on each machine: both kept.
    let book = a.add(
        "reading",
        &["title=zq-dune-17", "author=zq-herbert-23", "pages=412"],
    );
    sync_in_turn(&[&a, &b]);
    a.ok(&["edit", "reading", &book, "author=zq-frank-29"]);
    b.ok(&["edit", "reading", &book, "pages=500"]);
    sync_in_turn(&[&a, &b, &a]);
    for m in [&a, &b] {
        let v = &m.items("reading")[&book]["values"];
        assert_eq!(v["title"], "zq-dune-17");
        assert_eq!(v["author"], "zq-frank-29", "A's edit kept");
        assert_eq!(v["pages"], 500.0, "B's edit kept");
    }

    // The same field on both: the later edit (B's) wins, on both.
    a.ok(&["edit", "reading", &book, "title=zq-messiah-31"]);
    b.ok(&["edit", "reading", &book, "title=zq-children-37"]);
    sync_in_turn(&[&a, &b, &a]);
    for m in [&a, &b] {
        let v = &m.items("reading")[&book]["values"];
        assert_eq!(v["title"], "zq-children-37", "the later edit wins");
        assert_eq!(v["author"], "zq-frank-29");
    }

    // A timer started on A runs on B.
    a.ok(&["timer", "tea", "start"]);
    sync_in_turn(&[&a, &b]);
    let status: Value = serde_json::from_str(&b.ok(&["timer", "tea", "status", "--json"])).unwrap();
    assert_eq!(status["status"], "running", "{status}");

    // Deleted on A, edited on B: it stays deleted on both (docs/sync.md).
    let flour = a.add("groceries", &["zq-flour-47"]);
    sync_in_turn(&[&a, &b]);
    assert!(b.texts("groceries").contains_key(&flour));
    a.ok(&["rm", "groceries", &flour]);
    b.ok(&["edit", "groceries", &flour, "zq-ryeflour-53"]);
    sync_in_turn(&[&a, &b, &a]);
    for m in [&a, &b] {
        assert_eq!(m.texts("groceries"), want, "the deleted item stays deleted");
    }
    assert_same_data(&a, &b);
    (dir, url, a, b)
}

/// Every object in the bare remote (blobs, trees, commits), as one buffer.
fn remote_objects(url: &str) -> Vec<u8> {
    let out = std::process::Command::new("git")
        .arg("-C")
        .arg(url)
        .args(["cat-file", "--batch-all-objects", "--batch"])
        .envs(GIT_ENV.iter().copied())
        .output()
        .unwrap();
    assert!(out.status.success());
    out.stdout
}

fn holds(haystack: &[u8], needle: &str) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn two_machines_converge_on_the_contract() {
    let (_dir, url, _a, _b) = contract(None);
    // Without a secret the data goes as plain JSON lines (the documented
    // default), so the texts are in the remote: the check below is a real one.
    assert!(holds(&remote_objects(&url), "zq-oatmilk-41"));
}

const SECRET: &str = "zq correct horse battery staple";

#[test]
fn sealed_data_keeps_the_contract_and_shows_the_remote_no_text() {
    let (_dir, url, a, _b) = contract(Some(SECRET));
    let objects = remote_objects(&url);
    assert!(holds(&objects, ".ops"), "the data files did reach the remote");
    for text in [
        "zq-oatmilk-41",
        "zq-eggs-43",
        "zq-dune-17",
        "zq-herbert-23",
        "zq-frank-29",
        "zq-messiah-31",
        "zq-children-37",
        "zq-flour-47",
        "zq-ryeflour-53",
    ] {
        assert!(!holds(&objects, text), "{text:?} is in the remote's objects");
    }

    // A third machine with another secret: a clear refusal, nothing imported.
    let c = Machine::new(Some("zq another secret"));
    c.join(&url);
    let own = c.add("groceries", &["zq-c-own-59"]);
    let said = c.fails(&["sync"]);
    assert!(said.contains("sync secret does not match"), "{said}");
    assert_eq!(
        c.texts("groceries"),
        BTreeMap::from([(own, "zq-c-own-59".to_string())]),
        "C imports nothing"
    );
    assert_eq!(c.water_today(), 0.0);
    // Nor does it send its own data sealed with the wrong key.
    assert!(!holds(&remote_objects(&url), "zq-c-own-59"));

    // A machine with no secret at all is told to set one.
    let d = Machine::new(None);
    d.join(&url);
    let said = d.fails(&["sync"]);
    assert!(said.contains("sealed"), "{said}");
    assert!(said.contains("NOOK_SYNC_SECRET"), "{said}");
    assert!(d.texts("groceries").is_empty(), "D imports nothing");

    // The right secret still works after all that.
    a.sync();
}

#[test]
fn a_machine_joining_later_gets_everything_on_its_first_sync() {
    let (_dir, url) = remote();
    let a = Machine::new(None);
    a.join(&url);
    let b = Machine::new(None);
    b.join(&url);
    a.add("groceries", &["zq-oatmilk-41"]);
    let gone = a.add("groceries", &["zq-gone-61"]);
    b.add("groceries", &["zq-eggs-43"]);
    b.add("reading", &["title=zq-dune-17", "pages=412"]);
    a.ok(&["log", "water", "2"]);
    b.ok(&["log", "water", "4"]);
    a.ok(&["timer", "tea", "start"]);
    sync_in_turn(&[&a, &b]);
    b.ok(&["rm", "groceries", &gone]);
    sync_in_turn(&[&b, &a]);

    let c = Machine::new(None);
    c.join(&url);
    let said = c.sync();
    assert!(said.contains("eceived"), "{said}");
    assert_same_data(&a, &c);
    assert_eq!(c.texts("groceries").len(), 2);
    assert_eq!(c.water_today(), 6.0);
}

#[test]
fn data_false_keeps_this_machines_data_off_the_remote() {
    let (_dir, url) = remote();
    let a = Machine::new(None);
    a.ok(&["check"]);
    std::fs::write(a.home.path().join("config.ron"), "Config(sync: (data: false))\n").unwrap();
    a.join(&url);
    let b = Machine::new(None);
    b.join(&url);
    a.add("groceries", &["zq-local-67"]);
    a.ok(&["log", "water", "2"]);
    b.add("groceries", &["zq-eggs-43"]);
    sync_in_turn(&[&a, &b, &a]);

    let status = a.ok(&["sync", "--status"]);
    assert!(status.contains("stays on this machine"), "{status}");
    assert!(!holds(&remote_objects(&url), "zq-local-67"));
    // A committed nothing under .nook/data: the only device folder in the
    // remote is B's, and B never heard of A's item.
    let branch = git(
        Path::new(&url),
        &["for-each-ref", "--format=%(refname)", "refs/heads"],
    );
    let files = git(Path::new(&url), &["ls-tree", "-r", "--name-only", branch.trim()]);
    let devices: std::collections::BTreeSet<&str> = files
        .lines()
        .filter_map(|f| f.strip_prefix(".nook/data/"))
        .filter_map(|f| f.split_once('/').map(|(d, _)| d))
        .collect();
    assert_eq!(devices.len(), 1, "{files}");
    let texts: Vec<String> = b.texts("groceries").into_values().collect();
    assert_eq!(texts, ["zq-eggs-43"]);
    assert_eq!(b.water_today(), 0.0);
    // And A keeps its data to itself: B's item is not imported either.
    let texts: Vec<String> = a.texts("groceries").into_values().collect();
    assert_eq!(texts, ["zq-local-67"]);
    let status = b.ok(&["sync", "--status"]);
    assert!(status.contains("goes to the remote"), "{status}");
}
