//! The one write path: operations applied in a write transaction, each
//! recorded in the operation log with what it replaced, and the app's
//! summary brought up to date before the transaction commits.

use std::collections::BTreeMap;

use redb::{ReadableTable, WriteTransaction};
use serde::{Deserialize, Serialize};

use super::codec::{decode, encode};
use super::error::StoreError;
use super::read::Entry;
use super::summary::{AppSummary, SeriesSummary};
use super::tables::*;
use crate::model::days::period_of;
use crate::model::streak::Rule;
use crate::model::timer::{self, Action, Session, TimerState};
use crate::model::{FieldValue, Item, Now};
use crate::spec::{Kind, Period, Spec};

/// One change to one app's data.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Op {
    PutItem {
        item: Item,
    },
    DeleteItem {
        id: u64,
    },
    /// `None` removes the day's entry. `updated` keeps an imported entry's time.
    SetEntry {
        series: String,
        day: i32,
        value: Option<f64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        updated: Option<i64>,
    },
    SetTimer {
        state: TimerState,
    },
    AddSession {
        session: Session,
    },
    /// Removes the session that ended at `end` (the undo of AddSession).
    DeleteSession {
        end: i64,
    },
}

impl Op {
    /// Whether the operation is about the data of this kind of app.
    pub fn fits(&self, kind: &Kind) -> bool {
        matches!(
            (self, kind),
            (Op::PutItem { .. } | Op::DeleteItem { .. }, Kind::List(_))
                | (Op::SetEntry { .. }, Kind::Tracker(_))
                | (
                    Op::SetTimer { .. } | Op::AddSession { .. } | Op::DeleteSession { .. },
                    Kind::Timer(_)
                )
        )
    }
}

/// What an operation replaced, so it can be undone.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Prior {
    Item(Item),
    Entry(Entry),
    Timer(TimerState),
    Session(Session),
}

/// One row of the operation log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LogEntry {
    pub id: u64,
    pub device: String,
    /// Unix ms.
    pub ts: i64,
    pub app: String,
    pub op: Op,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<Prior>,
    /// The id of the first operation of the same transaction: one user action.
    #[serde(default)]
    pub group: u64,
    /// Set on the operations of an undo: the group they undid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub undo_of: Option<u64>,
    /// Set on the operations of a redo: the group they re-applied.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redo_of: Option<u64>,
    /// The session that wrote it (a TUI's own id, or the command line's);
    /// None in entries written before sessions were recorded: earlier
    /// actions of this device.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<String>,
}

/// The largest item id: the largest integer JSON readers that hold numbers
/// as doubles (JavaScript, jq) read exactly, so an export means what it
/// says; far from 2^64, so the next id never wraps.
pub const MAX_ITEM_ID: u64 = (1 << 53) - 1;

/// What no operation may store, whatever path it came by (the CLI, the TUI,
/// an import, an undo): an item id nook cannot continue from, or a number
/// that is not finite (JSON has no infinity; it would not read back).
fn check_op(app: &str, op: &Op) -> Result<(), StoreError> {
    let bad = match op {
        Op::PutItem { item } if item.id == 0 || item.id > MAX_ITEM_ID => Some(format!(
            "item id {} is outside 1 to {MAX_ITEM_ID}, the ids nook can continue from",
            item.id
        )),
        Op::PutItem { item } => item.values.iter().find_map(|(name, v)| match v {
            FieldValue::Number(n) if !n.is_finite() => Some(format!(
                "item #{} has {name:?} = {n}, which is not a finite number",
                item.id
            )),
            _ => None,
        }),
        Op::SetEntry { value: Some(v), .. } if !v.is_finite() => Some(format!(
            "the value {v} is too large to store (beyond about 1.8e308)"
        )),
        _ => None,
    };
    match bad {
        Some(m) => Err(StoreError::Invalid(format!("{app}: {m}; nothing was changed"))),
        None => Ok(()),
    }
}

/// The days of one series a transaction wrote.
struct Touched {
    /// The earliest day written.
    first: i32,
    /// Days with an entry gained (or lost, below 0).
    days: i64,
}

/// A series' summary brought up to date from its stored one by reading only
/// the latest period (and any later one) when every day written is in
/// those; None when the whole series must be read instead.
fn fold_on(
    rule: &Rule,
    old: &SeriesSummary,
    touched: &Touched,
    read: impl FnOnce(i32) -> Result<Vec<(i32, f64)>, StoreError>,
) -> Result<Option<SeriesSummary>, StoreError> {
    let (Some(closed), Some(latest), Some(last)) = (old.closed(), old.latest, old.last_day) else {
        return Ok(None);
    };
    if old.streak.rule != rule.key() || period_of(touched.first, rule.period) < latest.period {
        return Ok(None);
    }
    // The latest period starts at most this many days before its last entry.
    let from = last.saturating_sub(match rule.period {
        Period::Daily => 0,
        Period::Weekly => 6,
        Period::Monthly => 30,
    });
    let mut tail = read(from)?;
    tail.retain(|&(d, _)| period_of(d, rule.period) >= latest.period);
    let days = (i64::from(old.days) + touched.days).clamp(0, i64::from(u32::MAX)) as u32;
    Ok(SeriesSummary::fold(Some(rule), closed.clone(), days, &tail))
}

pub struct Tx<'t> {
    txn: &'t WriteTransaction,
    spec: &'t Spec,
    now: Now,
    device: &'t str,
    session: &'t str,
    summary: AppSummary,
    seq: u64,
    /// The last operation id when this transaction began.
    base_seq: u64,
    dirty_series: BTreeMap<String, Touched>,
    changed: bool,
    /// First operation id of this transaction (0 until the first op).
    group: u64,
    /// (undo_of, redo_of) for the operations being applied.
    pub(crate) mark: (Option<u64>, Option<u64>),
}

impl<'t> Tx<'t> {
    pub(crate) fn new(
        txn: &'t WriteTransaction,
        spec: &'t Spec,
        now: Now,
        device: &'t str,
        session: &'t str,
    ) -> Result<Self, StoreError> {
        let summary = {
            let t = txn.open_table(SUMMARIES)?;
            let stored = t
                .get(spec.id.as_str())?
                .map(|v| decode::<AppSummary>("summary", v.value()));
            match stored {
                Some(Ok(s)) => s,
                // Derived figures: counted again from the rows, and stored
                // right by this write.
                Some(Err(_)) => super::read::recount_summary(txn, &spec.id)?,
                None => AppSummary {
                    shapes_counted: true,
                    ..AppSummary::default()
                },
            }
        };
        // Never write one kind's data into another's (a spec whose kind changed).
        let timer_set = summary.items == 0
            && summary.series.is_empty()
            && match txn.open_table(TIMERS)?.get(spec.id.as_str())? {
                Some(v) => decode::<TimerState>("timer", v.value())? != TimerState::default(),
                None => false,
            };
        if let Some(message) = super::kinds::conflict(spec, super::kinds::held(&summary, timer_set).as_ref())
        {
            return Err(StoreError::Invalid(message));
        }
        let seq = {
            let t = txn.open_table(META)?;
            match t.get("seq")? {
                Some(v) => super::read::meta_number("seq", v.value())?,
                None => 0,
            }
        };
        Ok(Tx {
            txn,
            spec,
            now,
            device,
            session,
            summary,
            seq,
            base_seq: seq,
            dirty_series: BTreeMap::new(),
            changed: false,
            group: 0,
            mark: (None, None),
        })
    }

    pub(crate) fn txn(&self) -> &'t WriteTransaction {
        self.txn
    }

    pub fn spec(&self) -> &'t Spec {
        self.spec
    }

    pub fn app_id(&self) -> &'t str {
        &self.spec.id
    }

    fn app(&self) -> &'t str {
        &self.spec.id
    }

    pub fn now(&self) -> Now {
        self.now
    }

    /// The last operation id before this transaction: when it equals the
    /// id a process last saw, no other process wrote in between.
    pub fn base_seq(&self) -> u64 {
        self.base_seq
    }

    /// The id of the last operation applied so far (`base_seq` before any).
    pub fn last_seq(&self) -> u64 {
        self.seq
    }

    pub fn summary(&self) -> &AppSummary {
        &self.summary
    }

    /// Applies one operation: the only place app data is written.
    pub fn apply(&mut self, mut op: Op) -> Result<(), StoreError> {
        let app = self.app();
        if !op.fits(&self.spec.kind) {
            return Err(StoreError::Invalid(format!(
                "{app} is a {}; this change belongs to another kind of app",
                self.spec.kind.word()
            )));
        }
        check_op(app, &op)?;
        let before = match &op {
            Op::PutItem { item } => {
                let mut t = self.txn.open_table(ITEMS)?;
                let before: Option<Item> = t
                    .get((app, item.id))?
                    .map(|v| decode("item", v.value()))
                    .transpose()?;
                if let Some(b) = &before {
                    self.summary.count_item(b, -1);
                }
                self.summary.count_item(item, 1);
                // `check_op` keeps ids at most MAX_ITEM_ID: this cannot wrap.
                self.summary.next_id = self.summary.next_id.max(item.id + 1);
                t.insert((app, item.id), encode(item).as_slice())?;
                before.map(Prior::Item)
            }
            Op::DeleteItem { id } => {
                let mut t = self.txn.open_table(ITEMS)?;
                let before: Option<Item> = t
                    .remove((app, *id))?
                    .map(|v| decode("item", v.value()))
                    .transpose()?;
                match &before {
                    Some(b) => self.summary.count_item(b, -1),
                    None => return Err(StoreError::Invalid(format!("no item #{id} in {app}"))),
                }
                before.map(Prior::Item)
            }
            Op::SetEntry {
                series,
                day,
                value,
                updated,
            } => {
                let mut t = self.txn.open_table(ENTRIES)?;
                let key = (app, series.as_str(), *day);
                let before: Option<Entry> = match value {
                    Some(v) => {
                        let e = Entry {
                            value: *v,
                            updated: updated.unwrap_or(self.now.ms),
                        };
                        t.insert(key, encode(&e).as_slice())?
                            .map(|v| decode("entry", v.value()))
                            .transpose()?
                    }
                    None => t.remove(key)?.map(|v| decode("entry", v.value())).transpose()?,
                };
                let touched = self
                    .dirty_series
                    .entry(series.clone())
                    .or_insert(Touched { first: *day, days: 0 });
                touched.first = touched.first.min(*day);
                touched.days += i64::from(value.is_some()) - i64::from(before.is_some());
                before.map(Prior::Entry)
            }
            Op::SetTimer { state } => {
                let mut t = self.txn.open_table(TIMERS)?;
                let before: Option<TimerState> = t
                    .insert(app, encode(state).as_slice())?
                    .map(|v| decode("timer", v.value()))
                    .transpose()?;
                before.map(Prior::Timer)
            }
            Op::AddSession { session } => {
                let mut t = self.txn.open_table(SESSIONS)?;
                let mut end = session.end;
                while t.get((app, end))?.is_some() {
                    end += 1;
                }
                t.insert((app, end), encode(session).as_slice())?;
                let end_key = end;
                let day = self.now.day_of_ms(session.end);
                if day > self.summary.sessions_day {
                    self.summary.sessions_day = day;
                    self.summary.sessions_today = 0;
                    self.summary.focus_today = 0;
                }
                if day == self.summary.sessions_day {
                    self.summary.sessions_today += 1;
                    if session.phase_index == 0 {
                        self.summary.focus_today += 1;
                    }
                }
                self.summary.sessions_total += 1;
                if let Op::AddSession { session } = &mut op {
                    // The key it was stored under, so an undo finds it.
                    session.end = end_key;
                }
                None
            }
            Op::DeleteSession { end } => {
                let mut t = self.txn.open_table(SESSIONS)?;
                let before: Option<Session> = t
                    .remove((app, *end))?
                    .map(|v| decode("session", v.value()))
                    .transpose()?;
                if let Some(s) = &before {
                    self.summary.sessions_total = self.summary.sessions_total.saturating_sub(1);
                    if self.now.day_of_ms(s.end) == self.summary.sessions_day {
                        self.summary.sessions_today = self.summary.sessions_today.saturating_sub(1);
                        if s.phase_index == 0 {
                            self.summary.focus_today = self.summary.focus_today.saturating_sub(1);
                        }
                    }
                }
                before.map(Prior::Session)
            }
        };
        self.seq += 1;
        if self.group == 0 {
            self.group = self.seq;
        }
        let entry = LogEntry {
            id: self.seq,
            device: self.device.to_string(),
            ts: self.now.ms,
            app: app.to_string(),
            op,
            before,
            group: self.group,
            undo_of: self.mark.0,
            redo_of: self.mark.1,
            session: Some(self.session.to_string()),
        };
        self.txn
            .open_table(OPLOG)?
            .insert(self.seq, encode(&entry).as_slice())?;
        self.txn
            .open_table(APP_OPS)?
            .insert((app, self.seq), self.group)?;
        self.changed = true;
        Ok(())
    }

    /// Brings derived figures up to date and stores the summary.
    pub(crate) fn finish(&mut self) -> Result<(), StoreError> {
        if !self.changed {
            return Ok(());
        }
        let app = self.app();
        if self.summary.any_stale() || !self.summary.shapes_counted {
            let items = self.all_items()?;
            self.summary.refresh_extremes(items.iter());
            if !self.summary.shapes_counted {
                self.summary.recount_shapes(items.iter());
            }
        }
        if self.summary.not_finite().is_some() {
            // Removing a value from a running sum can leave it infinite
            // where the values alone are not (data from an older nook).
            let items = self.all_items()?;
            self.summary.recount_numbers(items.iter());
        }
        self.summary.kind = Some(self.spec.kind.word().to_string());
        let rule = match &self.spec.kind {
            Kind::Tracker(t) => Some(Rule::of(t)),
            _ => None,
        };
        let t = self.txn.open_table(ENTRIES)?;
        let read = |series: &str, from: i32| -> Result<Vec<(i32, f64)>, StoreError> {
            let mut out = Vec::new();
            for row in t.range((app, series, from)..=(app, series, i32::MAX))? {
                let (k, v) = row?;
                let e: Entry = decode("entry", v.value())?;
                out.push((k.value().2, e.value));
            }
            Ok(out)
        };
        for (series, touched) in std::mem::take(&mut self.dirty_series) {
            let old = self.summary.series.get(&series);
            let folded = match (rule.as_ref(), old) {
                (Some(rule), Some(old)) => fold_on(rule, old, &touched, |from| read(&series, from))?,
                _ => None,
            };
            let fresh = match folded {
                Some(s) => Some(s),
                // A backfill, a removal that empties the latest period, a
                // changed rule or an older summary: recompute from every entry.
                None => {
                    let all = read(&series, i32::MIN)?;
                    SeriesSummary::fold(rule.as_ref(), Default::default(), all.len() as u32, &all)
                }
            };
            match fresh {
                Some(s) => self.summary.series.insert(series, s),
                None => self.summary.series.remove(&series),
            };
        }
        drop(t);
        if let Some(what) = self.summary.not_finite() {
            return Err(StoreError::Invalid(format!(
                "{app}: {what} would be too large to store (beyond about 1.8e308); nothing was changed"
            )));
        }
        self.summary.updated = self.now.ms;
        self.txn
            .open_table(SUMMARIES)?
            .insert(app, encode(&self.summary).as_slice())?;
        let mut meta = self.txn.open_table(META)?;
        meta.insert("seq", self.seq.to_le_bytes().as_slice())?;
        // When the app's data began, for the launcher's "created".
        let created = format!("created.{app}");
        if meta.get(created.as_str())?.is_none() {
            meta.insert(created.as_str(), self.now.ms.to_string().as_bytes())?;
        }
        Ok(())
    }

    fn all_items(&self) -> Result<Vec<Item>, StoreError> {
        let app = self.app();
        let t = self.txn.open_table(ITEMS)?;
        let mut out = Vec::new();
        for row in t.range((app, 0u64)..=(app, u64::MAX))? {
            out.push(decode("item", row?.1.value())?);
        }
        Ok(out)
    }

    pub fn item(&self, id: u64) -> Result<Option<Item>, StoreError> {
        let t = self.txn.open_table(ITEMS)?;
        t.get((self.app(), id))?
            .map(|v| decode("item", v.value()))
            .transpose()
    }

    /// The id a new item gets; ids are never reused and never wrap.
    fn next_item_id(&self) -> Result<u64, StoreError> {
        let id = self.summary.next_id.max(1);
        if id > MAX_ITEM_ID {
            return Err(StoreError::Invalid(format!(
                "{}: an item has had id {MAX_ITEM_ID}, the largest nook gives, and ids are never reused, \
                 so no item can be added (export the app and import the file into a new app with \
                 --from-other-app to give its items ids from 1); nothing was added",
                self.app()
            )));
        }
        Ok(id)
    }

    /// Adds a new list item with the next id.
    pub fn add_item(
        &mut self,
        text: String,
        values: std::collections::BTreeMap<String, FieldValue>,
    ) -> Result<Item, StoreError> {
        let item = Item {
            id: self.next_item_id()?,
            text,
            done: false,
            created: self.now.ms,
            updated: self.now.ms,
            values,
        };
        self.apply(Op::PutItem { item: item.clone() })?;
        Ok(item)
    }

    /// Adds a copy of another app's item under the next id of this one.
    pub fn add_item_as(&mut self, item: &Item) -> Result<Item, StoreError> {
        let item = Item {
            id: self.next_item_id()?,
            ..item.clone()
        };
        self.apply(Op::PutItem { item: item.clone() })?;
        Ok(item)
    }

    /// The timer's stored state (idle when none is stored).
    pub fn timer_state(&self) -> Result<TimerState, StoreError> {
        let t = self.txn.open_table(TIMERS)?;
        match t.get(self.app())? {
            Some(v) => decode("timer", v.value()),
            None => Ok(TimerState::default()),
        }
    }

    /// Stores a list item edited from its presented form (see
    /// [`crate::model::migrate`]): values the edit did not change stay
    /// exactly as stored, under the name they were stored under.
    pub fn put_shown(&mut self, item: Item) -> Result<(), StoreError> {
        let item = match &self.spec.kind {
            Kind::List(list) => {
                let stored = self.item(item.id)?;
                crate::model::migrate::keep_stored(list, stored.as_ref(), item)
            }
            _ => item,
        };
        self.apply(Op::PutItem { item })
    }

    /// Whether this very session is stored already (an import read twice).
    /// Sessions that end in the same millisecond sit at the next free keys.
    pub fn has_session(&self, session: &Session) -> Result<bool, StoreError> {
        let t = self.txn.open_table(SESSIONS)?;
        let mut end = session.end;
        while let Some(v) = t.get((self.app(), end))? {
            if decode::<Session>("session", v.value())? == *session {
                return Ok(true);
            }
            end += 1;
        }
        Ok(false)
    }

    pub fn entry(&self, series: &str, day: i32) -> Result<Option<Entry>, StoreError> {
        let t = self.txn.open_table(ENTRIES)?;
        t.get((self.app(), series, day))?
            .map(|v| decode("entry", v.value()))
            .transpose()
    }

    /// Sets a tracker day; 0 or less removes the entry.
    pub fn set_entry(&mut self, series: &str, day: i32, value: f64) -> Result<(), StoreError> {
        let value = (value > 0.0).then_some(value);
        self.apply(Op::SetEntry {
            series: series.to_string(),
            day,
            value,
            updated: None,
        })
    }

    /// Runs a timer action at this transaction's `now`; returns the new state
    /// and the sessions it logged.
    pub fn timer(&mut self, action: Action) -> Result<(TimerState, Vec<Session>), StoreError> {
        let Kind::Timer(spec) = &self.spec.kind else {
            return Err(StoreError::Invalid(format!("{} is not a timer", self.spec.id)));
        };
        let state = self.timer_state()?;
        let (next, sessions) = timer::step(spec, &state, action, self.now.ms);
        for s in &sessions {
            self.apply(Op::AddSession { session: s.clone() })?;
        }
        if next != state {
            self.apply(Op::SetTimer { state: next.clone() })?;
        }
        Ok((next, sessions))
    }
}
