//! Operations as the user meant them, and the stamps each piece of stored
//! data carries so that operations merge (merge.rs applies them).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::codec::encode;
use super::stamp::Stamp;
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
    pub(crate) made: Option<Stamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) gone: Option<Stamp>,
    /// The stamp of each register's value.
    #[serde(default)]
    pub(crate) parts: BTreeMap<String, Stamp>,
    /// The item's values while it is not shown (deleted, or not yet made).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) ghost: Option<Item>,
}

impl ItemMeta {
    pub(crate) fn shown(&self) -> bool {
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
    pub(crate) fn set(
        &mut self,
        item: &mut Item,
        part: &Part,
        value: Option<&FieldValue>,
        at: &Stamp,
        edit: bool,
    ) {
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
    pub(crate) base: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) set_at: Option<Stamp>,
    /// When the base was written, if not at `set_at`: an imported entry's
    /// own time, or the time of a day from before stamps were kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) base_updated: Option<i64>,
    /// Every delta, in stamp order.
    #[serde(default)]
    pub(crate) adds: Vec<(Stamp, f64)>,
}

impl DayMeta {
    /// The day's value: the base and the deltas since, summed in stamp
    /// order so every machine gets the same float; never below 0.
    pub(crate) fn value(&self) -> f64 {
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
    pub(crate) fn updated(&self) -> i64 {
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
    pub(crate) at: Option<Stamp>,
}

/// What a merge did to what is shown, for the summary and the TUI.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Merged {
    pub changed: bool,
    /// Where a new session was stored (its end, moved past a clash).
    pub session_key: Option<i64>,
}

pub(crate) fn session_key(s: &Session) -> String {
    String::from_utf8_lossy(&encode(s)).into_owned()
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
