//! Compaction of closed month files through real homes and a bare remote:
//! a machine that already read a month changes nothing when it reads the
//! compacted file, and a new machine that reads only compacted files ends
//! equal to it. The clock is set with NOOK_TEST_NOW (debug builds only).

use crate::common;

use std::path::{Path, PathBuf};

use common::{GIT_ENV, Home, git};

/// 2026-01-10 09:00 UTC, and a minute.
const JAN: i64 = 1_768_035_600_000;
const FEB: i64 = JAN + 31 * 86_400_000;
const MIN: i64 = 60_000;

struct Machine {
    home: Home,
}

impl Machine {
    fn new() -> Machine {
        Machine { home: Home::empty() }
    }

    fn ok(&self, at: i64, args: &[&str]) -> String {
        let out = self
            .home
            .nook(args)
            .envs(GIT_ENV.iter().copied())
            .env("NOOK_TEST_NOW", at.to_string())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "nook {args:?} failed:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn id(&self, at: i64, text: &str) -> String {
        let items: serde_json::Value =
            serde_json::from_str(&self.ok(at, &["items", "groceries", "--json"])).unwrap();
        let item = items.as_array().unwrap().iter().find(|i| i["text"] == text);
        item.unwrap()["id"].as_str().unwrap().to_string()
    }

    /// `nook export` of every app, as JSON.
    fn exports(&self, at: i64) -> Vec<(String, serde_json::Value)> {
        let mut apps: Vec<String> = std::fs::read_dir(self.home.apps())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter_map(|n| n.strip_suffix(".ron").map(str::to_string))
            .collect();
        apps.sort();
        apps.into_iter()
            .map(|app| {
                let json = serde_json::from_str(&self.ok(at, &["export", &app])).unwrap();
                (app, json)
            })
            .collect()
    }

    /// This machine's own data folder.
    fn own(&self) -> PathBuf {
        let data = self.home.apps().join(".nook").join("data");
        let mut devices: Vec<PathBuf> = std::fs::read_dir(&data)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_dir())
            .collect();
        assert_eq!(devices.len(), 1, "{devices:?}");
        devices.pop().unwrap()
    }
}

fn files(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// A month of use on A: edits that later ones beat, and ones nothing beats.
fn january(a: &Machine) {
    let mut t = JAN;
    let mut at = || {
        t += MIN;
        t
    };
    a.ok(at(), &["add", "groceries", "milk"]);
    a.ok(at(), &["add", "groceries", "eggs"]);
    a.ok(at(), &["add", "groceries", "bread"]);
    let milk = a.id(at(), "milk");
    let eggs = a.id(at(), "eggs");
    let bread = a.id(at(), "bread");
    for _ in 0..3 {
        a.ok(at(), &["done", "groceries", &milk]);
        a.ok(at(), &["done", "groceries", &milk, "--undo"]);
    }
    a.ok(at(), &["done", "groceries", &milk]);
    a.ok(at(), &["edit", "groceries", &eggs, "brown", "eggs"]);
    a.ok(at(), &["edit", "groceries", &eggs, "six", "eggs"]);
    a.ok(at(), &["rm", "groceries", &bread]);
    a.ok(at(), &["undo", "groceries"]);
    a.ok(at(), &["rm", "groceries", &bread]);
    for _ in 0..4 {
        a.ok(at(), &["log", "water", "1"]);
    }
    // Set to what the day already holds: only this set decides the day.
    a.ok(at(), &["log", "water", "4", "--set"]);
    a.ok(at(), &["log", "water", "1"]);
    a.ok(at(), &["log", "water", "2", "--set", "--date", "2026-01-05"]);
    a.ok(at(), &["log", "water", "3", "--set", "--date", "2026-01-05"]);
    a.ok(at(), &["log", "habits", "--series", "Read"]);
    a.ok(at(), &["log", "habits", "--series", "Read"]);
    a.ok(at(), &["log", "habits", "--series", "Read"]);
    for action in ["start", "pause", "start", "pause", "start", "stop"] {
        a.ok(at(), &["timer", "stopwatch", action]);
    }
    a.ok(at(), &["timer", "pomodoro", "start"]);
}

#[test]
fn a_compacted_month_changes_no_replica_and_a_new_one_reads_only_it() {
    let dir = tempfile::tempdir().unwrap();
    git(dir.path(), &["init", "-q", "--bare", "remote.git"]);
    let url = dir.path().join("remote.git").display().to_string();
    let a = Machine::new();
    a.ok(JAN, &["sync", "--init", &url]);
    let b = Machine::new();
    b.ok(JAN, &["sync", "--init", &url]);
    january(&a);
    let end = JAN + 3_600_000;
    a.ok(end, &["sync"]);
    // B reads January as it was written.
    b.ok(end, &["sync"]);
    let seen = b.exports(end);
    assert_eq!(a.exports(end), seen, "B is in step with A");
    let own = a.own();
    assert_eq!(files(&own), vec!["2026-01.ops"]);
    let before = std::fs::metadata(own.join("2026-01.ops")).unwrap().len();

    // In February, A's sync compacts January.
    a.ok(FEB, &["sync"]);
    assert_eq!(files(&own), vec!["2026-01.c.ops"], "the old file left the tree");
    let after = std::fs::metadata(own.join("2026-01.c.ops")).unwrap().len();
    assert!(after < before, "{after} bytes after, {before} before");
    let log = git(&a.home.apps(), &["log", "-1", "--format=%s"]);
    assert!(log.contains("compacted 2026-01"), "{log}");

    // B reads the compacted file (a name it has no cursor for): no change.
    let said = b.ok(FEB, &["sync"]);
    assert!(!said.contains("skipped"), "{said}");
    assert_eq!(b.exports(FEB), seen, "reading the compacted month changed B");

    // C joins and reads only the compacted month: it equals B.
    let c = Machine::new();
    c.ok(FEB, &["sync", "--init", &url]);
    c.ok(FEB, &["sync"]);
    assert_eq!(c.exports(FEB), seen, "a new machine differs");

    // A operation stamped in the closed month (the clock set back) goes
    // into the compacted file, which B and C read on from their cursors.
    a.ok(JAN + 7_200_000, &["add", "groceries", "late"]);
    a.ok(JAN + 7_200_000, &["sync"]);
    assert_eq!(files(&own), vec!["2026-01.c.ops"]);
    b.ok(FEB, &["sync"]);
    c.ok(FEB, &["sync"]);
    let now = a.exports(FEB);
    assert_eq!(b.exports(FEB), now);
    assert_eq!(c.exports(FEB), now);
}
