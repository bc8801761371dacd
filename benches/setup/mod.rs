//! What the end-to-end and command benches share: the machine they ran on,
//! and temporary homes seeded with `examples/seed.rs`.

use std::time::Instant;

use crate::seed;

/// "2 CPUs, AMD EPYC, 23.5 GiB", as far as /proc tells.
pub fn machine() -> String {
    let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
    let proc_line = |file: &str, key: &str| {
        std::fs::read_to_string(file)
            .ok()
            .and_then(|s| s.lines().find(|l| l.starts_with(key)).map(str::to_string))
    };
    let model = proc_line("/proc/cpuinfo", "model name")
        .and_then(|l| l.split_once(':').map(|(_, v)| v.trim().to_string()))
        .unwrap_or_else(|| "unknown CPU".into());
    let mem = proc_line("/proc/meminfo", "MemTotal")
        .and_then(|l| l.split_whitespace().nth(1).and_then(|kb| kb.parse::<f64>().ok()))
        .map_or_else(
            || "unknown memory".into(),
            |kb| format!("{:.1} GiB", kb / 1048576.0),
        );
    format!("{cpus} CPUs, {model}, {mem}")
}

/// The 1, 5 and 15 minute load averages.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

/// A temporary home seeded with `apps` generated apps and `records`
/// records (`big_list` of them in one long list); prints what it made.
pub fn seeded_home(label: &str, apps: usize, records: u64, big_list: u64) -> tempfile::TempDir {
    let dir = tempfile::Builder::new()
        .prefix(&format!("nook-bench-{label}-"))
        .tempdir()
        .expect("temp dir");
    let opts = seed::Options {
        home: dir.path().to_path_buf(),
        apps,
        records,
        seed: 1,
        big_list,
    };
    let started = Instant::now();
    let report = seed::seed(&opts).unwrap_or_else(|e| panic!("seeding {label}: {e}"));
    println!("seeded {label} in {:.1?}:", started.elapsed());
    for line in report.to_string().lines() {
        println!("  {line}");
    }
    dir
}
