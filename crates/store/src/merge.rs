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
use serde::{Deserialize, Serialize};

use super::codec::{decode, encode};
use super::error::StoreError;
use super::stamp::Stamp;
use super::tables::*;
use super::write::Tx;
use crate::model::item_id::ItemId;
use crate::model::timer::{Session, TimerState};
use crate::model::{FieldValue, Item};

/// One thing a user did to one app's data.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "do", rename_all = "snake_case")]
pub enum Intent {
    /// A new item, or one made again (the undo of a delete).
    Create {
        item: Item,
    },
    /// One part of an item: `text`, `done`, or a field's name; `None`
    /// takes a field's value away.
    Set {
        id: ItemId,
        part: Part,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        value: Option<FieldValue>,
    },
    Delete {
        id: ItemId,
    },
    /// Adds to a tracker day (a step, a logged amount, an undo of one).
    AddDay {
        series: String,
        day: i32,
        delta: f64,
    },
    /// Sets a tracker day outright (a toggle, `nook log --set`, an import).
    SetDay {
        series: String,
        day: i32,
        value: f64,
        /// An imported entry's own time, kept.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        updated: Option<i64>,
    },
    Timer {
        state: TimerState,
    },
    AddSession {
        session: Session,
    },
    RemoveSession {
        session: Session,
    },
}

/// Which register of an item a `Set` writes.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    Text,
    Done,
    Field(String),
}

impl Part {
    fn key(&self) -> String {
        match self {
            Part::Text => "text".into(),
            Part::Done => "done".into(),
            Part::Field(f) => format!("field.{f}"),
        }
    }
}

/// An operation as it travels between machines.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SyncOp {
    pub at: Stamp,
    pub app: String,
    #[serde(flatten)]
    pub intent: Intent,
}

/// What merging needs to know about an item beyond its values.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct ItemMeta {
    /// The latest create of the item (None: only edits have arrived).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    made: Option<Stamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    gone: Option<Stamp>,
    /// The stamp of each register's value.
    #[serde(default)]
    parts: BTreeMap<String, Stamp>,
    /// The item's values while it is not shown (deleted, or not yet made).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    ghost: Option<Item>,
}

impl ItemMeta {
    fn shown(&self) -> bool {
        match (&self.made, &self.gone) {
            (Some(m), Some(g)) => m > g,
            (Some(_), None) => true,
            (None, _) => false,
        }
    }

    /// Writes one register if `at` is later than the value it holds. A
    /// create writes every register, those it leaves out too (empty), so
    /// a register is never older than the latest create, even one whose
    /// field this machine had not heard of when the create came.
    ///
    /// An edit moves `updated` to its time even when a later value beats
    /// it, so `updated` is the latest time of any edit of the item (or the
    /// time a create carries), whatever order they arrived in.
    fn set(&mut self, item: &mut Item, part: &Part, value: Option<&FieldValue>, at: &Stamp, edit: bool) {
        if edit {
            item.updated = item.updated.max(at.ms);
        }
        let key = part.key();
        let held = self.parts.get(&key).into_iter().chain(&self.made).max();
        if held.is_some_and(|held| held >= at) {
            return;
        }
        self.parts.insert(key, at.clone());
        match part {
            Part::Text => {
                item.text = match value {
                    Some(FieldValue::Text(t)) => t.clone(),
                    _ => String::new(),
                }
            }
            Part::Done => item.done = matches!(value, Some(FieldValue::Bool(true))),
            Part::Field(f) => match value {
                Some(v) => {
                    item.values.insert(f.clone(), v.clone());
                }
                None => {
                    item.values.remove(f);
                }
            },
        }
    }
}

/// The registers of an item, with their values: what a `Create` carries.
pub(crate) fn parts_of(item: &Item) -> Vec<(Part, Option<FieldValue>)> {
    let mut out = vec![
        (Part::Text, Some(FieldValue::Text(item.text.clone()))),
        (Part::Done, Some(FieldValue::Bool(item.done))),
    ];
    out.extend(
        item.values
            .iter()
            .map(|(k, v)| (Part::Field(k.clone()), Some(v.clone()))),
    );
    out
}

/// The `Set`s that turn `before` into `after`: only what changed.
pub(crate) fn changes(before: &Item, after: &Item) -> Vec<(Part, Option<FieldValue>)> {
    let mut out = Vec::new();
    if before.text != after.text {
        out.push((Part::Text, Some(FieldValue::Text(after.text.clone()))));
    }
    if before.done != after.done {
        out.push((Part::Done, Some(FieldValue::Bool(after.done))));
    }
    for (k, v) in &after.values {
        if before.values.get(k) != Some(v) {
            out.push((Part::Field(k.clone()), Some(v.clone())));
        }
    }
    for k in before.values.keys() {
        if !after.values.contains_key(k) {
            out.push((Part::Field(k.clone()), None));
        }
    }
    out
}

/// A tracker day's history as far as merging needs it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct DayMeta {
    /// The value last set outright, and when (None: the day's first value
    /// from before stamps were kept, or 0).
    base: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    set_at: Option<Stamp>,
    /// When the base was written, if not at `set_at`: an imported entry's
    /// own time, or the time of a day from before stamps were kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    base_updated: Option<i64>,
    /// Every delta, in stamp order.
    #[serde(default)]
    adds: Vec<(Stamp, f64)>,
}

impl DayMeta {
    /// The day's value: the base and the deltas since, summed in stamp
    /// order so every machine gets the same float; never below 0.
    fn value(&self) -> f64 {
        let mut total = self.base;
        for (at, d) in &self.adds {
            if self.set_at.as_ref().is_none_or(|s| at > s) {
                total += d;
            }
        }
        total
    }

    /// When the day last changed: the latest of its base's time and the
    /// deltas counted on it. Taken from the operations, not from which
    /// arrived last, so every machine shows the same time.
    fn updated(&self) -> i64 {
        let base = self.base_updated.or(self.set_at.as_ref().map(|s| s.ms));
        self.adds
            .iter()
            .filter(|(at, _)| self.set_at.as_ref().is_none_or(|s| at > s))
            .map(|(at, _)| at.ms)
            .chain(base)
            .max()
            .unwrap_or(0)
    }
}

/// A timer's state and when it was last set.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct TimerMeta {
    at: Option<Stamp>,
}

/// What a merge did to what is shown, for the summary and the TUI.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Merged {
    pub changed: bool,
    /// Where a new session was stored (its end, moved past a clash).
    pub session_key: Option<i64>,
}

fn session_key(s: &Session) -> String {
    String::from_utf8_lossy(&encode(s)).into_owned()
}

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

/// The stamps of an item made at `at` (an upgrade's items).
pub(crate) fn made_at(item: &Item, at: &Stamp) -> ItemMeta {
    ItemMeta {
        made: Some(at.clone()),
        gone: None,
        parts: parts_of(item)
            .into_iter()
            .map(|(p, _)| (p.key(), at.clone()))
            .collect(),
        ghost: None,
    }
}

/// A tracker day set to `value` at `at`, last changed at `updated`.
pub(crate) fn day_set_at(value: f64, updated: i64, at: &Stamp) -> DayMeta {
    DayMeta {
        base: value,
        set_at: Some(at.clone()),
        base_updated: Some(updated),
        adds: Vec::new(),
    }
}

pub(crate) fn timer_key(app: &str) -> String {
    format!("{app}\u{0}timer")
}

pub(crate) fn timer_at(at: &Stamp) -> TimerMeta {
    TimerMeta { at: Some(at.clone()) }
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
