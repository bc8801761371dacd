//! The view index the write path keeps (crates/store/src/view_index.rs):
//! after any run of adds, edits, ticks, deletes, undos and redos, each
//! order a list's views open in reads back as every item that order holds,
//! in the order placing them afresh gives; a spec that changes an order
//! makes the index stale until it is placed again.

use std::collections::{BTreeMap, BTreeSet};

use nook::model::item_id::ItemId;
use nook::model::migrate::present;
use nook::model::view_index::kept;
use nook::model::{FieldValue, Item, Now};
use nook::spec::{Kind, ListSpec, Spec};
use nook::store::Store;
use nook::usecase::history::Scope;
use nook::usecase::list::Edit;
use proptest::prelude::*;

use crate::common::cases;

const SHELF: &str = r#"List(
    name: "Shelf",
    fields: {
        "title":  Text(required: true),
        "status": Choice(options: ["to read", "reading", "read"]),
        "pages":  Number,
    },
    view: Table(group: "status"),
    sort: ["-pages", "title"],
    views: [
        (name: "Long", filter: "pages > 300", sort: ["title"]),
        (name: "All by age", view: Checklist),
    ],
)
"#;

fn spec(text: &str) -> Spec {
    nook::spec::parse_str("shelf.ron", text).unwrap_or_else(|e| panic!("{e}"))
}

fn list(spec: &Spec) -> &ListSpec {
    match &spec.kind {
        Kind::List(l) => l,
        _ => unreachable!(),
    }
}

fn now() -> Now {
    Now::fixed(
        chrono::NaiveDate::from_ymd_opt(2026, 12, 3)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap(),
    )
}

fn items(store: &Store) -> Vec<Item> {
    store.read(|r| r.items("shelf", ItemId(0), usize::MAX)).unwrap()
}

/// Each kept order as the index gives it, and as placing every item afresh gives it.
fn index_and_scan(store: &Store, spec: &Spec) -> Vec<(Option<Vec<ItemId>>, Vec<ItemId>)> {
    let list = list(spec);
    let today = now().today_number();
    let (set, orders) = kept(list, today);
    let all: Vec<Item> = items(store).into_iter().map(|i| present(list, i)).collect();
    orders
        .iter()
        .map(|(fp, order)| {
            let window = store
                .read(|r| r.view_window("shelf", set, *fp, usize::MAX))
                .unwrap()
                .map(|w| {
                    assert_eq!(w.count as usize, w.items.len(), "the count is the order's items");
                    w.items.iter().map(|i| i.id).collect()
                });
            let mut placed: Vec<(Vec<u8>, ItemId)> = all
                .iter()
                .filter_map(|i| Some((order.key(list, i, today)?, i.id)))
                .collect();
            placed.sort();
            (window, placed.into_iter().map(|(_, id)| id).collect())
        })
        .collect()
}

fn assert_fresh(store: &Store, spec: &Spec) {
    for (window, scan) in index_and_scan(store, spec) {
        // An app never written keeps nothing (and opens as it always did).
        if window.is_none() && items(store).is_empty() {
            continue;
        }
        assert_eq!(
            window,
            Some(scan),
            "the view index equals placing every item afresh"
        );
    }
}

#[derive(Clone, Debug)]
enum Step {
    Add { pages: Option<u16>, status: usize },
    Edit { pick: usize, pages: Option<u16> },
    Tick { pick: usize, done: bool },
    Delete { pick: usize },
    Undo,
    Redo,
}

fn step() -> impl Strategy<Value = Step> {
    let pages = proptest::option::of(0..600u16);
    prop_oneof![
        3 => (pages.clone(), 0..4usize).prop_map(|(pages, status)| Step::Add { pages, status }),
        2 => (any::<usize>(), pages).prop_map(|(pick, pages)| Step::Edit { pick, pages }),
        1 => (any::<usize>(), any::<bool>()).prop_map(|(pick, done)| Step::Tick { pick, done }),
        1 => any::<usize>().prop_map(|pick| Step::Delete { pick }),
        1 => Just(Step::Undo),
        1 => Just(Step::Redo),
    ]
}

fn run(store: &Store, spec: &Spec, steps: &[Step]) {
    let passed = BTreeSet::new();
    let statuses = ["to read", "reading", "read", ""];
    for (n, st) in steps.iter().enumerate() {
        let pick = |p: usize| {
            let all = items(store);
            (!all.is_empty()).then(|| all[p % all.len()].id)
        };
        match st.clone() {
            Step::Add { pages, status } => {
                let mut v = BTreeMap::new();
                v.insert("title".to_string(), FieldValue::Text(format!("book {}", n % 5)));
                if let Some(p) = pages {
                    v.insert("pages".to_string(), FieldValue::Number(f64::from(p)));
                }
                if !statuses[status].is_empty() {
                    v.insert("status".to_string(), FieldValue::Text(statuses[status].into()));
                }
                nook::usecase::list::add(store, spec, now(), String::new(), v).unwrap();
            }
            Step::Edit { pick: p, pages } => {
                let Some(id) = pick(p) else { continue };
                let mut e = Edit::default();
                e.values.insert(
                    "pages".to_string(),
                    pages.map(|p| FieldValue::Number(f64::from(p))),
                );
                nook::usecase::list::edit(store, spec, now(), id, &e).unwrap();
            }
            Step::Tick { pick: p, done } => {
                let Some(id) = pick(p) else { continue };
                nook::usecase::list::set_done(store, spec, now(), id, done).unwrap();
            }
            Step::Delete { pick: p } => {
                let Some(id) = pick(p) else { continue };
                nook::usecase::list::delete(store, spec, now(), id).unwrap();
            }
            Step::Undo => {
                let _ = nook::usecase::history::undo(store, spec, now(), Scope::All { passed: &passed });
            }
            Step::Redo => {
                let _ = nook::usecase::history::redo(store, spec, now(), Scope::All { passed: &passed });
            }
        }
        assert_fresh(store, spec);
    }
}

proptest! {
    #![proptest_config(cases(24))]

    #[test]
    fn the_view_index_follows_every_write(steps in prop::collection::vec(step(), 1..30)) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("nook.redb")).unwrap();
        run(&store, &spec(SHELF), &steps);
    }
}

#[test]
fn a_changed_order_is_stale_until_placed_again_and_a_purge_takes_it_out() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("nook.redb")).unwrap();
    let before = spec(SHELF);
    for (title, pages) in [("b", 100.0), ("a", 400.0), ("c", 250.0)] {
        let v = BTreeMap::from([
            ("title".to_string(), FieldValue::Text(title.into())),
            ("pages".to_string(), FieldValue::Number(pages)),
        ]);
        nook::usecase::list::add(&store, &before, now(), String::new(), v).unwrap();
    }
    assert_fresh(&store, &before);

    // The spec now sorts by title first: the stored places are for the old order.
    let after = spec(&SHELF.replace(r#"sort: ["-pages", "title"]"#, r#"sort: ["title"]"#));
    assert!(
        index_and_scan(&store, &after).iter().all(|(w, _)| w.is_none()),
        "a read of a stale index gets nothing, and the caller sorts"
    );
    let placed = nook::usecase::figures::restore_orders(&store, &[&after], now()).unwrap();
    assert_eq!(placed, ["shelf"]);
    assert_fresh(&store, &after);
    let (set, orders) = kept(list(&after), now().today_number());
    let titles: Vec<String> = store
        .read(|r| r.view_window("shelf", set, orders[0].0, 10))
        .unwrap()
        .unwrap()
        .items
        .iter()
        .map(|i| i.title(&["title"]))
        .collect();
    assert_eq!(titles, ["a", "b", "c"], "ungrouped items by title");
    // Nothing stale: nothing to write.
    assert!(
        nook::usecase::figures::restore_orders(&store, &[&after], now())
            .unwrap()
            .is_empty()
    );

    store.purge("shelf").unwrap();
    assert!(
        !store.read(|r| r.view_index_current("shelf", set)).unwrap(),
        "a purged app keeps no places"
    );
}

/// What an older nook does to a list: it writes the item and the summary
/// (its `updated` moves) and knows nothing of the view index.
#[test]
fn a_write_by_a_nook_that_keeps_no_index_makes_it_stale() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nook.redb");
    let shelf = spec(SHELF);
    {
        let store = Store::open(&path).unwrap();
        for title in ["a", "b"] {
            let v = BTreeMap::from([("title".to_string(), FieldValue::Text(title.into()))]);
            nook::usecase::list::add(&store, &shelf, now(), String::new(), v).unwrap();
        }
        assert_fresh(&store, &shelf);
    }
    {
        use redb::{ReadableTable, TableDefinition};
        let items: TableDefinition<(&str, u128), &[u8]> = TableDefinition::new("items.v2");
        let summaries: TableDefinition<&str, &[u8]> = TableDefinition::new("summaries");
        let db = redb::Database::builder()
            .set_concurrency_mode(redb::ConcurrencyMode::MultiWriter)
            .create(&path)
            .unwrap();
        let txn = db.begin_write().unwrap();
        {
            let mut t = txn.open_table(items).unwrap();
            let item = Item {
                id: ItemId(u128::MAX - 1),
                text: String::new(),
                done: false,
                created: now().ms,
                updated: now().ms,
                values: BTreeMap::from([("title".to_string(), FieldValue::Text("c".into()))]),
            };
            let mut bytes = vec![1u8];
            bytes.extend(serde_json::to_vec(&item).unwrap());
            t.insert(("shelf", item.id.0), bytes.as_slice()).unwrap();
            let mut s = txn.open_table(summaries).unwrap();
            let old = s.get("shelf").unwrap().unwrap().value().to_vec();
            // Written back as an older nook writes a summary: format 1, whole.
            let whole = nook::store::summary_record::whole(&old).unwrap();
            let mut sum = serde_json::to_value(&whole).unwrap();
            sum["items"] = (sum["items"].as_u64().unwrap() + 1).into();
            sum["updated"] = (sum["updated"].as_i64().unwrap() + 1000).into();
            let mut bytes = vec![1u8];
            bytes.extend(serde_json::to_vec(&sum).unwrap());
            s.insert("shelf", bytes.as_slice()).unwrap();
        }
        txn.commit().unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert!(
        index_and_scan(&store, &shelf).iter().all(|(w, _)| w.is_none()),
        "the index no longer answers for the list"
    );
    assert_eq!(
        nook::usecase::figures::restore_orders(&store, &[&shelf], now()).unwrap(),
        ["shelf"]
    );
    assert_fresh(&store, &shelf);
    assert_eq!(
        index_and_scan(&store, &shelf)[0].1.len(),
        3,
        "the older nook's item is placed"
    );
}
