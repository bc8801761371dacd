//! Undo and redo. The command line undoes this device's latest action of an
//! app; the TUI undoes what it did itself first, then what was done on this
//! device before it started, and never an action another process took while
//! it ran (that process's user did not ask this TUI to undo it).

use std::collections::BTreeSet;

use super::{Deed, Done, write};
use crate::model::Now;
use crate::spec::Spec;
use crate::store::{Store, StoreError};

/// Whose actions an undo may reach.
#[derive(Clone, Copy, Debug)]
pub enum Scope<'a> {
    /// Any action of the app (the command line).
    All,
    /// The actions of one running TUI (`ours`, by undo group), and those
    /// logged before it started (`started`: the log's last id then).
    Session { ours: &'a BTreeSet<u64>, started: u64 },
}

impl Scope<'_> {
    fn allows(&self, group: u64) -> bool {
        match self {
            Scope::All => true,
            Scope::Session { ours, started } => ours.contains(&group) || group <= *started,
        }
    }

    /// Whether `group` was done before this session (worth saying so).
    fn earlier(&self, group: u64) -> bool {
        match self {
            Scope::All => false,
            Scope::Session { ours, .. } => !ours.contains(&group),
        }
    }
}

/// What an undo or redo did; `deed` None when there was nothing to do.
#[derive(Clone, Debug, PartialEq)]
pub struct Reverted {
    pub redo: bool,
    pub deed: Option<Deed>,
    /// The action came from before this TUI started (another session, the
    /// command line).
    pub earlier: bool,
}

impl std::fmt::Display for Reverted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let verb = if self.redo { "Redid" } else { "Undid" };
        match &self.deed {
            None if self.redo => write!(f, "Nothing to redo"),
            None => write!(f, "Nothing to undo"),
            Some(d) if self.earlier => write!(f, "{verb}: {d} (done before this session)"),
            Some(d) => write!(f, "{verb}: {d}"),
        }
    }
}

pub fn undo(store: &Store, spec: &Spec, now: Now, scope: Scope) -> Result<Done<Reverted>, StoreError> {
    write(store, spec, now, |tx| {
        let hit = tx.undo_where(|g| scope.allows(g))?;
        Ok(Reverted {
            redo: false,
            earlier: hit.as_ref().is_some_and(|(g, _)| scope.earlier(*g)),
            deed: hit.map(|(_, d)| d),
        })
    })
}

pub fn redo(store: &Store, spec: &Spec, now: Now, scope: Scope) -> Result<Done<Reverted>, StoreError> {
    write(store, spec, now, |tx| {
        let hit = tx.redo_where(|g| scope.allows(g))?;
        Ok(Reverted {
            redo: true,
            earlier: hit.as_ref().is_some_and(|(g, _)| scope.earlier(*g)),
            deed: hit.map(|(_, d)| d),
        })
    })
}

/// Of `specs`, the app whose undo (or redo) is the latest on this device:
/// what `nook undo` without an app reverses.
pub fn latest<'a>(
    store: &Store,
    specs: impl Iterator<Item = &'a Spec>,
    now: Now,
    redo: bool,
) -> Option<&'a Spec> {
    let mut best: Option<(u64, &Spec)> = None;
    for spec in specs {
        // A spec whose kind differs from its data has nothing to undo here.
        let Ok(Some(at)) = store.write(spec, now, |tx| tx.peek(redo)) else {
            continue;
        };
        if best.is_none_or(|(b, _)| at > b) {
            best = Some((at, spec));
        }
    }
    best.map(|(_, s)| s)
}
