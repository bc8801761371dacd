//! The figures the store keeps (named summaries, summaries over formulas,
//! the chart's): after every add, edit, delete, undo and sync import they
//! equal the figures counted afresh from the items, and a spec change has
//! them counted again by the next write.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use nook::figures::{Figures, MAX_GROUPS};
use nook::model::item_id::ItemId;
use nook::model::{FieldValue, Item, Now};
use nook::spec::{Kind, ListSpec, Spec};
use nook::store::{Op, Store};

const SPEND: &str = r#"List(
    name: "Spending",
    fields: {
        "what":     Text(required: true),
        "amount":   Money(currency: "EUR"),
        "category": Choice(options: ["rent", "food", "fun"]),
        "tags":     Tags(options: ["a", "b"]),
        "on":       Date,
        "double":   Formula("amount * 2"),
    },
    summary: [
        Sum(of: "amount", by: "category"),
        Max(of: "amount", by: "tags"),
        Sum(of: "double", per: Month),
        Count(where: "amount > 10"),
    ],
    chart: Bar(of: Min("amount"), per: Year),
)
"#;

fn spec(text: &str) -> Spec {
    nook::spec::parse_str("spend.ron", text).unwrap_or_else(|e| panic!("{e}"))
}

fn list(s: &Spec) -> &ListSpec {
    match &s.kind {
        Kind::List(l) => l,
        _ => unreachable!(),
    }
}

fn now() -> Now {
    Now::fixed(
        NaiveDate::from_ymd_opt(2026, 11, 20)
            .unwrap()
            .and_hms_opt(12, 0, 0)
            .unwrap(),
    )
}

fn values(amount: f64, category: &str, tags: &[&str], on: &str) -> BTreeMap<String, FieldValue> {
    let mut v = BTreeMap::new();
    v.insert("what".into(), FieldValue::Text(format!("{category} {amount}")));
    v.insert("amount".into(), FieldValue::Number(amount));
    v.insert("category".into(), FieldValue::Text(category.into()));
    v.insert(
        "tags".into(),
        FieldValue::List(tags.iter().map(|t| t.to_string()).collect()),
    );
    v.insert("on".into(), FieldValue::Text(on.into()));
    v
}

fn items(store: &Store, app: &str) -> Vec<Item> {
    store.read(|r| r.items(app, ItemId(0), usize::MAX)).unwrap()
}

fn stored(store: &Store, app: &str) -> Figures {
    store
        .read(|r| r.summary(app))
        .unwrap()
        .figures
        .expect("a list with named summaries keeps figures")
}

/// The stored figures are current and equal the ones counted afresh.
fn assert_fresh(store: &Store, s: &Spec) {
    let kept = stored(store, &s.id);
    assert!(kept.current(list(s)), "made under this spec");
    let fresh = Figures::over(list(s), &items(store, &s.id), now());
    assert_eq!(kept, fresh);
}

fn add(store: &Store, s: &Spec, v: BTreeMap<String, FieldValue>) -> Item {
    store.write(s, now(), |tx| tx.add_item(String::new(), v)).unwrap()
}

#[test]
fn kept_figures_equal_a_fresh_count_after_every_change() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("nook.redb")).unwrap();
    let s = spec(SPEND);
    let rent = add(&store, &s, values(800.0, "rent", &["a"], "2026-11-01"));
    add(&store, &s, values(12.5, "food", &["a", "b"], "2026-10-02"));
    add(&store, &s, values(3.0, "food", &[], "2025-01-05"));
    assert_fresh(&store, &s);
    let kept = stored(&store, &s.id);
    let by_cat = &kept.figs[0];
    assert_eq!(by_cat.groups["food"].values.sum(), 15.5);
    assert_eq!(by_cat.all.values.sum(), 815.5);
    let by_tag = &kept.figs[1];
    assert_eq!(
        by_tag.groups["a"].values.max,
        Some(800.0),
        "an item counts in each tag"
    );
    assert_eq!(by_tag.groups["b"].values.max, Some(12.5));
    assert_eq!(by_tag.groups[""].items, 1, "no tags: the (none) group");
    assert_eq!(
        kept.figs[2].groups["2026-11"].values.sum(),
        1600.0,
        "over a formula"
    );
    assert_eq!(kept.figs[3].all.items, 2, "where amount > 10");
    assert_eq!(
        kept.figs[4].groups["2025"].values.min,
        Some(3.0),
        "the chart's figure"
    );

    // An edit moves the item between groups.
    let mut edited = rent.clone();
    edited
        .values
        .insert("category".into(), FieldValue::Text("fun".into()));
    edited
        .values
        .insert("tags".into(), FieldValue::List(vec!["b".into()]));
    store
        .write(&s, now(), |tx| tx.apply(Op::PutItem { item: edited.clone() }))
        .unwrap();
    assert_fresh(&store, &s);
    assert!(!stored(&store, &s.id).figs[0].groups.contains_key("rent"));
    // Deleting the largest leaves the max of the rest, not a stale one.
    store
        .write(&s, now(), |tx| tx.apply(Op::DeleteItem { id: rent.id }))
        .unwrap();
    assert_fresh(&store, &s);
    assert_eq!(stored(&store, &s.id).figs[1].groups["b"].values.max, Some(12.5));
    // Undo brings it back, through the same write path.
    let passed = BTreeSet::new();
    nook::usecase::history::undo(
        &store,
        &s,
        now(),
        nook::usecase::history::Scope::All { passed: &passed },
    )
    .unwrap();
    assert_eq!(items(&store, &s.id).len(), 3);
    assert_fresh(&store, &s);
}

#[test]
fn a_spec_change_has_the_next_write_count_them_again() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("nook.redb")).unwrap();
    let old = spec(SPEND);
    add(&store, &old, values(800.0, "rent", &["a"], "2026-11-01"));
    add(&store, &old, values(12.5, "food", &[], "2026-10-02"));
    let new = spec(&SPEND.replace(
        "Count(where: \"amount > 10\")",
        "Avg(of: \"amount\", by: \"category\")",
    ));
    assert!(
        !stored(&store, &old.id).current(list(&new)),
        "made under the old spec"
    );
    add(&store, &new, values(7.5, "food", &[], "2026-11-03"));
    assert_fresh(&store, &new);
    let kept = stored(&store, &new.id);
    assert_eq!(
        kept.figs[3].groups["food"].value(nook::spec::Agg::Avg),
        Some(10.0)
    );
    // A spec without named figures keeps none.
    let plain = spec(
        r#"List(name: "Spending", fields: {"what": Text, "amount": Money()}, summary: [Sum("amount")])"#,
    );
    add(&store, &plain, BTreeMap::new());
    assert_eq!(store.read(|r| r.summary("spend")).unwrap().figures, None);
}

#[test]
fn a_spec_change_is_counted_again_once_when_the_launcher_reads() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("nook.redb")).unwrap();
    let old = spec(SPEND);
    add(&store, &old, values(800.0, "rent", &["a"], "2026-11-01"));
    add(&store, &old, values(12.5, "food", &[], "2026-10-02"));
    let new = spec(&SPEND.replace(
        "Count(where: \"amount > 10\")",
        "Avg(of: \"amount\", by: \"category\")",
    ));
    let log = |store: &Store| store.read(|r| r.recent_ops(1000)).unwrap().len();
    let before = log(&store);
    let restore = |s: &Spec| nook::usecase::figures::restore_stale(&store, &[s], now()).unwrap();
    assert_eq!(restore(&new), ["spend"], "made under the old spec: recounted");
    assert_fresh(&store, &new);
    assert!(restore(&new).is_empty(), "current now: nothing to do");
    assert_eq!(log(&store), before, "a recount is no operation to undo or sync");
    // A list without items stores nothing.
    let empty = spec(&SPEND.replace("name: \"Spending\"", "id: \"empty\", name: \"E\""));
    assert!(restore(&empty).is_empty());
    assert_eq!(store.read(|r| r.summary("empty")).unwrap().figures, None);
}

#[test]
fn a_merged_remote_write_updates_the_figures() {
    let dir = tempfile::tempdir().unwrap();
    let a = Store::open(&dir.path().join("a.redb")).unwrap();
    let b = Store::open(&dir.path().join("b.redb")).unwrap();
    let s = spec(SPEND);
    add(&a, &s, values(800.0, "rent", &[], "2026-11-01"));
    let theirs = add(&b, &s, values(40.0, "fun", &["b"], "2026-11-02"));
    let ops = b.unsent(usize::MAX).unwrap();
    a.import(&[&s], ops, &[], now()).unwrap();
    assert_eq!(items(&a, &s.id).len(), 2);
    assert_fresh(&a, &s);
    assert_eq!(stored(&a, &s.id).figs[0].groups["fun"].values.sum(), 40.0);
    // And a remote delete takes it out again.
    b.write(&s, now(), |tx| tx.apply(Op::DeleteItem { id: theirs.id }))
        .unwrap();
    let ops = b.unsent(usize::MAX).unwrap();
    a.import(&[&s], ops, &[], now()).unwrap();
    assert_fresh(&a, &s);
    assert!(!stored(&a, &s.id).figs[0].groups.contains_key("fun"));
}

#[test]
fn groups_are_bounded_and_the_rest_is_counted_together() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("nook.redb")).unwrap();
    let s = spec(
        r#"List(name: "Words", fields: {"word": Text, "n": Number()}, summary: [Sum(of: "n", by: "word")])"#,
    );
    let mut ids = Vec::new();
    store
        .write(&s, now(), |tx| {
            for i in 0..100 {
                let mut v = BTreeMap::new();
                v.insert("word".into(), FieldValue::Text(format!("w{i}")));
                v.insert("n".into(), FieldValue::Number(f64::from(i)));
                ids.push(tx.add_item(String::new(), v)?.id);
            }
            Ok(())
        })
        .unwrap();
    let check = |store: &Store, items: u64, total: f64| {
        let f = stored(store, &s.id);
        let agg = &f.figs[0];
        assert!(agg.groups.len() <= MAX_GROUPS, "{}", agg.groups.len());
        let other = agg.other.clone().unwrap_or_default();
        let sum: f64 = agg.groups.values().map(|c| c.values.sum()).sum::<f64>() + other.values.sum();
        let n: u64 = agg.groups.values().map(|c| c.items).sum::<u64>() + other.items;
        assert_eq!((n, sum), (items, total), "every item in a group or in other");
        assert_eq!((agg.all.items, agg.all.values.sum()), (items, total));
    };
    // Counted afresh (one write of 100): the 24 largest are kept apart.
    check(&store, 100, 4950.0);
    assert!(stored(&store, &s.id).figs[0].groups.contains_key("w99"));
    // Removing items kept in groups and in other keeps every count right.
    store
        .write(&s, now(), |tx| {
            for id in ids.iter().step_by(3) {
                tx.apply(Op::DeleteItem { id: *id })?;
            }
            Ok(())
        })
        .unwrap();
    let left: f64 = (0..100).filter(|i| i % 3 != 0).map(f64::from).sum();
    check(&store, 66, left);
}
