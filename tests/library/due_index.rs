//! The date index the write path keeps (crates/store/src/due_index.rs):
//! after any run of adds, edits, ticks, deletes, undos and imports it holds
//! exactly the open items with a due date, on their days, and the agenda
//! read from it equals one read from every item.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Days, NaiveDate};
use nook::model::days::day_number;
use nook::model::due::due_date;
use nook::model::item_id::ItemId;
use nook::model::{FieldValue, Item, Now};
use nook::spec::{Kind, Spec};
use nook::store::Store;
use nook::usecase::history::Scope;
use nook::usecase::list::Edit;
use proptest::prelude::*;

use crate::common::cases;

const CHORES: &str = r#"List(
    name: "Chores",
    fields: {
        "task": Text(required: true),
        "when": Date(due: true),
        "also": Date,
    },
    repeat: Weekly,
)
"#;

const BILLS: &str = r#"List(
    name: "Bills",
    fields: {
        "bill": Text(required: true),
        "due":  Date(due: true),
    },
)
"#;

fn spec(file: &str, text: &str) -> Spec {
    nook::spec::parse_str(file, text).unwrap_or_else(|e| panic!("{e}"))
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
}

fn now() -> Now {
    Now::fixed(today().and_hms_opt(9, 0, 0).unwrap())
}

fn date(offset: i64) -> FieldValue {
    let d = if offset >= 0 {
        today().checked_add_days(Days::new(offset as u64))
    } else {
        today().checked_sub_days(Days::new(offset.unsigned_abs()))
    };
    FieldValue::Text(d.unwrap().to_string())
}

fn items(store: &Store, app: &str) -> Vec<Item> {
    store.read(|r| r.items(app, ItemId(0), usize::MAX)).unwrap()
}

/// (due day, app, item): a row of the date index.
type Rows = BTreeSet<(i32, String, ItemId)>;

/// The index's rows, and the rows a fresh scan of every item gives.
fn index_and_scan(store: &Store, specs: &[&Spec]) -> (Rows, Rows) {
    let index: BTreeSet<_> = store
        .read(|r| r.due_between(i32::MIN, i32::MAX))
        .unwrap()
        .into_iter()
        .collect();
    let mut scan = BTreeSet::new();
    for s in specs {
        let Kind::List(list) = &s.kind else { unreachable!() };
        if list.due.is_none() {
            continue;
        }
        for item in items(store, &s.id) {
            if let (false, Some(day)) = (item.done, due_date(list, &item)) {
                scan.insert((day_number(day), s.id.clone(), item.id));
            }
        }
    }
    (index, scan)
}

fn assert_index_fresh(store: &Store, specs: &[&Spec]) {
    let (index, scan) = index_and_scan(store, specs);
    assert_eq!(index, scan, "the date index equals a fresh scan");
}

#[derive(Clone, Debug)]
enum Step {
    Add {
        app: usize,
        due: Option<i64>,
    },
    Edit {
        app: usize,
        pick: usize,
        due: Option<i64>,
    },
    EditOther {
        app: usize,
        pick: usize,
    },
    Tick {
        app: usize,
        pick: usize,
        done: bool,
    },
    Delete {
        app: usize,
        pick: usize,
    },
    Undo {
        app: usize,
    },
    Redo {
        app: usize,
    },
}

fn step() -> impl Strategy<Value = Step> {
    let app = 0..2usize;
    let due = proptest::option::of(-10i64..12);
    prop_oneof![
        3 => (app.clone(), due.clone()).prop_map(|(app, due)| Step::Add { app, due }),
        2 => (app.clone(), any::<usize>(), due).prop_map(|(app, pick, due)| Step::Edit { app, pick, due }),
        1 => (app.clone(), any::<usize>()).prop_map(|(app, pick)| Step::EditOther { app, pick }),
        2 => (app.clone(), any::<usize>(), any::<bool>()).prop_map(|(app, pick, done)| Step::Tick { app, pick, done }),
        1 => (app.clone(), any::<usize>()).prop_map(|(app, pick)| Step::Delete { app, pick }),
        1 => app.clone().prop_map(|app| Step::Undo { app }),
        1 => app.prop_map(|app| Step::Redo { app }),
    ]
}

fn run(store: &Store, specs: &[&Spec], steps: &[Step]) {
    let passed = BTreeSet::new();
    for st in steps {
        let pick = |app: usize, pick: usize| {
            let all = items(store, &specs[app].id);
            (!all.is_empty()).then(|| all[pick % all.len()].id)
        };
        let field = |app: usize| if app == 0 { "when" } else { "due" };
        match st.clone() {
            Step::Add { app, due } => {
                let mut v = BTreeMap::new();
                let title = if app == 0 { "task" } else { "bill" };
                v.insert(title.to_string(), FieldValue::Text("x".into()));
                if let Some(d) = due {
                    v.insert(field(app).to_string(), date(d));
                }
                nook::usecase::list::add(store, specs[app], now(), String::new(), v).unwrap();
            }
            Step::Edit { app, pick: p, due } => {
                let Some(id) = pick(app, p) else { continue };
                let mut e = Edit::default();
                e.values.insert(field(app).to_string(), due.map(date));
                nook::usecase::list::edit(store, specs[app], now(), id, &e).unwrap();
            }
            Step::EditOther { app, pick: p } => {
                let Some(id) = pick(app, p) else { continue };
                let mut e = Edit::default();
                e.values.insert(
                    if app == 0 { "task" } else { "bill" }.to_string(),
                    Some(FieldValue::Text("y".into())),
                );
                nook::usecase::list::edit(store, specs[app], now(), id, &e).unwrap();
            }
            Step::Tick { app, pick: p, done } => {
                let Some(id) = pick(app, p) else { continue };
                nook::usecase::list::set_done(store, specs[app], now(), id, done).unwrap();
            }
            Step::Delete { app, pick: p } => {
                let Some(id) = pick(app, p) else { continue };
                nook::usecase::list::delete(store, specs[app], now(), id).unwrap();
            }
            Step::Undo { app } => {
                let _ =
                    nook::usecase::history::undo(store, specs[app], now(), Scope::All { passed: &passed });
            }
            Step::Redo { app } => {
                let _ =
                    nook::usecase::history::redo(store, specs[app], now(), Scope::All { passed: &passed });
            }
        }
        assert_index_fresh(store, specs);
    }
}

/// What `nook due` says, read from every item instead of the index.
fn agenda_by_scan(store: &Store, specs: &[&Spec], within: i64) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for s in specs {
        let Kind::List(list) = &s.kind else { unreachable!() };
        for item in items(store, &s.id) {
            if let (false, Some(day)) = (item.done, due_date(list, &item))
                && (day - today()).num_days() <= within
            {
                out.push((s.id.clone(), item.id.to_string(), day.to_string()));
            }
        }
    }
    out.sort();
    out
}

fn agenda_by_index(store: &Store, specs: &[Spec], within: u32) -> Vec<(String, String, String)> {
    let mut out: Vec<_> = nook::usecase::due::agenda(store, specs, now(), within)
        .unwrap()
        .into_iter()
        .map(|d| (d.app, d.id, d.day.to_string()))
        .collect();
    out.sort();
    out
}

proptest! {
    #![proptest_config(cases(24))]
    #[test]
    fn the_date_index_equals_a_fresh_scan_after_any_changes(steps in proptest::collection::vec(step(), 1..30)) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("nook.redb")).unwrap();
        let (a, b) = (spec("chores.ron", CHORES), spec("bills.ron", BILLS));
        run(&store, &[&a, &b], &steps);
        let specs = vec![a.clone(), b.clone()];
        prop_assert_eq!(agenda_by_index(&store, &specs, 7), agenda_by_scan(&store, &[&a, &b], 7));
    }
}

fn seeded() -> (tempfile::TempDir, Store, Spec, Spec) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("nook.redb")).unwrap();
    let (a, b) = (spec("chores.ron", CHORES), spec("bills.ron", BILLS));
    let steps: Vec<Step> = (0..6)
        .map(|n| Step::Add {
            app: n % 2,
            due: Some(n as i64 - 2),
        })
        .collect();
    run(&store, &[&a, &b], &steps);
    (dir, store, a, b)
}

#[test]
fn a_changed_due_field_is_indexed_again_by_the_next_write_or_the_launcher() {
    let (_dir, store, a, b) = seeded();
    // "also" becomes the due field: nothing has that date yet.
    let moved = spec(
        "chores.ron",
        &CHORES
            .replace("Date(due: true)", "Date")
            .replace("\"also\": Date,", "\"also\": Date(due: true),"),
    );
    // Before anything is written the agenda reads the list whole, so it
    // is right already.
    assert!(
        agenda_by_index(&store, &[moved.clone(), b.clone()], 7)
            .iter()
            .all(|r| r.0 == "bills")
    );
    nook::usecase::figures::restore_stale(&store, &[&moved, &b], now()).unwrap();
    assert_index_fresh(&store, &[&moved, &b]);
    assert!(
        store
            .read(|r| r.due_between(i32::MIN, i32::MAX))
            .unwrap()
            .iter()
            .all(|r| r.1 == "bills"),
        "the old field's rows are gone"
    );
    // And back again, through an ordinary write.
    run(&store, &[&a, &b], &[Step::EditOther { app: 0, pick: 0 }]);
    assert_eq!(
        store.read(|r| r.due_between(i32::MIN, i32::MAX)).unwrap().len(),
        6
    );
    // A spec without a due field takes its rows out.
    let plain = spec(
        "chores.ron",
        &CHORES
            .replace("Date(due: true)", "Date")
            .replace("repeat: Weekly,", ""),
    );
    run(&store, &[&plain, &b], &[Step::EditOther { app: 0, pick: 1 }]);
    assert_index_fresh(&store, &[&plain, &b]);
}

#[test]
fn a_purge_and_an_import_keep_the_index() {
    let (dir, store, a, b) = seeded();
    store.purge("chores").unwrap();
    assert_index_fresh(&store, &[&a, &b]);
    assert_eq!(
        store.read(|r| r.due_between(i32::MIN, i32::MAX)).unwrap().len(),
        3
    );
    // Another machine's adds and deletes arrive through sync.
    let other = Store::open(&dir.path().join("other.redb")).unwrap();
    run(
        &other,
        &[&a, &b],
        &[
            Step::Add { app: 0, due: Some(1) },
            Step::Add { app: 1, due: Some(3) },
            Step::Add { app: 1, due: None },
            Step::Delete { app: 1, pick: 0 },
        ],
    );
    let ops = other.unsent(usize::MAX).unwrap();
    store.import(&[&a, &b], ops, &[], now()).unwrap();
    assert_eq!(items(&store, "chores").len(), 1);
    assert_index_fresh(&store, &[&a, &b]);
}
