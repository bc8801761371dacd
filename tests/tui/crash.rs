//! Crash safety: writers killed with SIGKILL at random moments, many times.
//! After every kill the database must open, every add that was acknowledged
//! (exit 0 from `nook add`, or the item shown saved on the TUI's screen)
//! must be there, and no operation may be half applied (the items, the
//! app's summary and the operation log agree).
//!
//! The bounded form runs in `cargo test`. `scripts/crash-soak.sh` runs the
//! long form: `NOOK_CRASH_ROUNDS` sets the number of kills and
//! `NOOK_CRASH_SEED` replays one run.
//!
//! Also here: a panic in the TUI (`NOOK_TEST_PANIC`, honoured only by debug
//! builds) restores the terminal, names the log file and loses no data.

#![cfg(unix)]

use crate::common;
use crate::pty;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use nook::store::Store;
use pty::{Key, TIMEOUT, Tui};

/// A small deterministic generator, so a failing run can be replayed.
struct Rng(u64);

impl Rng {
    fn from_env() -> Rng {
        let seed = std::env::var("NOOK_CRASH_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(1, |d| d.as_nanos() as u64)
            });
        eprintln!("crash test seed: NOOK_CRASH_SEED={seed}");
        Rng(seed | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

fn rounds(default: usize) -> usize {
    std::env::var("NOOK_CRASH_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

/// Opens the database with the library, as the next nook would, and checks
/// that `app`'s items, summary and operation log agree; returns the texts
/// of its items.
fn check_consistent(db: &Path, app: &str) -> BTreeSet<String> {
    let store = Store::open(db).unwrap_or_else(|e| panic!("the database does not open after a kill: {e}"));
    store
        .read(|r| {
            let items = r.items(app, nook::model::item_id::ItemId(0), usize::MAX)?;
            let summary = r.summary(app)?;
            assert_eq!(
                summary.items,
                items.len() as u64,
                "the summary counts {} items but {} are stored: a half-applied write",
                summary.items,
                items.len()
            );
            let max_id = items.iter().map(|i| i.id).max();
            assert!(
                summary.last_id >= max_id,
                "the last id made {:?} is not the largest id {max_id:?} or past it",
                summary.last_id
            );
            // Every stored item was put by a logged operation, and the
            // counter of operations is past every logged one.
            let ops = r.recent_ops(usize::MAX)?;
            let seq = r.meta_u64("seq")?.unwrap_or(0);
            // Operation ids are exactly 1..=seq: none lost, none half written.
            let mut ids: Vec<u64> = ops.iter().map(|o| o.id).collect();
            ids.sort_unstable();
            assert!(
                ids.iter().copied().eq(1..=seq),
                "operation ids are not 1..={seq}: {} ops",
                ids.len()
            );
            let put: BTreeSet<nook::model::item_id::ItemId> = ops
                .iter()
                .filter(|o| o.app == app)
                .filter_map(|o| match &o.op {
                    nook::store::Op::PutItem { item } => Some(item.id),
                    _ => None,
                })
                .collect();
            for item in &items {
                assert!(
                    put.contains(&item.id),
                    "item #{} has no operation in the log",
                    item.id
                );
            }
            Ok(items.into_iter().map(|i| i.text).collect())
        })
        .expect("the database reads after a kill")
}

fn spawn_add(home: &Path, text: &str) -> Child {
    common::std_nook(home)
        .args(["add", "groceries", text])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn nook add")
}

/// Runs `kills` rounds: in each, two `nook add` start at once and each is
/// killed at a random moment of its run (or finishes first). Returns the
/// number of processes killed before they finished.
fn cli_kill_rounds(home: &Path, kills: usize, rng: &mut Rng) -> usize {
    // How long an add takes here, to aim the kills inside its run.
    // The quickest of a few runs: a loaded machine makes runs slower, never
    // quicker, and a kill aimed past the end of a run kills nothing.
    let mut acked: BTreeSet<String> = BTreeSet::new();
    let mut quickest = Duration::MAX;
    for i in 0..3 {
        let text = format!("warm-up-{i}");
        let started = Instant::now();
        assert!(spawn_add(home, &text).wait().unwrap().success());
        quickest = quickest.min(started.elapsed());
        acked.insert(text);
    }
    let span = (quickest.as_micros() as u64).max(1_000);
    let mut killed = 0;
    let mut n = 0;
    // Water logs: acknowledged, and killed (applied or not).
    let mut logs = (0u32, 0u32);
    while killed < kills && n < kills * 10 {
        let batch: Vec<(String, Child, Duration)> = (0..3)
            .map(|k| {
                n += 1;
                // Two adds and a tracker log (+1 glass of water today).
                let (text, child) = if k < 2 {
                    let text = format!("cli-{n}");
                    let child = spawn_add(home, &text);
                    (text, child)
                } else {
                    let child = common::std_nook(home)
                        .args(["log", "water", "1"])
                        .stdout(Stdio::null())
                        .stderr(Stdio::piped())
                        .spawn()
                        .expect("spawn nook log");
                    (LOG.to_string(), child)
                };
                // Half aimed anywhere in the run, half at its second
                // half, where the write happens.
                let at = if rng.below(2) == 0 {
                    rng.below(span)
                } else {
                    span / 2 + rng.below(span * 3 / 4)
                };
                (text, child, Duration::from_micros(at))
            })
            .collect();
        let t0 = Instant::now();
        for (text, mut child, at) in batch {
            if let Some(left) = at.checked_sub(t0.elapsed()) {
                std::thread::sleep(left);
            }
            match child.try_wait().unwrap() {
                Some(status) => {
                    if status.success() && text == LOG {
                        logs.0 += 1;
                    } else if status.success() {
                        acked.insert(text);
                    } else {
                        let mut err = String::new();
                        use std::io::Read as _;
                        let _ = child.stderr.take().unwrap().read_to_string(&mut err);
                        // Only the other process's kill may get in the way,
                        // and only as a clear message.
                        assert!(!err.contains("panicked"), "nook add panicked: {err}");
                        assert_eq!(status.code(), Some(1), "{status}: {err}");
                    }
                }
                None => {
                    child.kill().unwrap();
                    let status = child.wait().unwrap();
                    match (status.success(), text == LOG) {
                        (true, true) => logs.0 += 1,
                        (true, false) => {
                            acked.insert(text);
                        }
                        // Killed: it may or may not have committed.
                        (false, true) => {
                            logs.1 += 1;
                            killed += 1;
                        }
                        (false, false) => killed += 1,
                    }
                }
            }
        }
        let before_check = Instant::now();
        let stored = check_consistent(&common_db(home), "groceries");
        if std::env::var_os("NOOK_CRASH_TRACE").is_some() {
            eprintln!("round: {:?} check: {:?}", t0.elapsed(), before_check.elapsed());
        }
        let missing: Vec<_> = acked.difference(&stored).collect();
        assert!(
            missing.is_empty(),
            "acknowledged adds lost after a kill: {missing:?}"
        );
        let water = water_today(home);
        assert!(
            water >= logs.0 as f64 && water <= (logs.0 + logs.1) as f64,
            "water today is {water}: {} logs acknowledged, {} killed",
            logs.0,
            logs.1
        );
    }
    eprintln!(
        "{n} processes, {killed} killed (kills aimed within {span} us); \
         {} adds and {} water logs acknowledged, {} logs killed",
        acked.len(),
        logs.0,
        logs.1
    );
    killed
}

const LOG: &str = "<log water>";

/// Today's water total, read with the library.
fn water_today(home: &Path) -> f64 {
    let day = nook::model::days::day_number(common::today());
    let store = Store::open(&common_db(home)).expect("opens");
    store
        .read(|r| r.entry("water", "", day))
        .expect("reads")
        .map_or(0.0, |e| e.value)
}

fn common_db(home: &Path) -> std::path::PathBuf {
    home.join("nook.redb")
}

#[test]
fn cli_adds_killed_at_random_moments_lose_nothing_acknowledged() {
    let home = common::Home::installed();
    let mut rng = Rng::from_env();
    let kills = rounds(40);
    let killed = cli_kill_rounds(home.path(), kills, &mut rng);
    eprintln!("survived {killed} kills of `nook add` and `nook log`");
    // The database still takes writes and reads as a whole.
    home.ok(["add", "groceries", "after the storm"]);
    assert!(home.ok(["export", "groceries"]).contains("after the storm"));
    home.ok(["doctor"]);
}

/// Adds items through the TUI and kills it at a random moment: right after
/// an Enter, while saving, or while idle, while `nook add` runs in a loop
/// beside it. What was shown saved, and every add that exited 0, must stay.
#[test]
fn tui_adds_killed_at_random_moments_lose_nothing_shown_saved() {
    let home = common::Home::installed();
    let mut rng = Rng::from_env();
    let rounds = rounds(40) / 8 + 1;
    let mut shown: BTreeSet<String> = BTreeSet::new();
    let stop = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|s| {
        let beside = s.spawn(|| {
            let mut acked = BTreeSet::new();
            let mut i = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                i += 1;
                let text = format!("beside-{i}");
                let out = spawn_add(home.path(), &text).wait_with_output().unwrap();
                let err = String::from_utf8_lossy(&out.stderr);
                assert!(!err.contains("panicked"), "{err}");
                if out.status.success() {
                    acked.insert(text);
                }
            }
            acked
        });
        let mut n = 0;
        for _ in 0..rounds {
            let mut tui = Tui::spawn(home.path(), ["open", "groceries"]).unwrap();
            tui.wait_for("q quit", TIMEOUT).unwrap();
            let adds = 1 + rng.below(3);
            for i in 0..adds {
                n += 1;
                let text = format!("tui-{n}.");
                tui.send("a");
                tui.wait_for("New item", TIMEOUT).unwrap();
                tui.send(&text);
                tui.send_key(Key::Enter);
                if i + 1 == adds {
                    // The last one is killed somewhere around its save.
                    std::thread::sleep(Duration::from_micros(rng.below(30_000)));
                    let on_screen = tui.screen().contains(&format!("[ ] {text}"));
                    tui.kill();
                    if on_screen {
                        shown.insert(text);
                    }
                } else {
                    tui.wait_for(&format!("[ ] {text}"), TIMEOUT).unwrap();
                    shown.insert(text);
                }
            }
            let stored = check_consistent(&home.db(), "groceries");
            let missing: Vec<_> = shown.difference(&stored).collect();
            assert!(missing.is_empty(), "items shown saved were lost: {missing:?}");
        }
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        let acked = beside.join().unwrap();
        let stored = check_consistent(&home.db(), "groceries");
        let missing: Vec<_> = acked.difference(&stored).collect();
        assert!(missing.is_empty(), "adds beside the TUI were lost: {missing:?}");
        eprintln!(
            "survived {rounds} kills of the TUI, {} adds beside it",
            acked.len()
        );
    });
}

/// A panic anywhere in the TUI: the terminal is restored, a short message
/// names the log, the log has the details, and saved data is intact.
#[test]
fn a_panic_in_the_tui_restores_the_terminal_and_keeps_data() {
    // The panic trigger exists only in debug builds of nook.
    if !cfg!(debug_assertions) {
        eprintln!("skipped: NOOK_TEST_PANIC is honoured only by debug builds");
        return;
    }
    let home = common::Home::installed();
    let mut tui = Tui::builder(home.path())
        .args(["open", "groceries"])
        .env("NOOK_TEST_PANIC", "~")
        .start()
        .unwrap();
    tui.wait_for("q quit", TIMEOUT).unwrap();
    tui.send("a");
    tui.wait_for("New item", TIMEOUT).unwrap();
    tui.send("saved before the crash");
    tui.send_key(Key::Enter);
    tui.wait_for("[ ] saved before the crash", TIMEOUT).unwrap();
    tui.send("~");
    let status = tui.wait_exit(TIMEOUT).unwrap();
    assert!(!status.success(), "a panic must not exit 0");
    let state = tui.term_state();
    assert!(
        state.restored(),
        "terminal not restored after a panic: {state:?}\n{}",
        tui.describe()
    );
    let log = home.path().join("nook.log");
    let screen = tui.screen();
    assert!(
        screen.contains("internal error") && screen.contains("nook.log"),
        "no short message naming the log:\n{screen}"
    );
    let text = std::fs::read_to_string(&log).expect("the panic is written to nook.log");
    assert!(text.contains("NOOK_TEST_PANIC"), "{text}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&log).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "nook.log mode {mode:o}");
    }
    assert!(
        home.ok(["export", "groceries"])
            .contains("saved before the crash")
    );
    home.ok(["doctor"]);
}
