//! Schema 1 to 2: items keyed by counters become UUIDv7 items, and what is
//! stored gets the stamps and outbox rows sync needs, in one transaction.
//! The file as it was is kept beside the database until that commits.

use std::path::{Path, PathBuf};

use redb::{ReadableTable, WriteTransaction};

use super::codec::{decode, encode};
use super::error::StoreError;
use super::intent::{self, Intent, SyncOp};
use super::log::{LogEntry, Op, Prior};
use super::read::Entry;
use super::stamp::Clock;
use super::tables::*;
use crate::model::Item;
use crate::model::item_id::ItemId;
use crate::model::timer::{Session, TimerState};

/// Where the file is kept during an upgrade.
pub fn kept_path(db: &Path) -> PathBuf {
    db.with_file_name(format!("{}.before-upgrade", super::db_name(db)))
}

/// A schema-1 item under its new id.
pub(crate) fn legacy_item(app: &str, mut item: Item) -> Item {
    if item.id.is_legacy() {
        item.id = ItemId::from_legacy(app, item.id.0 as u64, item.created);
    }
    item
}

/// A schema-1 log entry with its item ids mapped as the items were.
pub(crate) fn legacy_entry(mut e: LogEntry) -> LogEntry {
    let app = e.app.clone();
    let created = match &e.before {
        Some(Prior::Item(b)) => Some(b.created),
        _ => None,
    };
    if let Some(Prior::Item(b)) = &mut e.before {
        *b = legacy_item(&app, b.clone());
    }
    match &mut e.op {
        Op::PutItem { item } => *item = legacy_item(&app, item.clone()),
        Op::DeleteItem { id } if id.is_legacy() => {
            *id = ItemId::from_legacy(&app, id.0 as u64, created.unwrap_or(0));
        }
        _ => {}
    }
    e
}

/// Rewrites a schema-1 database as schema 2 inside `txn`.
pub(crate) fn run(txn: &WriteTransaction, device: &str, now_ms: i64) -> Result<(), StoreError> {
    let mut clock = Clock::default();
    let mut outbox = txn.open_table(OUTBOX)?;
    let mut send =
        |clock: &mut Clock, app: &str, intent: Intent| -> Result<super::stamp::Stamp, StoreError> {
            let at = clock.tick(now_ms, device);
            let op = SyncOp {
                at: at.clone(),
                app: app.to_string(),
                intent,
            };
            outbox.insert((at.ms, at.n), encode(&op).as_slice())?;
            Ok(at)
        };
    {
        let old = super::missing_ok(txn.open_table(ITEMS_V1))?;
        let mut items = txn.open_table(ITEMS)?;
        let mut metas = txn.open_table(ITEM_META)?;
        if let Some(old) = old {
            for row in old.iter()? {
                let (k, v) = row?;
                let app = k.value().0.to_string();
                let item = legacy_item(&app, decode::<Item>("item", v.value())?);
                items.insert((app.as_str(), item.id.0), encode(&item).as_slice())?;
                let at = send(&mut clock, &app, Intent::Create { item: item.clone() })?;
                metas.insert(
                    (app.as_str(), item.id.0),
                    encode(&intent::made_at(&item, &at)).as_slice(),
                )?;
            }
        }
    }
    if super::missing_ok(txn.open_table(ITEMS_V1))?.is_some() {
        txn.delete_table(ITEMS_V1)?;
    }
    {
        let entries = txn.open_table(ENTRIES)?;
        let mut metas = txn.open_table(DAY_META)?;
        for row in entries.iter()? {
            let (k, v) = row?;
            let (app, series, day) = k.value();
            let e: Entry = decode("entry", v.value())?;
            let at = send(
                &mut clock,
                app,
                Intent::SetDay {
                    series: series.to_string(),
                    day,
                    value: e.value,
                    updated: Some(e.updated),
                },
            )?;
            metas.insert(
                (app, series, day),
                encode(&intent::day_set_at(e.value, e.updated, &at)).as_slice(),
            )?;
        }
    }
    {
        let timers = txn.open_table(TIMERS)?;
        let mut metas = txn.open_table(MERGE_META)?;
        for row in timers.iter()? {
            let (k, v) = row?;
            let state: TimerState = decode("timer", v.value())?;
            if state == TimerState::default() {
                continue;
            }
            let at = send(&mut clock, k.value(), Intent::Timer { state })?;
            metas.insert(
                intent::timer_key(k.value()).as_str(),
                encode(&intent::timer_at(&at)).as_slice(),
            )?;
        }
        let sessions = txn.open_table(SESSIONS)?;
        for row in sessions.iter()? {
            let (k, v) = row?;
            let session: Session = decode("session", v.value())?;
            send(&mut clock, k.value().0, Intent::AddSession { session })?;
        }
    }
    {
        let mut log = txn.open_table(OPLOG)?;
        let mut rewritten = Vec::new();
        for row in log.iter()? {
            let (k, v) = row?;
            // An entry that does not read is left as it is: undo skips it.
            if let Ok(e) = decode::<LogEntry>("operation", v.value()) {
                rewritten.push((k.value(), encode(&legacy_entry(e))));
            }
        }
        for (k, v) in rewritten {
            log.insert(k, v.as_slice())?;
        }
    }
    let mut meta = txn.open_table(META)?;
    meta.insert("hlc", clock.encode().as_slice())?;
    meta.insert("schema", 2u64.to_le_bytes().as_slice())?;
    Ok(())
}
