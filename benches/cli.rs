//! `cargo bench --bench cli`: how long nook's commands take as a user sees
//! them (process start included), in a small home and in a large one.
//!
//! It builds nothing: it runs the release binary at `target/release/nook`
//! (`cargo build --release` first; without it this says so and exits 0). It
//! seeds three temporary homes with the code of `examples/seed.rs`:
//!
//! - small: the bundled apps + 10 generated, 1,000 records;
//! - large-empty: the bundled apps + 100 generated, no records;
//! - large: the bundled apps + 100 generated, 1,000,000 records
//!   (`NOOK_BENCH_RECORDS` changes that).
//!
//! Then it runs each command `NOOK_BENCH_RUNS` times (default 30) in each
//! home, interleaved so that load on the machine falls on every cell alike,
//! and prints median and p95 wall times, each command's own CPU time and the
//! time it waited for a CPU (from /proc), the latency of `fdatasync` on the
//! disk, and the phases of the commands timed in-process with the library
//! (spec catalog, database open and close, writes, reads), so that a slow
//! figure can be traced to its cause. Large vs large-empty isolates the cost
//! of stored records from the cost of the number of apps.
//!
//! Nothing here asserts a timing; docs/performance.md records the figures.

// Tests and benchmarks drive nook from outside: they start it, git and
// shells, and print what they measure.
#![allow(clippy::disallowed_methods, clippy::disallowed_macros)]

#[allow(dead_code)]
#[path = "../examples/seed.rs"]
mod seed;
mod setup;

use setup::{load_average, machine, seeded_home};

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use nook::model::Now;
use nook::model::days::day_number;
use nook::overview::overview;
use nook::paths::Home;
use nook::spec::{Catalog, Spec};
use nook::store::Store;

const COMMANDS: &[(&str, &[&str])] = &[
    ("nook add groceries milk", &["add", "groceries", "milk"]),
    ("nook log water 1", &["log", "water", "1"]),
    ("nook ls", &["ls"]),
    ("nook timer pomodoro status", &["timer", "pomodoro", "status"]),
];

/// "missed (small)" and so on, for the target column.
fn label_missed(label: &str) -> &'static str {
    match label {
        "small" => "missed (small)",
        "large-empty" => "missed (large-empty)",
        _ => "missed (large)",
    }
}

/// Commands with a target of 10 ms.
const TEN_MS: &[&str] = &["nook add groceries milk", "nook log water 1"];

fn env_num(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.replace('_', "").parse().ok())
        .unwrap_or(default)
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
    let bin = target.join("release").join("nook");
    if !bin.exists() {
        println!(
            "{} is missing: run `cargo build --release` first, then `cargo bench --bench cli`.",
            bin.display()
        );
        return;
    }
    if let Some(newer) = newer_source(&root, &bin) {
        println!(
            "warning: {} is newer than {}; run `cargo build --release` to measure the current code\n",
            newer.display(),
            bin.display()
        );
    }
    let runs = env_num("NOOK_BENCH_RUNS", 30).max(1) as usize;
    let large_records = env_num("NOOK_BENCH_RECORDS", 1_000_000);
    println!("machine: {}", machine());
    println!("binary:  {}", bin.display());
    println!("load before: {}\n", load_average());

    let homes = [
        ("small", 10, 1_000),
        ("large-empty", 100, 0),
        ("large", 100, large_records),
    ];
    let mut dirs = Vec::new();
    for (label, apps, records) in homes {
        dirs.push((label, seeded_home(label, apps, records, 0)));
    }
    println!();

    let fsync = fsync_latency(dirs[0].1.path(), runs);
    println!(
        "fdatasync of a small write on this disk: median {:.2} ms, p95 {:.2} ms",
        fsync.median.as_secs_f64() * 1e3,
        fsync.p95.as_secs_f64() * 1e3
    );

    // Process start alone: the floor under every command.
    let floor: Vec<Run> = (0..runs).map(|_| run(&bin, None, &["--version"])).collect();

    // Every command in every home, interleaved run by run, so that load on
    // the machine falls on every cell alike.
    let mut cells: Vec<Vec<Vec<Run>>> = vec![vec![Vec::new(); dirs.len()]; COMMANDS.len()];
    for (_, dir) in &dirs {
        for (_, args) in COMMANDS {
            for _ in 0..3 {
                run(&bin, Some(dir.path()), args);
            }
        }
    }
    for _ in 0..runs {
        for (h, (_, dir)) in dirs.iter().enumerate() {
            for (c, (_, args)) in COMMANDS.iter().enumerate() {
                cells[c][h].push(run(&bin, Some(dir.path()), args));
            }
        }
    }
    println!("load after:  {}\n", load_average());

    println!("Wall time per command, process start included ({runs} runs each; median / p95, ms):\n");
    println!("| command | small | large-empty | large | large/small | large/large-empty | target |");
    println!("| --- | --- | --- | --- | --- | --- | --- |");
    println!(
        "| `nook --version` (process start) | {} | | | | | |",
        Samples::wall(&floor).cell()
    );
    for (c, (name, _)) in COMMANDS.iter().enumerate() {
        let s: Vec<Samples> = cells[c].iter().map(|v| Samples::wall(v)).collect();
        let ratio = |a: usize, b: usize| s[a].median.as_secs_f64() / s[b].median.as_secs_f64();
        let target = if TEN_MS.contains(name) {
            let under: Vec<&str> = s
                .iter()
                .zip(&dirs)
                .map(|(x, (label, _))| {
                    if x.median < Duration::from_millis(10) {
                        "met"
                    } else {
                        label_missed(label)
                    }
                })
                .collect();
            format!("< 10 ms: {}", under.join(", "))
        } else if *name == "nook ls" {
            // Same apps, no records vs a million: within 10 % counts as flat.
            let met = ratio(2, 1) <= 1.10;
            format!("flat in records: {}", if met { "met" } else { "missed" })
        } else {
            String::new()
        };
        println!(
            "| `{name}` | {} | {} | {} | {:.2} | {:.2} | {target} |",
            s[0].cell(),
            s[1].cell(),
            s[2].cell(),
            ratio(2, 0),
            ratio(2, 1),
        );
    }

    println!(
        "\nCPU time on the command's own clock, and time it waited for a CPU (median, ms; \
         from /proc/PID/schedstat):\n"
    );
    println!(
        "| command | small cpu | small wait | large-empty cpu | large-empty wait | large cpu | large wait |"
    );
    println!("| --- | --- | --- | --- | --- | --- | --- |");
    let cpu_of = |v: &[Run]| {
        let cpu = median_ms(v.iter().filter_map(|r| r.cpu).collect());
        let wait = median_ms(v.iter().filter_map(|r| r.waited).collect());
        (cpu, wait)
    };
    let (fc, fw) = cpu_of(&floor);
    println!("| `nook --version` | {fc} | {fw} | | | | |");
    for (c, (name, _)) in COMMANDS.iter().enumerate() {
        let cols: Vec<String> = cells[c]
            .iter()
            .map(|v| {
                let (cpu, wait) = cpu_of(v);
                format!("{cpu} | {wait}")
            })
            .collect();
        println!("| `{name}` | {} |", cols.join(" | "));
    }

    println!("\nIn-process phases, with the library ({runs} runs each; median / p95, ms):\n");
    println!("| phase | small | large-empty | large |");
    println!("| --- | --- | --- | --- |");
    let phases: Vec<Vec<Samples>> = dirs.iter().map(|(_, d)| phases(d.path(), runs)).collect();
    for (i, name) in PHASES.iter().enumerate() {
        let cols: Vec<String> = phases.iter().map(|p| p[i].cell()).collect();
        println!("| {name} | {} |", cols.join(" | "));
    }
    let db = dirs[2].1.path().join("nook.redb");
    println!(
        "\nlarge database: {:.1} MB",
        std::fs::metadata(&db).map_or(0, |m| m.len()) as f64 / 1e6
    );
}

/// One run of a command: its wall time as the shell sees it, and (when
/// /proc is there) its CPU time and the time it waited for a CPU.
#[derive(Clone, Copy, Debug)]
struct Run {
    wall: Duration,
    cpu: Option<Duration>,
    waited: Option<Duration>,
}

/// Runs nook twice: once for the wall time (spawn to exit, nothing else
/// running in this process), once for the scheduler statistics, read from
/// /proc before the child is reaped (that needs polling, which would disturb
/// a wall time on a small machine). Panics if the command fails, since a
/// failing command measures nothing.
fn run(bin: &Path, home: Option<&Path>, args: &[&str]) -> Run {
    let command = || {
        let mut cmd = Command::new(bin);
        if let Some(h) = home {
            cmd.arg("--home").arg(h).env("NOOK_HOME", h);
        }
        cmd.args(args).stdin(Stdio::null()).stdout(Stdio::null());
        cmd
    };
    let started = Instant::now();
    let status = command().stderr(Stdio::null()).status().expect("run nook");
    let wall = started.elapsed();
    if !status.success() {
        let out = command().output().expect("run nook");
        panic!(
            "nook {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let child = command().stderr(Stdio::null()).spawn().expect("run nook");
    let proc_dir = PathBuf::from(format!("/proc/{}", child.id()));
    let mut stats = None;
    while let Ok(stat) = std::fs::read_to_string(proc_dir.join("stat")) {
        if stat
            .rsplit_once(')')
            .is_some_and(|(_, r)| r.trim_start().starts_with('Z'))
        {
            stats = std::fs::read_to_string(proc_dir.join("schedstat")).ok();
            break;
        }
        std::thread::sleep(Duration::from_micros(200));
    }
    let _ = child.wait_with_output();
    let field = |i: usize| {
        stats
            .as_deref()
            .and_then(|s| s.split_whitespace().nth(i))
            .and_then(|n| n.parse::<u64>().ok())
            .map(Duration::from_nanos)
    };
    Run {
        wall,
        cpu: field(0),
        waited: field(1),
    }
}

#[derive(Clone, Copy, Debug, Default)]
struct Samples {
    median: Duration,
    p95: Duration,
}

impl From<Vec<Duration>> for Samples {
    fn from(mut v: Vec<Duration>) -> Samples {
        if v.is_empty() {
            return Samples::default();
        }
        v.sort();
        let at = |q: f64| v[((v.len() - 1) as f64 * q).round() as usize];
        Samples {
            median: at(0.5),
            p95: at(0.95),
        }
    }
}

impl Samples {
    fn wall(runs: &[Run]) -> Samples {
        Samples::from(runs.iter().map(|r| r.wall).collect::<Vec<_>>())
    }

    fn cell(&self) -> String {
        format!(
            "{:.2} / {:.2}",
            self.median.as_secs_f64() * 1e3,
            self.p95.as_secs_f64() * 1e3
        )
    }
}

fn median_ms(v: Vec<Duration>) -> String {
    if v.is_empty() {
        return "n/a".into();
    }
    format!("{:.2}", Samples::from(v).median.as_secs_f64() * 1e3)
}

/// How long a small write plus `fdatasync` takes on the disk the homes are on:
/// every command that opens the database pays several of these.
fn fsync_latency(dir: &Path, runs: usize) -> Samples {
    use std::io::{Seek, Write};
    let path = dir.join("fsync-probe");
    let mut f = std::fs::File::create(&path).expect("probe file");
    let mut v = Vec::new();
    for i in 0..runs {
        let started = Instant::now();
        f.seek(std::io::SeekFrom::Start(0)).expect("seek");
        f.write_all(&[i as u8; 320]).expect("write");
        f.sync_data().expect("fdatasync");
        v.push(started.elapsed());
    }
    drop(f);
    let _ = std::fs::remove_file(&path);
    Samples::from(v)
}

const PHASES: &[&str] = &[
    "load specs (install check + catalog scan of every spec)",
    "`Store::open` (read-write, as every command opens it)",
    "close: drop the `Store`",
    "write: add an item (`nook add`)",
    "write: log a tracker day (`nook log`)",
    "write: timer status (`nook timer … status`, nothing to log)",
    "read: every app's overview (`nook ls`)",
    "read: a whole tracker series (water), as a backfill recomputes it",
    "read-only handle: open, one read, close",
];

/// Times the steps the commands take, in this process, with the library.
fn phases(root: &Path, runs: usize) -> Vec<Samples> {
    let home = Home {
        root: root.to_path_buf(),
    };
    let mut wall: Vec<Vec<Duration>> = vec![Vec::new(); PHASES.len()];
    let mut time = |i: usize, f: &mut dyn FnMut()| {
        let started = Instant::now();
        f();
        wall[i].push(started.elapsed());
    };
    let find = |catalog: &Catalog, q: &str| -> Spec { catalog.find(q).cloned().expect("bundled app") };
    for _ in 0..runs {
        let mut catalog = Catalog::default();
        time(0, &mut || {
            nook::bundled::install_if_missing(&home).expect("home");
            catalog = Catalog::scan(&home.apps(), &home.bounds()).expect("apps");
        });
        let mut store = None;
        time(1, &mut || {
            store = Some(Store::open(&home.database().unwrap()).expect("open"))
        });
        time(2, &mut || drop(store.take()));
        let store = Store::open(&home.database().unwrap()).expect("open");
        let groceries = find(&catalog, "groceries");
        time(3, &mut || {
            store
                .write(&groceries, Now::system().unwrap(), |tx| {
                    tx.add_item("milk".into(), Default::default())
                })
                .expect("add");
        });
        let water = find(&catalog, "water");
        time(4, &mut || {
            let now = Now::system().unwrap();
            let day = day_number(now.today());
            store
                .write(&water, now, |tx| {
                    let v = tx.entry("", day)?.map_or(0.0, |e| e.value);
                    tx.set_entry("", day, v + 1.0)
                })
                .expect("log");
        });
        let pomodoro = find(&catalog, "pomodoro");
        time(5, &mut || {
            store
                .write(&pomodoro, Now::system().unwrap(), |tx| {
                    tx.timer(nook::model::timer::Action::Observe)
                })
                .expect("timer");
        });
        drop(store);
        // The reads run on a fresh handle, as in a new process (cold cache).
        let store = Store::open(&home.database().unwrap()).expect("open");
        time(6, &mut || {
            let now = Now::system().unwrap();
            store
                .read(|r| {
                    for spec in catalog.specs() {
                        overview(r, spec, now)?;
                    }
                    Ok(())
                })
                .expect("ls");
        });
        time(7, &mut || {
            store
                .read(|r| r.entries("water", "", i32::MIN, i32::MAX).map(|v| v.len()))
                .expect("series");
        });
        drop(store);
        time(8, &mut || {
            use redb::ReadableDatabase;
            let db = redb::Database::builder()
                .set_concurrency_mode(redb::ConcurrencyMode::MultiWriter)
                .open_read_only(home.database().unwrap())
                .expect("read-only open");
            drop(db.begin_read().expect("read"));
        });
    }
    wall.into_iter().map(Samples::from).collect()
}

/// A source file changed after the binary was built, if any.
fn newer_source(root: &Path, bin: &Path) -> Option<PathBuf> {
    let built = std::fs::metadata(bin).and_then(|m| m.modified()).ok()?;
    let mut stack = vec![root.join("src"), root.join("apps")];
    stack.push(root.join("Cargo.toml"));
    while let Some(p) = stack.pop() {
        let Ok(meta) = std::fs::metadata(&p) else { continue };
        if meta.is_dir() {
            if let Ok(rd) = std::fs::read_dir(&p) {
                stack.extend(rd.flatten().map(|e| e.path()));
            }
        } else if meta.modified().is_ok_and(|m| m > built) {
            return Some(p);
        }
    }
    None
}
