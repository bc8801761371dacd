//! `cargo bench --bench library`: the library's costs, in-process, with divan.
//!
//! - specs: parse and validate 500 generated specs (text already in memory);
//!   a list of 20,000 fields, and a flood of 250,000 problems, capped (the
//!   hostile inputs of tests/library/spec_hostile.rs, timed here);
//! - store: open the database and compute every app's launcher summary
//!   (`nook::overview`), and the summaries alone on an open store, at 1,000,
//!   100,000 and 1,000,000 records (100 generated apps + the bundled ones);
//! - write: one durable write (add a list item, log a tracker day) at the
//!   same sizes;
//! - render: each panel (list, timer, tracker) and the launcher drawn into a
//!   ratatui `TestBackend`, 100x30, from a home whose list holds 100,000
//!   items.
//!
//! Homes are seeded once per size with `examples/seed.rs` into temporary
//! directories (removed at the end) and reused by every iteration. Seeding
//! 1,000,000 records takes 20-40 s; `NOOK_BENCH_RECORDS=100000` leaves out
//! the sizes above that. Divan's own options follow `--`, e.g.
//! `cargo bench --bench library -- store` runs the store benches only.
//!
//! - agenda: what is due this week across every app, read through the date
//!   index, at the store sizes (with one more list of 20,000 dated items).
//!
//! Nothing here asserts a timing; docs/performance.md records the figures.

// Tests and benchmarks drive nook from outside: they start it, git and
// shells, and print what they measure.
#![allow(clippy::disallowed_methods, clippy::disallowed_macros)]

#[allow(dead_code)]
#[path = "../examples/seed.rs"]
mod seed;

use std::collections::BTreeMap;
use std::sync::Mutex;

use divan::{Bencher, black_box};
use nook::app::{Action, App};
use nook::model::Now;
use nook::model::days::day_number;
use nook::overview::overview;
use nook::paths::Home;
use nook::runtime::Shell;
use nook::spec::{Catalog, Spec};
use nook::store::Store;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn main() {
    divan::main();
    // The homes live in a static; clearing it removes them from the disk.
    HOMES.lock().unwrap_or_else(|e| e.into_inner()).clear();
}

/// Record counts of the store benches, capped by NOOK_BENCH_RECORDS.
fn sizes() -> Vec<u64> {
    let cap = std::env::var("NOOK_BENCH_RECORDS")
        .ok()
        .and_then(|v| v.replace('_', "").parse::<u64>().ok())
        .unwrap_or(u64::MAX);
    [1_000, 100_000, 1_000_000]
        .into_iter()
        .filter(|&n| n <= cap)
        .collect()
}

/// What a home was seeded with: generated apps, records, Backlog items.
type Seeded = (usize, u64, u64);

/// Seeded homes, kept until `main` ends.
static HOMES: Mutex<Vec<(Seeded, tempfile::TempDir)>> = Mutex::new(Vec::new());

/// A home seeded with `apps` generated apps and `records` records (of them
/// `big_list` in the Backlog list), seeded on first use.
fn home(apps: usize, records: u64, big_list: u64) -> Home {
    let key = (apps, records, big_list);
    let mut homes = HOMES.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, dir)) = homes.iter().find(|(k, _)| *k == key) {
        return Home {
            root: dir.path().to_path_buf(),
        };
    }
    let dir = tempfile::Builder::new()
        .prefix("nook-bench-")
        .tempdir()
        .expect("temp dir");
    let opts = seed::Options {
        home: dir.path().to_path_buf(),
        apps,
        records,
        seed: 1,
        big_list,
    };
    let started = std::time::Instant::now();
    let report = seed::seed(&opts).unwrap_or_else(|e| panic!("seeding: {e}"));
    eprintln!(
        "seeded {apps} apps, {records} records in {:.1?} ({:.1} MB)",
        started.elapsed(),
        report.db_bytes as f64 / 1e6
    );
    let root = dir.path().to_path_buf();
    homes.push((key, dir));
    Home { root }
}

/// The home of the store benches: only the number of records changes.
fn store_home(records: u64) -> Home {
    home(100, records, 0)
}

fn specs(home: &Home) -> Vec<Spec> {
    Catalog::scan(&home.apps(), &home.bounds())
        .expect("apps")
        .specs()
        .cloned()
        .collect()
}

fn find(specs: &[Spec], id: &str) -> Spec {
    specs
        .iter()
        .find(|s| s.id == id)
        .cloned()
        .unwrap_or_else(|| panic!("no app {id}"))
}

mod specs {
    use super::*;

    /// Parse and validate 500 specs of every kind the seed generates.
    #[divan::bench]
    fn parse_500(bencher: Bencher) {
        let texts: Vec<(String, String)> = (0..500)
            .map(|i| {
                let (file, text, _) = seed::generated_spec(i);
                (file, text)
            })
            .collect();
        bencher.bench_local(|| {
            for (file, text) in &texts {
                black_box(nook::spec::parse_str(file, text).expect("a valid spec"));
            }
        });
    }

    /// A valid list of 20,000 fields of every type, just under the size limit.
    #[divan::bench(sample_count = 10)]
    fn twenty_thousand_fields(bencher: Bencher) {
        let mut text = String::from("List(\n    name: \"Big\",\n    fields: {\n");
        for i in 0..20_000 {
            let ty = match i % 4 {
                0 => "Text".to_string(),
                1 => format!("Number(min: 0, max: {i})"),
                2 => "Choice(options: [\"a\", \"b\"], default: \"a\")".to_string(),
                _ => "Bool".to_string(),
            };
            text.push_str(&format!("        \"f{i}\": {ty},\n"));
        }
        text.push_str("    },\n    view: Board(by: \"f2\"),\n)\n");
        bencher.bench_local(|| black_box(nook::spec::parse_str("apps/big.ron", &text).expect("valid")));
    }

    /// 250,000 problems in one file: reported up to the cap, then cut short.
    #[divan::bench(sample_count = 10)]
    fn a_flood_of_problems(bencher: Bencher) {
        let text = format!("List(name: \"x\", tags: [{}])", "1,".repeat(250_000));
        bencher.bench_local(|| black_box(nook::spec::parse_str("apps/x.ron", &text).unwrap_err()));
    }
}

mod store {
    use super::*;

    /// What the launcher and `nook ls` do: open the database read-write,
    /// compute every app's summary, close.
    #[divan::bench(args = sizes(), sample_count = 30)]
    fn open_and_summarise(bencher: Bencher, records: u64) {
        let home = store_home(records);
        let specs = specs(&home);
        bencher.bench_local(|| {
            let store = Store::open(&home.database().unwrap()).expect("open");
            let now = Now::system().unwrap();
            let lines = store
                .read(|r| {
                    specs
                        .iter()
                        .map(|s| overview(r, s, now).map(|o| o.line))
                        .collect::<Result<Vec<_>, _>>()
                })
                .expect("overviews");
            drop(store);
            lines
        });
    }

    /// Every app's summary on a database already open (no open, no close).
    #[divan::bench(args = sizes())]
    fn summaries(bencher: Bencher, records: u64) {
        let home = store_home(records);
        let specs = specs(&home);
        let store = Store::open(&home.database().unwrap()).expect("open");
        bencher.bench_local(|| {
            let now = Now::system().unwrap();
            store
                .read(|r| {
                    specs
                        .iter()
                        .map(|s| overview(r, s, now).map(|o| o.line))
                        .collect::<Result<Vec<_>, _>>()
                })
                .expect("overviews")
        });
    }
}

mod write {
    use super::*;

    /// One durable write (commit and sync): add an item to groceries.
    #[divan::bench(args = sizes(), sample_count = 50)]
    fn add_item(bencher: Bencher, records: u64) {
        let home = store_home(records);
        let groceries = find(&specs(&home), "groceries");
        let store = Store::open(&home.database().unwrap()).expect("open");
        bencher.bench_local(|| {
            store
                .write(&groceries, Now::system().unwrap(), |tx| {
                    tx.add_item("milk".into(), BTreeMap::new())
                })
                .expect("add")
        });
    }

    /// One durable write: log today in water, a tracker with 12 years of days.
    #[divan::bench(args = sizes(), sample_count = 50)]
    fn log_day(bencher: Bencher, records: u64) {
        let home = store_home(records);
        let water = find(&specs(&home), "water");
        let store = Store::open(&home.database().unwrap()).expect("open");
        bencher.bench_local(|| {
            let now = Now::system().unwrap();
            let day = day_number(now.today());
            store
                .write(&water, now, |tx| {
                    let v = tx.entry("", day)?.map_or(0.0, |e| e.value);
                    tx.set_entry("", day, v + 1.0)
                })
                .expect("log")
        });
    }
}

mod render {
    use super::*;

    /// Items of the Backlog list in the render home.
    const ITEMS: u64 = 100_000;

    /// The App as the runtime builds it, on a home with a 100,000-item
    /// list, with `open` opened and loaded (None: the launcher).
    fn app(open: Option<&str>) -> (Shell, App) {
        // 50,000 more records give the tracker and the timer some history.
        let home = home(10, ITEMS + 50_000, ITEMS);
        let store = Store::open(&home.database().unwrap()).expect("open");
        let now = Now::system().unwrap();
        let (mut shell, mut app) = nook::runtime::terminal::start(home, store, now);
        if let Some(id) = open {
            let index = app
                .entries
                .iter()
                .position(|e| e.spec.as_ref().is_ok_and(|s| s.id == id))
                .unwrap_or_else(|| panic!("no app {id}"));
            shell.dispatch(&mut app, Action::Open(index, now));
            assert!(app.focused().is_some_and(|p| p.loaded()), "{id} did not load");
        }
        (shell, app)
    }

    fn draw(bencher: Bencher, open: Option<&str>) {
        let (shell, app) = app(open);
        let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
        bencher.bench_local(|| terminal.draw(|f| nook::ui::render(&app, f)).expect("draw").area);
        drop(shell);
    }

    #[divan::bench]
    fn launcher(bencher: Bencher) {
        draw(bencher, None);
    }

    /// The Backlog list: 100,000 items.
    #[divan::bench]
    fn list(bencher: Bencher) {
        draw(bencher, Some(seed::BIG_LIST));
    }

    /// Daily habits 2: five series, years of days.
    #[divan::bench]
    fn tracker(bencher: Bencher) {
        draw(bencher, Some("daily-habits-2"));
    }

    /// Deep work 6: a timer with years of sessions.
    #[divan::bench]
    fn timer(bencher: Bencher) {
        draw(bencher, Some("deep-work-6"));
    }
}

/// Figures over a 100,000-item list with a grouped table and grouped and
/// per-month summaries: opening the grouped table (sort, group, count each
/// group's figures), a key in it, and the launcher's line read from the
/// stored figures.
mod figures {
    use super::*;
    use nook::app::command::Cmd;
    use nook::app::list::ListPanel;
    use nook::model::{FieldValue, Item};

    const ITEMS: usize = 100_000;
    const SPEC: &str = r#"List(
        name: "Spend",
        fields: {
            "title":    Text(required: true),
            "amount":   Money(currency: "EUR"),
            "category": Choice(options: ["rent", "food", "fun", "travel", "books", "gifts", "tools", "other"]),
            "on":       Date,
        },
        view: Table(group: "category"),
        summary: [Count, Sum(of: "amount", by: "category"), Sum(of: "amount", per: Month)],
    )"#;
    const CATEGORIES: [&str; 8] = [
        "rent", "food", "fun", "travel", "books", "gifts", "tools", "other",
    ];

    fn spec() -> Spec {
        nook::spec::parse_str("spend.ron", SPEC).expect("spec")
    }

    fn values(i: usize) -> BTreeMap<String, FieldValue> {
        let mut v = BTreeMap::new();
        v.insert("title".into(), FieldValue::Text(format!("Item {i:06}")));
        v.insert("amount".into(), FieldValue::Number((i % 997) as f64 / 4.0));
        v.insert("category".into(), FieldValue::Text(CATEGORIES[i % 8].into()));
        v.insert(
            "on".into(),
            FieldValue::Text(format!("20{:02}-{:02}-{:02}", 20 + i % 7, 1 + i % 12, 1 + i % 28)),
        );
        v
    }

    fn items() -> Vec<Item> {
        (0..ITEMS)
            .map(|i| Item {
                id: nook::model::item_id::ItemId(i as u128 + 1),
                text: String::new(),
                done: i % 5 == 0,
                created: 1_795_000_000_000 + i as i64,
                updated: 1_795_000_000_000 + i as i64,
                values: values(i),
            })
            .collect()
    }

    #[divan::bench(sample_count = 10)]
    fn open_grouped_table(bencher: Bencher) {
        let spec = spec();
        let items = items();
        bencher
            .with_inputs(|| (ListPanel::new(spec.clone()), items.clone()))
            .bench_local_values(|(mut p, items)| {
                p.load(items, None);
                p.shown.heads.len()
            });
    }

    #[divan::bench(sample_count = 50)]
    fn key_in_grouped_table(bencher: Bencher) {
        let mut p = ListPanel::new(spec());
        p.load(items(), None);
        let now = Now::system().unwrap();
        let mut down = true;
        bencher.bench_local(|| {
            // Back and forth over a group's header.
            down = !down;
            let cmd = if down { Cmd::Down } else { Cmd::Up };
            p.command(cmd, now);
            black_box(p.table_lines(20).len())
        });
    }

    #[divan::bench(sample_count = 50)]
    fn launcher_line(bencher: Bencher) {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(&dir.path().join("nook.redb")).expect("open");
        let spec = spec();
        let now = Now::system().unwrap();
        store
            .write(&spec, now, |tx| {
                for i in 0..ITEMS {
                    tx.add_item(String::new(), values(i))?;
                }
                Ok(())
            })
            .expect("seed");
        bencher.bench_local(|| store.read(|r| overview(r, &spec, now)).expect("overview").line);
    }
}

/// Rollups over 1,000 clients and 100,000 invoices linking to them: a
/// write that changes a client's rollups (one invoice added, through the one
/// write path that keeps the tallies), and opening the clients list (its
/// items with every rollup, read from the stored tallies).
mod rollups {
    use super::*;
    use nook::model::FieldValue;
    use nook::model::item_id::ItemId;

    const CLIENTS: usize = 1_000;
    const INVOICES: usize = 100_000;

    fn specs() -> (Spec, Spec) {
        let c = nook::spec::parse_str(
            "clients.ron",
            r#"List(name: "Clients", fields: {
                "name":   Text,
                "billed": Rollup(from: "invoices", via: "client", of: Sum("amount")),
                "unpaid": Rollup(from: "invoices", via: "client", of: Sum("amount"), where: "not paid"),
                "count":  Rollup(from: "invoices", via: "client", of: Count),
            })"#,
        )
        .expect("clients");
        let i = nook::spec::parse_str(
            "invoices.ron",
            r#"List(name: "Invoices", fields: {
                "title":  Text,
                "client": Link(app: "clients"),
                "amount": Money(),
                "paid":   Bool,
            })"#,
        )
        .expect("invoices");
        (c, i)
    }

    fn invoice(client: ItemId, i: usize) -> BTreeMap<String, FieldValue> {
        let mut v = BTreeMap::new();
        v.insert("title".into(), FieldValue::Text(format!("Invoice {i:06}")));
        v.insert("client".into(), FieldValue::Text(client.to_string()));
        v.insert("amount".into(), FieldValue::Number((i % 997) as f64 / 4.0));
        v.insert("paid".into(), FieldValue::Bool(i.is_multiple_of(3)));
        v
    }

    /// A store with the clients and invoices, and the clients' ids.
    fn seeded() -> (tempfile::TempDir, Store, Spec, Spec, Vec<ItemId>) {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(&dir.path().join("nook.redb")).expect("open");
        let (c, i) = specs();
        let now = Now::system().unwrap();
        let ids = store
            .write(&c, now, |tx| {
                (0..CLIENTS)
                    .map(|n| {
                        let mut v = BTreeMap::new();
                        v.insert("name".into(), FieldValue::Text(format!("Client {n:04}")));
                        tx.add_item(String::new(), v).map(|it| it.id)
                    })
                    .collect::<Result<Vec<_>, _>>()
            })
            .expect("clients");
        store
            .write(&i, now, |tx| {
                for n in 0..INVOICES {
                    tx.add_item(String::new(), invoice(ids[n % CLIENTS], n))?;
                }
                Ok(())
            })
            .expect("invoices");
        (dir, store, c, i, ids)
    }

    #[divan::bench(sample_count = 20)]
    fn write_that_changes_a_rollup(bencher: Bencher) {
        let (_dir, store, _c, i, ids) = seeded();
        let now = Now::system().unwrap();
        let mut n = INVOICES;
        bencher.bench_local(|| {
            n += 1;
            let v = invoice(ids[n % CLIENTS], n);
            store
                .write(&i, now, |tx| tx.add_item(String::new(), v))
                .expect("write")
        });
    }

    #[divan::bench(sample_count = 10)]
    fn open_the_clients_list(bencher: Bencher) {
        let (_dir, store, c, i, _ids) = seeded();
        bencher.bench_local(|| {
            store
                .read(|r| {
                    let items = r.items("clients", ItemId(0), usize::MAX)?;
                    let rollups = r.rollups(&c, &[&c, &i])?;
                    Ok((items.len(), rollups.len()))
                })
                .expect("read")
        });
    }
}

/// The agenda's read (`a` in the launcher, `nook due`): what is overdue,
/// due today and in the next 7 days across every app, through the date
/// index, in the 100-app home at each size, with one more list holding a
/// due field: 20,000 items of which 300 are due this week (the rest done
/// or months away), and a habit with a reminder. The other lists' records
/// have no due field and are never read.
mod agenda {
    use super::*;
    use nook::model::FieldValue;

    const DUE_ITEMS: usize = 20_000;
    const SPEC: &str = r#"List(
        name: "Deadlines",
        fields: {
            "task": Text(required: true),
            "by":   Date(due: true),
        },
        repeat: Weekly,
    )"#;
    const HABIT: &str = r#"Tracker(name: "Floss", remind: At("21:00"))"#;

    /// The store home of `records` with the due list added (once).
    fn due_home(records: u64) -> (Home, Vec<Spec>) {
        let home = store_home(records);
        let file = home.apps().join("zz-deadlines.ron");
        if !file.exists() {
            std::fs::write(&file, SPEC).expect("spec");
            std::fs::write(home.apps().join("zz-floss.ron"), HABIT).expect("spec");
            let specs = specs(&home);
            let list = find(&specs, "zz-deadlines");
            let store = Store::open(&home.database().unwrap()).expect("open");
            let now = Now::system().unwrap();
            store
                .write(&list, now, |tx| {
                    for i in 0..DUE_ITEMS {
                        // 300 within the week (some overdue), the rest far off.
                        let days = if i % 66 == 0 {
                            (i % 10) as i64 - 2
                        } else {
                            60 + (i % 300) as i64
                        };
                        let day = now.today() + chrono::Duration::days(days);
                        let mut v = BTreeMap::new();
                        v.insert("task".to_string(), FieldValue::Text(format!("task {i}")));
                        v.insert("by".to_string(), FieldValue::Text(day.to_string()));
                        tx.add_item(String::new(), v)?;
                    }
                    Ok(())
                })
                .expect("seed the due list");
        }
        let specs = specs(&home);
        (home, specs)
    }

    /// The agenda's data: the due items and the habits, on an open store.
    #[divan::bench(args = sizes())]
    fn agenda_read(bencher: Bencher, records: u64) {
        let (home, specs) = due_home(records);
        let store = Store::open(&home.database().unwrap()).expect("open");
        bencher.bench_local(|| {
            let now = Now::system().unwrap();
            let due = nook::usecase::due::agenda(&store, &specs, now, 7).expect("agenda");
            let habits = nook::usecase::due::habits(&store, &specs, now).expect("habits");
            black_box((due, habits))
        });
    }
}
