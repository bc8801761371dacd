//! `cargo bench --bench sync`: how long `nook sync` takes to carry app data,
//! against a bare remote in a temp dir, with homes in temp dirs and git's
//! global and system config shut out (HOME and the XDG dirs point into the
//! temp dir too, so nothing here touches the real home).
//!
//! (a) A year of daily use: ~50,000 operations made on home A with the
//!     library (`Store::write` batches and `usecase` calls, each with the
//!     `Now` of its moment of the day), spread over 12 months so they land in
//!     12 month files. Then: A's first sync (export + push), B's first sync
//!     (pull + import of every operation: the join), A's sync once the
//!     months are closed (compaction), a new machine joining the compacted
//!     year, and a steady daily sync (one day's ~20 operations).
//! (b) A new machine joins a history of ~100,000 operations (two years),
//!     before and after compaction.
//!
//! Each is timed in-process (`nook::sync::sync` with a `Side`, as
//! `nook sync` calls it), and the steady sync and the join also as a
//! process (the bench's own release `nook` binary). Everything runs without
//! and then with a sync secret (`NOOK_SYNC_SECRET`: sealed lines, and an
//! Argon2 key derivation once per sync). `NOOK_BENCH_DAYS` shortens the year.
//!
//! Nothing here asserts a timing; docs/performance.md records the figures.

// Tests and benchmarks drive nook from outside: they start it, git and
// shells, and print what they measure.
#![allow(clippy::disallowed_methods, clippy::disallowed_macros)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use nook::model::Now;
use nook::model::timer::Action;
use nook::paths::Home;
use nook::spec::Spec;
use nook::store::Store;
use nook::sync::data::Side;
use nook::sync::git::Limits;
use nook::sync::seal::Secret;
use nook::usecase::tracker::Amount;

const SECRET: &str = "correct horse battery staple";

fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_nook"))
}

fn env_num(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.replace('_', "").parse().ok())
        .unwrap_or(default)
}

/// Runs a command, panicking with its output unless it succeeds.
fn run(c: &mut Command) -> String {
    let out = c.output().expect("command runs");
    assert!(
        out.status.success(),
        "{c:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn nook(home: &Path, secret: Option<&str>, args: &[&str]) -> Command {
    let mut c = Command::new(bin());
    c.env("NOOK_HOME", home).args(args);
    match secret {
        Some(s) => c.env("NOOK_SYNC_SECRET", s),
        None => c.env_remove("NOOK_SYNC_SECRET"),
    };
    c
}

fn at(t: NaiveDateTime) -> Now {
    Now::fixed(t)
}

fn spec(specs: &[Spec], id: &str) -> Spec {
    specs
        .iter()
        .find(|s| s.id == id)
        .unwrap_or_else(|| panic!("no bundled app {id}"))
        .clone()
}

/// One day of use on `store`: ~137 operations (`light`: ~20).
struct Day<'a> {
    store: &'a Store,
    specs: &'a [Spec],
    /// Groceries on the list, oldest first, and whether ticked.
    open: Vec<(nook::model::Item, bool)>,
}

impl Day<'_> {
    fn live(&mut self, date: NaiveDate, light: bool) {
        let hm = |h: u32, m: u32| at(date.and_hms_opt(h, m, 0).unwrap());
        let groceries = spec(self.specs, "groceries");
        let water = spec(self.specs, "water");
        let coffee = spec(self.specs, "coffee");
        let habits = spec(self.specs, "habits");
        let pomodoro = spec(self.specs, "pomodoro");
        let stopwatch = spec(self.specs, "stopwatch");
        let (adds, logs) = if light { (5, 8) } else { (14, 50) };
        // Groceries: the trip ticks yesterday's, clears the ticked, and the
        // evening adds the next list (with a few edits and second thoughts).
        let open = &mut self.open;
        self.store
            .write(&groceries, hm(8, 0), |tx| {
                for (item, ticked) in open.iter_mut().filter(|(_, t)| !*t).take(adds) {
                    item.done = true;
                    tx.put_shown(item.clone())?;
                    *ticked = true;
                }
                if !light {
                    for (item, _) in open.iter_mut().filter(|(_, t)| *t).take(2) {
                        item.done = false;
                        tx.put_shown(item.clone())?;
                        item.done = true;
                        tx.put_shown(item.clone())?;
                    }
                }
                Ok(())
            })
            .unwrap();
        if !light {
            let gone: Vec<_> = self.open.iter().filter(|(_, t)| *t).take(adds).cloned().collect();
            self.store
                .write(&groceries, hm(12, 0), |tx| {
                    for (item, _) in &gone {
                        tx.apply(nook::store::Op::DeleteItem { id: item.id })?;
                    }
                    Ok(())
                })
                .unwrap();
            self.open.retain(|(i, _)| !gone.iter().any(|(g, _)| g.id == i.id));
        }
        let open = &mut self.open;
        self.store
            .write(&groceries, hm(20, 0), |tx| {
                for i in 0..adds {
                    let item = tx.add_item(format!("thing {i} of {date}"), Default::default())?;
                    open.push((item, false));
                }
                if !light {
                    let n = open.len();
                    for (item, _) in open[n - 4..].iter_mut() {
                        item.text.push_str(" (big)");
                        tx.put_shown(item.clone())?;
                    }
                }
                Ok(())
            })
            .unwrap();
        // Water through the day, a few coffees.
        let today = nook::model::days::day_number(date);
        self.store
            .write(&water, hm(18, 0), |tx| {
                for _ in 0..logs {
                    tx.add_to_entry("", today, 1.0)?;
                }
                Ok(())
            })
            .unwrap();
        // Habits ticked (one ticked by mistake and back).
        let toggles: &[&str] = if light {
            &["Read", "Run"]
        } else {
            &["Read", "Run", "Meditate", "Run", "Run"]
        };
        for (i, s) in toggles.iter().enumerate() {
            nook::usecase::tracker::log(self.store, &habits, hm(21, i as u32), s, today, Amount::Toggle)
                .unwrap();
        }
        if light {
            return;
        }
        self.store
            .write(&coffee, hm(10, 0), |tx| {
                for _ in 0..4 {
                    tx.add_to_entry("", today, 1.0)?;
                }
                Ok(())
            })
            .unwrap();
        // Four focus rounds, each with its break, then a pause.
        let act = |s: &Spec, now: Now, a: Action| {
            nook::usecase::timer::act(self.store, s, now, a).unwrap();
        };
        for round in 0..4u32 {
            let h = 9 + round;
            act(&pomodoro, hm(h, 0), Action::Start);
            act(&pomodoro, hm(h, 31), Action::Observe);
            act(&pomodoro, hm(h, 32), Action::Pause);
        }
        // A run timed twice with the stopwatch.
        for h in [7, 19] {
            act(&stopwatch, hm(h, 0), Action::Start);
            act(&stopwatch, hm(h, 40), Action::Stop);
        }
    }
}

/// The first day of the month `back` months before this one.
fn months_ago(back: u32) -> NaiveDate {
    let today = chrono::Local::now().date_naive();
    let mut y = today.year();
    let mut m = today.month() as i32 - back as i32;
    while m < 1 {
        m += 12;
        y -= 1;
    }
    NaiveDate::from_ymd_opt(y, m as u32, 1).unwrap()
}

/// A home with the bundled apps and `days` days of use ending before this
/// month; returns it and the number of operations made.
fn history(root: &Path, label: &str, months: u32, days: u64) -> (PathBuf, usize) {
    let home = root.join(label);
    run(&mut nook(&home, None, &["check"]));
    let h = Home::locate(Some(&home)).unwrap();
    let store = Store::open(&h.database().unwrap()).unwrap();
    let specs = nook::sync::data::specs_in(&h);
    let start = months_ago(months);
    let end = months_ago(0);
    let total_days = (end - start).num_days() as u64;
    let days = days.min(total_days);
    let started = Instant::now();
    let mut day = Day {
        store: &store,
        specs: &specs,
        open: Vec::new(),
    };
    // Spread the days evenly over the months.
    for i in 0..days {
        let d = start + chrono::Duration::days((i * total_days / days) as i64);
        day.live(d, false);
    }
    let ops = store.unsent(usize::MAX).unwrap().len();
    println!(
        "made {label}: {ops} operations over {days} days ({} to {}) in {:.1?}",
        start,
        end.pred_opt().unwrap(),
        started.elapsed()
    );
    (home, ops)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// One machine of a scenario, with its store open.
struct Machine {
    dir: PathBuf,
    home: Home,
    store: Store,
}

impl Machine {
    /// A home that joins `url` (or, from `template`, one that pushes first).
    fn new(dir: PathBuf, template: Option<&Path>, url: &str) -> Machine {
        match template {
            Some(t) => copy_dir(t, &dir),
            None => std::fs::create_dir_all(&dir).unwrap(),
        }
        run(&mut nook(&dir, None, &["sync", "--init", url]));
        let home = Home::locate(Some(&dir)).unwrap();
        let store = Store::open(&home.database().unwrap()).unwrap();
        Machine { dir, home, store }
    }

    /// `nook sync` in-process, as of `now` (the real clock when None).
    fn sync(&self, secret: Option<&str>, now: Option<Now>) -> (Duration, String) {
        let home = self.home.clone();
        let specs = move || nook::sync::data::specs_in(&home);
        let side = Side {
            store: &self.store,
            specs: &specs,
            secret: secret.map(Secret::new),
            now: now.unwrap_or_else(|| Now::system().unwrap()),
        };
        let started = Instant::now();
        let out = nook::sync::sync(&self.home.apps(), Limits::default(), Some(&side), &mut |_| {})
            .unwrap_or_else(|e| panic!("sync in {}: {e}", self.dir.display()));
        (started.elapsed(), format!("{out:?}"))
    }

    /// This machine's own data files: (name, bytes).
    fn own_files(&self) -> Vec<(String, u64)> {
        let dir = self
            .home
            .apps()
            .join(".nook")
            .join("data")
            .join(self.store.device());
        let mut v: Vec<(String, u64)> = std::fs::read_dir(dir)
            .map(|d| {
                d.filter_map(|e| e.ok())
                    .map(|e| {
                        let len = e.metadata().map_or(0, |m| m.len());
                        (e.file_name().to_string_lossy().into_owned(), len)
                    })
                    .collect()
            })
            .unwrap_or_default();
        v.sort();
        v
    }

    fn lines(&self) -> usize {
        let dir = self
            .home
            .apps()
            .join(".nook")
            .join("data")
            .join(self.store.device());
        self.own_files()
            .iter()
            .map(|(n, _)| {
                let text = std::fs::read_to_string(dir.join(n)).unwrap_or_default();
                text.lines().count()
            })
            .sum()
    }
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

fn remote(root: &Path, label: &str) -> String {
    let dir = root.join(format!("{label}.git"));
    run(Command::new("git").args(["init", "-q", "--bare"]).arg(&dir));
    dir.display().to_string()
}

fn sizes(files: &[(String, u64)]) -> (u64, usize) {
    (files.iter().map(|(_, n)| n).sum(), files.len())
}

/// A process `nook sync` in `home`.
fn process_sync(home: &Path, secret: Option<&str>) -> Duration {
    let started = Instant::now();
    run(&mut nook(home, secret, &["sync"]));
    started.elapsed()
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn year(root: &Path, template: &Path, ops: usize, secret: Option<&str>, tag: &str) {
    println!("\n(a) a year of daily use, {ops} operations, {tag}");
    let url = remote(root, &format!("year-{tag}"));
    let a = Machine::new(root.join(format!("year-{tag}-a")), Some(template), &url);
    let b = Machine::new(root.join(format!("year-{tag}-b")), None, &url);
    // While the months are still open: nothing to compact yet.
    let first_month = Now::fixed(months_ago(12).and_hms_opt(12, 0, 0).unwrap());
    let (t, _) = a.sync(secret, Some(first_month));
    let (bytes, files) = sizes(&a.own_files());
    println!(
        "  A sync, export + push of {ops} ops:        {:>8}   ({files} files, {:.1} MB, {} lines)",
        ms(t),
        bytes as f64 / 1e6,
        a.lines()
    );
    let (t, said) = b.sync(secret, None);
    println!(
        "  B sync, pull + import (join, as written): {:>8}   {said}",
        ms(t)
    );
    let (t, _) = a.sync(secret, None);
    let (after, files) = sizes(&a.own_files());
    println!(
        "  A sync that compacts the closed months:   {:>8}   ({files} files, {:.1} MB, {} lines)",
        ms(t),
        after as f64 / 1e6,
        a.lines()
    );
    let (t, _) = b.sync(secret, None);
    println!("  B sync, re-reads the compacted months:    {:>8}", ms(t));
    let c = Machine::new(root.join(format!("year-{tag}-c")), None, &url);
    let (t, _) = c.sync(secret, None);
    println!("  C sync, joins the compacted year:         {:>8}", ms(t));
    // Steady state: one day's ~20 operations on A, then both sync.
    let specs = nook::sync::data::specs_in(&a.home);
    let mut day = Day {
        store: &a.store,
        specs: &specs,
        open: Vec::new(),
    };
    let (mut ta, mut tb, mut pa, mut pb) = (vec![], vec![], vec![], vec![]);
    let today = chrono::Local::now().date_naive();
    for i in 0..3 {
        day.live(today, true);
        ta.push(a.sync(secret, None).0);
        tb.push(b.sync(secret, None).0);
        let _ = i;
    }
    // As processes: the stores are closed, so each opens its own.
    let (a_dir, b_dir) = (a.dir.clone(), b.dir.clone());
    drop(day);
    drop(a);
    drop(b);
    for _ in 0..3 {
        for (app, what) in [("groceries", "milk"), ("water", "1"), ("coffee", "1")] {
            let args: Vec<&str> = if app == "groceries" {
                vec!["add", app, what]
            } else {
                vec!["log", app, what]
            };
            run(&mut nook(&a_dir, secret, &args));
        }
        pa.push(process_sync(&a_dir, secret));
        pb.push(process_sync(&b_dir, secret));
    }
    println!(
        "  steady daily sync, in-process (median of 3): A {:>6}, B {:>6}",
        ms(median(ta)),
        ms(median(tb))
    );
    println!(
        "  steady daily sync, `nook sync` process:      A {:>6}, B {:>6}",
        ms(median(pa)),
        ms(median(pb))
    );
    let _ = bytes;
}

fn join(root: &Path, template: &Path, ops: usize, secret: Option<&str>, tag: &str) {
    println!("\n(b) a new machine joins a history of {ops} operations, {tag}");
    let url = remote(root, &format!("join-{tag}"));
    let a = Machine::new(root.join(format!("join-{tag}-a")), Some(template), &url);
    let first_month = Now::fixed(months_ago(24).and_hms_opt(12, 0, 0).unwrap());
    let (t, _) = a.sync(secret, Some(first_month));
    let (bytes, files) = sizes(&a.own_files());
    println!(
        "  A sync, export + push:               {:>8}   ({files} files, {:.1} MB, {} lines)",
        ms(t),
        bytes as f64 / 1e6,
        a.lines()
    );
    let b = Machine::new(root.join(format!("join-{tag}-b")), None, &url);
    let (t, _) = b.sync(secret, None);
    println!("  B joins, as written (in-process):    {:>8}", ms(t));
    let (t, _) = a.sync(secret, None);
    let (after, files) = sizes(&a.own_files());
    println!(
        "  A sync that compacts:                {:>8}   ({files} files, {:.1} MB, {} lines)",
        ms(t),
        after as f64 / 1e6,
        a.lines()
    );
    let c = Machine::new(root.join(format!("join-{tag}-c")), None, &url);
    let (t, _) = c.sync(secret, None);
    println!("  C joins, compacted (in-process):     {:>8}", ms(t));
    let d = root.join(format!("join-{tag}-d"));
    drop(Machine::new(d.clone(), None, &url));
    println!(
        "  D joins, compacted (`nook sync`):    {:>8}",
        ms(process_sync(&d, secret))
    );
}

fn main() {
    let root = tempfile::Builder::new()
        .prefix("nook-bench-sync-")
        .tempdir()
        .unwrap();
    let fake = root.path().join("fake-user-home");
    // SAFETY: set before any thread starts; every git (in-process sync) and
    // nook (process) started below inherits them.
    unsafe {
        std::env::set_var("HOME", &fake);
        std::env::set_var("XDG_CONFIG_HOME", fake.join(".config"));
        std::env::set_var("XDG_DATA_HOME", fake.join(".local/share"));
        std::env::set_var("GIT_CONFIG_GLOBAL", "/dev/null");
        std::env::set_var("GIT_CONFIG_NOSYSTEM", "1");
        for (k, v) in [
            ("GIT_AUTHOR_NAME", "Bench"),
            ("GIT_AUTHOR_EMAIL", "bench@example.com"),
            ("GIT_COMMITTER_NAME", "Bench"),
            ("GIT_COMMITTER_EMAIL", "bench@example.com"),
        ] {
            std::env::set_var(k, v);
        }
        std::env::remove_var("NOOK_HOME");
        std::env::remove_var("NOOK_SYNC_SECRET");
    }
    let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "{cpus} CPUs; load average {}",
        load.split_whitespace().take(3).collect::<Vec<_>>().join(" ")
    );
    let days = env_num("NOOK_BENCH_DAYS", 365);
    let (year_home, year_ops) = history(root.path(), "year", 12, days);
    let (join_home, join_ops) = history(root.path(), "two-years", 24, days * 2);
    for (secret, tag) in [(None, "plain"), (Some(SECRET), "sealed")] {
        year(root.path(), &year_home, year_ops, secret, tag);
        join(root.path(), &join_home, join_ops, secret, tag);
    }
}
