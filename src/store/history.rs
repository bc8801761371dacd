//! Undo and redo from the operation log, so they work across restarts and
//! between processes: undoing a group applies the inverse of its operations
//! (from the values they replaced), redoing re-applies them, and both are
//! ordinary operations in the log.

use redb::ReadableTable;

use super::codec::decode;
use super::error::StoreError;
use super::tables::{APP_OPS, OPLOG};
use super::write::{LogEntry, Op, Prior, Tx};
use crate::model::timer::TimerState;

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
}

fn groups(tx: &Tx, app: &str) -> Result<Vec<Group>, StoreError> {
    let index = tx.txn().open_table(APP_OPS)?;
    let log = tx.txn().open_table(OPLOG)?;
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
        if !entry.op.fits(&tx.spec().kind) {
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

/// (what undo would undo, what redo would redo), as group ids; each redo
/// entry is (the group undone, the group that undid it). An undo or redo
/// may reach past the top (a TUI skips another process's actions), so the
/// group it names is taken out wherever it stands.
fn stacks(groups: &[Group]) -> (Vec<u64>, Vec<(u64, u64)>) {
    let (mut undo, mut redo): (Vec<u64>, Vec<(u64, u64)>) = (Vec::new(), Vec::new());
    for g in groups {
        match (g.undo_of(), g.redo_of()) {
            (Some(of), _) => {
                if let Some(at) = undo.iter().rposition(|&u| u == of) {
                    undo.remove(at);
                }
                redo.push((of, g.id));
            }
            (_, Some(of)) => {
                if let Some(at) = redo.iter().rposition(|&(r, _)| r == of) {
                    redo.remove(at);
                }
                undo.push(g.id);
            }
            _ => {
                undo.push(g.id);
                redo.clear();
            }
        }
    }
    (undo, redo)
}

fn inverse(e: &LogEntry) -> Option<Op> {
    Some(match (&e.op, &e.before) {
        (Op::PutItem { .. }, Some(Prior::Item(b))) | (Op::DeleteItem { .. }, Some(Prior::Item(b))) => {
            Op::PutItem { item: b.clone() }
        }
        (Op::PutItem { item }, None) => Op::DeleteItem { id: item.id },
        (Op::SetEntry { series, day, .. }, before) => Op::SetEntry {
            series: series.clone(),
            day: *day,
            value: match before {
                Some(Prior::Entry(b)) => Some(b.value),
                _ => None,
            },
            updated: match before {
                Some(Prior::Entry(b)) => Some(b.updated),
                _ => None,
            },
        },
        (Op::SetTimer { .. }, Some(Prior::Timer(t))) => Op::SetTimer { state: t.clone() },
        (Op::SetTimer { .. }, _) => Op::SetTimer {
            state: TimerState::default(),
        },
        (Op::AddSession { session }, _) => Op::DeleteSession { end: session.end },
        (Op::DeleteSession { .. }, Some(Prior::Session(s))) => Op::AddSession { session: s.clone() },
        _ => return None,
    })
}

/// What one user action did, as an undo or redo names it.
#[derive(Clone, Debug, PartialEq)]
pub enum Deed {
    Added(String),
    Ticked(String),
    Unticked(String),
    Edited(String),
    Deleted(String),
    /// A tracker day changed: (series, day number).
    Day(String, i32),
    Timer,
}

impl std::fmt::Display for Deed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Deed::Added(t) => write!(f, "added \"{t}\""),
            Deed::Ticked(t) => write!(f, "ticked \"{t}\""),
            Deed::Unticked(t) => write!(f, "unticked \"{t}\""),
            Deed::Edited(t) => write!(f, "edited \"{t}\""),
            Deed::Deleted(t) => write!(f, "deleted \"{t}\""),
            Deed::Day(series, day) => {
                let date = crate::model::days::date_of(*day);
                match series.as_str() {
                    "" => write!(f, "the change to {date}"),
                    s => write!(f, "the change to {s} on {date}"),
                }
            }
            Deed::Timer => write!(f, "the timer change"),
        }
    }
}

/// What a group of operations did, from its first operation.
fn describe(tx: &Tx, entries: &[LogEntry]) -> Deed {
    let order: Vec<&str> = match &tx.spec().kind {
        crate::spec::Kind::List(l) => l.fields.keys().map(String::as_str).collect(),
        _ => Vec::new(),
    };
    let shown = |item: &crate::model::Item| match &tx.spec().kind {
        crate::spec::Kind::List(l) => crate::model::migrate::present(l, item.clone()).title(&order),
        _ => item.title(&order),
    };
    match entries.first().map(|e| (&e.op, &e.before)) {
        Some((Op::PutItem { item }, None)) => Deed::Added(shown(item)),
        Some((Op::PutItem { item }, Some(Prior::Item(b)))) if b.done != item.done => {
            if item.done {
                Deed::Ticked(shown(item))
            } else {
                Deed::Unticked(shown(item))
            }
        }
        Some((Op::PutItem { item }, _)) => Deed::Edited(shown(item)),
        Some((Op::DeleteItem { .. }, Some(Prior::Item(b)))) => Deed::Deleted(shown(b)),
        Some((Op::DeleteItem { id }, _)) => Deed::Deleted(format!("#{id}")),
        Some((Op::SetEntry { series, day, .. }, _)) => Deed::Day(series.clone(), *day),
        _ => Deed::Timer,
    }
}

impl Tx<'_> {
    /// Undoes the latest action of this app that `allowed` (given its
    /// group id) lets it undo; None when there is none.
    pub fn undo_where(&mut self, allowed: impl Fn(u64) -> bool) -> Result<Option<(u64, Deed)>, StoreError> {
        let groups = groups(self, self.app_id())?;
        let (undo, _) = stacks(&groups);
        let Some(target) = undo.iter().rev().copied().find(|&g| allowed(g)) else {
            return Ok(None);
        };
        let Some(group) = groups.iter().find(|g| g.id == target) else {
            return Ok(None);
        };
        self.mark = (Some(target), None);
        for e in group.entries.iter().rev() {
            if let Some(op) = inverse(e) {
                self.apply(op)?;
            }
        }
        self.mark = (None, None);
        Ok(Some((target, describe(self, &group.entries))))
    }

    /// Re-applies the latest undone action whose undo `allowed` (given the
    /// undo's group id) lets it redo; None when there is none.
    pub fn redo_where(&mut self, allowed: impl Fn(u64) -> bool) -> Result<Option<(u64, Deed)>, StoreError> {
        let groups = groups(self, self.app_id())?;
        let (_, redo) = stacks(&groups);
        let Some((target, undid)) = redo.iter().rev().copied().find(|&(_, by)| allowed(by)) else {
            return Ok(None);
        };
        let Some(group) = groups.iter().find(|g| g.id == target) else {
            return Ok(None);
        };
        self.mark = (None, Some(target));
        for e in &group.entries {
            self.apply(e.op.clone())?;
        }
        self.mark = (None, None);
        Ok(Some((undid, describe(self, &group.entries))))
    }

    /// The group id of what `undo` would undo next (for undo: the action;
    /// for redo: the undo that redo would reverse), without changing anything.
    pub fn peek(&self, redo: bool) -> Result<Option<u64>, StoreError> {
        let groups = groups(self, self.app_id())?;
        let (undo, redos) = stacks(&groups);
        Ok(match redo {
            false => undo.last().copied(),
            true => redos.last().map(|&(_, by)| by),
        })
    }

    /// Undoes this app's last action, whoever did it.
    pub fn undo(&mut self) -> Result<Option<Deed>, StoreError> {
        Ok(self.undo_where(|_| true)?.map(|(_, d)| d))
    }

    /// Re-applies the last undone action, whoever undid it.
    pub fn redo(&mut self) -> Result<Option<Deed>, StoreError> {
        Ok(self.redo_where(|_| true)?.map(|(_, d)| d))
    }
}
