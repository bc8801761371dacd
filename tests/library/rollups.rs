//! Rollups the store keeps: after any run of adds, edits, deletes and undos
//! of the linking items (and of the linked ones), a sync import or a spec
//! change, each client's rollups equal a count made afresh from the invoices.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;
use nook::model::item_id::ItemId;
use nook::model::{FieldValue, Item, Now};
use nook::spec::Spec;
use nook::store::{Op, Store};
use proptest::prelude::*;

use crate::common::cases;

const CLIENTS: &str = r#"List(
    name: "Clients",
    fields: {
        "name":   Text,
        "billed": Rollup(from: "invoices", via: "client", of: Sum("amount")),
        "paid":   Rollup(from: "invoices", via: "client", of: Sum("amount"), where: "paid"),
        "unpaid": Rollup(from: "invoices", via: "client", of: Count, where: "not paid"),
        "avg":    Rollup(from: "invoices", via: "client", of: Avg("amount")),
        "least":  Rollup(from: "invoices", via: "client", of: Min("amount")),
        "most":   Rollup(from: "invoices", via: "client", of: Max("amount")),
        "done":   Rollup(from: "invoices", via: "client", of: Count, where: "done"),
    },
)
"#;

const INVOICES: &str = r#"List(
    name: "Invoices",
    fields: {
        "title":  Text,
        "client": Link(app: "clients"),
        "amount": Money(),
        "paid":   Bool,
    },
)
"#;

fn spec(file: &str, text: &str) -> Spec {
    nook::spec::parse_str(file, text).unwrap_or_else(|e| panic!("{e}"))
}

fn now() -> Now {
    Now::fixed(
        NaiveDate::from_ymd_opt(2026, 11, 20)
            .unwrap()
            .and_hms_opt(12, 0, 0)
            .unwrap(),
    )
}

fn items(store: &Store, app: &str) -> Vec<Item> {
    store.read(|r| r.items(app, ItemId(0), usize::MAX)).unwrap()
}

/// Each client's rollups counted by hand from the invoices (None where an
/// Avg, Min or Max has nothing to read).
fn fresh(store: &Store, clients: &[Item]) -> BTreeMap<String, HashMap<ItemId, f64>> {
    let invoices = items(store, "invoices");
    let mut out: BTreeMap<String, HashMap<ItemId, f64>> = BTreeMap::new();
    for c in clients {
        let mine: Vec<&Item> = invoices
            .iter()
            .filter(|i| i.values.get("client") == Some(&FieldValue::Text(c.id.to_string())))
            .collect();
        let amount = |i: &&Item| match i.values.get("amount") {
            Some(FieldValue::Number(n)) => Some(*n),
            _ => None,
        };
        let paid = |i: &&&Item| i.values.get("paid") == Some(&FieldValue::Bool(true));
        let amounts: Vec<f64> = mine.iter().filter_map(amount).collect();
        let mut sorted = amounts.clone();
        sorted.sort_by(f64::total_cmp);
        let sum = |v: &[f64]| {
            // As the store adds them: each value once per item, ascending.
            let mut v = v.to_vec();
            v.sort_by(f64::total_cmp);
            v.iter().sum::<f64>()
        };
        let mut put = |k: &str, v: Option<f64>| {
            if let Some(v) = v {
                out.entry(k.to_string()).or_default().insert(c.id, v);
            }
        };
        if !mine.is_empty() {
            put("billed", Some(sum(&amounts)));
            let paid_amounts: Vec<f64> = mine.iter().filter(paid).filter_map(amount).collect();
            put("paid", Some(sum(&paid_amounts)));
            put("unpaid", Some(mine.iter().filter(|i| !paid(i)).count() as f64));
            put("done", Some(mine.iter().filter(|i| i.done).count() as f64));
            put("least", sorted.first().copied());
            put("most", sorted.last().copied());
            if !amounts.is_empty() {
                put("avg", Some(sum(&amounts) / amounts.len() as f64));
            }
        }
    }
    out
}

/// The stored rollups of every client there is (a deleted one's are kept
/// for an undo, never shown), with the zeros a client nothing links to
/// shows left out (as `fresh` leaves them).
fn kept(store: &Store, c: &Spec, i: &Spec) -> BTreeMap<String, HashMap<ItemId, f64>> {
    let clients: BTreeSet<ItemId> = items(store, "clients").iter().map(|c| c.id).collect();
    let mut got = store.read(|r| r.rollups(c, &[c, i])).unwrap();
    for values in got.values_mut() {
        values.retain(|id, v| *v != 0.0 && clients.contains(id));
    }
    got.retain(|_, v| !v.is_empty());
    got
}

fn assert_current(store: &Store, c: &Spec, i: &Spec) {
    let clients = items(store, "clients");
    let mut want = fresh(store, &clients);
    for values in want.values_mut() {
        values.retain(|_, v| *v != 0.0);
    }
    want.retain(|_, v| !v.is_empty());
    let got = kept(store, c, i);
    // Floats: compared to the cent, as money is kept.
    let close = |a: &BTreeMap<String, HashMap<ItemId, f64>>, b: &BTreeMap<String, HashMap<ItemId, f64>>| {
        a.len() == b.len()
            && a.iter().all(|(k, m)| {
                b.get(k).is_some_and(|n| {
                    m.len() == n.len()
                        && m.iter()
                            .all(|(id, x)| n.get(id).is_some_and(|y| (x - y).abs() < 1e-6))
                })
            })
    };
    assert!(close(&got, &want), "stored {got:?}\nfresh {want:?}");
}

fn invoice(client: Option<ItemId>, amount: Option<f64>, paid: bool) -> BTreeMap<String, FieldValue> {
    let mut v = BTreeMap::new();
    v.insert("title".into(), FieldValue::Text("inv".into()));
    if let Some(c) = client {
        v.insert("client".into(), FieldValue::Text(c.to_string()));
    }
    if let Some(a) = amount {
        v.insert("amount".into(), FieldValue::Number(a));
    }
    v.insert("paid".into(), FieldValue::Bool(paid));
    v
}

#[derive(Clone, Debug)]
enum Step {
    Add {
        client: usize,
        amount: Option<u16>,
        paid: bool,
    },
    Edit {
        which: usize,
        client: usize,
        amount: Option<u16>,
        paid: bool,
        done: bool,
    },
    Delete {
        which: usize,
    },
    Undo,
    /// A client deleted (its invoices then link to an item that is gone).
    DeleteClient {
        which: usize,
    },
}

fn step() -> impl Strategy<Value = Step> {
    let amount = prop::option::of(0u16..500);
    prop_oneof![
        4 => (0usize..4, amount.clone(), any::<bool>()).prop_map(|(client, amount, paid)| Step::Add { client, amount, paid }),
        3 => (0usize..8, 0usize..4, amount, any::<bool>(), any::<bool>())
            .prop_map(|(which, client, amount, paid, done)| Step::Edit { which, client, amount, paid, done }),
        2 => (0usize..8).prop_map(|which| Step::Delete { which }),
        2 => Just(Step::Undo),
        1 => (0usize..3).prop_map(|which| Step::DeleteClient { which }),
    ]
}

fn run(steps: &[Step]) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("nook.redb")).unwrap();
    let c = spec("clients.ron", CLIENTS);
    let i = spec("invoices.ron", INVOICES);
    let mut ids = Vec::new();
    for name in ["Acme", "Globex", "Initech"] {
        let mut v = BTreeMap::new();
        v.insert("name".into(), FieldValue::Text(name.into()));
        ids.push(
            store
                .write(&c, now(), |tx| tx.add_item(String::new(), v))
                .unwrap()
                .id,
        );
    }
    // Index 3: no client.
    let client = |k: usize| ids.get(k).copied();
    let passed = BTreeSet::new();
    for s in steps {
        let invoices = items(&store, "invoices");
        match s {
            Step::Add {
                client: k,
                amount,
                paid,
            } => {
                let v = invoice(client(*k), amount.map(|a| f64::from(a) / 4.0), *paid);
                store
                    .write(&i, now(), |tx| tx.add_item(String::new(), v))
                    .unwrap();
            }
            Step::Edit {
                which,
                client: k,
                amount,
                paid,
                done,
            } if !invoices.is_empty() => {
                let mut item = invoices[which % invoices.len()].clone();
                item.values = invoice(client(*k), amount.map(|a| f64::from(a) / 4.0), *paid);
                item.done = *done;
                store
                    .write(&i, now(), |tx| tx.apply(Op::PutItem { item }))
                    .unwrap();
            }
            Step::Delete { which } if !invoices.is_empty() => {
                let id = invoices[which % invoices.len()].id;
                store
                    .write(&i, now(), |tx| tx.apply(Op::DeleteItem { id }))
                    .unwrap();
            }
            Step::Undo => {
                let _ = nook::usecase::history::undo(
                    &store,
                    &i,
                    now(),
                    nook::usecase::history::Scope::All { passed: &passed },
                );
            }
            Step::DeleteClient { which } => {
                let clients = items(&store, "clients");
                if let Some(cl) = clients.get(which % clients.len().max(1)) {
                    let id = cl.id;
                    store
                        .write(&c, now(), |tx| tx.apply(Op::DeleteItem { id }))
                        .unwrap();
                }
            }
            _ => {}
        }
        assert_current(&store, &c, &i);
    }
}

proptest! {
    #![proptest_config(cases(48))]
    #[test]
    fn stored_rollups_equal_a_fresh_count_after_any_writes(steps in prop::collection::vec(step(), 1..40)) {
        run(&steps);
    }
}

#[test]
fn a_sync_import_keeps_the_rollups_current() {
    let dir = tempfile::tempdir().unwrap();
    let a = Store::open(&dir.path().join("a.redb")).unwrap();
    let b = Store::open(&dir.path().join("b.redb")).unwrap();
    let c = spec("clients.ron", CLIENTS);
    let i = spec("invoices.ron", INVOICES);
    let mut v = BTreeMap::new();
    v.insert("name".into(), FieldValue::Text("Acme".into()));
    let acme = a.write(&c, now(), |tx| tx.add_item(String::new(), v)).unwrap();
    b.import(&[&c, &i], a.unsent(usize::MAX).unwrap(), &[], now())
        .unwrap();
    // b bills Acme twice; a learns it by import.
    for amount in [120.0, 80.0] {
        let v = invoice(Some(acme.id), Some(amount), false);
        b.write(&i, now(), |tx| tx.add_item(String::new(), v)).unwrap();
    }
    a.import(&[&c, &i], b.unsent(usize::MAX).unwrap(), &[], now())
        .unwrap();
    let got = a.read(|r| r.rollups(&c, &[&c, &i])).unwrap();
    assert_eq!(got["billed"][&acme.id], 200.0);
    assert_eq!(got["unpaid"][&acme.id], 2.0);
    assert_current(&a, &c, &i);
}

#[test]
fn a_changed_linking_spec_is_counted_afresh_on_read_and_again_by_the_next_write() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("nook.redb")).unwrap();
    let c = spec("clients.ron", CLIENTS);
    let i = spec("invoices.ron", INVOICES);
    let mut v = BTreeMap::new();
    v.insert("name".into(), FieldValue::Text("Acme".into()));
    let acme = store
        .write(&c, now(), |tx| tx.add_item(String::new(), v))
        .unwrap();
    let v = invoice(Some(acme.id), Some(50.0), true);
    store
        .write(&i, now(), |tx| tx.add_item(String::new(), v))
        .unwrap();
    // The amount field renamed: its values follow `was:`, the tallies are
    // read afresh until a write counts them again under the new spec.
    let i2 = spec(
        "invoices.ron",
        &INVOICES.replace("\"amount\": Money()", "\"total\": Money(was: \"amount\")"),
    );
    let c2 = spec(
        "clients.ron",
        &CLIENTS.replace("Sum(\"amount\")", "Sum(\"total\")"),
    );
    let got = store.read(|r| r.rollups(&c2, &[&c2, &i2])).unwrap();
    assert_eq!(got["billed"][&acme.id], 50.0, "read afresh: {got:?}");
    let v = invoice(Some(acme.id), None, false);
    let mut v2 = v.clone();
    v2.insert("total".into(), FieldValue::Number(25.0));
    store
        .write(&i2, now(), |tx| tx.add_item(String::new(), v2))
        .unwrap();
    let got = store.read(|r| r.rollups(&c2, &[&c2, &i2])).unwrap();
    assert_eq!(got["billed"][&acme.id], 75.0, "{got:?}");
}
