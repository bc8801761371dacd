//! A database the release before UUID ids wrote (schema 1: items keyed by
//! a counter per app) opens in today's nook: upgraded in place, each item
//! under the id `ItemId::from_legacy` gives it, nothing lost, and an old
//! export of the same app is recognised as what is already stored.
//!
//! The schema-1 file is written here with redb the way that release wrote
//! it (its tables, keys and records, as in its `store/tables.rs`).

use crate::common;

use chrono::NaiveDate;
use common::{Home, id_of};
use nook::model::days::day_number;
use nook::model::item_id::ItemId;
use nook::model::{Item, Now};
use redb::{ReadableDatabase, TableDefinition};
use serde_json::{Value, json};

const META: TableDefinition<&str, &[u8]> = TableDefinition::new("meta");
const ITEMS: TableDefinition<(&str, u64), &[u8]> = TableDefinition::new("items");
const ENTRIES: TableDefinition<(&str, &str, i32), &[u8]> = TableDefinition::new("entries");
const TIMERS: TableDefinition<&str, &[u8]> = TableDefinition::new("timers");
const SESSIONS: TableDefinition<(&str, i64), &[u8]> = TableDefinition::new("sessions");
const SUMMARIES: TableDefinition<&str, &[u8]> = TableDefinition::new("summaries");
const OPLOG: TableDefinition<u64, &[u8]> = TableDefinition::new("oplog");
const APP_OPS: TableDefinition<(&str, u64), u64> = TableDefinition::new("app_ops");

/// 2026-11-19 12:00 UTC, when the old nook wrote the first item.
const C: i64 = 1_795_608_000_000;
const MINUTE: i64 = 60_000;

/// A record as that release stored it: format byte 1, then JSON.
fn record(v: &Value) -> Vec<u8> {
    let mut out = vec![1u8];
    out.extend(serde_json::to_vec(v).unwrap());
    out
}

/// The old items: (app, counter, record). Bread and eggs were made in the
/// same millisecond: their order comes from the counter alone.
fn old_items() -> Vec<(&'static str, u64, Value)> {
    vec![
        (
            "groceries",
            1,
            json!({"id": 1, "text": "oat milk", "done": false, "created": C, "updated": C}),
        ),
        (
            "groceries",
            2,
            json!({"id": 2, "text": "bread", "done": true, "created": C + MINUTE, "updated": C + 2 * MINUTE}),
        ),
        (
            "groceries",
            3,
            json!({"id": 3, "text": "eggs", "done": false, "created": C + MINUTE, "updated": C + MINUTE}),
        ),
        (
            "reading",
            1,
            json!({"id": 1, "done": false, "created": C + 3 * MINUTE, "updated": C + 3 * MINUTE,
                   "values": {"title": "Dune", "pages": 412.0}}),
        ),
    ]
}

fn day(d: u32) -> i32 {
    day_number(NaiveDate::from_ymd_opt(2026, 11, d).unwrap())
}

/// Water's tracker days: (day, value, updated).
fn old_days() -> Vec<(i32, f64, i64)> {
    vec![(day(18), 8.0, C - 86_400_000), (day(19), 3.0, C + 4 * MINUTE)]
}

fn bundled(id: &str) -> nook::spec::Spec {
    let (file, text) = nook::bundled::APPS
        .iter()
        .find(|(f, _)| f.trim_end_matches(".ron") == id)
        .unwrap();
    nook::spec::parse_str(file, text).unwrap()
}

/// The summaries that release kept for these rows. Its summary code is
/// today's but for `next_id` (now `last_id`), so they are made by today's
/// code from the same rows and written back under the old key.
fn old_summaries(scratch: &std::path::Path) -> Vec<(&'static str, Value)> {
    let store = nook::store::Store::open(scratch).unwrap();
    let now = Now::fixed(
        NaiveDate::from_ymd_opt(2026, 11, 19)
            .unwrap()
            .and_hms_opt(12, 5, 0)
            .unwrap(),
    );
    let mut out = Vec::new();
    for app in ["groceries", "reading"] {
        let spec = bundled(app);
        let n = old_items().iter().filter(|(a, ..)| *a == app).count() as u64;
        store
            .write(&spec, now, |tx| {
                for (a, n, v) in old_items() {
                    if a == app {
                        let mut item: Item = serde_json::from_value(v).unwrap();
                        item.id = ItemId::from_legacy(app, n, item.created);
                        tx.apply(nook::store::Op::PutItem { item })?;
                    }
                }
                Ok(())
            })
            .unwrap();
        let mut s = serde_json::to_value(store.read(|r| r.summary(app)).unwrap()).unwrap();
        s.as_object_mut().unwrap().remove("last_id");
        s["next_id"] = json!(n + 1);
        out.push((app, s));
    }
    let water = bundled("water");
    store
        .write(&water, now, |tx| {
            for (d, v, _) in old_days() {
                tx.set_entry("", d, v)?;
            }
            Ok(())
        })
        .unwrap();
    let mut s = serde_json::to_value(store.read(|r| r.summary("water")).unwrap()).unwrap();
    s.as_object_mut().unwrap().remove("last_id");
    s["next_id"] = json!(0);
    out.push(("water", s));
    out
}

/// Writes `nook.redb` as the schema-1 release left it after `nook add` of
/// each item and `nook log` of each day, one operation each.
fn write_schema_1(home: &Home) {
    let scratch = tempfile::tempdir().unwrap();
    let summaries = old_summaries(&scratch.path().join("nook.redb"));
    let db = redb::Database::create(home.db()).unwrap();
    let txn = db.begin_write().unwrap();
    {
        let mut items = txn.open_table(ITEMS).unwrap();
        let mut log = txn.open_table(OPLOG).unwrap();
        let mut app_ops = txn.open_table(APP_OPS).unwrap();
        let mut seq = 0u64;
        let mut logged = |app: &str, ts: i64, op: Value| {
            seq += 1;
            let entry = json!({"id": seq, "device": "old-device", "ts": ts, "app": app,
                               "op": op, "group": seq, "session": "cli"});
            log.insert(seq, record(&entry).as_slice()).unwrap();
            app_ops.insert((app, seq), seq).unwrap();
        };
        for (app, n, v) in old_items() {
            items.insert((app, n), record(&v).as_slice()).unwrap();
            let ts = v["created"].as_i64().unwrap();
            logged(app, ts, json!({"op": "put_item", "item": v}));
        }
        let mut entries = txn.open_table(ENTRIES).unwrap();
        for (d, value, updated) in old_days() {
            let e = json!({"value": value, "updated": updated});
            entries.insert(("water", "", d), record(&e).as_slice()).unwrap();
            logged(
                "water",
                updated,
                json!({"op": "set_entry", "series": "", "day": d, "value": value}),
            );
        }
        let mut sums = txn.open_table(SUMMARIES).unwrap();
        for (app, s) in &summaries {
            sums.insert(*app, record(s).as_slice()).unwrap();
        }
        txn.open_table(TIMERS).unwrap();
        txn.open_table(SESSIONS).unwrap();
        let mut meta = txn.open_table(META).unwrap();
        meta.insert("schema", 1u64.to_le_bytes().as_slice()).unwrap();
        meta.insert("device", b"old-device".as_slice()).unwrap();
        meta.insert("seq", seq.to_le_bytes().as_slice()).unwrap();
        for app in ["groceries", "reading", "water"] {
            meta.insert(format!("created.{app}").as_str(), C.to_string().as_bytes())
                .unwrap();
        }
    }
    txn.commit().unwrap();
}

fn schema(home: &Home) -> u64 {
    let db = redb::Database::open(home.db()).unwrap();
    let txn = db.begin_read().unwrap();
    let meta = txn.open_table(META).unwrap();
    let bytes = meta.get("schema").unwrap().unwrap().value().to_vec();
    u64::from_le_bytes(bytes.try_into().unwrap())
}

fn legacy(app: &str, n: u64, created: i64) -> String {
    ItemId::from_legacy(app, n, created).to_string()
}

#[test]
fn a_schema_1_database_is_upgraded_with_every_item_under_its_legacy_id() {
    let h = Home::installed();
    write_schema_1(&h);
    assert_eq!(schema(&h), 1);

    let rows: Vec<Value> = serde_json::from_str(&h.ok(["items", "groceries", "--json"])).unwrap();
    let got: Vec<(String, &str, bool)> = rows
        .iter()
        .map(|r| (id_of(r), r["text"].as_str().unwrap(), r["done"] == true))
        .collect();
    assert_eq!(
        got,
        [
            (legacy("groceries", 1, C), "oat milk", false),
            (legacy("groceries", 2, C + MINUTE), "bread", true),
            (legacy("groceries", 3, C + MINUTE), "eggs", false),
        ],
        "every item, in the order it was added, under the id from_legacy gives"
    );
    assert!(got.iter().all(|(id, ..)| id.len() == 36), "UUIDs: {got:?}");
    assert_eq!(
        (rows[1]["created"].as_i64(), rows[1]["updated"].as_i64()),
        (Some(C + MINUTE), Some(C + 2 * MINUTE)),
        "times kept"
    );
    let reading = h.export("reading");
    let book = &reading["items"][0];
    assert_eq!(id_of(book), legacy("reading", 1, C + 3 * MINUTE));
    assert_eq!(book["values"], json!({"title": "Dune", "pages": 412}));
    let water = h.export("water");
    let days: Vec<(String, f64, i64)> = water["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["date"].as_str().unwrap().to_string(),
                e["value"].as_f64().unwrap(),
                e["updated"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        days,
        [
            ("2026-11-18".to_string(), 8.0, C - 86_400_000),
            ("2026-11-19".to_string(), 3.0, C + 4 * MINUTE),
        ],
        "tracker days kept"
    );
    let ls = h.ok(["ls"]);
    assert!(ls.contains("1/3 done"), "{ls}");

    // Upgraded once, in place, and nothing left beside it.
    assert_eq!(schema(&h), 3);
    let beside: Vec<String> = std::fs::read_dir(h.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("nook.redb"))
        .collect();
    assert!(
        !beside.iter().any(|n| n.ends_with(".before-upgrade")),
        "{beside:?}"
    );
    assert!(h.ok(["doctor"]).contains(": ok"));

    // It takes writes: a new item comes after the old ones, and ticks work
    // on an upgraded item.
    let jam = h.add("groceries", ["jam"]);
    let ids = h.ids("groceries");
    assert_eq!(ids.len(), 4);
    assert!(ids[3].replace('-', "").starts_with(&jam), "{jam} {ids:?}");
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "{ids:?}");
    h.ok(["done", "groceries", &ids[0]]);
    assert_eq!(h.items("groceries")[0]["done"], true);
    // The history came across with the ids: after this device's tick and
    // add, undo reaches the old nook's add of eggs.
    h.ok(["undo", "groceries"]);
    h.ok(["undo", "groceries"]);
    let out = h.ok(["undo", "groceries"]);
    assert!(out.contains("eggs"), "{out}");
    let texts: Vec<Value> = h.items("groceries").iter().map(|i| i["text"].clone()).collect();
    assert_eq!(texts, ["oat milk", "bread"]);
}

#[test]
fn an_old_export_of_an_upgraded_app_is_already_stored() {
    let h = Home::installed();
    write_schema_1(&h);
    // What that release's `nook export groceries` wrote: counters as ids.
    let items: Vec<Value> = old_items()
        .into_iter()
        .filter(|(app, ..)| *app == "groceries")
        .map(|(_, _, v)| v)
        .collect();
    let doc = json!({"nook_export": 1,
                     "app": {"id": "groceries", "name": "Groceries", "kind": "list"},
                     "items": items});
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("groceries.json");
    std::fs::write(&file, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
    let before = h.export("groceries");
    let out = h.ok(["import".as_ref(), "groceries".as_ref(), file.as_os_str()]);
    assert!(
        out.contains("0 added, 0 updated, 3 skipped") && !out.contains("differ"),
        "{out}"
    );
    assert_eq!(h.export("groceries"), before, "nothing doubled, nothing changed");
    // Into a fresh home the same file gives the same ids.
    let fresh = Home::installed();
    fresh.ok(["import".as_ref(), "groceries".as_ref(), file.as_os_str()]);
    assert_eq!(fresh.ids("groceries"), h.ids("groceries"));
}
