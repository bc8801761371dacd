//! The one write path: operations applied in a write transaction, each
//! recorded in the operation log with what it replaced, and the app's
//! summary brought up to date before the transaction commits.

use std::collections::BTreeMap;

use redb::{ReadableTable, WriteTransaction};

use super::codec::{decode, encode};
use super::error::StoreError;
use super::intent::{self, Intent, SyncOp};
use super::stamp::Clock;
use super::summary::{AppSummary, SeriesSummary};
use super::tables::*;
use crate::model::days::{Entry, period_of};
use crate::model::item_id::ItemId;
use crate::model::streak::Rule;
use crate::model::timer::{self, Action, Session, TimerState};
use crate::model::{FieldValue, Item, Now};
use crate::spec::{Kind, Period, Spec};

pub use super::log::{LogEntry, Op, Prior};

/// What no operation may store, whatever path it came by (the CLI, the TUI,
/// an import, an undo): an item id nook cannot continue from, or a number
/// that is not finite (JSON has no infinity; it would not read back).
fn check_op(app: &str, op: &Op) -> Result<(), StoreError> {
    let bad = match op {
        Op::PutItem { item } if item.id.is_legacy() => Some(format!(
            "item id {} is an older nook's counter, not an id items are stored under",
            item.id
        )),
        Op::PutItem { item } => item.values.iter().find_map(|(name, v)| match v {
            FieldValue::Number(n) if !n.is_finite() => Some(format!(
                "item #{} has {name:?} = {n}, which is not a finite number",
                item.id
            )),
            _ => None,
        }),
        Op::SetEntry { value: Some(v), .. } | Op::AddEntry { delta: v, .. } if !v.is_finite() => Some(
            format!("the value {v} is too large to store (beyond about 1.8e308)"),
        ),
        _ => None,
    };
    match bad {
        Some(m) => Err(StoreError::Unchanged(format!("{app}: {m}"))),
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
        Period::Yearly => 365,
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
    /// The database's hybrid clock, stored back when the transaction ends.
    clock: Clock,
    /// Whether operations from another machine changed what is shown.
    imported: bool,
    /// A list's kept figures and the key of their definitions.
    figure_defs: Vec<crate::spec::Figure>,
    figure_key: u64,
    /// The rollup tallies this app's items make, as this transaction changes them.
    rollups: super::rollup::Keeper,
    /// The items' places in the orders the app's views open in.
    orders: super::view_index::Keeper,
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
                .map(|v| super::summary_record::whole(v.value()));
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
        if let Some(message) =
            crate::model::held::conflict(spec, super::kinds::held(&summary, timer_set).as_ref())
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
        let clock = match txn.open_table(META)?.get("hlc")? {
            Some(v) => Clock::decode(v.value())
                .ok_or_else(|| StoreError::decode("the clock", "it is not 12 bytes".into()))?,
            None => Clock::default(),
        };
        let (figure_defs, figure_key) = match &spec.kind {
            Kind::List(list) => (crate::figures::kept(list), crate::figures::fingerprint(list)),
            _ => (Vec::new(), 0),
        };
        let rollups = super::rollup::Keeper::new(txn, spec)?;
        let orders = super::view_index::Keeper::new(txn, spec, now, summary.updated)?;
        Ok(Tx {
            rollups,
            orders,
            figure_defs,
            figure_key,
            clock,
            imported: false,
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

    /// Carries on from `other`, the app of the same transaction written
    /// last: the operation ids, the undo group and the clock are one.
    pub(crate) fn take_turn(&mut self, other: &Tx) {
        self.seq = other.seq;
        self.group = other.group;
        self.clock = other.clock;
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
                self.spec.kind.tag()
            )));
        }
        check_op(app, &op)?;
        // What the user meant, measured against what is stored now.
        let (before, intents) = match &op {
            Op::PutItem { item } => {
                let before = self.item(item.id)?;
                let intents = match &before {
                    None => vec![Intent::Create { item: item.clone() }],
                    Some(b) => intent::changes(b, item)
                        .into_iter()
                        .map(|(part, value)| Intent::Set {
                            id: item.id,
                            part,
                            value,
                        })
                        .collect(),
                };
                (before.map(Prior::Item), intents)
            }
            Op::DeleteItem { id } => match self.item(*id)? {
                Some(b) => (Some(Prior::Item(b)), vec![Intent::Delete { id: *id }]),
                None => return Err(StoreError::Invalid(format!("no item #{id} in {app}"))),
            },
            Op::SetEntry {
                series,
                day,
                value,
                updated,
            } => (
                self.entry(series, *day)?.map(Prior::Entry),
                vec![Intent::SetDay {
                    series: series.clone(),
                    day: *day,
                    value: value.unwrap_or(0.0),
                    updated: *updated,
                }],
            ),
            Op::AddEntry { series, day, delta } => (
                self.entry(series, *day)?.map(Prior::Entry),
                vec![Intent::AddDay {
                    series: series.clone(),
                    day: *day,
                    delta: *delta,
                }],
            ),
            Op::SetTimer { state } => (
                Some(Prior::Timer(self.timer_state()?)),
                vec![Intent::Timer { state: state.clone() }],
            ),
            Op::AddSession { session } => (
                None,
                vec![Intent::AddSession {
                    session: session.clone(),
                }],
            ),
            Op::DeleteSession { end } => match self.session_at(*end)? {
                Some(s) => (
                    Some(Prior::Session(s.clone())),
                    vec![Intent::RemoveSession { session: s }],
                ),
                None => (None, Vec::new()),
            },
        };
        if intents.is_empty() {
            return Ok(());
        }
        for intent in intents {
            let at = self.clock.tick(self.now.ms, self.device);
            let sync = SyncOp {
                at,
                app: app.to_string(),
                intent,
            };
            if let Some(end) = self.merge(&sync)?.session_key
                && let Op::AddSession { session } = &mut op
            {
                // The key it was stored under, so an undo finds it.
                session.end = end;
            }
            self.txn
                .open_table(OUTBOX)?
                .insert((sync.at.ms, sync.at.n), encode(&sync).as_slice())?;
        }
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

    /// Merges an operation from another machine: no undo entry, no outbox
    /// row; the clock moves past its stamp.
    pub(crate) fn import(&mut self, op: &SyncOp) -> Result<bool, StoreError> {
        self.clock.see(&op.at);
        let merged = self.merge(op)?;
        if merged.changed {
            self.changed = true;
            self.imported = true;
        }
        Ok(merged.changed)
    }

    /// Shows `after` in place of `before` (either may be none) and counts it.
    pub(crate) fn store_item(
        &mut self,
        before: Option<&Item>,
        after: Option<&Item>,
    ) -> Result<(), StoreError> {
        let app = self.app();
        let mut t = self.txn.open_table(ITEMS)?;
        self.index_due(before, after)?;
        self.orders.moved(self.txn, self.spec, before, after)?;
        if let Some(b) = before {
            self.summary.count_item(b, -1);
            self.count_figures(b, -1);
            self.rollups.count(self.txn, self.spec, b, -1)?;
            self.count_due(b, -1);
        }
        match after {
            Some(item) => {
                self.summary.count_item(item, 1);
                self.count_figures(item, 1);
                self.rollups.count(self.txn, self.spec, item, 1)?;
                self.count_due(item, 1);
                if self.summary.last_id.is_none_or(|l| item.id > l) {
                    self.summary.last_id = Some(item.id);
                }
                t.insert((app, item.id.0), encode(item).as_slice())?;
            }
            None => {
                if let Some(b) = before {
                    t.remove((app, b.id.0))?;
                }
            }
        }
        Ok(())
    }

    /// Counts an item in or out of the stored figures, when they were made
    /// under today's definitions (else `finish` counts them all again).
    fn count_figures(&mut self, item: &Item, sign: i64) {
        let Kind::List(list) = &self.spec.kind else { return };
        if let Some(f) = &mut self.summary.figures
            && f.key == self.figure_key
        {
            f.count(&self.figure_defs, list, item, sign, self.now);
        }
    }

    /// Counts an item in or out of the open items per due day, when they
    /// were counted under today's due field (else `finish` counts them all).
    fn count_due(&mut self, item: &Item, sign: i64) {
        let Kind::List(list) = &self.spec.kind else { return };
        if let Some(d) = &mut self.summary.due
            && d.current(list)
        {
            d.count(list, item, sign);
        }
    }

    /// Moves an item in the date index, as `count_due` counts it: only
    /// while the counts are current (else `refresh_due` indexes them all).
    fn index_due(&mut self, before: Option<&Item>, after: Option<&Item>) -> Result<(), StoreError> {
        let Kind::List(list) = &self.spec.kind else {
            return Ok(());
        };
        if !self.summary.due.as_ref().is_some_and(|d| d.current(list)) {
            return Ok(());
        }
        let Some(id) = after.or(before).map(|i| i.id) else {
            return Ok(());
        };
        let day = |i: Option<&Item>| i.and_then(|i| super::due_index::day_of(list, i));
        super::due_index::move_item(self.txn, self.app(), id, day(before), day(after))
    }

    /// The open items per due day (and the date index) brought up to date:
    /// counted again from every item when the due field changed or was
    /// never counted; the app's old rows go, on the days they were counted.
    fn refresh_due(&mut self) -> Result<(), StoreError> {
        let list = match &self.spec.kind {
            Kind::List(list) if list.due.is_some() => Some(list),
            _ => None,
        };
        if list.is_some_and(|l| self.summary.due.as_ref().is_some_and(|d| d.current(l))) {
            return Ok(());
        }
        if let Some(old) = self.summary.due.take() {
            super::due_index::remove_app(self.txn, self.app(), old.days.keys().copied())?;
        }
        if let Some(list) = list {
            let items = self.all_items()?;
            self.summary.due = crate::summary::due::DueDays::build(list, items.iter());
            for item in &items {
                let day = super::due_index::day_of(list, item);
                super::due_index::move_item(self.txn, self.app(), item.id, None, day)?;
            }
        }
        Ok(())
    }

    /// Marks the summary for storing, so `finish` counts the figures again
    /// when they were made under other definitions: after a spec change,
    /// once, instead of every read counting from the items until the next
    /// write.
    pub fn restore_figures(&mut self) {
        self.changed = true;
    }

    /// The stored figures brought up to date: counted again from every
    /// item when the spec's figures changed, they come from an older nook,
    /// or an extreme left with a removed value.
    fn refresh_figures(&mut self) -> Result<(), StoreError> {
        let Kind::List(list) = &self.spec.kind else {
            self.summary.figures = None;
            return Ok(());
        };
        if self.figure_defs.is_empty() {
            self.summary.figures = None;
            return Ok(());
        }
        let fresh = self
            .summary
            .figures
            .as_ref()
            .is_some_and(|f| f.key == self.figure_key && !f.stale());
        if !fresh {
            let items = self.all_items()?;
            self.summary.figures = Some(crate::figures::Figures::build(
                &self.figure_defs,
                self.figure_key,
                list,
                &items,
                self.now,
            ));
        }
        Ok(())
    }

    /// Stores a tracker day's value (`None` removes the day).
    pub(crate) fn store_entry(
        &mut self,
        series: &str,
        day: i32,
        value: Option<f64>,
        updated: i64,
    ) -> Result<(), StoreError> {
        let app = self.app();
        let mut t = self.txn.open_table(ENTRIES)?;
        let key = (app, series, day);
        let before = match value {
            Some(v) => t
                .insert(key, encode(&Entry { value: v, updated }).as_slice())?
                .is_some(),
            None => t.remove(key)?.is_some(),
        };
        let touched = self
            .dirty_series
            .entry(series.to_string())
            .or_insert(Touched { first: day, days: 0 });
        touched.first = touched.first.min(day);
        touched.days += i64::from(value.is_some()) - i64::from(before);
        Ok(())
    }

    pub(crate) fn store_timer(&mut self, state: &TimerState) -> Result<(), StoreError> {
        self.txn
            .open_table(TIMERS)?
            .insert(self.app(), encode(state).as_slice())?;
        Ok(())
    }

    /// Stores a session at the first free key from its end; returns the key.
    pub(crate) fn store_session(&mut self, session: &Session) -> Result<i64, StoreError> {
        let app = self.app();
        let mut t = self.txn.open_table(SESSIONS)?;
        let mut end = session.end;
        while t.get((app, end))?.is_some() {
            end += 1;
        }
        t.insert((app, end), encode(session).as_slice())?;
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
        Ok(end)
    }

    /// The session stored under `end`.
    fn session_at(&self, end: i64) -> Result<Option<Session>, StoreError> {
        let t = self.txn.open_table(SESSIONS)?;
        t.get((self.app(), end))?
            .map(|v| decode("session", v.value()))
            .transpose()
    }

    /// Takes out the stored session equal to `session`; whether there was one.
    pub(crate) fn remove_session(&mut self, session: &Session) -> Result<bool, StoreError> {
        let app = self.app();
        let mut t = self.txn.open_table(SESSIONS)?;
        let mut end = session.end;
        let found = loop {
            match t.get((app, end))? {
                Some(v) if decode::<Session>("session", v.value())? == *session => break Some(end),
                Some(_) => end += 1,
                None => break None,
            }
        };
        let Some(end) = found else {
            return Ok(false);
        };
        t.remove((app, end))?;
        self.summary.sessions_total = self.summary.sessions_total.saturating_sub(1);
        if self.now.day_of_ms(session.end) == self.summary.sessions_day {
            self.summary.sessions_today = self.summary.sessions_today.saturating_sub(1);
            if session.phase_index == 0 {
                self.summary.focus_today = self.summary.focus_today.saturating_sub(1);
            }
        }
        Ok(true)
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
        self.summary.kind = Some(self.spec.kind.tag().into());
        self.refresh_figures()?;
        let mut rollups = std::mem::take(&mut self.rollups);
        rollups.finish(self.txn, self.spec, || self.all_items())?;
        self.rollups = rollups;
        let mut orders = std::mem::take(&mut self.orders);
        orders.finish(self.txn, self.spec, || self.all_items())?;
        self.orders = orders;
        self.refresh_due()?;
        if let Some(what) = self.summary.figures.as_ref().and_then(|f| f.not_finite()) {
            return Err(StoreError::Unchanged(format!(
                "{app}: {what} would be too large to store (beyond about 1.8e308)"
            )));
        }
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
            return Err(StoreError::Unchanged(format!(
                "{app}: {what} would be too large to store (beyond about 1.8e308)"
            )));
        }
        self.summary.updated = self.now.ms;
        self.txn.open_table(SUMMARIES)?.insert(
            app,
            super::summary_record::encode(&self.summary, &self.figure_defs, self.now.today_number())
                .as_slice(),
        )?;
        if self.imported && self.seq == self.base_seq {
            // Watchers reload when this number moves; an import logs no
            // operation of its own.
            self.seq += 1;
        }
        let mut meta = self.txn.open_table(META)?;
        meta.insert("seq", self.seq.to_le_bytes().as_slice())?;
        meta.insert("hlc", self.clock.encode().as_slice())?;
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
        for row in t.range((app, 0u128)..=(app, u128::MAX))? {
            out.push(decode("item", row?.1.value())?);
        }
        Ok(out)
    }

    pub fn item(&self, id: ItemId) -> Result<Option<Item>, StoreError> {
        let t = self.txn.open_table(ITEMS)?;
        t.get((self.app(), id.0))?
            .map(|v| decode("item", v.value()))
            .transpose()
    }

    /// The id a new item gets: a UUIDv7 above every id the app has.
    fn next_item_id(&self) -> Result<ItemId, StoreError> {
        Ok(ItemId::new(self.now.ms, self.summary.last_id))
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

    /// Adds `n` to a tracker day as shown (never below 0), as a delta so
    /// what another machine logs the same day adds up; returns the total.
    pub fn add_to_entry(&mut self, series: &str, day: i32, n: f64) -> Result<f64, StoreError> {
        let shown = self.entry(series, day)?.map_or(0.0, |e| e.value);
        let total = (shown + n).max(0.0);
        if total != shown {
            let delta = total - self.day_raw(series, day)?;
            self.apply(Op::AddEntry {
                series: series.to_string(),
                day,
                delta,
            })?;
        }
        Ok(total)
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
