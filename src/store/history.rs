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

/// (what undo would undo, what redo would redo), as group ids.
fn stacks(groups: &[Group]) -> (Vec<u64>, Vec<u64>) {
    let (mut undo, mut redo) = (Vec::new(), Vec::new());
    for g in groups {
        match (g.undo_of(), g.redo_of()) {
            (Some(of), _) => {
                if undo.last() == Some(&of) {
                    undo.pop();
                }
                redo.push(of);
            }
            (_, Some(of)) => {
                if redo.last() == Some(&of) {
                    redo.pop();
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

/// What an undo or redo did, in words for the status line.
fn describe(entries: &[LogEntry]) -> String {
    let n = entries.len();
    let what = match entries.first().map(|e| &e.op) {
        Some(Op::PutItem { .. }) if n == 1 => "the item change",
        Some(Op::DeleteItem { .. }) => "the delete",
        Some(Op::SetEntry { .. }) => "the day's change",
        Some(Op::SetTimer { .. } | Op::AddSession { .. } | Op::DeleteSession { .. }) => "the timer change",
        _ => "the change",
    };
    what.to_string()
}

impl Tx<'_> {
    /// Undoes this app's last action; None when there is nothing to undo.
    pub fn undo(&mut self) -> Result<Option<String>, StoreError> {
        let groups = groups(self, self.app_id())?;
        let (undo, _) = stacks(&groups);
        let Some(target) = undo.last().copied() else {
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
        Ok(Some(format!("Undid {}", describe(&group.entries))))
    }

    /// Re-applies the last undone action; None when there is nothing to redo.
    pub fn redo(&mut self) -> Result<Option<String>, StoreError> {
        let groups = groups(self, self.app_id())?;
        let (_, redo) = stacks(&groups);
        let Some(target) = redo.last().copied() else {
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
        Ok(Some(format!("Redid {}", describe(&group.entries))))
    }
}
