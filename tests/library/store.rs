//! The store at library level: durability, summaries, the operation log,
//! damaged data, and several processes sharing one database file.

use crate::common;

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use common::{Home, std_nook};
use nook::model::item_id::ItemId;
use nook::model::timer::Action;
use nook::model::{FieldValue, Item, Now};
use nook::spec::Spec;
use nook::store::{Op, Prior, Store, StoreError};

fn spec(file: &str, text: &str) -> Spec {
    nook::spec::parse_str(file, text).unwrap_or_else(|e| panic!("{e}"))
}

fn groceries() -> Spec {
    spec("groceries.ron", "List(name: \"Groceries\")")
}

/// A typed list with two numeric fields.
fn books() -> Spec {
    spec(
        "books.ron",
        r#"List(name: "Books", fields: {
            "title": Text(required: true),
            "pages": Number(),
            "price": Money(currency: "EUR"),
        })"#,
    )
}

fn water() -> Spec {
    spec(
        "water.ron",
        r#"Tracker(name: "Water", unit: "glasses", goal: Daily(8))"#,
    )
}

fn stopwatch() -> Spec {
    spec("stopwatch.ron", r#"Timer(name: "Stopwatch")"#)
}

fn at(y: i32, m: u32, d: u32, secs: u32) -> Now {
    Now::fixed(
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(secs / 3600, secs / 60 % 60, secs % 60)
            .unwrap(),
    )
}

fn now() -> Now {
    at(2026, 11, 20, 12 * 3600)
}

/// `secs` seconds after [`now`].
fn later(secs: u32) -> Now {
    at(2026, 11, 20, 12 * 3600 + secs)
}

fn items(store: &Store, app: &str) -> Vec<Item> {
    store.read(|r| r.items(app, ItemId(0), usize::MAX)).unwrap()
}

fn add(store: &Store, spec: &Spec, text: &str) -> Item {
    store
        .write(spec, now(), |tx| tx.add_item(text.to_string(), BTreeMap::new()))
        .unwrap()
}

/// The `n`th of a few fixed item ids, in order: made as nook makes ids, so
/// a test can put items under ids it names.
fn uid(n: u64) -> ItemId {
    ItemId::from_legacy("test", n, now().ms)
}

fn temp_db() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nook.redb");
    (dir, path)
}

// ---------------------------------------------------------------- durability

#[test]
fn data_survives_close_and_reopen() {
    let (_dir, path) = temp_db();
    let g = groceries();
    let w = water();
    let sw = stopwatch();
    let (device, ids) = {
        let store = Store::open(&path).unwrap();
        assert_eq!(store.path(), path);
        let ids = [add(&store, &g, "oat milk").id, add(&store, &g, "bread").id];
        store
            .write(&w, now(), |tx| {
                tx.set_entry("", now().today_number(), 3.0)?;
                tx.set_entry("", now().today_number() - 1, 8.0)
            })
            .unwrap();
        store
            .write(&sw, later(100), |tx| tx.timer(Action::Start))
            .unwrap();
        (store.device().to_string(), ids)
    };
    let store = Store::open(&path).unwrap();
    assert_eq!(store.device(), device, "the device id is stable across reopen");
    let got = items(&store, "groceries");
    assert_eq!(
        got.iter().map(|i| i.text.as_str()).collect::<Vec<_>>(),
        ["oat milk", "bread"]
    );
    assert_eq!(got.iter().map(|i| i.id).collect::<Vec<_>>(), ids);
    assert!(ids[0] < ids[1], "ids follow the order items were added in");
    let today = now().today_number();
    let e = store.read(|r| r.entries("water", "", today - 10, today)).unwrap();
    assert_eq!(
        e.iter().map(|(d, e)| (*d, e.value)).collect::<Vec<_>>(),
        [(today - 1, 8.0), (today, 3.0)]
    );
    let t = store.read(|r| r.timer("stopwatch")).unwrap();
    assert_eq!(t.since, Some(later(100).ms));
    let s = store.read(|r| r.summary("groceries")).unwrap();
    assert_eq!((s.items, s.last_id), (2, Some(ids[1])));
    // Writing after a reopen makes a new id after the others.
    assert!(add(&store, &g, "eggs").id > ids[1]);
    assert_eq!(store.last_op().unwrap(), 6);
}

#[test]
fn a_new_database_gets_its_own_device_id() {
    let (_a, pa) = temp_db();
    let (_b, pb) = temp_db();
    let a = Store::open(&pa).unwrap();
    let b = Store::open(&pb).unwrap();
    assert!(!a.device().is_empty());
    assert_ne!(a.device(), b.device());
}

#[test]
fn open_creates_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a/b/nook.redb");
    Store::open(&path).unwrap();
    assert!(path.exists());
}

#[cfg(unix)]
#[test]
fn the_file_is_created_mode_0600() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    add(&store, &groceries(), "milk");
    drop(store);
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "mode {mode:o}");
}

// ---------------------------------------------------------------- summaries

/// Sum, count, min and max of one numeric field.
type Agg = (f64, u64, f64, f64);

/// Counts, sums and extremes of every numeric field, from the items themselves.
fn recount(items: &[Item]) -> (u64, u64, BTreeMap<String, Agg>) {
    let mut numbers: BTreeMap<String, Agg> = BTreeMap::new();
    for item in items {
        for (k, v) in &item.values {
            if let FieldValue::Number(n) = v {
                let e = numbers
                    .entry(k.clone())
                    .or_insert((0.0, 0, f64::INFINITY, f64::NEG_INFINITY));
                e.0 += n;
                e.1 += 1;
                e.2 = e.2.min(*n);
                e.3 = e.3.max(*n);
            }
        }
    }
    let done = items.iter().filter(|i| i.done).count() as u64;
    (items.len() as u64, done, numbers)
}

fn assert_summary_matches(store: &Store, app: &str, step: &str) {
    let (items, sum) = store
        .read(|r| Ok((r.items(app, ItemId(0), usize::MAX)?, r.summary(app)?)))
        .unwrap();
    let (n, done, numbers) = recount(&items);
    assert_eq!(sum.items, n, "{step}: items");
    assert_eq!(sum.done, done, "{step}: done");
    let max_id = items.iter().map(|i| i.id).max();
    assert!(
        sum.last_id >= max_id,
        "{step}: last id {:?} before {max_id:?}",
        sum.last_id
    );
    let stored: Vec<&String> = sum.numbers.keys().collect();
    let counted: Vec<&String> = numbers.keys().collect();
    assert_eq!(stored, counted, "{step}: numeric fields");
    for (field, (total, count, min, max)) in numbers {
        let agg = &sum.numbers[&field];
        assert!(
            (agg.sum() - total).abs() < 1e-9,
            "{step}: sum of {field}: {} vs {total}",
            agg.sum()
        );
        assert_eq!(agg.count, count, "{step}: count of {field}");
        assert_eq!(agg.min, Some(min), "{step}: min of {field}");
        assert_eq!(agg.max, Some(max), "{step}: max of {field}");
        assert!(!agg.stale, "{step}: {field} left stale");
    }
}

fn book(id: ItemId, pages: Option<f64>, price: Option<f64>, done: bool) -> Item {
    let mut values = BTreeMap::new();
    values.insert("title".to_string(), FieldValue::Text(format!("Book {id}")));
    if let Some(p) = pages {
        values.insert("pages".to_string(), FieldValue::Number(p));
    }
    if let Some(p) = price {
        values.insert("price".to_string(), FieldValue::Number(p));
    }
    Item {
        id,
        text: String::new(),
        done,
        created: now().ms,
        updated: now().ms,
        values,
    }
}

#[test]
fn min_and_max_follow_the_removal_of_the_extreme_item() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    let s = books();
    store
        .write(&s, now(), |tx| {
            for (n, pages) in [(1, 300.0), (2, 120.0), (3, 999.0), (4, 120.0), (5, 450.0)] {
                tx.apply(Op::PutItem {
                    item: book(uid(n), Some(pages), None, n % 2 == 0),
                })?;
            }
            Ok(())
        })
        .unwrap();
    assert_summary_matches(&store, "books", "filled");
    let sum = store.read(|r| r.summary("books")).unwrap();
    let agg = &sum.numbers["pages"];
    assert_eq!(
        (agg.min, agg.max, agg.sum(), agg.count),
        (Some(120.0), Some(999.0), 1989.0, 5)
    );
    assert_eq!((sum.items, sum.done), (5, 2));

    // Delete the maximum: the next largest takes its place.
    store
        .write(&s, now(), |tx| tx.apply(Op::DeleteItem { id: uid(3) }))
        .unwrap();
    assert_summary_matches(&store, "books", "max deleted");
    assert_eq!(
        store.read(|r| r.summary("books")).unwrap().numbers["pages"].max,
        Some(450.0)
    );
    // Delete one of two equal minimums: the minimum stays.
    store
        .write(&s, now(), |tx| tx.apply(Op::DeleteItem { id: uid(2) }))
        .unwrap();
    assert_summary_matches(&store, "books", "one min deleted");
    assert_eq!(
        store.read(|r| r.summary("books")).unwrap().numbers["pages"].min,
        Some(120.0)
    );
    // Lower the maximum by editing it.
    store
        .write(&s, now(), |tx| {
            tx.apply(Op::PutItem {
                item: book(uid(5), Some(10.0), None, true),
            })
        })
        .unwrap();
    assert_summary_matches(&store, "books", "max edited down");
    let sum = store.read(|r| r.summary("books")).unwrap();
    assert_eq!(
        (sum.numbers["pages"].min, sum.numbers["pages"].max),
        (Some(10.0), Some(300.0))
    );
    // Remove the field from the minimum item.
    store
        .write(&s, now(), |tx| {
            tx.apply(Op::PutItem {
                item: book(uid(5), None, None, true),
            })
        })
        .unwrap();
    assert_summary_matches(&store, "books", "field removed");
    // Delete the rest: no figures left.
    store
        .write(&s, now(), |tx| {
            tx.apply(Op::DeleteItem { id: uid(1) })?;
            tx.apply(Op::DeleteItem { id: uid(4) })?;
            tx.apply(Op::DeleteItem { id: uid(5) })
        })
        .unwrap();
    assert_summary_matches(&store, "books", "emptied");
    let sum = store.read(|r| r.summary("books")).unwrap();
    assert!(sum.numbers.is_empty());
    assert_eq!((sum.items, sum.done), (0, 0));
    // Ids are never reused: a new item's comes after every one made.
    let item = store
        .write(&s, now(), |tx| tx.add_item(String::new(), BTreeMap::new()))
        .unwrap();
    assert!(item.id > uid(5), "{} after {}", item.id, uid(5));
}

/// A long pseudo-random run of adds, edits, ticks and deletes, several per
/// transaction; after every transaction the summary equals a recount.
#[test]
fn summaries_match_a_recount_after_any_sequence_of_writes() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    let s = books();
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut rand = move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    for round in 0..150 {
        let ops = 1 + rand(4);
        let live: Vec<ItemId> = items(&store, "books").iter().map(|i| i.id).collect();
        let mut picks = Vec::new();
        for _ in 0..ops {
            // Quarter steps keep float sums exact.
            let pages = (rand(3) > 0).then(|| rand(40) as f64 * 0.25);
            let price = (rand(2) > 0).then(|| rand(400) as f64 - 100.0);
            picks.push((rand(10), pages, price, rand(2) == 0, rand(1 << 20)));
        }
        store
            .write(&s, now(), |tx| {
                let mut live = live.clone();
                for (kind, pages, price, done, r) in picks {
                    match kind {
                        0..=4 => {
                            let mut item = tx.add_item(String::new(), BTreeMap::new())?;
                            item = book(item.id, pages, price, done);
                            tx.apply(Op::PutItem { item: item.clone() })?;
                            live.push(item.id);
                        }
                        5..=7 if !live.is_empty() => {
                            let id = live[(r as usize) % live.len()];
                            tx.apply(Op::PutItem {
                                item: book(id, pages, price, done),
                            })?;
                        }
                        _ if !live.is_empty() => {
                            let id = live.remove((r as usize) % live.len());
                            tx.apply(Op::DeleteItem { id })?;
                        }
                        _ => {}
                    }
                }
                Ok(())
            })
            .unwrap();
        assert_summary_matches(&store, "books", &format!("round {round}"));
    }
    assert!(!items(&store, "books").is_empty());
}

#[test]
fn a_failed_write_changes_nothing() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    let g = groceries();
    let milk = add(&store, &g, "milk");
    let before = store
        .read(|r| {
            Ok((
                r.items("groceries", ItemId(0), usize::MAX)?,
                r.summary("groceries")?,
                r.recent_ops(100)?,
            ))
        })
        .unwrap();
    // The closure fails after applying operations: none of them commit.
    let err = store
        .write(&g, now(), |tx| {
            tx.add_item("bread".into(), BTreeMap::new())?;
            tx.apply(Op::DeleteItem { id: milk.id })?;
            Err::<(), _>(StoreError::Invalid("changed my mind".into()))
        })
        .unwrap_err();
    assert!(err.to_string().contains("changed my mind"));
    // Deleting an item that is not there fails and writes nothing.
    let err = store
        .write(&g, now(), |tx| {
            tx.add_item("jam".into(), BTreeMap::new())?;
            tx.apply(Op::DeleteItem { id: uid(42) })
        })
        .unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)), "{err:?}");
    assert!(err.to_string().contains(&uid(42).to_string()), "{err}");
    let after = store
        .read(|r| {
            Ok((
                r.items("groceries", ItemId(0), usize::MAX)?,
                r.summary("groceries")?,
                r.recent_ops(100)?,
            ))
        })
        .unwrap();
    assert_eq!(before, after);
    assert_eq!(store.last_op().unwrap(), 1);
    // The next write carries on from where the log was.
    let bread = add(&store, &g, "bread");
    assert_eq!(store.last_op().unwrap(), 2);
    assert_eq!(items(&store, "groceries")[1].id, bread.id);
    assert!(bread.id > milk.id);
}

#[test]
fn tracker_summaries_follow_entries() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    let w = water();
    let today = now().today_number();
    store
        .write(&w, now(), |tx| {
            for d in 0..5 {
                tx.set_entry("", today - d, 8.0)?;
            }
            Ok(())
        })
        .unwrap();
    let sum = store.read(|r| r.summary("water")).unwrap();
    let series = &sum.series[""];
    assert_eq!((series.days, series.last_day), (5, Some(today)));
    // Backfilling an old day and removing today's entry.
    store
        .write(&w, now(), |tx| {
            tx.set_entry("", today - 100, 1.0)?;
            tx.set_entry("", today, 0.0)
        })
        .unwrap();
    let sum = store.read(|r| r.summary("water")).unwrap();
    let series = &sum.series[""];
    assert_eq!((series.days, series.last_day), (5, Some(today - 1)));
    let rows = store
        .read(|r| r.entries("water", "", i32::MIN, i32::MAX))
        .unwrap();
    assert_eq!(rows.len(), 5);
    assert!(rows.iter().all(|(_, e)| e.updated == now().ms));
}

// ---------------------------------------------------------------- incremental series summaries

/// Trackers under every kind of rule: daily sum goal, weekly yes/no with
/// several series, daily limit, monthly goal, no goal.
fn trackers() -> Vec<Spec> {
    vec![
        water(),
        spec(
            "habits.ron",
            r#"Tracker(name: "Habits", series: ["Read", "Run"], goal: Weekly(3))"#,
        ),
        spec(
            "coffee.ron",
            r#"Tracker(name: "Coffee", unit: "cups", limit: Daily(3))"#,
        ),
        spec(
            "practice.ron",
            r#"Tracker(name: "Practice", unit: "minutes", goal: Monthly(600), series: ["Guitar", "Piano"])"#,
        ),
        spec("floss.ron", r#"Tracker(name: "Floss")"#),
    ]
}

fn tracker_rule(s: &Spec) -> nook::model::streak::Rule {
    match &s.kind {
        nook::spec::Kind::Tracker(t) => nook::model::streak::Rule::of(t),
        _ => panic!("{} is not a tracker", s.id),
    }
}

/// Checks every series of `s` against its entries read back whole: the
/// stored summary equals one folded from scratch, its streak equals
/// `streak::compute`, and the overview's period total and streaks for
/// `today` equal those summed from the entries.
fn assert_series_match_entries(store: &Store, s: &Spec, today: i32, step: &str) {
    use nook::model::days::period_of;
    use nook::model::streak;
    use nook::store::summary::SeriesSummary;
    let rule = tracker_rule(s);
    let names = match &s.kind {
        nook::spec::Kind::Tracker(t) => t.series_names(),
        _ => unreachable!(),
    };
    store
        .read(|r| {
            let sum = r.summary(&s.id)?;
            for name in &names {
                let rows: Vec<(i32, f64)> = r
                    .entries(&s.id, name, i32::MIN, i32::MAX)?
                    .into_iter()
                    .map(|(d, e)| (d, e.value))
                    .collect();
                let scratch = SeriesSummary::fold(Some(&rule), Default::default(), rows.len() as u32, &rows);
                assert_eq!(
                    sum.series.get(name),
                    scratch.as_ref(),
                    "{step}: {} {name:?}",
                    s.id
                );
                if let Some(stored) = sum.series.get(name) {
                    assert_eq!(
                        stored.streak,
                        streak::compute(&rule, rows.iter().copied()),
                        "{step}: {} {name:?}",
                        s.id
                    );
                }
                let now = period_of(today, rule.period);
                let expected = rows
                    .iter()
                    .filter(|&&(d, _)| d <= today && period_of(d, rule.period) == now)
                    .fold(0.0, |t, &(_, v)| t + if rule.yes_no { 1.0 } else { v });
                let total = nook::overview::period_total(r, &s.id, name, &rule, &sum, today)?;
                assert_eq!(
                    total.to_bits(),
                    expected.to_bits(),
                    "{step}: {} {name:?} total",
                    s.id
                );
                let streaks = nook::overview::series_streaks(r, &s.id, name, &rule, &sum, today)?;
                let from_rows = streak::as_of(&rule, &streak::compute(&rule, rows.iter().copied()), today);
                assert_eq!(streaks, from_rows, "{step}: {} {name:?} streaks", s.id);
            }
            Ok(())
        })
        .unwrap();
}

/// One change to a series in a random sequence.
#[derive(Clone, Debug)]
enum Change {
    /// Set a day near today (-2..=0) to a value; 0 or less removes it.
    Recent(u8, i8),
    /// Set a day up to 400 days back.
    Backfill(u16, i8),
    /// Remove the `n`th stored day (if any).
    Delete(u16),
    /// An entry of 0 (an import can hold one): stored, never counted.
    Zero(u8),
    /// A day after today (up to 40 days on).
    Future(u8, i8),
}

fn change() -> impl proptest::strategy::Strategy<Value = Change> {
    use proptest::prelude::*;
    prop_oneof![
        8 => (0u8..3, -1i8..8).prop_map(|(d, v)| Change::Recent(d, v)),
        2 => (0u16..400, 1i8..8).prop_map(|(d, v)| Change::Backfill(d, v)),
        2 => any::<u16>().prop_map(Change::Delete),
        1 => (0u8..40).prop_map(Change::Zero),
        1 => (1u8..40, 1i8..8).prop_map(|(d, v)| Change::Future(d, v)),
    ]
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(24),
        failure_persistence: None,
        ..Default::default()
    })]

    /// Summaries kept up to date write by write (folding on from the latest
    /// period) equal summaries recomputed from every entry, whatever the
    /// order of logs, backfills, deletes, zero entries and future days, and
    /// as the days go by.
    #[test]
    fn incremental_series_summaries_equal_a_recompute(
        app in 0usize..5,
        txns in proptest::collection::vec(
            (0u8..4, proptest::collection::vec((0usize..2, change()), 1..5)),
            1..25,
        ),
    ) {
        let (_dir, path) = temp_db();
        let store = Store::open(&path).unwrap();
        let s = trackers().swap_remove(app);
        let names = match &s.kind {
            nook::spec::Kind::Tracker(t) => t.series_names(),
            _ => unreachable!(),
        };
        let mut when = at(2026, 1, 1, 12 * 3600);
        for (i, (advance, changes)) in txns.into_iter().enumerate() {
            when = Now::fixed(when.local + chrono::Duration::days(i64::from(advance)));
            let today = when.today_number();
            store
                .write(&s, when, |tx| {
                    for (which, c) in &changes {
                        let series = &names[which % names.len()];
                        match *c {
                            Change::Recent(d, v) => tx.set_entry(series, today - i32::from(d), f64::from(v) * 0.5)?,
                            Change::Backfill(d, v) => tx.set_entry(series, today - i32::from(d), f64::from(v) * 0.5)?,
                            Change::Future(d, v) => tx.set_entry(series, today + i32::from(d), f64::from(v) * 0.5)?,
                            Change::Zero(d) => tx.apply(Op::SetEntry {
                                series: series.clone(),
                                day: today - i32::from(d),
                                value: Some(0.0),
                                updated: None,
                            })?,
                            Change::Delete(n) => {
                                let days: Vec<i32> = (today - 400..=today + 40)
                                    .filter(|&d| tx.entry(series, d).ok().flatten().is_some())
                                    .collect();
                                if !days.is_empty() {
                                    let day = days[usize::from(n) % days.len()];
                                    tx.set_entry(series, day, 0.0)?;
                                }
                            }
                        }
                    }
                    Ok(())
                })
                .unwrap();
            assert_series_match_entries(&store, &s, today, &format!("transaction {i}"));
            // And as seen on later days, before anything else is written.
            for later in [1, 7, 31] {
                assert_series_match_entries(&store, &s, today + later, &format!("transaction {i}, {later} days on"));
            }
        }
    }
}

#[test]
fn period_totals_roll_over_with_the_calendar() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    let weekly = spec(
        "steps.ron",
        r#"Tracker(name: "Steps", unit: "k steps", goal: Weekly(70))"#,
    );
    let line = |when: Now| {
        store
            .read(|r| nook::overview::overview(r, &weekly, when))
            .unwrap()
            .line
    };
    // Friday 20 November 2026, then the weekend, then Monday 23rd.
    let fri = at(2026, 11, 20, 12 * 3600);
    let sun = at(2026, 11, 22, 12 * 3600);
    let mon = at(2026, 11, 23, 12 * 3600);
    store
        .write(&weekly, fri, |tx| tx.set_entry("", fri.today_number(), 12.0))
        .unwrap();
    store
        .write(&weekly, sun, |tx| tx.set_entry("", sun.today_number(), 9.5))
        .unwrap();
    assert_eq!(line(sun), "21.5/70 k steps this week");
    // A new week: nothing logged in it yet, whatever the summary holds.
    assert_eq!(line(mon), "0/70 k steps this week");
    store
        .write(&weekly, mon, |tx| tx.set_entry("", mon.today_number(), 4.0))
        .unwrap();
    assert_eq!(line(mon), "4/70 k steps this week");
    // Looking back from Sunday, Monday's entry is in the future: not counted.
    assert_eq!(line(sun), "21.5/70 k steps this week");
    // A backfill into last week leaves this week's total alone.
    store
        .write(&weekly, mon, |tx| tx.set_entry("", fri.today_number() - 1, 3.0))
        .unwrap();
    assert_eq!(line(mon), "4/70 k steps this week");
    assert_eq!(line(sun), "24.5/70 k steps this week");
    let sum = store.read(|r| r.summary("steps")).unwrap();
    let latest = sum.series[""].latest.expect("the latest period's total");
    assert_eq!(latest.total, 4.0);
    // Monthly: the 1st of a month starts from 0.
    let monthly = spec(
        "practice.ron",
        r#"Tracker(name: "Practice", unit: "minutes", goal: Monthly(600))"#,
    );
    let nov30 = at(2026, 11, 30, 12 * 3600);
    let dec1 = at(2026, 12, 1, 12 * 3600);
    store
        .write(&monthly, nov30, |tx| tx.set_entry("", nov30.today_number(), 45.0))
        .unwrap();
    let month_line = |when: Now| {
        store
            .read(|r| nook::overview::overview(r, &monthly, when))
            .unwrap()
            .line
    };
    assert_eq!(month_line(nov30), "45/600 minutes this month");
    assert_eq!(month_line(dec1), "0/600 minutes this month");
}

#[test]
fn a_summary_from_before_the_period_cache_still_reads_and_is_recomputed() {
    use nook::store::tables::SUMMARIES;
    let (_dir, path) = temp_db();
    let w = water();
    let today = now().today_number();
    {
        let store = Store::open(&path).unwrap();
        store
            .write(&w, now(), |tx| {
                for d in 0..10 {
                    tx.set_entry("", today - d, 8.0 + f64::from(d % 3))?;
                }
                Ok(())
            })
            .unwrap();
    }
    // The summary as an older nook wrote it: no `closed`, no `latest`.
    let old = format!(
        "\u{1}{{\"items\":0,\"done\":0,\"next_id\":0,\"series\":{{\"\":{{\"days\":10,\"last_day\":{today},\
         \"streak\":{{\"rule\":\"Daily/8/goal/sum\",\"first\":{},\"run_end\":{today},\"run_len\":10,\
         \"last_miss\":null,\"best\":10,\"counted\":10}}}}}},\"updated\":0}}",
        today - 9
    );
    plant(&path, |txn| {
        txn.open_table(SUMMARIES)
            .unwrap()
            .insert("water", old.as_bytes())
            .unwrap();
    });
    let store = Store::open(&path).unwrap();
    let sum = store.read(|r| r.summary("water")).unwrap();
    let series = &sum.series[""];
    assert_eq!(
        (series.days, series.closed.as_ref(), series.latest),
        (10, None, None)
    );
    // Read from the entries meanwhile: the same line as from a full summary.
    let line = |store: &Store| {
        store
            .read(|r| nook::overview::overview(r, &w, now()))
            .unwrap()
            .line
    };
    assert_eq!(line(&store), "8/8 glasses today · streak 10 days");
    // The next write recomputes it whole, with the new fields.
    store.write(&w, now(), |tx| tx.set_entry("", today, 9.0)).unwrap();
    assert_series_match_entries(&store, &w, today, "after the first write");
    let sum = store.read(|r| r.summary("water")).unwrap();
    assert!(sum.series[""].latest.is_some());
    assert_eq!(line(&store), "9/8 glasses today · streak 10 days");
}

// ---------------------------------------------------------------- the operation log

#[test]
fn every_operation_is_logged_once_with_increasing_ids_and_a_stable_device() {
    let (_dir, path) = temp_db();
    let g = groceries();
    let w = water();
    let sw = stopwatch();
    let device;
    let milk;
    {
        let store = Store::open(&path).unwrap();
        device = store.device().to_string();
        assert_eq!(store.last_op().unwrap(), 0);
        assert!(store.read(|r| r.recent_ops(10)).unwrap().is_empty());
        // One op, then three in one transaction, then a replacement.
        milk = add(&store, &g, "milk").id;
        store
            .write(&g, later(60), |tx| {
                tx.add_item("bread".into(), BTreeMap::new())?;
                tx.add_item("eggs".into(), BTreeMap::new())?;
                tx.apply(Op::DeleteItem { id: milk })
            })
            .unwrap();
        let mut item = items(&store, "groceries")[0].clone();
        item.done = true;
        store
            .write(&g, later(120), |tx| tx.apply(Op::PutItem { item: item.clone() }))
            .unwrap();
        assert_eq!(store.last_op().unwrap(), 5);
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.device(), device);
    store
        .write(&w, later(180), |tx| tx.set_entry("", 700_000, 2.0))
        .unwrap();
    store
        .write(&sw, later(200), |tx| tx.timer(Action::Start))
        .unwrap();
    store.write(&sw, later(260), |tx| tx.timer(Action::Stop)).unwrap();
    // A write that changes nothing logs nothing.
    store
        .write(&sw, later(300), |tx| tx.timer(Action::Pause))
        .unwrap();

    let mut log = store.read(|r| r.recent_ops(usize::MAX)).unwrap();
    log.reverse();
    // add, add+add+delete, put, set entry, start, stop = session + timer reset.
    assert_eq!(log.len(), 9, "{log:#?}");
    assert_eq!(store.last_op().unwrap(), 9);
    for (i, e) in log.iter().enumerate() {
        assert_eq!(e.id, i as u64 + 1, "ids count up from 1 without gaps");
        assert_eq!(e.device, device);
    }
    assert!(log.windows(2).all(|w| w[0].ts <= w[1].ts), "timestamps in order");
    let apps: Vec<&str> = log.iter().map(|e| e.app.as_str()).collect();
    assert_eq!(
        apps,
        [
            "groceries",
            "groceries",
            "groceries",
            "groceries",
            "groceries",
            "water",
            "stopwatch",
            "stopwatch",
            "stopwatch"
        ]
    );
    assert_eq!(log[0].ts, now().ms);
    assert_eq!(log[1].ts, later(60).ms);
    assert!(matches!(&log[0].op, Op::PutItem { item } if item.text == "milk"));
    assert_eq!(log[0].before, None);
    assert!(matches!(&log[3].op, Op::DeleteItem { id } if *id == milk));
    assert!(
        matches!(&log[3].before, Some(Prior::Item(i)) if i.text == "milk"),
        "a delete keeps what it removed"
    );
    assert!(
        matches!(&log[4].before, Some(Prior::Item(i)) if !i.done),
        "a put keeps what it replaced"
    );
    assert!(matches!(&log[5].op, Op::SetEntry { value: Some(v), .. } if *v == 2.0));
    assert!(log[7..].iter().any(|e| matches!(&e.op, Op::AddSession { .. })));
}

// ---------------------------------------------------------------- damaged data

#[test]
fn decode_of_garbage_is_an_error_not_a_panic() {
    use nook::store::codec::{decode, encode};
    let good = encode(&book(uid(1), Some(3.0), None, false));
    assert_eq!(good[0], 1, "format byte");
    assert_eq!(decode::<Item>("item", &good).unwrap().id, uid(1));
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (vec![], "empty record"),
        (vec![1], "item"),
        (b"\x01{\"id\": 1".to_vec(), "item"),
        (b"\x01not json at all".to_vec(), "item"),
        (b"\x01{\"text\": \"no id\"}".to_vec(), "item"),
        (b"\x01[1, 2, 3]".to_vec(), "item"),
        (vec![1, 0xff, 0xfe, 0x00], "item"),
        // Not a format byte any nook writes: damage, not "newer" (a newer
        // nook is told by the schema number it records, checked at open).
        (b"\x02{\"id\": 1}".to_vec(), "no format nook has ever written"),
        (b"\x07{\"id\": 1}".to_vec(), "no format nook has ever written"),
        (vec![0xff; 64], "no format nook has ever written"),
        (b"{\"id\": 1}".to_vec(), "no format nook has ever written"),
    ];
    for (bytes, says) in cases {
        let err = decode::<Item>("item", &bytes).unwrap_err();
        assert!(matches!(err, StoreError::Decode { .. }), "{bytes:?}: {err:?}");
        assert!(err.to_string().contains(says), "{bytes:?}: {err}");
    }
}

#[test]
fn damage_met_on_a_copy_never_prints_an_empty_file_name() {
    // doctor reads private copies, whose errors are printed under a line
    // naming the real file: an error that names no file says so plainly.
    let e = StoreError::Damaged {
        path: std::path::PathBuf::new(),
        detail: "a bad page".into(),
    };
    let text = e.to_string();
    assert!(text.starts_with("the database is damaged"), "{text}");
    let named = e.at(Path::new("nook.redb")).to_string();
    assert!(named.starts_with("nook.redb: the database is damaged"), "{named}");
}

/// Writes raw bytes under a key with redb itself, as a damaged record would be.
fn plant(path: &Path, f: impl FnOnce(&redb::WriteTransaction)) {
    let db = redb::Database::builder()
        .set_concurrency_mode(redb::ConcurrencyMode::MultiWriter)
        .create(path)
        .unwrap();
    let txn = db.begin_write().unwrap();
    f(&txn);
    txn.commit().unwrap();
}

#[test]
fn a_corrupt_record_is_an_error_never_a_panic() {
    use nook::store::tables::{ITEMS, SUMMARIES, TIMERS};
    let h = Home::installed();
    let (milk, bread) = {
        let store = Store::open(&h.db()).unwrap();
        let g = groceries();
        let milk = add(&store, &g, "milk").id;
        let bread = add(&store, &g, "bread").id;
        store
            .write(&water(), now(), |tx| tx.set_entry("", 700_000, 1.0))
            .unwrap();
        (milk, bread)
    };
    let cut = format!("\x01{{\"id\": \"{bread}\", \"text\": ");
    plant(&h.db(), |txn| {
        txn.open_table(ITEMS)
            .unwrap()
            .insert(("groceries", bread.0), cut.as_bytes())
            .unwrap();
        txn.open_table(ITEMS)
            .unwrap()
            .insert(("packing", uid(1).0), [0x07u8, 1, 2, 3].as_slice())
            .unwrap();
        txn.open_table(SUMMARIES)
            .unwrap()
            .insert("water", b"garbage".as_slice())
            .unwrap();
        txn.open_table(TIMERS)
            .unwrap()
            .insert("tea", b"".as_slice())
            .unwrap();
    });

    let store = Store::open(&h.db()).expect("a bad record does not stop the database opening");
    let err = store
        .read(|r| r.items("groceries", ItemId(0), usize::MAX))
        .unwrap_err();
    assert!(matches!(err, StoreError::Decode { .. }), "{err:?}");
    assert!(err.to_string().contains("stored item could not be read"), "{err}");
    // The good record beside it still reads.
    assert_eq!(
        store.read(|r| r.item("groceries", milk)).unwrap().unwrap().text,
        "milk"
    );
    let err = store.read(|r| r.item("packing", uid(1))).unwrap_err();
    assert!(err.is_damage() && !err.to_string().contains("newer"), "{err}");
    // A summary holds only figures derived from the rows: one that does not
    // decode is counted again from them, and the next write stores it anew.
    let sum = store.read(|r| r.summary("water")).unwrap();
    assert_eq!((sum.series[""].days, sum.series[""].last_day), (1, Some(700_000)));
    let err = store.read(|r| r.timer("tea")).unwrap_err();
    assert!(err.to_string().contains("empty record"), "{err}");
    store
        .write(&water(), now(), |tx| tx.set_entry("", 700_001, 1.0))
        .unwrap();
    assert_eq!(store.read(|r| r.summary("water")).unwrap().series[""].days, 2);
    // Writes that meet the bad records fail and change nothing.
    let err = store
        .write(&groceries(), now(), |tx| tx.apply(Op::DeleteItem { id: bread }))
        .unwrap_err();
    assert!(matches!(err, StoreError::Decode { .. }), "{err:?}");
    assert_eq!(
        store.read(|r| r.entries("water", "", 0, i32::MAX)).unwrap().len(),
        2
    );
    drop(store);

    // The command line reports them and exits 1 (a panic would exit 101);
    // `ls` still lists every other app, and says which one it could not read.
    let out = h.nook(["ls"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let (stdout, err) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(err.contains("could not be read"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let tea = stdout.lines().find(|l| l.starts_with("tea ")).unwrap_or_default();
    assert!(tea.contains("! ") && tea.contains("nook doctor"), "{stdout}");
    assert!(stdout.lines().any(|l| l.starts_with("reading ")), "{stdout}");
    let err = h.fails(1, ["export", "groceries"]);
    assert!(err.contains("stored item could not be read"), "{err}");
    h.fails(1, ["timer", "tea", "status"]);
    // The recounted summary serves every command.
    h.ok(["log", "water"]);
    // Apps with sound records still work.
    h.ok(["add", "groceries", "eggs"]);
    h.ok(["export", "reading"]);
}

/// The last operation id is a record too: a damaged one must stop writes,
/// not restart the log at 1 over the operations already in it.
#[test]
fn a_damaged_operation_counter_stops_writes_instead_of_overwriting_the_log() {
    use nook::store::tables::META;
    let (_dir, path) = temp_db();
    let g = groceries();
    {
        let store = Store::open(&path).unwrap();
        add(&store, &g, "milk");
        add(&store, &g, "bread");
    }
    plant(&path, |txn| {
        txn.open_table(META)
            .unwrap()
            .insert("seq", b"xyz".as_slice())
            .unwrap();
    });
    let store = Store::open(&path).unwrap();
    let err = store.write(&g, now(), |tx| tx.add_item("eggs".into(), BTreeMap::new()));
    assert!(matches!(err, Err(StoreError::Decode { .. })), "{err:?}");
    assert!(store.last_op().is_err());
    let ops = store.read(|r| r.recent_ops(10)).unwrap();
    let texts: Vec<String> = ops
        .iter()
        .map(|o| match &o.op {
            Op::PutItem { item } => item.text.clone(),
            _ => String::new(),
        })
        .collect();
    assert_eq!(texts, ["bread", "milk"], "the log is as it was");
    assert_eq!(items(&store, "groceries").len(), 2);
}

#[test]
fn a_damaged_database_file_is_a_clear_error() {
    let (_dir, path) = temp_db();
    // Random bytes.
    let mut seed: u32 = 12345;
    let noise: Vec<u8> = (0..64 * 1024)
        .map(|_| {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
            (seed >> 16) as u8
        })
        .collect();
    std::fs::write(&path, &noise).unwrap();
    let err = Store::open(&path).err().expect("random bytes are not a database");
    assert!(matches!(err, StoreError::Damaged { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(
        msg.contains(&path.display().to_string()) && msg.contains("damaged"),
        "{msg}"
    );
    // Text.
    std::fs::write(&path, "hello, I am not a database\n".repeat(100)).unwrap();
    let err = Store::open(&path).err().expect("text is not a database");
    assert!(matches!(err, StoreError::Damaged { .. }), "{err:?}");
}

#[test]
fn a_truncated_database_file_is_a_clear_error() {
    let (_dir, path) = temp_db();
    {
        let store = Store::open(&path).unwrap();
        let g = groceries();
        for i in 0..300 {
            add(
                &store,
                &g,
                &format!("item number {i} with some text to fill pages"),
            );
        }
    }
    let full = std::fs::read(&path).unwrap();
    for keep in [full.len() / 2, full.len() / 8, 600, 100, 10] {
        std::fs::write(&path, &full[..keep]).unwrap();
        // Opening may notice at once; if it does not, reading must.
        match Store::open(&path) {
            Err(err) => {
                assert!(matches!(err, StoreError::Damaged { .. }), "{keep} bytes: {err:?}");
                assert!(err.to_string().contains("damaged"), "{err}");
            }
            Ok(store) => {
                let got = store.read(|r| r.items("groceries", ItemId(0), usize::MAX));
                if let Ok(items) = got {
                    panic!(
                        "{keep} bytes of {}: read {} items from a truncated file",
                        full.len(),
                        items.len()
                    );
                }
            }
        }
    }
}

/// Pages overwritten in the middle of the file: whatever redb notices must
/// come back as an error; nothing may panic.
#[test]
fn scribbled_pages_never_panic() {
    let (_dir, path) = temp_db();
    {
        let store = Store::open(&path).unwrap();
        let g = groceries();
        for i in 0..200 {
            add(
                &store,
                &g,
                &format!("item number {i} with some text to fill pages"),
            );
        }
    }
    let full = std::fs::read(&path).unwrap();
    let mut seed: u32 = 99;
    let mut errors = 0;
    for start in (4096..full.len()).step_by(4096) {
        let mut bytes = full.clone();
        for b in &mut bytes[start..(start + 4096).min(full.len())] {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
            *b = (seed >> 16) as u8;
        }
        std::fs::write(&path, &bytes).unwrap();
        let opened = std::panic::catch_unwind(|| Store::open(&path));
        let outcome = match opened {
            Err(_) => "PANIC in open".to_string(),
            Ok(Err(e)) => format!("open: {e}"),
            Ok(Ok(store)) => match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                store.read(|r| r.items("groceries", ItemId(0), usize::MAX))
            })) {
                Err(_) => "PANIC in read".to_string(),
                Ok(Err(e)) => format!("read: {e}"),
                Ok(Ok(items)) => format!("read {} items", items.len()),
            },
        };
        assert!(!outcome.starts_with("PANIC"), "page at {start}: {outcome}");
        if outcome.starts_with("open:") || outcome.starts_with("read:") {
            errors += 1;
            assert!(
                outcome.contains("nook.redb") && outcome.contains("damaged"),
                "{outcome}"
            );
        }
    }
    assert!(errors > 0, "some of the damage was noticed");
}

#[test]
fn a_damaged_database_is_reported_by_the_command_line() {
    let h = Home::installed();
    std::fs::write(h.db(), vec![0xa5u8; 8192]).unwrap();
    for args in [
        &["ls"][..],
        &["add", "groceries", "milk"],
        &["export", "groceries"],
    ] {
        let err = h.fails(1, args);
        assert!(
            err.contains("nook.redb") && err.contains("damaged"),
            "{args:?}: {err}"
        );
        assert!(!err.contains("panicked"), "{err}");
    }
    // The file was left as it was, for the user to look at.
    assert_eq!(std::fs::read(h.db()).unwrap(), vec![0xa5u8; 8192]);
}

#[test]
fn an_empty_file_is_a_new_database() {
    let (_dir, path) = temp_db();
    std::fs::write(&path, b"").unwrap();
    let store = Store::open(&path).unwrap();
    add(&store, &groceries(), "milk");
    assert_eq!(items(&store, "groceries").len(), 1);
}

#[test]
fn a_folder_in_the_way_is_an_error() {
    let (_dir, path) = temp_db();
    std::fs::create_dir_all(&path).unwrap();
    let err = Store::open(&path).err().expect("a folder is not a database");
    assert!(err.to_string().contains("nook.redb"), "{err}");
}

// ---------------------------------------------------------------- several processes

#[test]
fn a_held_database_does_not_stop_nook_add_and_the_holder_sees_it() {
    let h = Home::installed();
    let g = groceries();
    // Like a running TUI: the database open in this process, with data.
    let store = Store::open(&h.db()).unwrap();
    add(&store, &g, "oat milk");
    assert_eq!(store.last_op().unwrap(), 1);

    let out = std_nook(h.path())
        .args(["add", "groceries", "milk"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let printed = common::added_id(&String::from_utf8_lossy(&out.stdout)).expect("an id");

    // The holder's next read sees it, and its summary.
    let got = items(&store, "groceries");
    assert_eq!(
        got.iter().map(|i| i.text.as_str()).collect::<Vec<_>>(),
        ["oat milk", "milk"]
    );
    assert!(
        got[1].id.hex().starts_with(&printed),
        "{printed} names {}",
        got[1].id
    );
    assert_eq!(store.read(|r| r.summary("groceries")).unwrap().items, 2);
    assert_eq!(store.last_op().unwrap(), 2);
    // The holder writes next without reusing the id or the op id.
    assert!(add(&store, &g, "bread").id > got[1].id);
    let ops = store.read(|r| r.recent_ops(10)).unwrap();
    assert_eq!(ops.iter().map(|o| o.id).collect::<Vec<_>>(), [3, 2, 1]);
    // Other commands work beside it too.
    let out = std_nook(h.path()).args(["log", "water", "2"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = std_nook(h.path()).args(["ls"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("0/3 done"));
    let today = Now::system().unwrap().today_number();
    assert_eq!(
        store
            .read(|r| r.entry("water", "", today))
            .unwrap()
            .unwrap()
            .value,
        2.0
    );
}

/// When the database file last changed, to the nanosecond: any write
/// (a commit, or the "in use" flag a writable open sets) moves it.
fn changed_at(path: &Path) -> (u64, std::time::SystemTime) {
    let m = std::fs::metadata(path).unwrap();
    (m.len(), m.modified().unwrap())
}

#[test]
fn a_lazy_store_reads_without_writing_and_writes_when_asked() {
    let h = Home::installed();
    let g = groceries();
    {
        let store = Store::open(&h.db()).unwrap();
        add(&store, &g, "oat milk");
    }
    let before = changed_at(&h.db());
    // Like the TUI: opened to read, nothing written while it only looks.
    let lazy = Store::open_lazy(&h.db()).unwrap();
    assert_eq!(items(&lazy, "groceries").len(), 1);
    assert_eq!(changed_at(&h.db()), before, "reading wrote nothing");
    lazy.set_meta("layout", b"groceries")
        .unwrap_or_else(|e| panic!("{e}"));
    let after_meta = changed_at(&h.db());
    assert_ne!(after_meta, before, "the first write opened it to write and wrote");
    // Another process writes beside it: seen, and the lazy store's own
    // write comes after it.
    let out = std_nook(h.path())
        .args(["add", "groceries", "milk"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(items(&lazy, "groceries").len(), 2);
    let bread = add(&lazy, &g, "bread");
    assert_eq!(items(&lazy, "groceries").last().unwrap().id, bread.id);
    assert_eq!(lazy.last_op().unwrap(), 3);
    assert_eq!(lazy.get_meta("layout").unwrap().as_deref(), Some("groceries"));
    drop(lazy);
    let store = Store::open_read(&h.db()).unwrap();
    assert_eq!(items(&store, "groceries").len(), 3);
}

#[test]
fn a_lazy_store_written_from_several_threads_at_once_keeps_every_write() {
    let (_dir, path) = temp_db();
    drop(Store::open(&path).unwrap());
    let lazy = std::sync::Arc::new(Store::open_lazy(&path).unwrap());
    let g = groceries();
    let threads: Vec<_> = (0..4)
        .map(|i| {
            let (lazy, g) = (lazy.clone(), g.clone());
            std::thread::spawn(move || add(&lazy, &g, &format!("item {i}")).id)
        })
        .collect();
    let mut ids: Vec<ItemId> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 4);
    assert_eq!(items(&lazy, "groceries").len(), 4);
}

#[test]
fn a_lazy_store_makes_a_database_that_is_not_there() {
    let (_dir, path) = temp_db();
    let lazy = Store::open_lazy(&path).unwrap();
    add(&lazy, &groceries(), "milk");
    drop(lazy);
    assert_eq!(items(&Store::open_read(&path).unwrap(), "groceries").len(), 1);
}

#[test]
fn a_store_opened_to_read_still_writes_nothing() {
    let (_dir, path) = temp_db();
    drop(Store::open(&path).unwrap());
    let before = changed_at(&path);
    let store = Store::open_read(&path).unwrap();
    let err = store.set_meta("layout", b"x").unwrap_err();
    assert!(err.to_string().contains("opened only to read"), "{err}");
    drop(store);
    assert_eq!(changed_at(&path), before);
}

#[test]
fn a_setting_saved_again_unchanged_writes_nothing() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    store.set_meta("layout", b"water\ngroceries").unwrap();
    drop(store);
    let before = changed_at(&path);
    let lazy = Store::open_lazy(&path).unwrap();
    lazy.set_meta("layout", b"water\ngroceries").unwrap();
    drop(lazy);
    assert_eq!(changed_at(&path), before, "no open to write, no commit");
    let lazy = Store::open_lazy(&path).unwrap();
    lazy.set_meta("layout", b"water").unwrap();
    assert_eq!(lazy.get_meta("layout").unwrap().as_deref(), Some("water"));
}

#[test]
fn an_open_snapshot_does_not_stop_a_writer() {
    let h = Home::installed();
    let store = Store::open(&h.db()).unwrap();
    add(&store, &groceries(), "oat milk");
    store
        .read(|r| {
            let out = std_nook(h.path())
                .args(["add", "groceries", "milk"])
                .output()
                .unwrap();
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
            // The snapshot stays as it was.
            assert_eq!(r.items("groceries", ItemId(0), usize::MAX)?.len(), 1);
            Ok(())
        })
        .unwrap();
    assert_eq!(items(&store, "groceries").len(), 2);
}

fn parallel_adds(home: &Path, n: usize) {
    let children: Vec<_> = (0..n)
        .map(|i| {
            std_nook(home)
                .args(["add", "groceries", &format!("item {i}")])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for (i, c) in children.into_iter().enumerate() {
        let out = c.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "process {i} exited {:?}: {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

fn assert_all_added(store: &Store, n: usize) {
    let got = items(store, "groceries");
    assert_eq!(got.len(), n);
    let mut texts: Vec<&str> = got.iter().map(|i| i.text.as_str()).collect();
    texts.sort();
    let mut want: Vec<String> = (0..n).map(|i| format!("item {i}")).collect();
    want.sort();
    assert_eq!(texts, want);
    let ids: std::collections::BTreeSet<ItemId> = got.iter().map(|i| i.id).collect();
    assert_eq!(ids.len(), n, "distinct ids");
    let sum = store.read(|r| r.summary("groceries")).unwrap();
    assert_eq!((sum.items, sum.last_id), (n as u64, ids.last().copied()));
    let ops = store.read(|r| r.recent_ops(usize::MAX)).unwrap();
    let mut op_ids: Vec<u64> = ops.iter().map(|o| o.id).collect();
    op_ids.sort();
    assert_eq!(op_ids, (1..=n as u64).collect::<Vec<_>>(), "one logged op each");
}

#[test]
fn eight_parallel_adds_beside_a_held_database_all_succeed() {
    let h = Home::installed();
    let store = Store::open(&h.db()).unwrap();
    parallel_adds(h.path(), 8);
    assert_all_added(&store, 8);
}

#[test]
fn eight_parallel_adds_creating_the_database_all_succeed() {
    let h = Home::installed();
    assert!(!h.db().exists());
    parallel_adds(h.path(), 8);
    let store = Store::open(&h.db()).unwrap();
    assert_all_added(&store, 8);
}

/// First runs racing to install the bundled apps: none may see a half-filled
/// apps folder. A few rounds, since the window is small.
#[test]
fn parallel_first_runs_all_succeed() {
    for _ in 0..4 {
        let h = Home::empty();
        parallel_adds(h.path(), 12);
        let store = Store::open(&h.db()).unwrap();
        assert_all_added(&store, 12);
        drop(store);
        let mut files: Vec<String> = std::fs::read_dir(h.apps())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        files.sort();
        let bundled: Vec<&str> = nook::bundled::APPS.iter().map(|(n, _)| *n).collect();
        assert_eq!(files, bundled);
        for (name, text) in nook::bundled::APPS {
            assert_eq!(&std::fs::read_to_string(h.apps().join(name)).unwrap(), text);
        }
        // Nothing is left beside them.
        let mut top: Vec<String> = std::fs::read_dir(h.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n != ".fake-user-home")
            .collect();
        top.sort();
        // nook.redb.lock: the hold every open nook keeps (store/hold.rs).
        assert_eq!(
            top,
            ["apps", "config.ron", "nook.redb", "nook.redb.lock", "themes"]
        );
    }
}

#[test]
fn a_writer_waits_its_turn_behind_a_long_write() {
    let h = Home::installed();
    let store = Store::open(&h.db()).unwrap();
    let g = groceries();
    let child = store
        .write(&g, now(), |tx| {
            tx.add_item("first".into(), BTreeMap::new())?;
            // Another process asks to write while this transaction is open.
            let child = std_nook(h.path())
                .args(["add", "groceries", "second"])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap();
            std::thread::sleep(std::time::Duration::from_millis(700));
            Ok(child)
        })
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let got = items(&store, "groceries");
    assert_eq!(
        got.iter().map(|i| i.text.as_str()).collect::<Vec<_>>(),
        ["first", "second"],
        "in the order they were added"
    );
    assert!(got[0].id < got[1].id);
}

/// The launcher asks what each id holds, from a summary decoded only in
/// part: it names the same kind and counts as the whole summary does, and
/// a spec of another kind is refused the same way.
#[test]
fn what_an_id_holds_reads_the_same_from_part_of_its_summary() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("nook.redb")).unwrap();
    for n in 0..3 {
        add(&store, &groceries(), &format!("milk {n}"));
    }
    store
        .write(&water(), now(), |tx| tx.set_entry("", 20_000, 3.0))
        .unwrap();
    store
        .write(&stopwatch(), now(), |tx| tx.timer(Action::Start))
        .unwrap();
    store
        .write(&stopwatch(), later(60), |tx| tx.timer(Action::Stop))
        .unwrap();
    store
        .read(|r| {
            for app in ["groceries", "water", "stopwatch"] {
                let whole = r.summary(app)?;
                let timer_set =
                    whole.items == 0 && whole.series.is_empty() && r.timer(app)? != Default::default();
                let from_whole = nook::store::kinds::held(&whole, timer_set);
                assert!(from_whole.is_some(), "{app} holds data");
                assert_eq!(r.held(app)?, from_whole, "{app}");
            }
            let as_tracker = spec("groceries.ron", r#"Tracker(name: "Groceries")"#);
            let refused = r
                .kind_conflict(&as_tracker)?
                .expect("a list's data is not a tracker's");
            assert!(refused.contains("3 items"), "{refused}");
            Ok(())
        })
        .unwrap();
}

#[test]
fn a_schema_2_database_reads_as_it_did_and_is_marked_schema_3_by_a_writer() {
    use nook::store::tables::{META, SUMMARIES};
    use redb::ReadableTable;
    let (_dir, path) = temp_db();
    let bills = spec(
        "bills.ron",
        r#"List(name: "Bills", fields: {"amount": Number, "on": Date(due: true)},
           summary: [Sum(of: "amount", per: Month), Count])"#,
    );
    let line = |store: &Store, when: Now| {
        store
            .read(|r| nook::overview::overview(r, &bills, when))
            .unwrap()
            .line
    };
    let before = {
        let store = Store::open(&path).unwrap();
        store
            .write(&bills, now(), |tx| {
                // Every third day from mid-September to a week after now.
                for d in 0..22 {
                    let on = NaiveDate::from_ymd_opt(2026, 9, 15).unwrap() + chrono::Duration::days(d * 3);
                    let v = BTreeMap::from([
                        ("amount".to_string(), FieldValue::Number(10.0 + d as f64)),
                        ("on".to_string(), FieldValue::Text(on.to_string())),
                    ]);
                    tx.add_item(String::new(), v)?;
                }
                Ok(())
            })
            .unwrap();
        let l = line(&store, now());
        assert!(l.contains("overdue") && l.contains("this month"), "{l}");
        l
    };
    // As a nook of schema 2 left it: the summary one JSON record (format 1).
    plant(&path, |txn| {
        let bytes = {
            let t = txn.open_table(SUMMARIES).unwrap();
            t.get("bills").unwrap().unwrap().value().to_vec()
        };
        assert_eq!(bytes[0], 2, "a summary is stored with its head in front");
        let whole = nook::store::summary_record::whole(&bytes).unwrap();
        txn.open_table(SUMMARIES)
            .unwrap()
            .insert("bills", nook::store::codec::encode(&whole).as_slice())
            .unwrap();
        txn.open_table(META)
            .unwrap()
            .insert("schema", 2u64.to_le_bytes().as_slice())
            .unwrap();
    });
    // A read-only command reads it as it is, and changes nothing (a file
    // it may not write stays readable).
    let read = std::fs::read(&path).unwrap();
    {
        let store = Store::open_read(&path).unwrap();
        assert_eq!(store.read(|r| r.meta_u64("schema")).unwrap(), Some(2));
        assert_eq!(line(&store, now()), before);
    }
    assert!(
        std::fs::read(&path).unwrap() == read,
        "a read-only open wrote to the file"
    );
    // The TUI's open (to read until its first write) and every writer's
    // mark it: their writes are of schema 3's format.
    drop(Store::open_lazy(&path).unwrap());
    let marked = Store::open_read(&path)
        .unwrap()
        .read(|r| r.meta_u64("schema"))
        .unwrap();
    assert_eq!(marked, Some(3));
    let store = Store::open(&path).unwrap();
    assert_eq!(line(&store, now()), before);
    // A week after a write, its head reads as the whole summary does.
    store
        .write(&bills, now(), |tx| tx.add_item(String::new(), BTreeMap::new()))
        .map(|_| ())
        .unwrap();
    let week = at(2026, 11, 27, 12 * 3600);
    let from_whole = store
        .read(|r| nook::overview::overview(&Whole(r), &bills, week))
        .unwrap()
        .line;
    assert_eq!(line(&store, week), from_whole);
    assert!(from_whole.contains("23 items"), "{from_whole}");
}

/// The store's reader with the line read from the whole summary.
struct Whole<'a>(&'a nook::store::Reader);

impl nook::overview::Source for Whole<'_> {
    type Error = StoreError;
    fn summary(&self, app: &str) -> Result<nook::store::AppSummary, StoreError> {
        self.0.summary(app)
    }
    fn meta_str(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.0.meta_str(key)
    }
    fn timer(&self, app: &str) -> Result<nook::model::timer::TimerState, StoreError> {
        self.0.timer(app)
    }
    fn items(&self, app: &str, from: ItemId, limit: usize) -> Result<Vec<Item>, StoreError> {
        self.0.items(app, from, limit)
    }
    fn entries(
        &self,
        app: &str,
        series: &str,
        from: i32,
        to: i32,
    ) -> Result<Vec<(i32, nook::model::days::Entry)>, StoreError> {
        self.0.entries(app, series, from, to)
    }
}
