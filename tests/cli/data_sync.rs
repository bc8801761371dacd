//! App data through the apps folder's git remote, end to end: real homes
//! (each a "machine" with its own NOOK_HOME and database) against a
//! temporary bare repository, driven only through the `nook` binary.
//! git's global and system config are shut out (common::GIT_ENV), so the
//! user's own git setup plays no part, and NOOK_SYNC_SECRET is set or
//! removed explicitly for every command.
//!
//! Item texts are distinctive ("zq-oatmilk-41") so that searching the
//! remote's objects for them cannot hit the bundled example specs.

use crate::common;

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
        // `nook add` shows the id short; the export holds it in full.
        self.export(app)["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["id"].as_str().unwrap().to_string())
            .find(|full| full.replace('-', "").starts_with(id))
            .unwrap_or_else(|| panic!("no item with id {id} in {app}"))
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

/// The one branch the machines push to.
fn remote_branch(url: &str) -> String {
    let heads = git(
        Path::new(url),
        &["for-each-ref", "--format=%(refname:short)", "refs/heads"],
    );
    assert_eq!(heads.lines().count(), 1, "{heads}");
    heads.trim().to_string()
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
    let branch = remote_branch(&url);
    let files = git(Path::new(&url), &["ls-tree", "-r", "--name-only", &branch]);
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

/// A small seeded generator (xorshift64*), so a failing run can be
/// repeated with NOOK_TEST_SEED.
struct Rng(u64);

impl Rng {
    fn seeded() -> (Rng, u64) {
        let seed = std::env::var("NOOK_TEST_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(0x5eed_da7a);
        (Rng(seed.max(1)), seed)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % n
    }
}

/// The processes `pid` started, and theirs, from /proc.
#[cfg(target_os = "linux")]
fn descendants(pid: i32) -> Vec<i32> {
    let mut parents: Vec<(i32, i32)> = Vec::new();
    for e in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(p) = e.file_name().to_string_lossy().parse::<i32>() else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{p}/stat")) else {
            continue;
        };
        // pid (comm) state ppid ...: comm may hold spaces, so split after ')'.
        let ppid = stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().nth(1))
            .and_then(|s| s.parse().ok());
        if let Some(ppid) = ppid {
            parents.push((p, ppid));
        }
    }
    let mut out = vec![];
    let mut todo = vec![pid];
    while let Some(p) = todo.pop() {
        for &(c, pp) in &parents {
            if pp == p && !out.contains(&c) {
                out.push(c);
                todo.push(c);
            }
        }
    }
    out
}

/// The lock file git names in "Unable to create '….lock': File exists".
#[cfg(target_os = "linux")]
fn stale_lock(said: &str) -> Option<std::path::PathBuf> {
    let (_, rest) = said.split_once("Unable to create '")?;
    let (path, after) = rest.split_once('\'')?;
    (path.ends_with(".lock") && after.starts_with(": File exists")).then(|| path.into())
}

#[cfg(target_os = "linux")]
fn signal(pid: i32, s: rustix::process::Signal) {
    if let Some(p) = rustix::process::Pid::from_raw(pid) {
        let _ = rustix::process::kill_process(p, s);
    }
}

/// SIGKILLs `child` after `ms`. With `tree`, git and what it started die
/// with it at the same instant (as at a power cut): nook is stopped first
/// so it cannot react, then everything below it is stopped and killed.
/// Without, only nook dies and the git it was running finishes on its own,
/// which is waited for.
#[cfg(target_os = "linux")]
fn kill_after(mut child: std::process::Child, ms: u64, tree: bool, dir: &Path) {
    use rustix::process::Signal;
    std::thread::sleep(std::time::Duration::from_millis(ms));
    let pid = child.id() as i32;
    let mut below = Vec::new();
    if tree {
        signal(pid, Signal::STOP);
        loop {
            let now = descendants(pid);
            let new: Vec<i32> = now.into_iter().filter(|p| !below.contains(p)).collect();
            if new.is_empty() {
                break;
            }
            for &p in &new {
                signal(p, Signal::STOP);
            }
            below.extend(new);
        }
        for &p in &below {
            signal(p, Signal::KILL);
        }
    } else {
        below = descendants(pid);
    }
    signal(pid, Signal::KILL);
    let _ = child.wait();
    // Orphans are reaped by init; wait until they are gone, and until no
    // process (a git they started) works in the folder any more.
    let gone = |p: i32| {
        std::fs::read_to_string(format!("/proc/{p}/stat")).map_or(true, |s| {
            s.rsplit_once(')')
                .is_some_and(|(_, r)| r.trim_start().starts_with('Z'))
        })
    };
    for p in below {
        while !gone(p) {
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }
    // Quiet for 50 ms running, not at one look: a git nook forked just
    // before it died may not have moved into the folder yet when looked
    // at once, and would then hold the branch's lock as the next sync runs.
    let mut quiet = 0;
    for _ in 0..2000 {
        let busy = std::fs::read_dir("/proc").unwrap().flatten().any(|e| {
            let p = e.file_name().to_string_lossy().parse::<i32>();
            p.is_ok_and(|p| {
                std::fs::read_link(format!("/proc/{p}/cwd")).is_ok_and(|c| c.starts_with(dir)) && !gone(p)
            })
        });
        quiet = if busy { 0 } else { quiet + 1 };
        if quiet == 10 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_sync_killed_at_any_point_loses_nothing_and_resumes() {
    let (mut rng, seed) = Rng::seeded();
    let (_dir, url) = remote();
    let a = Machine::new(None);
    a.join(&url);
    let b = Machine::new(None);
    b.join(&url);
    let mut want: BTreeMap<String, String> = BTreeMap::new();
    let mut findings = Vec::new();
    for round in 0..8 {
        for (m, side) in [(&a, "a"), (&b, "b")] {
            let text = format!("zq-kill-{side}-{round}");
            want.insert(m.add("groceries", &[&text]), text);
        }
        a.ok(&["log", "water", "1"]);
        for (m, side) in [(&a, "a"), (&b, "b")] {
            let ms = rng.below(200);
            let tree = rng.below(2) == 0;
            let child = m
                .command(&["sync"])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .unwrap();
            kill_after(child, ms, tree, m.home.path());
            // The next sync on that machine must recover by itself, or say
            // what to do; a git killed at once with nook (a power cut) can
            // leave a lock on the index and one on the branch, each named
            // by its own sync, so the advice may be needed more than once.
            let mut out = m.run(&["sync"]);
            let mut tries = 0;
            while !out.status.success() {
                tries += 1;
                let said = both(&out);
                assert!(tries <= 4, "sync still fails after following its advice:\n{said}");
                findings.push(format!(
                    "seed {seed} round {round} machine {side}, killed after {ms} ms{}: {said}",
                    if tree { " with its git" } else { "" },
                ));
                // Do what the message tells the user, then sync again.
                if said.contains("git rebase --abort") {
                    // A rebase killed before it noted where it began cannot
                    // be aborted ("invalid orig-head"); `--quit` leaves it.
                    let aborted = std::process::Command::new("git")
                        .arg("-C")
                        .arg(m.apps())
                        .args(["rebase", "--abort"])
                        .envs(GIT_ENV.iter().copied())
                        .output()
                        .unwrap();
                    if !aborted.status.success() {
                        findings.push(format!("git rebase --abort: {}", both(&aborted)));
                        git(&m.apps(), &["rebase", "--quit"]);
                    }
                } else if let Some(lock) = stale_lock(&said) {
                    // git's own advice for a lock a killed git left (no
                    // process works in the folder any more: see kill_after).
                    std::fs::remove_file(lock).unwrap();
                } else {
                    panic!("a sync after a kill failed without a way out:\n{said}");
                }
                out = m.run(&["sync"]);
            }
        }
    }
    sync_in_turn(&[&a, &b, &a]);
    for (m, side) in [(&a, "a"), (&b, "b")] {
        let items = m.texts("groceries");
        assert_eq!(
            items, want,
            "every item exactly once on {side} (seed {seed}); syncs that did not resume: {findings:#?}"
        );
        assert_eq!(m.water_today(), 8.0, "{side}, seed {seed}");
    }
    assert_same_data(&a, &b);
    for f in &findings {
        eprintln!("did not resume by itself: {f}");
    }
}

/// Someone with push access to the remote: a clone that commits whatever
/// it is given under `.nook/data` and pushes it.
fn push_as_stranger(url: &str, put: impl FnOnce(&Path)) {
    let dir = tempfile::tempdir().unwrap();
    let work = dir.path().join("work");
    let branch = remote_branch(url);
    git(dir.path(), &["clone", "-q", "-b", &branch, url, "work"]);
    put(&work);
    git(&work, &["add", "-A"]);
    git(&work, &["commit", "-q", "-m", "stranger"]);
    git(&work, &["push", "-q", "origin", "HEAD"]);
}

const STRANGER: &str = "5757575757575757";

/// One operation line of device `device`: a new groceries item.
fn create_line(device: &str, n: u32, id_tail: u32, text: &str) -> String {
    let ms = chrono::Utc::now().timestamp_millis();
    serde_json::json!({
        "at": {"ms": ms, "n": n, "device": device},
        "app": "groceries",
        "do": "create",
        "item": {
            "id": format!("01a23422-0000-7000-8000-{id_tail:012}"),
            "text": text,
            "done": false,
            "created": ms,
            "updated": ms,
        },
    })
    .to_string()
}

fn segment() -> String {
    chrono::Utc::now().format("%Y-%m.ops").to_string()
}

fn no_escape(said: &str, what: &str) {
    assert!(!said.contains('\u{1b}'), "raw ESC in {what}: {said:?}");
    assert!(!said.contains("panicked"), "{what}: {said}");
}

#[cfg(unix)]
#[test]
fn links_arriving_through_sync_are_refused_naming_them() {
    let (_dir, url) = remote();
    let a = Machine::new(None);
    a.join(&url);
    a.add("groceries", &["zq-oatmilk-41"]);
    a.sync();
    // Outside the apps folder: a file of valid operations a link points at.
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join(segment());
    std::fs::write(&target, create_line(STRANGER, 0, 1, "zq-linked-71") + "\n").unwrap();

    // A data file that is a link.
    push_as_stranger(&url, |w| {
        let d = w.join(".nook/data").join(STRANGER);
        std::fs::create_dir_all(&d).unwrap();
        std::os::unix::fs::symlink(&target, d.join(segment())).unwrap();
    });
    let said = a.fails(&["sync"]);
    no_escape(&said, "sync");
    let file = format!("{STRANGER}/{}", segment());
    assert!(said.contains(&file) && said.contains("symbolic link"), "{said}");
    assert!(!a.texts("groceries").values().any(|t| t == "zq-linked-71"));
    let before = std::fs::read_to_string(&target).unwrap();

    // A device folder that is a link (to a folder of valid operations).
    let b = Machine::new(None);
    b.join(&url);
    push_as_stranger(&url, |w| {
        let d = w.join(".nook/data");
        std::fs::remove_file(d.join(STRANGER).join(segment())).unwrap();
        std::fs::remove_dir(d.join(STRANGER)).unwrap();
        std::os::unix::fs::symlink(outside.path(), d.join(STRANGER)).unwrap();
    });
    let said = a.fails(&["sync"]);
    no_escape(&said, "sync");
    assert!(
        said.contains(&format!(".nook/data/{STRANGER}")) && said.contains("symbolic link"),
        "{said}"
    );
    assert!(!a.texts("groceries").values().any(|t| t == "zq-linked-71"));
    let said = b.fails(&["sync"]);
    assert!(said.contains("symbolic link"), "{said}");
    // Nothing was written through either link.
    assert_eq!(std::fs::read_to_string(&target).unwrap(), before);
    assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 1);
    assert!(!b.texts("groceries").values().any(|t| t == "zq-linked-71"));
}

#[test]
fn bad_lines_arriving_through_sync_are_skipped_naming_file_and_line() {
    let (_dir, url) = remote();
    let a = Machine::new(None);
    a.join(&url);
    let escape = "zq-\u{1b}[2J-\u{1b}]52;c;aGk=\u{7}-esc-73";
    push_as_stranger(&url, |w| {
        let d = w.join(".nook/data").join(STRANGER);
        std::fs::create_dir_all(&d).unwrap();
        let lines = [
            create_line(STRANGER, 0, 1, "zq-good-first-79"),
            "{\"at\": not json at all".to_string(),
            create_line("6868686868686868", 1, 2, "zq-other-device-83"),
            create_line(STRANGER, 2, 3, escape),
            // An escape in what nook would quote back in its message.
            create_line("\u{1b}[2J", 3, 4, "zq-esc-device-89"),
            create_line(STRANGER, 4, 5, "zq-good-last-97").replace("\"create\"", "\"\\u001b[2Jzap\""),
            create_line(STRANGER, 5, 6, "zq-good-last-97"),
        ];
        std::fs::write(d.join(segment()), lines.join("\n") + "\n").unwrap();
    });
    let out = a.run(&["sync"]);
    let said = both(&out);
    no_escape(&said, "sync");
    assert!(out.status.success(), "{said}");
    let file = format!(".nook/data/{STRANGER}/{}", segment());
    for line in [2, 3, 5, 6] {
        assert!(said.contains(&format!("{file}:{line}")), "line {line}: {said}");
    }
    assert!(said.contains("device 6868686868686868"), "{said}");
    let texts: Vec<String> = a.texts("groceries").into_values().collect();
    assert!(texts.contains(&"zq-good-first-79".to_string()), "{texts:?}");
    assert!(texts.contains(&"zq-good-last-97".to_string()), "{texts:?}");
    assert!(!texts.iter().any(|t| t.contains("device")), "{texts:?}");
    for args in [
        &["items", "groceries"][..],
        &["ls"],
        &["open", "groceries", "--help"],
    ] {
        let out = a.run(args);
        assert!(out.status.success());
        no_escape(&both(&out), &format!("nook {args:?}"));
    }
    // (An export into a pipe is exact by design, src/out.rs; on a
    // terminal it is cleaned.) JSON keeps the text exactly, escaped.
    let json = a.run(&["items", "groceries", "--json"]);
    no_escape(&both(&json), "items --json");
    // A second sync reads nothing again and says nothing of the bad lines.
    let again = a.sync();
    assert!(!again.contains(&file), "{again}");
}

/// A sync killed after it left its branch for the rebase (HEAD detached,
/// as git leaves it mid-rebase): the next sync goes back to the branch and
/// syncs, instead of failing on "HEAD is not a symbolic ref".
#[test]
fn a_sync_killed_in_its_rebase_is_resumed_by_the_next() {
    let (_dir, url) = remote();
    let a = Machine::new(None);
    a.ok(&["sync", "--init", &url]);
    a.add("groceries", &["zq-before"]);
    a.sync();
    let apps = a.apps();
    let branch = git(&apps, &["symbolic-ref", "--short", "HEAD"])
        .trim()
        .to_string();
    let head = git(&apps, &["rev-parse", "HEAD"]).trim().to_string();
    // What the killed sync left: its note, and the folder on no branch.
    git(&apps, &["checkout", "-q", "--detach", "HEAD"]);
    std::fs::write(apps.join(".git/nook-rebasing"), format!("{branch} {head}\n")).unwrap();
    a.add("groceries", &["zq-after"]);
    a.sync();
    assert_eq!(git(&apps, &["symbolic-ref", "--short", "HEAD"]).trim(), branch);
    assert!(!apps.join(".git/nook-rebasing").exists());
    let b = Machine::new(None);
    b.ok(&["sync", "--init", &url]);
    b.sync();
    let mut texts: Vec<String> = b.texts("groceries").into_values().collect();
    texts.sort();
    assert_eq!(texts, ["zq-after", "zq-before"]);
}
