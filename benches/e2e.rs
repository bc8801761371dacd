//! `benches/e2e.sh` (or `cargo bench --bench e2e`): nook as a person at a
//! terminal meets it, through the project's pty harness (`tests/pty`): the
//! release binary in a pseudo-terminal, keys in, the screen parsed back.
//!
//! In a small home (10 generated apps, 1,000 records) and a large one (100
//! generated apps, 1,000,000 records; `NOOK_BENCH_RECORDS` changes that),
//! both seeded with `examples/seed.rs`, a tenth of the records in one plain
//! list (backlog: 100 items in the small home, 100,000 in the large), and
//! a large-empty one (the large one's apps, no records: large / large-empty
//! is the cost of the records alone, large / small includes 10x the apps),
//! it measures:
//!
//! - the first launcher frame: spawn to the footer on screen (the footer is
//!   drawn last), `NOOK_BENCH_FRAMES` runs (default 20);
//! - key to screen: `j` in backlog, scrolled so that every press brings a
//!   new item into view, sent to the item on screen, `NOOK_BENCH_KEYS`
//!   presses (default 50);
//! - peak resident memory (VmHWM from /proc/PID/status): of the launcher,
//!   and of the session that opened backlog and scrolled it;
//! - `nook add groceries milk`: spawn to exit, `NOOK_BENCH_ADDS` runs
//!   (default 30), not in a pty (it draws nothing);
//! - CPU used by a nook sitting in the launcher for 10 s: utime + stime from
//!   /proc/PID/stat, and the threads' run time from /proc/PID/task/*/schedstat
//!   (nanoseconds, where stat counts 10 ms ticks).
//!
//! Runs alternate between the homes, so load on the machine falls on both
//! alike. It prints one table with medians and p95s, the ratio large/small
//! of each figure, and the targets of docs/performance.md. Nothing asserts
//! a timing.

// Tests and benchmarks drive nook from outside: they start it, git and
// shells, and print what they measure.
#![allow(clippy::disallowed_methods, clippy::disallowed_macros)]

#[path = "../tests/pty/mod.rs"]
mod pty;

#[allow(dead_code)]
#[path = "../examples/seed.rs"]
mod seed;
mod setup;

use setup::{load_average, machine, seeded_home};

use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use pty::Tui;

/// What the launcher's footer ends with: drawn last, so the frame is out.
const LAUNCHER_FOOTER: &str = "q quit";
/// The footer of an app opened from the shell (`nook open APP`): q quits.
const PANEL_FOOTER: &str = "q quit";
/// Opening a 100,000-item list reads it whole; allow for a busy machine.
const SLOW: Duration = Duration::from_secs(60);
const IDLE: Duration = Duration::from_secs(10);

fn env_num(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.replace('_', "").parse().ok())
        .unwrap_or(default)
}

struct Home {
    dir: tempfile::TempDir,
    big_list: u64,
}

#[derive(Default)]
struct Figures {
    first_frame: Vec<Duration>,
    key: Vec<Duration>,
    rss_launcher_kb: u64,
    rss_list_kb: u64,
    add: Vec<Duration>,
    idle_ticks_ms: f64,
    idle_run: Duration,
}

fn main() {
    let frames = env_num("NOOK_BENCH_FRAMES", 20).max(1) as usize;
    let keys = env_num("NOOK_BENCH_KEYS", 50).max(1) as usize;
    let adds = env_num("NOOK_BENCH_ADDS", 30).max(1) as usize;
    let large_records = env_num("NOOK_BENCH_RECORDS", 1_000_000);
    println!("machine: {}", machine());
    println!("binary:  {}", env!("CARGO_BIN_EXE_nook"));
    println!("commit:  {}", commit());
    println!("load before: {}\n", load_average());

    let mut homes = Vec::new();
    for (label, apps, records) in [
        ("small", 10, 1_000),
        ("large-empty", 100, 0),
        ("large", 100, large_records),
    ] {
        let big_list = records / 10;
        let dir = seeded_home(label, apps, records, big_list);
        // Once outside the timing: first-run checks, the page cache.
        run_ok(dir.path(), &["ls"]);
        homes.push(Home { dir, big_list });
    }
    println!();

    let mut figures: Vec<Figures> = homes.iter().map(|_| Figures::default()).collect();
    for (h, f) in homes.iter().zip(&mut figures) {
        first_frame(h.dir.path()); // warm-up, not counted
        let (_, rss) = first_frame(h.dir.path());
        f.rss_launcher_kb = rss;
    }
    for _ in 0..frames {
        for (h, f) in homes.iter().zip(&mut figures) {
            f.first_frame.push(first_frame(h.dir.path()).0);
        }
    }
    for (h, f) in homes.iter().zip(&mut figures).filter(|(h, _)| h.big_list > 0) {
        let (latencies, rss) = key_latency(h, keys);
        f.key = latencies;
        f.rss_list_kb = rss;
    }
    for (h, _) in homes.iter().zip(&figures) {
        add(h.dir.path()); // warm-up
    }
    for _ in 0..adds {
        for (h, f) in homes.iter().zip(&mut figures) {
            f.add.push(add(h.dir.path()));
        }
    }
    for (h, f) in homes.iter().zip(&mut figures) {
        let (ticks, run) = idle_cpu(h.dir.path());
        f.idle_ticks_ms = ticks;
        f.idle_run = run;
    }
    println!("load after:  {}\n", load_average());

    let (s, e, l) = (&figures[0], &figures[1], &figures[2]);
    println!("| figure | small | large-empty | large | large/small | large/large-empty | target |");
    println!("| --- | --- | --- | --- | --- | --- | --- |");
    let first = (median(&s.first_frame), median(&l.first_frame));
    row(
        &format!("first launcher frame, ms (median / p95 of {frames})"),
        [&s.first_frame, &e.first_frame, &l.first_frame],
        &format!(
            "< 30 ms and within 1.5x of small: {}",
            met(first.1 < ms(30.0) && ratio(first.1, first.0) <= 1.5)
        ),
    );
    row(
        &format!(
            "key to screen, `j` in backlog ({} / {} items), ms (median / p95 of {keys})",
            thousands(homes[0].big_list),
            thousands(homes[2].big_list)
        ),
        [&s.key, &e.key, &l.key],
        &format!(
            "< 5 ms: {}",
            met(median(&l.key) < ms(5.0) && median(&s.key) < ms(5.0))
        ),
    );
    let mb = |kb: u64| kb as f64 / 1024.0;
    let mb_cell = |kb: u64| {
        if kb == 0 {
            String::new()
        } else {
            format!("{:.1}", mb(kb))
        }
    };
    for (name, [a, b, c]) in [
        (
            "peak RSS, launcher (VmHWM), MB",
            [s.rss_launcher_kb, e.rss_launcher_kb, l.rss_launcher_kb],
        ),
        (
            "peak RSS, backlog opened and scrolled (VmHWM), MB",
            [s.rss_list_kb, e.rss_list_kb, l.rss_list_kb],
        ),
    ] {
        let ratio_to = |x: u64| {
            if x == 0 {
                String::new()
            } else {
                format!("{:.2}", c as f64 / x as f64)
            }
        };
        println!(
            "| {name} | {} | {} | {} | {} | {} | < 30 MB: {} |",
            mb_cell(a),
            mb_cell(b),
            mb_cell(c),
            ratio_to(a),
            ratio_to(b),
            met([a, b, c].iter().all(|&kb| mb(kb) < 30.0))
        );
    }
    row(
        &format!("`nook add groceries milk`, ms (median / p95 of {adds})"),
        [&s.add, &e.add, &l.add],
        &format!(
            "< 10 ms: {}",
            met([s, e, l].iter().all(|f| median(&f.add) < ms(10.0)))
        ),
    );
    let idle = |f: &Figures| format!("{:.0} ({:.2})", f.idle_ticks_ms, f.idle_run.as_secs_f64() * 1e3);
    println!(
        "| idle CPU over {} s, ms: utime+stime (threads' run time) | {} | {} | {} | | | zero: {} |",
        IDLE.as_secs(),
        idle(s),
        idle(e),
        idle(l),
        met([s, e, l].iter().all(|f| f.idle_ticks_ms == 0.0))
    );
    let db = homes[2].dir.path().join("nook.redb");
    println!(
        "\nlarge database: {:.1} MB",
        std::fs::metadata(&db).map_or(0, |m| m.len()) as f64 / 1e6
    );
}

/// Spawn to the launcher's footer on screen; and the launcher's VmHWM.
fn first_frame(home: &Path) -> (Duration, u64) {
    let mut tui = Tui::spawn(home, Vec::<&str>::new()).expect("spawn nook");
    tui.wait_for(LAUNCHER_FOOTER, SLOW)
        .unwrap_or_else(|e| panic!("{e}"));
    let frame = tui.spawned_at().elapsed();
    tui.wait_quiet(Duration::from_millis(50), SLOW)
        .unwrap_or_else(|e| panic!("{e}"));
    let rss = vm_hwm_kb(tui.pid());
    quit(&mut tui);
    (frame, rss)
}

/// Opens backlog, scrolls the cursor to the last row on screen, then times
/// `keys` presses of `j`, each bringing the next item into view. Returns the
/// latencies and the session's VmHWM.
fn key_latency(home: &Home, keys: usize) -> (Vec<Duration>, u64) {
    let mut tui = Tui::spawn(home.dir.path(), ["open", seed::BIG_LIST]).expect("spawn nook");
    tui.wait_for("Task 000001", SLOW)
        .unwrap_or_else(|e| panic!("{e}"));
    tui.wait_for(PANEL_FOOTER, SLOW).unwrap_or_else(|e| panic!("{e}"));
    tui.wait_quiet(Duration::from_millis(200), SLOW)
        .unwrap_or_else(|e| panic!("{e}"));
    let rows = tui.screen().matches("Task ").count();
    assert!(
        ((rows + keys) as u64) < home.big_list,
        "{} holds {} items: too few for {keys} presses past {rows} rows",
        seed::BIG_LIST,
        home.big_list
    );
    // The cursor to the last row on screen: from there every `j` scrolls.
    for _ in 1..rows {
        tui.send("j");
    }
    tui.wait_quiet(Duration::from_millis(200), SLOW)
        .unwrap_or_else(|e| panic!("{e}"));
    let mut latencies = Vec::with_capacity(keys);
    for k in 0..keys {
        let next = format!("Task {:06}", rows + 1 + k);
        let sent = Instant::now();
        tui.send("j");
        tui.wait_for(&next, SLOW).unwrap_or_else(|e| panic!("{e}"));
        latencies.push(sent.elapsed());
        // Let the rest of the frame out before the next press.
        tui.wait_quiet(Duration::from_millis(20), SLOW)
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let rss = vm_hwm_kb(tui.pid());
    quit(&mut tui);
    (latencies, rss)
}

/// `nook add groceries milk`, spawn to exit.
fn add(home: &Path) -> Duration {
    let started = Instant::now();
    let status = pty::nook(home)
        .args(["add", "groceries", "milk"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("run nook");
    let wall = started.elapsed();
    assert!(status.success(), "nook add failed: {status}");
    wall
}

/// CPU used by a launcher left alone for [`IDLE`]: from /proc/PID/stat (ms,
/// in 10 ms ticks) and from the threads' schedstat.
fn idle_cpu(home: &Path) -> (f64, Duration) {
    let mut tui = Tui::spawn(home, Vec::<&str>::new()).expect("spawn nook");
    tui.wait_for(LAUNCHER_FOOTER, SLOW)
        .unwrap_or_else(|e| panic!("{e}"));
    tui.wait_quiet(Duration::from_millis(500), SLOW)
        .unwrap_or_else(|e| panic!("{e}"));
    let pid = tui.pid();
    let (t0, r0) = (cpu_ticks(pid), run_time(pid));
    std::thread::sleep(IDLE);
    let (t1, r1) = (cpu_ticks(pid), run_time(pid));
    quit(&mut tui);
    // /proc reports clock ticks of USER_HZ, which is 100 on Linux.
    ((t1 - t0) as f64 * 10.0, r1.saturating_sub(r0))
}

fn quit(tui: &mut Tui) {
    tui.send("q");
    let status = tui.wait_exit(SLOW).unwrap_or_else(|e| panic!("{e}"));
    assert!(status.success(), "nook exited with {status}");
}

fn run_ok(home: &Path, args: &[&str]) {
    let out = pty::nook(home).args(args).output().expect("run nook");
    assert!(
        out.status.success(),
        "nook {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn vm_hwm_kb(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

/// utime + stime of the whole process, in clock ticks.
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields after the command name, which may hold spaces: state is the
    // first, utime the 12th, stime the 13th.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<u64> = rest
        .split_whitespace()
        .skip(1)
        .map(|f| f.parse().unwrap_or(0))
        .collect();
    fields.get(10).copied().unwrap_or(0) + fields.get(11).copied().unwrap_or(0)
}

/// Time on a CPU of every thread of the process, from schedstat.
fn run_time(pid: u32) -> Duration {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return Duration::ZERO;
    };
    tasks
        .flatten()
        .filter_map(|t| std::fs::read_to_string(t.path().join("schedstat")).ok())
        .filter_map(|s| s.split_whitespace().next().and_then(|n| n.parse().ok()))
        .map(Duration::from_nanos)
        .sum()
}

fn ms(n: f64) -> Duration {
    Duration::from_secs_f64(n / 1e3)
}

fn sorted(v: &[Duration]) -> Vec<Duration> {
    let mut v = v.to_vec();
    v.sort();
    v
}

fn quantile(v: &[Duration], q: f64) -> Duration {
    let v = sorted(v);
    if v.is_empty() {
        return Duration::ZERO;
    }
    v[((v.len() - 1) as f64 * q).round() as usize]
}

fn median(v: &[Duration]) -> Duration {
    quantile(v, 0.5)
}

fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64().max(1e-9)
}

/// One table row: median / p95 per home, large/small and large/large-empty.
fn row(name: &str, [small, empty, large]: [&[Duration]; 3], target: &str) {
    let cell = |v: &[Duration]| {
        if v.is_empty() {
            return String::new();
        }
        format!(
            "{:.2} / {:.2}",
            median(v).as_secs_f64() * 1e3,
            quantile(v, 0.95).as_secs_f64() * 1e3
        )
    };
    let ratio_to = |v: &[Duration]| {
        if v.is_empty() {
            return String::new();
        }
        format!("{:.2}", ratio(median(large), median(v)))
    };
    println!(
        "| {name} | {} | {} | {} | {} | {} | {target} |",
        cell(small),
        cell(empty),
        cell(large),
        ratio_to(small),
        ratio_to(empty)
    );
}

fn met(ok: bool) -> &'static str {
    if ok { "met" } else { "missed" }
}

fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn commit() -> String {
    std::process::Command::new("git")
        .args(["describe", "--always", "--dirty"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_else(|| "unknown".into())
}
