//! Deleting every row of one app id, for good: its items, tracker entries,
//! timer, sessions, summary, history and usage, in one transaction.

use redb::ReadableTable;

use super::Store;
use super::error::StoreError;
use super::tables::*;

/// What a purge deleted.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Purged {
    pub items: u64,
    pub entries: u64,
    pub sessions: u64,
    pub operations: u64,
}

impl Purged {
    pub fn is_empty(&self) -> bool {
        *self == Purged::default()
    }
}

impl Store {
    /// Removes everything stored under `app`. Other apps' rows, and the
    /// operation counter, are untouched.
    pub fn purge(&self, app: &str) -> Result<Purged, StoreError> {
        let run = || -> Result<Purged, StoreError> {
            let txn = self.begin_write()?;
            let mut out = Purged::default();
            {
                let mut t = txn.open_table(ITEMS)?;
                let keys: Vec<u128> = t
                    .range((app, 0u128)..=(app, u128::MAX))?
                    .map(|r| r.map(|(k, _)| k.value().1))
                    .collect::<Result<_, _>>()?;
                for id in keys {
                    t.remove((app, id))?;
                    out.items += 1;
                }
            }
            {
                let mut t = txn.open_table(ENTRIES)?;
                let mut keys: Vec<(String, i32)> = Vec::new();
                for row in t.range((app, "", i32::MIN)..)? {
                    let (k, _) = row?;
                    let (a, series, day) = k.value();
                    if a != app {
                        break;
                    }
                    keys.push((series.to_string(), day));
                }
                for (series, day) in keys {
                    t.remove((app, series.as_str(), day))?;
                    out.entries += 1;
                }
            }
            {
                let mut t = txn.open_table(SESSIONS)?;
                let keys: Vec<i64> = t
                    .range((app, i64::MIN)..=(app, i64::MAX))?
                    .map(|r| r.map(|(k, _)| k.value().1))
                    .collect::<Result<_, _>>()?;
                for end in keys {
                    t.remove((app, end))?;
                    out.sessions += 1;
                }
            }
            super::rollup::remove_app(&mut txn.open_table(ROLLUPS)?, app)?;
            txn.open_table(ROLLUP_KEYS)?.remove(app)?;
            super::view_index::remove_app(&txn, app)?;
            txn.open_table(TIMERS)?.remove(app)?;
            // The date index's rows are on the days the summary counted.
            let due_days = txn
                .open_table(SUMMARIES)?
                .get(app)?
                .and_then(|v| super::summary_record::whole(v.value()).ok())
                .and_then(|s| s.due);
            if let Some(d) = due_days {
                super::due_index::remove_app(&txn, app, d.days.keys().copied())?;
            }
            txn.open_table(SUMMARIES)?.remove(app)?;
            super::merge::forget_app(&txn, app)?;
            {
                let mut index = txn.open_table(APP_OPS)?;
                let mut log = txn.open_table(OPLOG)?;
                let ids: Vec<u64> = index
                    .range((app, 0u64)..=(app, u64::MAX))?
                    .map(|r| r.map(|(k, _)| k.value().1))
                    .collect::<Result<_, _>>()?;
                for id in ids {
                    index.remove((app, id))?;
                    log.remove(id)?;
                    out.operations += 1;
                }
            }
            {
                let mut meta = txn.open_table(META)?;
                meta.remove(format!("created.{app}").as_str())?;
                meta.remove(format!("ui.opened.{app}").as_str())?;
                meta.remove(format!("ui.view.{app}").as_str())?;
                // The reminders `nook remind` sent for the app's items.
                let sent = format!("ui.reminded.{app}.");
                let mut keys = Vec::new();
                for row in meta.range(sent.as_str()..)? {
                    let (k, _) = row?;
                    if !k.value().starts_with(&sent) {
                        break;
                    }
                    keys.push(k.value().to_string());
                }
                for k in keys {
                    meta.remove(k.as_str())?;
                }
            }
            txn.commit()?;
            Ok(out)
        };
        super::unpanic(run)
            .map_err(|detail| StoreError::Db(format!("{}: {detail}", self.path().display())))?
    }
}
