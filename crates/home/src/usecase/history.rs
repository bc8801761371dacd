//! Undo and redo. The command line undoes this device's latest action of an
//! app; the TUI undoes what it did itself first, then what was done on this
//! device before it started, and never an action another process took while
//! it ran (that process's user did not ask this TUI to undo it).

use std::collections::BTreeSet;

use super::{Deed, Done, Receipt};
use crate::model::Now;
use crate::spec::Spec;
use crate::store::history::Merge;
use crate::store::{Store, StoreError};

/// Whose actions an undo may reach.
#[derive(Clone, Copy, Debug)]
pub enum Scope<'a> {
    /// Any action of the app (the command line), but those in `passed`.
    All { passed: &'a BTreeSet<u64> },
    /// The actions of one running TUI (`ours`, by undo group), and those
    /// logged before it started (`started`: the log's last id then), but
    /// those in `passed` (undos found moot: their items were deleted since).
    Session {
        ours: &'a BTreeSet<u64>,
        started: u64,
        passed: &'a BTreeSet<u64>,
    },
}

impl Scope<'_> {
    fn allows(&self, group: u64) -> bool {
        match self {
            Scope::All { passed } => !passed.contains(&group),
            Scope::Session {
                ours,
                started,
                passed,
            } => !passed.contains(&group) && (ours.contains(&group) || group <= *started),
        }
    }

    /// Whether `group` was done before this session (worth saying so).
    fn earlier(&self, group: u64) -> bool {
        match self {
            Scope::All { .. } => false,
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
    /// The group reached (the action, or for redo the undo reversed).
    pub group: Option<u64>,
    pub merge: Merge,
}

impl Reverted {
    /// Nothing was written because every item the action was about was
    /// deleted since: the caller passes over this group next time.
    pub fn moot(&self) -> bool {
        self.wrote_nothing() && !self.merge.gone.is_empty()
    }

    /// An action was reached but nothing was left to change (its items
    /// deleted, or every field it changed changed again since): the log
    /// records nothing, so the TUI passes over it itself.
    pub fn wrote_nothing(&self) -> bool {
        self.deed.is_some() && self.merge.written == 0
    }
}

impl std::fmt::Display for Reverted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (verb, word) = if self.redo {
            ("Redid", "redone")
        } else {
            ("Undid", "undone")
        };
        let Some(d) = &self.deed else {
            return write!(f, "Nothing to {}", if self.redo { "redo" } else { "undo" });
        };
        if self.moot() {
            let names: Vec<String> = self.merge.gone.iter().map(|g| format!("\"{g}\"")).collect();
            return write!(
                f,
                "Not {word}: {} was deleted since it was {}",
                names.join(", "),
                d.verb()
            );
        }
        if self.wrote_nothing() && !self.merge.kept.is_empty() {
            return write!(
                f,
                "Not {word}: {d} ({} changed since)",
                self.merge.kept.join(", ")
            );
        }
        let mut notes = Vec::new();
        if !self.merge.kept.is_empty() {
            notes.push(format!("kept {}, changed since", self.merge.kept.join(", ")));
        }
        if !self.merge.gone.is_empty() {
            notes.push(format!("{} deleted since", self.merge.gone.len()));
        }
        if self.earlier {
            notes.push("done before this session".into());
        }
        match notes.is_empty() {
            true => write!(f, "{verb}: {d}"),
            false => write!(f, "{verb}: {d} ({})", notes.join("; ")),
        }
    }
}

fn reverted(redo: bool, scope: &Scope, hit: Option<crate::store::history::Replayed>) -> Reverted {
    match hit {
        Some(r) => Reverted {
            redo,
            earlier: scope.earlier(r.group),
            group: Some(r.group),
            deed: Some(r.deed),
            merge: r.merge,
        },
        None => Reverted {
            redo,
            deed: None,
            earlier: false,
            group: None,
            merge: Merge::default(),
        },
    }
}

pub fn undo(store: &Store, spec: &Spec, now: Now, scope: Scope) -> Result<Done<Reverted>, StoreError> {
    revert(store, spec, &|_| None, now, scope, false)
}

pub fn redo(store: &Store, spec: &Spec, now: Now, scope: Scope) -> Result<Done<Reverted>, StoreError> {
    revert(store, spec, &|_| None, now, scope, true)
}

/// Undo (or redo) where one action may have written to several apps:
/// `spec_of` finds the other apps' specs, and the whole action is reverted
/// in one transaction. An app it cannot find keeps its part.
pub fn revert(
    store: &Store,
    spec: &Spec,
    spec_of: &dyn Fn(&str) -> Option<Spec>,
    now: Now,
    scope: Scope,
    redo: bool,
) -> Result<Done<Reverted>, StoreError> {
    let others: Vec<Spec> = store
        .read(|r| r.history_target(spec, redo, |g| scope.allows(g)))?
        .map(|(_, apps)| {
            apps.iter()
                .filter(|a| **a != spec.id)
                .filter_map(|a| spec_of(a))
                .collect()
        })
        .unwrap_or_default();
    let mut specs = vec![spec];
    specs.extend(others.iter());
    let mut receipt = Receipt::default();
    let outcome = store.write_apps(&specs, now, |apps| {
        let first = apps.first();
        receipt.base = first.base_seq();
        let mut hit = match redo {
            false => first.undo_where(|g| scope.allows(g))?,
            true => first.redo_where(|g| scope.allows(g))?,
        };
        if let Some(r) = &mut hit {
            for other in &others {
                if let Some(tx) = apps.on(&other.id)
                    && let Some(m) = tx.replay_part(r.action, redo)?
                {
                    r.merge.written += m.written;
                    r.merge.kept.extend(m.kept);
                    r.merge.gone.extend(m.gone);
                }
            }
        }
        receipt.last = apps.last_seq();
        Ok(reverted(redo, &scope, hit))
    })?;
    Ok(Done { outcome, receipt })
}

/// The spec with an id in the apps folder of `home`: how [`revert`] finds
/// the other apps of an action (read only when an action reached several).
pub fn spec_in(home: &crate::paths::Home, id: &str) -> Option<Spec> {
    let catalog = crate::spec::catalog::Catalog::of_home(home).ok()?;
    catalog.specs().find(|s| s.id == id).cloned()
}

/// Of `specs`, the app whose undo (or redo) is the latest on this device:
/// what `nook undo` without an app reverses. Read only; an unreadable
/// database is an error, not "nothing to undo".
pub fn latest<'a>(
    store: &Store,
    specs: impl Iterator<Item = &'a Spec>,
    redo: bool,
) -> Result<Option<&'a Spec>, StoreError> {
    let specs: Vec<&Spec> = specs.collect();
    let peeks = store.read(|r| {
        specs
            .iter()
            .map(|s| r.peek_history(s, redo))
            .collect::<Result<Vec<_>, _>>()
    })?;
    let mut best: Option<(u64, &Spec)> = None;
    for (spec, at) in specs.into_iter().zip(peeks) {
        if let Some(at) = at
            && best.is_none_or(|(b, _)| at > b)
        {
            best = Some((at, spec));
        }
    }
    Ok(best.map(|(_, s)| s))
}
