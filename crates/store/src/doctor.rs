//! Checking a database, and saving what can be read from a damaged one.
//!
//! Nothing here writes to the file being checked or set aside: [`check`]
//! and [`salvage`] copy it first (redb writes its header on a writable open,
//! and its integrity check repairs), and read the copies.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use redb::{ReadTransaction, ReadableDatabase, ReadableTable, ReadableTableMetadata};

use super::codec::{decode, encode};
use super::read::Entry;
use super::summary::AppSummary;
use super::tables::*;
use super::{LogEntry, Store, StoreError, unpanic};
use crate::model::Item;
use crate::model::timer::{Session, TimerState};

/// At most this many single-key reads per table, looking between bad pages.
const PROBES: u64 = 1_000_000;
/// What a panic inside redb means here; its own words ("entered
/// unreachable code") say nothing to a user.
const PAGE: &str = "redb stopped on a page it could not read";

/// The databases `nook doctor` set aside beside `db`
/// (`nook.redb.damaged-*`), oldest first.
pub fn set_aside(db: &Path) -> Vec<PathBuf> {
    let name = super::db_name(db);
    let prefix = format!("{name}.damaged-");
    let Some(Ok(dir)) = db.parent().map(std::fs::read_dir) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = dir
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
        .map(|e| e.path())
        .collect();
    found.sort();
    found
}

/// One line about a set-aside database: what it is and how to get it back.
pub fn set_aside_notice(db: &Path, aside: &Path) -> String {
    // The database in place may hold what was saved since: the way back
    // keeps it too, never moves the old file over it.
    format!(
        "{aside} is the database as it was before `nook doctor` set it aside as damaged; \
         nook keeps it until you delete it. To go back to it, close every nook, keep \
         today's with `mv '{db}' '{db}.since'`, run `mv '{aside}' '{db}'`, then \
         `nook doctor --recover` to save what can be read",
        aside = aside.display(),
        db = db.display(),
    )
}

/// [`set_aside_notice`] in a line that fits a status bar.
pub fn set_aside_short(aside: &Path) -> String {
    let name = aside.file_name().map_or_else(
        || aside.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    // Fits 80 columns: `nook doctor` says the rest.
    format!("damaged database set aside: {name} (see nook doctor)")
}

/// Files a stopped `nook doctor` left beside `db` (its copies, a new
/// database it had not put in place). Only for a doctor holding the
/// exclusive hold, so none of them is in use.
/// Returns the names of the files it removed.
pub fn remove_leftovers(db: &Path) -> Vec<String> {
    let name = super::db_name(db);
    let Some(Ok(dir)) = db.parent().map(std::fs::read_dir) else {
        return Vec::new();
    };
    let mut removed = Vec::new();
    for e in dir.flatten() {
        let n = e.file_name().to_string_lossy().into_owned();
        if (n.starts_with(&format!("{name}.doctor-")) || n.starts_with(&format!("{name}.new-")))
            && std::fs::remove_file(e.path()).is_ok()
        {
            removed.push(n);
        }
    }
    removed.sort();
    removed
}

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

/// A private copy beside the database, removed when dropped.
pub struct Scratch {
    pub path: PathBuf,
}

impl Scratch {
    /// `nook.redb.doctor-PID-N`: beside the database, so it is on the same
    /// disk and never in a shared temp folder.
    pub fn new(db: &Path, what: &str) -> Scratch {
        static N: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let name = super::db_name(db);
        let path = db.with_file_name(format!("{name}.{what}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_file(&path);
        Scratch { path }
    }

    /// A copy of `from`, private to this user.
    pub fn copy_of(db: &Path, from: &Path) -> Result<Scratch, StoreError> {
        let scratch = Scratch::new(db, "doctor");
        let io = |e: std::io::Error| StoreError::Io {
            path: from.to_path_buf(),
            detail: format!("cannot copy it to check it: {e}"),
        };
        let mut opts = std::fs::OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
        let mut out = opts.open(&scratch.path).map_err(io)?;
        let mut input = std::fs::File::open(from).map_err(io)?;
        std::io::copy(&mut input, &mut out).map_err(io)?;
        Ok(scratch)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Checks the database at `db` on a private copy: redb's integrity check,
/// then every row of every table decoded. Problems are collected; an error
/// is a file that does not open (damaged, busy, newer).
pub fn check(db: &Path) -> Result<Health, StoreError> {
    let copy = Scratch::copy_of(db, db)?;
    let mut store = Store::open_file(&copy.path, db)?;
    Ok(check_store(&mut store))
}

fn check_store(store: &mut Store) -> Health {
    let mut health = Health::default();
    let Some(db) = store.db.writer() else {
        health
            .problems
            .push("the database was opened only to read, so it could not be checked".into());
        return health;
    };
    match unpanic(|| db.check_integrity()) {
        Ok(Ok(true)) => {}
        Ok(Ok(false)) => health
            .problems
            .push("redb found its internal structures damaged (a copy was repaired to check it)".into()),
        Ok(Err(e)) => health.problems.push(format!("integrity check failed: {e}")),
        Err(_) => health.problems.push(format!("integrity check stopped: {PAGE}")),
    }
    let scan = unpanic(|| -> Result<(), StoreError> {
        let txn = store.db.begin_read()?;
        macro_rules! scan {
            ($table:expr, $name:literal, $label:literal, $ty:ty) => {
                scan!($table, $label, |v| decode::<$ty>($name, v).map(|_| ()))
            };
            ($table:expr, $label:literal, $check:expr) => {{
                let mut n = 0u64;
                if let Some(t) = super::missing_ok(txn.open_table($table))? {
                    for row in t.iter()? {
                        let (_, v) = row?;
                        n += 1;
                        if let Err(e) = $check(v.value()) {
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
        scan!(SUMMARIES, "summaries", super::summary_record::check);
        scan!(OPLOG, "operation", "operations", LogEntry);
        // Each summary is written with its app's rows: another count means
        // a read stopped early at a damaged page.
        let items = super::missing_ok(txn.open_table(ITEMS))?;
        let entries = super::missing_ok(txn.open_table(ENTRIES))?;
        if let Some(t) = super::missing_ok(txn.open_table(SUMMARIES))? {
            for row in t.iter()? {
                let (k, v) = row?;
                let Ok(summary) = super::summary_record::whole(v.value()) else {
                    continue; // listed above
                };
                let app = k.value();
                let mut counts = Vec::new();
                if let Some(items) = &items {
                    let n = items.range((app, 0u128)..=(app, u128::MAX))?.count();
                    counts.push(("items", summary.items, n));
                }
                if let Some(entries) = &entries {
                    for (name, series) in &summary.series {
                        let n = entries
                            .range((app, name.as_str(), i32::MIN)..=(app, name.as_str(), i32::MAX))?
                            .count();
                        counts.push(("tracker entries", u64::from(series.days), n));
                    }
                }
                for (what, held, n) in counts {
                    if let Err(e) = super::export::short(app, what, held, n) {
                        health.problems.push(e.at(&store.path).to_string());
                    }
                }
            }
        }
        Ok(())
    });
    match scan {
        Ok(Ok(())) => {}
        Ok(Err(e)) => health.problems.push(e.to_string()),
        Err(_) => health.problems.push(format!("reading stopped: {PAGE}")),
    }
    health
}

/// What [`salvage`] copied.
#[derive(Debug, Default)]
pub struct Salvage {
    /// Rows copied, by table.
    pub copied: BTreeMap<&'static str, u64>,
    /// Rows the old file held, by table, where redb could say.
    pub held: BTreeMap<&'static str, u64>,
    /// Rows or tables that could not be read, each with why.
    pub lost: Vec<String>,
    /// Tables whose walk stopped, with why; moved to `lost` unless every
    /// row the table held was saved anyway.
    stopped: Vec<(&'static str, String)>,
}

impl Salvage {
    /// Whether fewer rows came across than the old file held.
    pub fn short(&self) -> bool {
        self.held
            .iter()
            .any(|(t, held)| self.copied.get(t).copied().unwrap_or(0) < *held)
    }
}

/// Copies every readable row of the database at `damaged` into `fresh`,
/// which must not exist yet. `damaged` is never opened: two private copies
/// are read, one read-only and one opened writable so redb may repair it,
/// each table walked forwards and backwards, app by app, and key by key
/// between bad pages. App summaries and each app's operation index are
/// rebuilt from the rows that were copied. `apps` names apps to look for
/// beyond those the file itself names.
pub fn salvage(damaged: &Path, fresh: &Path) -> Result<Salvage, StoreError> {
    salvage_apps(damaged, fresh, &[])
}

pub fn salvage_apps(damaged: &Path, fresh: &Path, apps: &[String]) -> Result<Salvage, StoreError> {
    if fresh.exists() {
        return Err(StoreError::Invalid(format!(
            "{}: already exists; salvage writes only a new file",
            fresh.display()
        )));
    }
    let mut out = Salvage::default();
    let mut rows = Rows::default();
    let mut opened = Vec::new();
    // Read-only first: it reads the file exactly as it is.
    let first = Scratch::copy_of(damaged, damaged)?;
    let builder = || {
        let mut b = redb::Builder::new();
        b.set_concurrency_mode(redb::ConcurrencyMode::MultiWriter);
        b
    };
    // The open, the reads and the close (which writes, on the writable
    // copy) all run under the catch: any of them can stop on a bad page.
    fn read<D: ReadableDatabase>(
        db: Result<D, redb::DatabaseError>,
        apps: &[String],
        rows: &mut Rows,
        out: &mut Salvage,
    ) -> Result<(), String> {
        let db = db.map_err(|e| e.to_string())?;
        let txn = db.begin_read().map_err(|e| e.to_string())?;
        read_all(&txn, apps, rows, out);
        Ok(())
    }
    let done = unpanic(|| read(builder().open_read_only(&first.path), apps, &mut rows, &mut out));
    if let Some(why) = failed(done) {
        opened.push(format!("read-only: {why}"));
    }
    // Then writable, on another copy: redb repairs what it can on open.
    let second = Scratch::copy_of(damaged, damaged)?;
    let done = unpanic(|| read(builder().create(&second.path), apps, &mut rows, &mut out));
    if let Some(why) = failed(done) {
        opened.push(format!("repaired copy: {why}"));
    }
    if opened.len() == 2 {
        out.lost.push(format!("the whole file: {}", opened.join("; ")));
    }
    drop((first, second));
    let store = Store::open_file(fresh, fresh)?;
    write_all(&store, rows, &mut out)?;
    // A walk that stopped lost rows unless the rows saved are as many as
    // the table held; each table is named once, whichever copy stopped.
    let mut named = BTreeSet::new();
    for (table, why) in std::mem::take(&mut out.stopped) {
        let proven = out
            .held
            .get(table)
            .is_some_and(|h| out.copied.get(table).copied().unwrap_or(0) >= *h);
        if !proven && table != "summaries" && named.insert(table) {
            out.lost.push(format!(
                "table {table}: reading stopped at a damaged page ({})",
                super::error::printable(&why)
            ));
        }
    }
    Ok(out)
}

/// Why a read under the catch did not finish, if it did not.
fn failed(done: Result<Result<(), String>, String>) -> Option<String> {
    match done {
        Ok(Ok(())) => None,
        Ok(Err(e)) => Some(e),
        Err(_) => Some(PAGE.into()),
    }
}

#[derive(Default)]
struct Rows {
    meta: BTreeMap<String, Vec<u8>>,
    items: BTreeMap<(String, u128), Vec<u8>>,
    entries: BTreeMap<(String, String, i32), Vec<u8>>,
    timers: BTreeMap<String, Vec<u8>>,
    sessions: BTreeMap<(String, i64), Vec<u8>>,
    summaries: BTreeMap<String, Vec<u8>>,
    oplog: BTreeMap<u64, Vec<u8>>,
    /// Schema 1's items, keyed by counter: given their UUIDs on the way in.
    items_v1: BTreeMap<(String, u64), Vec<u8>>,
    /// What sync needs, copied as it is: unsent operations, the stamps.
    outbox: BTreeMap<(i64, u32), Vec<u8>>,
    item_meta: BTreeMap<(String, u128), Vec<u8>>,
    day_meta: BTreeMap<(String, String, i32), Vec<u8>>,
    merge_meta: BTreeMap<String, Vec<u8>>,
    parked: BTreeMap<(String, i64, u32, String), Vec<u8>>,
}

/// Runs one read; a panic or an error is the reason it stopped.
fn attempt<T>(f: impl FnOnce() -> Result<T, redb::StorageError>) -> Result<T, String> {
    match unpanic(f) {
        Ok(Ok(t)) => Ok(t),
        Ok(Err(e)) => Err(e.to_string()),
        Err(_) => Err(PAGE.into()),
    }
}

/// Takes rows from `range` until one cannot be read.
fn drain<'a, K: redb::Key + 'static, O: Ord>(
    range: redb::Range<'a, K, &'static [u8]>,
    rev: bool,
    own: &dyn Fn(K::SelfType<'_>) -> O,
    into: &mut BTreeMap<O, Vec<u8>>,
) -> Result<(), String> {
    let rows: Box<dyn Iterator<Item = _> + 'a> = if rev {
        Box::new(range.rev())
    } else {
        Box::new(range)
    };
    let mut rows = rows;
    loop {
        // The guards decode on `value()`, which can panic on a bad page too.
        let next = unpanic(|| match rows.next() {
            None => Ok(None),
            Some(Ok((k, v))) => Ok(Some((own(k.value()), v.value().to_vec()))),
            Some(Err(e)) => Err(e.to_string()),
        })
        .map_err(|_| PAGE.to_string())?;
        match next? {
            None => return Ok(()),
            Some((k, v)) => {
                into.insert(k, v);
            }
        }
    }
}

/// Walks one table through every path that opens: whole, backwards, and
/// each app's range both ways; returns why walks stopped, if any did.
macro_rules! walk {
    ($txn:expr, $def:expr, $into:expr, $own:expr, $apps:expr, |$t:ident, $a:ident, $z:ident| $range:expr) => {{
        let mut stops: Vec<String> = Vec::new();
        let mut held = None;
        match attempt(|| match $txn.open_table($def) {
            Ok(t) => Ok(Some(t)),
            Err(redb::TableError::TableDoesNotExist(_)) => Ok(None),
            Err(redb::TableError::Storage(e)) => Err(e),
            Err(e) => Err(redb::StorageError::Corrupted(e.to_string())),
        }) {
            Err(e) => stops.push(e),
            Ok(None) => {}
            Ok(Some(t)) => {
                held = attempt(|| t.len()).ok();
                for rev in [false, true] {
                    if let Err(e) = attempt(|| t.iter()).and_then(|r| drain(r, rev, &$own, &mut $into)) {
                        stops.push(e);
                    }
                }
                if !stops.is_empty() {
                    for app in $apps {
                        let end = after(app);
                        let ($t, $a, $z) = (&t, app.as_str(), end.as_str());
                        for rev in [false, true] {
                            let _ = attempt(|| $range).and_then(|r| drain(r, rev, &$own, &mut $into));
                        }
                    }
                }
            }
        }
        (held, stops)
    }};
}

/// The smallest string after every string that starts with `app`'s key:
/// the bound that ends one app's range.
fn after(app: &str) -> String {
    format!("{app}\0")
}

fn read_all(txn: &ReadTransaction, hint: &[String], rows: &mut Rows, out: &mut Salvage) {
    let mut stops: Vec<(&'static str, Vec<String>)> = Vec::new();
    let mut note = |table: &'static str, held: Option<u64>, s: Vec<String>, out: &mut Salvage| {
        if let Some(h) = held {
            let e = out.held.entry(table).or_insert(0);
            *e = (*e).max(h);
        }
        if !s.is_empty() {
            stops.push((table, s));
        }
    };
    let no_apps: Vec<String> = Vec::new();
    let (h, s) = walk!(
        txn,
        META,
        rows.meta,
        |k: &str| k.to_string(),
        &no_apps,
        |t, a, z| t.range(a..z)
    );
    note("meta", h, s, out);
    let (h, s) = walk!(
        txn,
        SUMMARIES,
        rows.summaries,
        |k: &str| k.to_string(),
        &no_apps,
        |t, a, z| t.range(a..z)
    );
    note("summaries", h, s, out);
    let (h, s) = walk!(txn, OPLOG, rows.oplog, |k: u64| k, &no_apps, |t, _a, _z| t
        .range(0u64..0u64));
    note("oplog", h, s, out);
    // Every app the file or the caller names.
    let mut apps: BTreeSet<String> = hint.iter().cloned().collect();
    apps.extend(rows.summaries.keys().cloned());
    apps.extend(
        rows.meta
            .keys()
            .filter_map(|k| k.strip_prefix("created.").map(String::from)),
    );
    apps.extend(
        rows.oplog
            .values()
            .filter_map(|v| decode::<LogEntry>("operation", v).ok())
            .map(|e| e.app),
    );
    let (h, s) = walk!(
        txn,
        ITEMS,
        rows.items,
        |k: (&str, u128)| (k.0.to_string(), k.1),
        &apps,
        |t, a, z| t.range((a, 0u128)..(z, 0u128))
    );
    note("items", h, s, out);
    apps.extend(rows.items.keys().map(|k| k.0.clone()));
    let (h, s) = walk!(
        txn,
        ENTRIES,
        rows.entries,
        |k: (&str, &str, i32)| (k.0.to_string(), k.1.to_string(), k.2),
        &apps,
        |t, a, z| t.range((a, "", i32::MIN)..(z, "", i32::MIN))
    );
    note("entries", h, s, out);
    let (h, s) = walk!(
        txn,
        TIMERS,
        rows.timers,
        |k: &str| k.to_string(),
        &apps,
        |t, a, z| t.range(a..z)
    );
    note("timers", h, s, out);
    let (h, s) = walk!(
        txn,
        SESSIONS,
        rows.sessions,
        |k: (&str, i64)| (k.0.to_string(), k.1),
        &apps,
        |t, a, z| t.range((a, i64::MIN)..(z, i64::MIN))
    );
    note("sessions", h, s, out);
    let (h, s) = walk!(
        txn,
        ITEMS_V1,
        rows.items_v1,
        |k: (&str, u64)| (k.0.to_string(), k.1),
        &apps,
        |t, a, z| t.range((a, 0u64)..(z, 0u64))
    );
    note("items (schema 1)", h, s, out);
    // Sync's tables: read whole where they read; what is lost of them is
    // stamps and unsent changes, never what the apps show.
    let (h, s) = walk!(
        txn,
        OUTBOX,
        rows.outbox,
        |k: (i64, u32)| k,
        &no_apps,
        |t, _a, _z| t.range((0i64, 0u32)..(0i64, 0u32))
    );
    note("outbox", h, s, out);
    let (h, s) = walk!(
        txn,
        ITEM_META,
        rows.item_meta,
        |k: (&str, u128)| (k.0.to_string(), k.1),
        &apps,
        |t, a, z| t.range((a, 0u128)..(z, 0u128))
    );
    note("item_meta", h, s, out);
    let (h, s) = walk!(
        txn,
        DAY_META,
        rows.day_meta,
        |k: (&str, &str, i32)| (k.0.to_string(), k.1.to_string(), k.2),
        &apps,
        |t, a, z| t.range((a, "", i32::MIN)..(z, "", i32::MIN))
    );
    note("day_meta", h, s, out);
    let (h, s) = walk!(
        txn,
        MERGE_META,
        rows.merge_meta,
        |k: &str| k.to_string(),
        &no_apps,
        |t, a, z| t.range(a..z)
    );
    note("merge_meta", h, s, out);
    let (h, s) = walk!(
        txn,
        PARKED,
        rows.parked,
        |k: (&str, i64, u32, &str)| (k.0.to_string(), k.1, k.2, k.3.to_string()),
        &no_apps,
        |t, _a, _z| t.range(("", 0i64, 0u32, "")..("", 0i64, 0u32, ""))
    );
    note("parked", h, s, out);
    let stopped: BTreeSet<&str> = stops.iter().map(|(t, _)| *t).collect();
    // Between bad pages: one key at a time where keys are numbered.
    if stopped.contains("oplog") {
        let last = rows
            .meta
            .get("seq")
            .and_then(|v| super::read::meta_number("seq", v).ok())
            .unwrap_or(0)
            .max(rows.oplog.keys().last().copied().unwrap_or(0));
        probe(
            txn,
            OPLOG,
            1..=last.min(PROBES),
            |id| id,
            |id| id,
            &mut rows.oplog,
        );
    }
    // Item ids are UUIDs, not counted: there is no next key to probe
    // between bad pages; the walks above from both ends are what is saved.
    if stopped.contains("timers") || stopped.contains("summaries") {
        for app in &apps {
            probe(
                txn,
                TIMERS,
                [app.as_str()],
                |a| a,
                |a| a.to_string(),
                &mut rows.timers,
            );
            probe(
                txn,
                SUMMARIES,
                [app.as_str()],
                |a| a,
                |a| a.to_string(),
                &mut rows.summaries,
            );
        }
    }
    for (table, mut s) in stops {
        s.sort();
        s.dedup();
        out.stopped.push((table, s.join("; ")));
    }
}

/// Reads single keys, skipping those that cannot be read.
fn probe<'k, K: redb::Key + 'static, I: Copy, O: Ord>(
    txn: &ReadTransaction,
    def: redb::TableDefinition<'static, K, &'static [u8]>,
    ids: impl IntoIterator<Item = I>,
    key: impl Fn(I) -> K::SelfType<'k>,
    own: impl Fn(I) -> O,
    into: &mut BTreeMap<O, Vec<u8>>,
) {
    let Ok(Ok(t)) = unpanic(|| txn.open_table(def)) else {
        return;
    };
    for id in ids {
        if let Ok(Some(v)) = attempt(|| t.get(key(id)).map(|v| v.map(|v| v.value().to_vec()))) {
            into.entry(own(id)).or_insert(v);
        }
    }
}

/// Keeps the rows whose value decodes; lists the others as lost.
fn valid<K: std::fmt::Debug + Ord, T: serde::de::DeserializeOwned>(
    what: &str,
    rows: BTreeMap<K, Vec<u8>>,
    lost: &mut Vec<String>,
) -> BTreeMap<K, Vec<u8>> {
    valid_by(what, rows, lost, |v| decode::<T>(what, v).map(|_| ()))
}

/// The rows `check` reads; the others are named in `lost`.
fn valid_by<K: std::fmt::Debug + Ord>(
    what: &str,
    rows: BTreeMap<K, Vec<u8>>,
    lost: &mut Vec<String>,
    check: impl Fn(&[u8]) -> Result<(), StoreError>,
) -> BTreeMap<K, Vec<u8>> {
    rows.into_iter()
        .filter(|(k, v)| match check(v) {
            Ok(_) => true,
            Err(e) => {
                lost.push(format!("{what} {k:?}: {e}"));
                false
            }
        })
        .collect()
}

fn write_all(store: &Store, rows: Rows, out: &mut Salvage) -> Result<(), StoreError> {
    let lost = &mut out.lost;
    let mut items = valid::<_, Item>("item", rows.items, lost);
    let v1 = valid::<_, Item>("item", rows.items_v1, lost);
    out.copied.insert("items (schema 1)", v1.len() as u64);
    for ((app, _), v) in v1 {
        let item = super::upgrade::legacy_item(&app, decode("item", &v)?);
        items.insert((app, item.id.0), encode(&item));
    }
    let entries = valid::<_, Entry>("entry", rows.entries, lost);
    let timers = valid::<_, TimerState>("timer", rows.timers, lost);
    let sessions = valid::<_, Session>("session", rows.sessions, lost);
    let old_summaries = valid_by("summary", rows.summaries, lost, super::summary_record::check);
    let mut oplog = valid::<_, LogEntry>("operation", rows.oplog, lost);
    for v in oplog.values_mut() {
        // Schema 1's counters, as the items were given theirs.
        *v = encode(&super::upgrade::legacy_entry(decode("operation", v)?));
    }
    // Summaries are counted again from the rows saved; the old one gives
    // only what rows cannot tell (today's timer figures, the kind, the next
    // id, never lowered so ids are never reused).
    let mut app_items: BTreeMap<String, Vec<Item>> = BTreeMap::new();
    for ((app, _), v) in &items {
        app_items.entry(app.clone()).or_default().push(decode("item", v)?);
    }
    let mut app_series: BTreeMap<String, BTreeMap<String, (u32, i32)>> = BTreeMap::new();
    for (app, series, day) in entries.keys() {
        let (days, last) = app_series
            .entry(app.clone())
            .or_default()
            .entry(series.clone())
            .or_insert((0, *day));
        *days += 1;
        *last = (*last).max(*day);
    }
    let mut app_sessions: BTreeMap<String, u64> = BTreeMap::new();
    for (app, _) in sessions.keys() {
        *app_sessions.entry(app.clone()).or_default() += 1;
    }
    let apps: BTreeSet<String> = old_summaries
        .keys()
        .chain(app_items.keys())
        .chain(app_series.keys())
        .chain(app_sessions.keys())
        .cloned()
        .collect();
    let mut summaries: BTreeMap<String, AppSummary> = BTreeMap::new();
    for app in apps {
        let mut s = AppSummary::recount(
            app_items.get(&app).map_or(&[][..], Vec::as_slice),
            app_series.remove(&app).unwrap_or_default(),
            app_sessions.get(&app).copied().unwrap_or(0),
        );
        if let Some(v) = old_summaries.get(&app) {
            let old: AppSummary = super::summary_record::whole(v)?;
            s.last_id = s.last_id.max(old.last_id);
            s.sessions_day = old.sessions_day;
            s.sessions_today = old.sessions_today;
            s.focus_today = old.focus_today;
            s.updated = old.updated;
            s.kind = old.kind;
        }
        summaries.insert(app, s);
    }
    // An operation names its app and group: the per-app index is rebuilt.
    let mut app_ops: Vec<((String, u64), u64)> = Vec::new();
    for v in oplog.values() {
        let e: LogEntry = decode("operation", v)?;
        app_ops.push(((e.app, e.id), e.group));
    }
    let seq = oplog.keys().max().copied().unwrap_or(0).max(
        rows.meta
            .get("seq")
            .and_then(|v| super::read::meta_number("seq", v).ok())
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
        for ((a, id), v) in &items {
            t.insert((a.as_str(), *id), v.as_slice())?;
        }
        out.copied.insert("items", items.len() as u64);
        let mut t = txn.open_table(ENTRIES)?;
        for ((a, s, d), v) in &entries {
            t.insert((a.as_str(), s.as_str(), *d), v.as_slice())?;
        }
        out.copied.insert("entries", entries.len() as u64);
        let mut t = txn.open_table(TIMERS)?;
        for (a, v) in &timers {
            t.insert(a.as_str(), v.as_slice())?;
        }
        out.copied.insert("timers", timers.len() as u64);
        let mut t = txn.open_table(SESSIONS)?;
        for ((a, end), v) in &sessions {
            t.insert((a.as_str(), *end), v.as_slice())?;
        }
        out.copied.insert("sessions", sessions.len() as u64);
        let mut t = txn.open_table(OPLOG)?;
        for (id, v) in &oplog {
            t.insert(*id, v.as_slice())?;
        }
        out.copied.insert("oplog", oplog.len() as u64);
        let mut t = txn.open_table(APP_OPS)?;
        for ((a, id), g) in &app_ops {
            t.insert((a.as_str(), *id), *g)?;
        }
        let mut t = txn.open_table(SUMMARIES)?;
        for (app, s) in &summaries {
            t.insert(app.as_str(), encode(s).as_slice())?;
        }
        out.copied.insert("summaries", summaries.len() as u64);
        let mut t = txn.open_table(OUTBOX)?;
        for (k, v) in &rows.outbox {
            t.insert(*k, v.as_slice())?;
        }
        let mut t = txn.open_table(ITEM_META)?;
        for ((a, id), v) in &rows.item_meta {
            t.insert((a.as_str(), *id), v.as_slice())?;
        }
        let mut t = txn.open_table(DAY_META)?;
        for ((a, series, day), v) in &rows.day_meta {
            t.insert((a.as_str(), series.as_str(), *day), v.as_slice())?;
        }
        let mut t = txn.open_table(MERGE_META)?;
        for (k, v) in &rows.merge_meta {
            t.insert(k.as_str(), v.as_slice())?;
        }
        let mut t = txn.open_table(PARKED)?;
        for ((a, ms, n, d), v) in &rows.parked {
            t.insert((a.as_str(), *ms, *n, d.as_str()), v.as_slice())?;
        }
        for (table, n) in [
            ("outbox", rows.outbox.len()),
            ("item_meta", rows.item_meta.len()),
            ("day_meta", rows.day_meta.len()),
            ("merge_meta", rows.merge_meta.len()),
            ("parked", rows.parked.len()),
        ] {
            out.copied.insert(table, n as u64);
        }
    }
    txn.commit()?;
    // Summaries are rebuilt, not copied: one lost is not data lost.
    out.held.remove("summaries");
    Ok(())
}
