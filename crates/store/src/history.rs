//! Undo and redo from the operation log, so they work across restarts and
//! between processes. Both are ordinary operations in the log, computed
//! inside the write transaction from what is stored now: a tracker day
//! gets the action's delta taken off (or added again), an item gets back
//! only the fields the action changed and only where they still hold what
//! it wrote, and an item deleted since is left deleted. What another
//! process changed in between is kept.

use std::collections::BTreeSet;

use redb::ReadableTable;

use super::codec::decode;
use super::error::StoreError;
use super::log::{LogEntry, Op, Prior};
use super::tables::{APP_OPS, OPLOG};
use super::write::Tx;
use crate::model::count::count;
use crate::model::timer::TimerState;
use crate::model::value::format_number;
use crate::model::{FieldValue, Item};
use crate::spec::{Kind, Spec};

/// How far back undo reaches, in operations of one app.
const WINDOW: usize = 5_000;

/// One user action: the operations of one transaction.
struct Group {
    id: u64,
    entries: Vec<LogEntry>,
}

impl Group {
    fn undo_of(&self) -> Option<u64> {
        self.entries.first().and_then(|e| e.undo_of)
    }
    fn redo_of(&self) -> Option<u64> {
        self.entries.first().and_then(|e| e.redo_of)
    }
    /// Who made it; None: before sessions were recorded (this device, earlier).
    fn session(&self) -> Option<&str> {
        self.entries.first().and_then(|e| e.session.as_deref())
    }
}

fn groups(
    index: &impl ReadableTable<(&'static str, u64), u64>,
    log: &impl ReadableTable<u64, &'static [u8]>,
    spec: &Spec,
) -> Result<Vec<Group>, StoreError> {
    let app = spec.id.as_str();
    let mut ids = Vec::new();
    for row in index.range((app, 0u64)..=(app, u64::MAX))?.rev().take(WINDOW) {
        ids.push(row?.0.value().1);
    }
    ids.reverse();
    let mut out: Vec<Group> = Vec::new();
    for id in ids {
        let Some(v) = log.get(id)? else { continue };
        let entry: LogEntry = decode("operation", v.value())?;
        // History of an earlier kind of app under this id is not undoable here.
        if !entry.op.fits(&spec.kind) {
            continue;
        }
        match out.last_mut() {
            Some(g) if g.id == entry.group => g.entries.push(entry),
            _ => out.push(Group {
                id: entry.group,
                entries: vec![entry],
            }),
        }
    }
    Ok(out)
}

fn groups_in(tx: &Tx) -> Result<Vec<Group>, StoreError> {
    let index = tx.txn().open_table(APP_OPS)?;
    let log = tx.txn().open_table(OPLOG)?;
    groups(&index, &log, tx.spec())
}

/// One entry of the redo stack: the group undone, the undo group, and the
/// session that undid it.
type Redo<'g> = (u64, u64, Option<&'g str>);

/// (what undo would undo, what redo would redo), as group ids. An undo or
/// redo may reach past the top (a TUI skips another process's actions), so
/// the group it names is taken out wherever it stands. A new action clears
/// only the redo of its own session: another process's action never takes
/// away what this TUI could redo.
fn stacks(groups: &[Group]) -> (Vec<u64>, Vec<Redo<'_>>) {
    let (mut undo, mut redo): (Vec<u64>, Vec<Redo>) = (Vec::new(), Vec::new());
    for g in groups {
        match (g.undo_of(), g.redo_of()) {
            (Some(of), _) => {
                if let Some(at) = undo.iter().rposition(|&u| u == of) {
                    undo.remove(at);
                }
                redo.push((of, g.id, g.session()));
            }
            (_, Some(of)) => {
                if let Some(at) = redo.iter().rposition(|&(r, _, _)| r == of) {
                    redo.remove(at);
                }
                undo.push(g.id);
            }
            _ => {
                undo.push(g.id);
                redo.retain(|&(_, _, by)| by != g.session());
            }
        }
    }
    (undo, redo)
}

/// One part of an item an action can change.
#[derive(Clone, PartialEq)]
enum Part {
    Text(String),
    Done(bool),
    Value(Option<FieldValue>),
}

fn part_names(a: &Item, b: &Item) -> Vec<String> {
    let mut names: BTreeSet<String> = a.values.keys().chain(b.values.keys()).cloned().collect();
    names.insert("\0text".into());
    names.insert("\0done".into());
    names.into_iter().collect()
}

fn part(item: &Item, name: &str) -> Part {
    match name {
        "\0text" => Part::Text(item.text.clone()),
        "\0done" => Part::Done(item.done),
        n => Part::Value(item.values.get(n).cloned()),
    }
}

fn set_part(item: &mut Item, name: &str, p: Part) {
    match p {
        Part::Text(t) => item.text = t,
        Part::Done(d) => item.done = d,
        Part::Value(Some(v)) => {
            item.values.insert(name.to_string(), v);
        }
        Part::Value(None) => {
            item.values.remove(name);
        }
    }
}

/// What reverting (or re-applying) one group did beyond its own writes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Merge {
    /// Fields left as they are because they changed since the action.
    pub kept: Vec<String>,
    /// Items the action was about that were deleted since (their titles).
    pub gone: Vec<String>,
    /// Operations written.
    pub written: usize,
}

/// Turns `current` from what the action left (`from`) into `to`, part by
/// part: only the parts `from` and `to` differ in, and only where
/// `current` still holds `from`'s value. The others are named in `kept`.
fn three_way(current: &Item, from: &Item, to: &Item, kept: &mut Vec<String>) -> Item {
    let mut out = current.clone();
    for name in part_names(from, to) {
        let (f, t) = (part(from, &name), part(to, &name));
        if f == t {
            continue;
        }
        let c = part(current, &name);
        if c == f {
            set_part(&mut out, &name, t);
        } else if c != t {
            let shown = name.trim_start_matches('\0').to_string();
            if !kept.contains(&shown) {
                kept.push(shown);
            }
        }
    }
    out
}

/// A tracker day's change as a delta: the value after less the value before.
fn delta(e: &LogEntry) -> f64 {
    let value = match &e.op {
        Op::SetEntry { value, .. } => *value,
        Op::AddEntry { delta, .. } => return *delta,
        _ => return 0.0,
    };
    let before = match &e.before {
        Some(Prior::Entry(b)) => b.value,
        _ => 0.0,
    };
    value.unwrap_or(0.0) - before
}

impl Tx<'_> {
    /// Reverts (`forward` false) or re-applies one entry against what is
    /// stored now.
    fn replay(
        &mut self,
        e: &LogEntry,
        forward: bool,
        shown: &impl Fn(&Item) -> String,
        m: &mut Merge,
    ) -> Result<(), StoreError> {
        let op = match (&e.op, &e.before) {
            (Op::PutItem { item }, before) => {
                let current = self.item(item.id)?;
                let before = match before {
                    Some(Prior::Item(b)) => Some(b),
                    _ => None,
                };
                match (before, current) {
                    // An add: undo deletes the item, redo adds it back.
                    (None, Some(_)) if !forward => Op::DeleteItem { id: item.id },
                    (None, None) if forward => Op::PutItem { item: item.clone() },
                    (None, _) => return Ok(()),
                    (Some(_), None) => {
                        m.gone.push(shown(item));
                        return Ok(());
                    }
                    (Some(b), Some(c)) => {
                        let (from, to) = if forward { (b, item) } else { (item, b) };
                        let mut next = three_way(&c, from, to, &mut m.kept);
                        if next == c {
                            return Ok(());
                        }
                        next.updated = self.now().ms;
                        Op::PutItem { item: next }
                    }
                }
            }
            (Op::DeleteItem { id }, before) => {
                let exists = self.item(*id)?.is_some();
                match (forward, before) {
                    (false, Some(Prior::Item(b))) if !exists => Op::PutItem { item: b.clone() },
                    (true, _) if exists => Op::DeleteItem { id: *id },
                    _ => return Ok(()),
                }
            }
            (Op::SetEntry { series, day, .. } | Op::AddEntry { series, day, .. }, _) => {
                // The inverse as a delta: what another machine logged since stays.
                let d = if forward { delta(e) } else { -delta(e) };
                if d == 0.0 {
                    return Ok(());
                }
                let before = self.entry(series, *day)?.map(|x| x.value);
                self.add_to_entry(series, *day, d)?;
                if self.entry(series, *day)?.map(|x| x.value) != before {
                    m.written += 1;
                }
                return Ok(());
            }
            // Timers: the latest action wins; sessions are added or taken out.
            (op, _) if forward => op.clone(),
            (Op::SetTimer { .. }, Some(Prior::Timer(t))) => Op::SetTimer { state: t.clone() },
            (Op::SetTimer { .. }, _) => Op::SetTimer {
                state: TimerState::default(),
            },
            (Op::AddSession { session }, _) => Op::DeleteSession { end: session.end },
            (Op::DeleteSession { .. }, Some(Prior::Session(s))) => Op::AddSession { session: s.clone() },
            _ => return Ok(()),
        };
        self.apply(op)?;
        m.written += 1;
        Ok(())
    }

    fn replay_group(&mut self, entries: &[LogEntry], forward: bool) -> Result<Merge, StoreError> {
        let spec = self.spec();
        let order: Vec<&str> = match &spec.kind {
            Kind::List(l) => l.fields.keys().map(String::as_str).collect(),
            _ => Vec::new(),
        };
        let shown = |item: &Item| short(&title(spec, &order, item));
        let mut m = Merge::default();
        if forward {
            for e in entries {
                self.replay(e, true, &shown, &mut m)?;
            }
        } else {
            for e in entries.iter().rev() {
                self.replay(e, false, &shown, &mut m)?;
            }
        }
        Ok(m)
    }
}

/// The longest title an undo message quotes, so the whole message (and the
/// note on where the action came from) fits an 80-column status line.
const TITLE_CHARS: usize = 24;

fn short(t: &str) -> String {
    match t.chars().count() > TITLE_CHARS {
        true => format!("{}…", t.chars().take(TITLE_CHARS - 1).collect::<String>()),
        false => t.to_string(),
    }
}

fn title(spec: &Spec, order: &[&str], item: &Item) -> String {
    match &spec.kind {
        Kind::List(l) => crate::model::migrate::present(l, item.clone()).title(order),
        _ => item.title(order),
    }
}

/// What one user action did, as an undo or redo names it.
#[derive(Clone, Debug, PartialEq)]
pub enum Deed {
    /// An item's title, then the app's name (as in the others below).
    Added(String, String),
    Ticked(String, String),
    Unticked(String, String),
    Edited(String, String),
    Deleted(String, String),
    /// A tracker day changed, said in full ("+1 glass on Water, Tue 01 Dec").
    Day(String),
    /// Several items added at once: (how many, the app's name).
    Imported(usize, String),
    /// Several changes at once: (how many, the app's name).
    Changes(usize, String),
    /// A timer action ("start", "pause", ...), then the app's name.
    Timer(&'static str, String),
}

impl Deed {
    /// The past tense of the action, for "was deleted since it was …".
    pub fn verb(&self) -> &'static str {
        match self {
            Deed::Ticked(..) => "ticked",
            Deed::Unticked(..) => "unticked",
            Deed::Edited(..) => "edited",
            _ => "changed",
        }
    }
}

impl std::fmt::Display for Deed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            // Said as the action the user took: "Undid: add "milk" to Groceries".
            Deed::Added(t, app) => write!(f, "add \"{t}\" to {app}"),
            Deed::Ticked(t, app) => write!(f, "tick \"{t}\" in {app}"),
            Deed::Unticked(t, app) => write!(f, "untick \"{t}\" in {app}"),
            Deed::Edited(t, app) => write!(f, "edit \"{t}\" in {app}"),
            Deed::Deleted(t, app) => write!(f, "delete \"{t}\" from {app}"),
            Deed::Day(s) => f.write_str(s),
            Deed::Imported(n, app) => write!(f, "the import of {} into {app}", count(*n, "item")),
            Deed::Changes(n, app) => write!(f, "{} to {app}", count(*n, "change")),
            Deed::Timer(what, app) => write!(f, "{what} the {app} timer"),
        }
    }
}

/// "glasses" for 2, "glass" for 1.
fn unit_for(unit: &str, n: f64) -> String {
    if n.abs() != 1.0 {
        return unit.to_string();
    }
    for end in ["sses", "shes", "ches", "xes"] {
        if unit.ends_with(end) {
            return unit[..unit.len() - 2].to_string();
        }
    }
    unit.strip_suffix('s').unwrap_or(unit).to_string()
}

/// What a group of operations did, as a whole.
fn describe(spec: &Spec, entries: &[LogEntry]) -> Deed {
    let order: Vec<&str> = match &spec.kind {
        Kind::List(l) => l.fields.keys().map(String::as_str).collect(),
        _ => Vec::new(),
    };
    let shown = |item: &Item| short(&title(spec, &order, item));
    let app = spec.name.clone();
    let adds = entries
        .iter()
        .filter(|e| matches!((&e.op, &e.before), (Op::PutItem { .. }, None)))
        .count();
    if entries.len() > 1 && adds == entries.len() {
        return Deed::Imported(adds, spec.name.clone());
    }
    if let Kind::Timer(_) = spec.kind {
        return Deed::Timer(timer_action(entries), spec.name.clone());
    }
    if entries.len() > 1 {
        return Deed::Changes(entries.len(), spec.name.clone());
    }
    match entries.first().map(|e| (e, &e.op, &e.before)) {
        Some((_, Op::PutItem { item }, None)) => Deed::Added(shown(item), app),
        Some((_, Op::PutItem { item }, Some(Prior::Item(b)))) if b.done != item.done => match item.done {
            true => Deed::Ticked(shown(item), app),
            false => Deed::Unticked(shown(item), app),
        },
        Some((_, Op::PutItem { item }, _)) => Deed::Edited(shown(item), app),
        Some((_, Op::DeleteItem { .. }, Some(Prior::Item(b)))) => Deed::Deleted(shown(b), app),
        Some((_, Op::DeleteItem { id }, _)) => {
            Deed::Deleted(format!("#{}", crate::model::item_id::show(*id)), app)
        }
        Some((e, Op::SetEntry { series, day, .. } | Op::AddEntry { series, day, .. }, _)) => {
            let d = delta(e);
            let unit = match &spec.kind {
                Kind::Tracker(t) => t.unit.as_deref().map(|u| format!(" {}", unit_for(u, d))),
                _ => None,
            }
            .unwrap_or_default();
            let sign = if d >= 0.0 { "+" } else { "" };
            let date = crate::model::days::date_of(*day).format("%a %d %b");
            match series.as_str() {
                "" => Deed::Day(format!(
                    "{sign}{}{unit} on {}, {date}",
                    format_number(d),
                    spec.name
                )),
                s => Deed::Day(format!(
                    "{sign}{}{unit} on {s} in {}, {date}",
                    format_number(d),
                    spec.name
                )),
            }
        }
        _ => Deed::Timer("change", spec.name.clone()),
    }
}

/// What a timer's group of operations did, from its state before and after.
fn timer_action(entries: &[LogEntry]) -> &'static str {
    let set = entries.iter().find_map(|e| match (&e.op, &e.before) {
        (Op::SetTimer { state }, Some(Prior::Timer(b))) => Some((b.clone(), state)),
        (Op::SetTimer { state }, _) => Some((TimerState::default(), state)),
        _ => None,
    });
    let Some((before, after)) = set else {
        return "change";
    };
    match (before.since, after.since) {
        (None, Some(_)) if before.banked == 0 => "start",
        (None, Some(_)) => "resume",
        (Some(_), None) if *after == TimerState::default() => "stop",
        (Some(_), None) => "pause",
        _ if after.laps.len() > before.laps.len() => "take a lap of",
        _ if after.logged > before.logged => "skip a phase of",
        _ if *after == TimerState::default() => "stop",
        _ => "change",
    }
}

/// An undo or redo carried out: the group it reverted (for undo: the
/// action; for redo: the undo it reversed), what that action did, and how
/// it met what changed since.
#[derive(Clone, Debug, PartialEq)]
pub struct Replayed {
    pub group: u64,
    /// The action undone or redone (for undo the same as `group`).
    pub action: u64,
    pub deed: Deed,
    pub merge: Merge,
}

impl Tx<'_> {
    /// Undoes the latest action of this app that `allowed` (given its
    /// group id) lets it undo; None when there is none. When every item it
    /// was about was deleted since, nothing is written (`merge.written` 0).
    pub fn undo_where(&mut self, allowed: impl Fn(u64) -> bool) -> Result<Option<Replayed>, StoreError> {
        let groups = groups_in(self)?;
        let (undo, _) = stacks(&groups);
        let Some(target) = undo.iter().rev().copied().find(|&g| allowed(g)) else {
            return Ok(None);
        };
        let Some(group) = groups.iter().find(|g| g.id == target) else {
            return Ok(None);
        };
        self.mark = (Some(target), None);
        let merge = self.replay_group(&group.entries, false)?;
        self.mark = (None, None);
        Ok(Some(Replayed {
            group: target,
            action: target,
            deed: describe(self.spec(), &group.entries),
            merge,
        }))
    }

    /// Re-applies the latest undone action whose undo `allowed` (given the
    /// undo's group id) lets it redo; None when there is none.
    pub fn redo_where(&mut self, allowed: impl Fn(u64) -> bool) -> Result<Option<Replayed>, StoreError> {
        let groups = groups_in(self)?;
        let (_, redo) = stacks(&groups);
        let Some((target, undid, _)) = redo.iter().rev().copied().find(|&(_, by, _)| allowed(by)) else {
            return Ok(None);
        };
        let Some(group) = groups.iter().find(|g| g.id == target) else {
            return Ok(None);
        };
        self.mark = (None, Some(target));
        let merge = self.replay_group(&group.entries, true)?;
        self.mark = (None, None);
        Ok(Some(Replayed {
            group: undid,
            action: target,
            deed: describe(self.spec(), &group.entries),
            merge,
        }))
    }
}

impl Tx<'_> {
    /// This app's part of a group another app's undo (or redo) reached:
    /// one action over several apps is undone (or redone) as one.
    pub fn replay_part(&mut self, target: u64, forward: bool) -> Result<Option<Merge>, StoreError> {
        let groups = groups_in(self)?;
        let Some(group) = groups.iter().find(|g| g.id == target) else {
            return Ok(None);
        };
        self.mark = match forward {
            true => (None, Some(target)),
            false => (Some(target), None),
        };
        let merge = self.replay_group(&group.entries, forward)?;
        self.mark = (None, None);
        Ok(Some(merge))
    }
}

impl super::Reader {
    /// What undo (or redo) in `spec`'s app would reach first that
    /// `allowed` lets it: the action's group, and every app the action
    /// wrote to.
    pub fn history_target(
        &self,
        spec: &Spec,
        redo: bool,
        allowed: impl Fn(u64) -> bool,
    ) -> Result<Option<(u64, Vec<String>)>, StoreError> {
        let (Some(index), Some(log)) = (
            super::missing_ok(self.txn().open_table(APP_OPS))?,
            super::missing_ok(self.txn().open_table(OPLOG))?,
        ) else {
            return Ok(None);
        };
        let groups = groups(&index, &log, spec)?;
        let (undo, redos) = stacks(&groups);
        let target = match redo {
            false => undo.iter().rev().copied().find(|&g| allowed(g)),
            true => redos
                .iter()
                .rev()
                .find(|&&(_, by, _)| allowed(by))
                .map(|&(g, _, _)| g),
        };
        let Some(target) = target else { return Ok(None) };
        let mut apps: Vec<String> = Vec::new();
        for row in log.range(target..)? {
            let (_, v) = row?;
            let e: LogEntry = decode("operation", v.value())?;
            if e.group != target {
                break;
            }
            if !apps.contains(&e.app) {
                apps.push(e.app);
            }
        }
        Ok(Some((target, apps)))
    }

    /// The group id of what undo would undo next in `spec`'s app (for
    /// redo: the undo that redo would reverse), read without writing.
    pub fn peek_history(&self, spec: &Spec, redo: bool) -> Result<Option<u64>, StoreError> {
        let Some(index) = super::missing_ok(self.txn().open_table(APP_OPS))? else {
            return Ok(None);
        };
        let Some(log) = super::missing_ok(self.txn().open_table(OPLOG))? else {
            return Ok(None);
        };
        let groups = groups(&index, &log, spec)?;
        let (undo, redos) = stacks(&groups);
        Ok(match redo {
            false => undo.last().copied(),
            true => redos.last().map(|&(_, by, _)| by),
        })
    }
}
