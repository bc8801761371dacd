//! Operations as the user meant them, and the one way they change stored
//! data, whether made here or imported from another machine.
//!
//! Each piece of data merges so that the order operations arrive in never
//! matters, and an operation arriving twice changes nothing:
//! - an item's text, done mark and each field are last-writer-wins
//!   registers (the later stamp wins);
//! - a delete is a tombstone that wins over every edit of the item, earlier
//!   or later; only making the item again (undo of the delete) brings it
//!   back, with the values it carries;
//! - a tracker day is a counter: the deltas logged add up, and setting the
//!   day outright starts it again from that value (later deltas add to it);
//! - a timer's state is last-writer-wins; sessions are a set, where a
//!   taken-out session stays out.

use std::collections::BTreeMap;

use redb::ReadableTable;

use super::codec::{decode, encode};
use super::error::StoreError;
use super::intent::*;
use super::stamp::Stamp;
use super::tables::*;
use super::write::Tx;
use crate::model::Item;
use crate::model::item_id::ItemId;

impl Tx<'_> {
    /// Merges one operation into the stored data. Local writes come here
    /// after [`Tx::apply`] has stamped them, imports straight from the
    /// other machines' files; either way the summary follows.
    pub(crate) fn merge(&mut self, op: &SyncOp) -> Result<Merged, StoreError> {
        let app = self.app_id();
        let at = &op.at;
        match &op.intent {
            Intent::Create { item } => self.merge_item(item.id, |meta, held| {
                let fresh = held.is_none();
                let mut cur = held.unwrap_or_else(|| Item {
                    values: BTreeMap::new(),
                    ..item.clone()
                });
                if fresh || meta.made.is_none() {
                    cur.created = item.created;
                }
                // A create carries the item's own times (an import keeps
                // them), and whichever came first, an edit or the create,
                // the later time stands: its parts do not move `updated`.
                cur.updated = cur.updated.max(item.updated);
                for (part, value) in parts_of(item) {
                    meta.set(&mut cur, &part, value.as_ref(), at, false);
                }
                // A field the create leaves out is taken away, as of the create.
                let absent: Vec<String> = cur
                    .values
                    .keys()
                    .filter(|k| !item.values.contains_key(*k))
                    .cloned()
                    .collect();
                for k in absent {
                    meta.set(&mut cur, &Part::Field(k), None, at, false);
                }
                if meta.made.as_ref().is_none_or(|m| at > m) {
                    meta.made = Some(at.clone());
                }
                cur
            }),
            Intent::Set { id, part, value } => self.merge_item(*id, |meta, held| {
                let mut cur = held.unwrap_or_else(|| Item {
                    id: *id,
                    text: String::new(),
                    done: false,
                    created: at.ms,
                    updated: at.ms,
                    values: BTreeMap::new(),
                });
                meta.set(&mut cur, part, value.as_ref(), at, true);
                cur
            }),
            Intent::Delete { id } => self.merge_item(*id, |meta, held| {
                if meta.gone.as_ref().is_none_or(|g| at > g) {
                    meta.gone = Some(at.clone());
                }
                held.unwrap_or_else(|| Item {
                    id: *id,
                    text: String::new(),
                    done: false,
                    // A delete says nothing of the item's times.
                    created: 0,
                    updated: 0,
                    values: BTreeMap::new(),
                })
            }),
            Intent::AddDay { series, day, delta } => self.merge_day(series, *day, |m| {
                if !m.adds.iter().any(|(s, _)| s == at) {
                    let pos = m.adds.partition_point(|(s, _)| s < at);
                    m.adds.insert(pos, (at.clone(), *delta));
                }
            }),
            Intent::SetDay {
                series,
                day,
                value,
                updated,
            } => self.merge_day(series, *day, |m| {
                if m.set_at.as_ref().is_none_or(|s| at > s) {
                    m.base = *value;
                    m.set_at = Some(at.clone());
                    m.base_updated = *updated;
                }
            }),
            Intent::Timer { state } => {
                let key = timer_key(app);
                let mut t = self.txn().open_table(MERGE_META)?;
                let meta: TimerMeta = match t.get(key.as_str())? {
                    Some(v) => decode("timer stamp", v.value())?,
                    None => TimerMeta::default(),
                };
                if meta.at.as_ref().is_some_and(|held| held >= at) {
                    return Ok(Merged::default());
                }
                t.insert(
                    key.as_str(),
                    encode(&TimerMeta { at: Some(at.clone()) }).as_slice(),
                )?;
                drop(t);
                let before = self.timer_state()?;
                if before == *state {
                    return Ok(Merged::default());
                }
                self.store_timer(state)?;
                Ok(Merged {
                    changed: true,
                    session_key: None,
                })
            }
            Intent::AddSession { session } => {
                let gone = self
                    .txn()
                    .open_table(SESSIONS_GONE)?
                    .get((app, session_key(session).as_str()))?
                    .is_some();
                if gone || self.has_session(session)? {
                    return Ok(Merged::default());
                }
                let end = self.store_session(session)?;
                Ok(Merged {
                    changed: true,
                    session_key: Some(end),
                })
            }
            Intent::RemoveSession { session } => {
                self.txn()
                    .open_table(SESSIONS_GONE)?
                    .insert((app, session_key(session).as_str()), ())?;
                let changed = self.remove_session(session)?;
                Ok(Merged {
                    changed,
                    session_key: None,
                })
            }
        }
    }

    /// One item's merge: `f` gets the item's meta and its full values
    /// (shown or ghost) and returns the values after; what is shown and
    /// counted follows from the meta.
    fn merge_item(
        &mut self,
        id: ItemId,
        f: impl FnOnce(&mut ItemMeta, Option<Item>) -> Item,
    ) -> Result<Merged, StoreError> {
        let app = self.app_id();
        let mut metas = self.txn().open_table(ITEM_META)?;
        let mut meta: ItemMeta = match metas.get((app, id.0))? {
            Some(v) => decode("item stamps", v.value())?,
            None => ItemMeta::default(),
        };
        let shown_before = self.item(id)?;
        // An item from before stamps were kept: made then, by this device.
        if meta.made.is_none() && meta.ghost.is_none() && shown_before.is_some() {
            meta.made = Some(Stamp {
                ms: i64::MIN,
                n: 0,
                device: String::new(),
            });
        }
        let held = shown_before.clone().or_else(|| meta.ghost.take());
        let mut after = f(&mut meta, held);
        after.id = id;
        let show = meta.shown();
        meta.ghost = (!show).then(|| after.clone());
        metas.insert((app, id.0), encode(&meta).as_slice())?;
        drop(metas);
        let shown_after = show.then_some(after);
        if shown_after == shown_before {
            return Ok(Merged::default());
        }
        self.store_item(shown_before.as_ref(), shown_after.as_ref())?;
        Ok(Merged {
            changed: true,
            session_key: None,
        })
    }

    fn merge_day(
        &mut self,
        series: &str,
        day: i32,
        f: impl FnOnce(&mut DayMeta),
    ) -> Result<Merged, StoreError> {
        let app = self.app_id();
        let before = self.entry(series, day)?;
        let mut metas = self.txn().open_table(DAY_META)?;
        let mut meta: DayMeta = match metas.get((app, series, day))? {
            Some(v) => decode("day stamps", v.value())?,
            // A day from before stamps were kept: its value is the base.
            None => DayMeta {
                base: before.as_ref().map_or(0.0, |e| e.value),
                set_at: None,
                base_updated: before.as_ref().map(|e| e.updated),
                adds: Vec::new(),
            },
        };
        f(&mut meta);
        metas.insert((app, series, day), encode(&meta).as_slice())?;
        drop(metas);
        let value = meta.value();
        let value = (value > 0.0 && value.is_finite()).then_some(value);
        let updated = meta.updated();
        let unchanged = match (value, &before) {
            (Some(v), Some(e)) => v == e.value && updated == e.updated,
            (None, None) => true,
            _ => false,
        };
        if unchanged {
            return Ok(Merged::default());
        }
        self.store_entry(series, day, value, updated)?;
        Ok(Merged {
            changed: true,
            session_key: None,
        })
    }

    /// The value a tracker day holds before clamping: what a local delta
    /// is measured from, so `+1` on a day another machine took below 0
    /// still shows 1.
    pub(crate) fn day_raw(&self, series: &str, day: i32) -> Result<f64, StoreError> {
        let t = self.txn().open_table(DAY_META)?;
        Ok(match t.get((self.app_id(), series, day))? {
            Some(v) => decode::<DayMeta>("day stamps", v.value())?.value(),
            None => self.entry(series, day)?.map_or(0.0, |e| e.value),
        })
    }
}

/// Forgets the merge stamps of an app whose data is purged.
pub(crate) fn forget_app(txn: &redb::WriteTransaction, app: &str) -> Result<(), StoreError> {
    let mut t = txn.open_table(ITEM_META)?;
    let keys: Vec<u128> = t
        .range((app, 0u128)..=(app, u128::MAX))?
        .map(|r| r.map(|(k, _)| k.value().1))
        .collect::<Result<_, _>>()?;
    for k in keys {
        t.remove((app, k))?;
    }
    let mut t = txn.open_table(DAY_META)?;
    let keys: Vec<(String, i32)> = t
        .range((app, "", i32::MIN)..)?
        .map(|r| r.map(|(k, _)| (k.value().0.to_string(), k.value().1.to_string(), k.value().2)))
        .take_while(|r| r.as_ref().map_or(true, |(a, _, _)| a == app))
        .map(|r| r.map(|(_, s, d)| (s, d)))
        .collect::<Result<_, _>>()?;
    for (s, d) in keys {
        t.remove((app, s.as_str(), d))?;
    }
    let mut t = txn.open_table(SESSIONS_GONE)?;
    let keys: Vec<String> = t
        .range((app, "")..)?
        .map(|r| r.map(|(k, _)| (k.value().0.to_string(), k.value().1.to_string())))
        .take_while(|r| r.as_ref().map_or(true, |(a, _)| a == app))
        .map(|r| r.map(|(_, s)| s))
        .collect::<Result<_, _>>()?;
    for s in keys {
        t.remove((app, s.as_str()))?;
    }
    txn.open_table(MERGE_META)?.remove(timer_key(app).as_str())?;
    Ok(())
}
