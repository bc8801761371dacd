//! Checking a database, and saving what can be read from a damaged one.
//!
//! Nothing here changes a damaged file: [`check`] opens it the way every
//! command does and reads every row; [`salvage`] opens a copy that was moved
//! aside read-only and copies the rows it can read into a fresh database.

use std::collections::BTreeMap;
use std::path::Path;

use redb::{ConcurrencyMode, ReadableDatabase, ReadableTable, ReadableTableMetadata};
use serde::de::DeserializeOwned;

use super::codec::{decode, encode};
use super::read::Entry;
use super::summary::{AppSummary, SeriesSummary};
use super::tables::*;
use super::{LogEntry, Store, StoreError, unpanic};
use crate::model::Item;
use crate::model::timer::{Session, TimerState};

/// What [`check`] found.
#[derive(Debug, Default)]
pub struct Health {
    /// Rows read, by table.
    pub rows: BTreeMap<&'static str, u64>,
    /// Every problem found; empty when the database is sound.
    pub problems: Vec<String>,
}

impl Health {
    pub fn ok(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Reads every row of every table of an open store and checks redb's own
/// structures. Problems are collected, not returned as errors.
pub fn check(store: &mut Store) -> Health {
    let mut health = Health::default();
    match unpanic(|| store.db.check_integrity()) {
        Ok(Ok(true)) => {}
        Ok(Ok(false)) => health
            .problems
            .push("redb repaired the file's internal structures while checking it".into()),
        Ok(Err(e)) => health.problems.push(format!("integrity check failed: {e}")),
        Err(e) => health.problems.push(format!("integrity check stopped: {e}")),
    }
    let scan = unpanic(|| -> Result<(), StoreError> {
        let txn = store.db.begin_read()?;
        macro_rules! scan {
            ($table:expr, $name:literal, $label:literal, $ty:ty) => {{
                let mut n = 0u64;
                if let Some(t) = super::missing_ok(txn.open_table($table))? {
                    for row in t.iter()? {
                        let (_, v) = row?;
                        n += 1;
                        if let Err(e) = decode::<$ty>($name, v.value()) {
                            health.problems.push(e.to_string());
                        }
                    }
                }
                health.rows.insert($label, n);
            }};
        }
        scan!(ITEMS, "item", "items", Item);
        scan!(ENTRIES, "entry", "entries", Entry);
        scan!(TIMERS, "timer", "timers", TimerState);
        scan!(SESSIONS, "session", "sessions", Session);
        scan!(SUMMARIES, "summary", "summaries", AppSummary);
        scan!(OPLOG, "operation", "operations", LogEntry);
        Ok(())
    });
    match scan {
        Ok(Ok(())) => {}
        Ok(Err(e)) => health.problems.push(e.to_string()),
        Err(e) => health.problems.push(format!("reading stopped: {e}")),
    }
    health
}

/// What [`salvage`] copied.
#[derive(Debug, Default)]
pub struct Salvage {
    /// Rows copied, by table.
    pub copied: BTreeMap<&'static str, u64>,
    /// Rows or tables that could not be read, each with why.
    pub lost: Vec<String>,
}

/// Copies every readable row of the database at `damaged` (opened read-only,
/// never changed) into `fresh`, which must not exist yet. App summaries are
/// rebuilt from the rows that were copied.
pub fn salvage(damaged: &Path, fresh: &Path) -> Result<Salvage, StoreError> {
    if fresh.exists() {
        return Err(StoreError::Invalid(format!(
            "{}: already exists; salvage writes only a new file",
            fresh.display()
        )));
    }
    let mut out = Salvage::default();
    let rows = match unpanic(|| {
        redb::Builder::new()
            .set_concurrency_mode(ConcurrencyMode::MultiWriter)
            .open_read_only(damaged)
    }) {
        Ok(Ok(db)) => read_all(&db, &mut out),
        Ok(Err(e)) => {
            out.lost.push(format!("the whole file: {e}"));
            Rows::default()
        }
        Err(e) => {
            out.lost.push(format!("the whole file: {e}"));
            Rows::default()
        }
    };
    let store = Store::open(fresh)?;
    write_all(&store, rows, &mut out)?;
    Ok(out)
}

type Raw<K> = Vec<(K, Vec<u8>)>;

#[derive(Default)]
struct Rows {
    meta: Raw<String>,
    items: Raw<(String, u64)>,
    entries: Raw<(String, String, i32)>,
    timers: Raw<String>,
    sessions: Raw<(String, i64)>,
    summaries: Raw<String>,
    oplog: Raw<u64>,
    app_ops: Vec<((String, u64), u64)>,
}

fn valid<T: DeserializeOwned>(what: &str, bytes: &[u8], lost: &mut Vec<String>) -> bool {
    match decode::<T>(what, bytes) {
        Ok(_) => true,
        Err(e) => {
            lost.push(e.to_string());
            false
        }
    }
}

/// Reads each table row by row; a table stops at its first unreadable page.
fn read_all(db: &redb::ReadOnlyDatabase, out: &mut Salvage) -> Rows {
    let mut rows = Rows::default();
    let txn = match unpanic(|| db.begin_read()) {
        Ok(Ok(t)) => t,
        Ok(Err(e)) => {
            out.lost.push(format!("the whole file: {e}"));
            return rows;
        }
        Err(e) => {
            out.lost.push(format!("the whole file: {e}"));
            return rows;
        }
    };
    macro_rules! read {
        ($table:expr, $name:literal, $dest:expr, |$k:ident, $v:ident| $row:expr) => {{
            let lost = &mut out.lost;
            let dest = &mut $dest;
            let result = unpanic(|| -> Result<(), String> {
                let t = match txn.open_table($table) {
                    Ok(t) => t,
                    Err(redb::TableError::TableDoesNotExist(_)) => return Ok(()),
                    Err(e) => return Err(e.to_string()),
                };
                let _ = t.len();
                for row in t.iter().map_err(|e| e.to_string())? {
                    let (k, v) = row.map_err(|e| e.to_string())?;
                    let ($k, $v) = (k.value(), v.value());
                    if let Some(r) = $row(lost) {
                        dest.push(r);
                    }
                }
                Ok(())
            });
            match result {
                Ok(Ok(())) => {}
                Ok(Err(e)) => out.lost.push(format!("the rest of table {}: {e}", $name)),
                Err(e) => out.lost.push(format!("the rest of table {}: {e}", $name)),
            }
        }};
    }
    read!(META, "meta", rows.meta, |k, v| |_: &mut Vec<String>| Some((
        k.to_string(),
        v.to_vec()
    )));
    read!(ITEMS, "items", rows.items, |k, v| |l: &mut Vec<String>| valid::<
        Item,
    >(
        "item", v, l
    )
    .then(|| ((k.0.to_string(), k.1), v.to_vec())));
    read!(ENTRIES, "entries", rows.entries, |k, v| |l: &mut Vec<String>| {
        valid::<Entry>("entry", v, l).then(|| ((k.0.to_string(), k.1.to_string(), k.2), v.to_vec()))
    });
    read!(TIMERS, "timers", rows.timers, |k, v| |l: &mut Vec<String>| {
        valid::<TimerState>("timer", v, l).then(|| (k.to_string(), v.to_vec()))
    });
    read!(SESSIONS, "sessions", rows.sessions, |k, v| |l: &mut Vec<
        String,
    >| {
        valid::<Session>("session", v, l).then(|| ((k.0.to_string(), k.1), v.to_vec()))
    });
    read!(SUMMARIES, "summaries", rows.summaries, |k, v| |l: &mut Vec<
        String,
    >| {
        valid::<AppSummary>("summary", v, l).then(|| (k.to_string(), v.to_vec()))
    });
    read!(OPLOG, "oplog", rows.oplog, |k, v| |l: &mut Vec<String>| {
        valid::<LogEntry>("operation", v, l).then(|| (k, v.to_vec()))
    });
    read!(APP_OPS, "app_ops", rows.app_ops, |k, v| |_: &mut Vec<String>| {
        Some(((k.0.to_string(), k.1), v))
    });
    rows
}

fn write_all(store: &Store, rows: Rows, out: &mut Salvage) -> Result<(), StoreError> {
    // Summaries: counts from the items and entries that were saved; the old
    // summary only for what cannot be recounted (timer figures).
    let mut summaries: BTreeMap<String, AppSummary> = BTreeMap::new();
    for (app, v) in &rows.summaries {
        let mut s: AppSummary = decode("summary", v)?;
        s.items = 0;
        s.done = 0;
        s.numbers.clear();
        s.series.clear();
        summaries.insert(app.clone(), s);
    }
    let mut items_by_app: BTreeMap<&str, Vec<Item>> = BTreeMap::new();
    for ((app, _), v) in &rows.items {
        items_by_app.entry(app).or_default().push(decode("item", v)?);
    }
    for (app, items) in &items_by_app {
        let s = summaries.entry(app.to_string()).or_default();
        for item in items {
            s.count_item(item, 1);
            s.next_id = s.next_id.max(item.id + 1);
        }
    }
    for ((app, series, day), _) in &rows.entries {
        let s = summaries.entry(app.clone()).or_default();
        let ser: &mut SeriesSummary = s.series.entry(series.clone()).or_default();
        ser.days += 1;
        ser.last_day = Some(ser.last_day.map_or(*day, |d| d.max(*day)));
        // The streak cache is recomputed on the next write (its rule key is empty).
    }
    let seq = rows.oplog.iter().map(|(id, _)| *id).max().unwrap_or(0).max(
        rows.meta
            .iter()
            .find(|(k, _)| k == "seq")
            .and_then(|(_, v)| super::read::meta_number("seq", v).ok())
            .unwrap_or(0),
    );
    let txn = store.begin_write()?;
    {
        let mut meta = txn.open_table(META)?;
        for (k, v) in &rows.meta {
            if k == "schema" || k == "seq" {
                continue;
            }
            meta.insert(k.as_str(), v.as_slice())?;
        }
        meta.insert("seq", seq.to_le_bytes().as_slice())?;
        out.copied.insert("meta", rows.meta.len() as u64);
        let mut t = txn.open_table(ITEMS)?;
        for ((a, id), v) in &rows.items {
            t.insert((a.as_str(), *id), v.as_slice())?;
        }
        out.copied.insert("items", rows.items.len() as u64);
        let mut t = txn.open_table(ENTRIES)?;
        for ((a, s, d), v) in &rows.entries {
            t.insert((a.as_str(), s.as_str(), *d), v.as_slice())?;
        }
        out.copied.insert("entries", rows.entries.len() as u64);
        let mut t = txn.open_table(TIMERS)?;
        for (a, v) in &rows.timers {
            t.insert(a.as_str(), v.as_slice())?;
        }
        out.copied.insert("timers", rows.timers.len() as u64);
        let mut t = txn.open_table(SESSIONS)?;
        for ((a, end), v) in &rows.sessions {
            t.insert((a.as_str(), *end), v.as_slice())?;
        }
        out.copied.insert("sessions", rows.sessions.len() as u64);
        let mut t = txn.open_table(OPLOG)?;
        for (id, v) in &rows.oplog {
            t.insert(*id, v.as_slice())?;
        }
        out.copied.insert("oplog", rows.oplog.len() as u64);
        let mut t = txn.open_table(APP_OPS)?;
        for ((a, id), g) in &rows.app_ops {
            t.insert((a.as_str(), *id), *g)?;
        }
        out.copied.insert("app_ops", rows.app_ops.len() as u64);
        let mut t = txn.open_table(SUMMARIES)?;
        for (app, s) in &summaries {
            t.insert(app.as_str(), encode(s).as_slice())?;
        }
        out.copied.insert("summaries", summaries.len() as u64);
    }
    txn.commit()?;
    Ok(())
}
