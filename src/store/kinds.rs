//! Which kind of app an id's data belongs to. A list's items mean nothing to
//! a tracker, so a spec whose kind differs from its stored data is refused
//! (reported as an invalid app) instead of being shown empty or written into.

use super::error::StoreError;
use super::read::Reader;
use super::summary::AppSummary;
use crate::model::count::count;
use crate::model::timer::TimerState;
use crate::spec::catalog::Claims;
use crate::spec::{Catalog, Diagnostic, Spec, SpecError};

/// The data stored under one id.
#[derive(Clone, Debug, PartialEq)]
pub struct Held {
    /// "list", "tracker" or "timer".
    pub kind: String,
    /// "12 items", "30 days", "4 sessions".
    pub what: String,
}

/// What `sum` (and whether a timer state is stored) says is held; None when
/// nothing is, so any kind may start afresh.
pub fn held(sum: &AppSummary, timer_set: bool) -> Option<Held> {
    let days: u64 = sum.series.values().map(|s| u64::from(s.days)).sum();
    let has = sum.items > 0 || days > 0 || sum.sessions_total > 0 || timer_set;
    if !has {
        return None;
    }
    // Summaries written before the kind was recorded: what their counts hold.
    let kind = sum.kind.clone().unwrap_or_else(|| {
        if sum.items > 0 {
            "list".into()
        } else if days > 0 {
            "tracker".into()
        } else {
            "timer".into()
        }
    });
    let what = match kind.as_str() {
        "list" => count(sum.items, "item"),
        "tracker" => count(days, "day"),
        _ if sum.sessions_total > 0 => count(sum.sessions_total, "session"),
        _ => "a timer's state".into(),
    };
    Some(Held { kind, what })
}

/// Why `spec` cannot use the data stored under its id, if it cannot.
pub fn conflict(spec: &Spec, held: Option<&Held>) -> Option<String> {
    let held = held?;
    let kind = spec.kind.word();
    if held.kind == kind {
        return None;
    }
    let article = if kind.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    Some(format!(
        "the app '{id}' holds {} data ({}); {article} {kind} cannot read it: change the kind back, \
         or give this spec an id of its own",
        held.kind,
        held.what,
        id = spec.id
    ))
}

impl Reader {
    /// What is stored under `app`, if anything.
    pub fn held(&self, app: &str) -> Result<Option<Held>, StoreError> {
        let sum = self.summary(app)?;
        let timer_set = sum.items == 0 && sum.series.is_empty() && self.timer(app)? != TimerState::default();
        Ok(held(&sum, timer_set))
    }

    /// Why `spec` cannot use its id's data, if it cannot.
    pub fn kind_conflict(&self, spec: &Spec) -> Result<Option<String>, StoreError> {
        Ok(conflict(spec, self.held(&spec.id)?.as_ref()))
    }
}

/// Marks every spec whose kind differs from its stored data as invalid,
/// pointing at the kind word.
pub fn mark(r: &Reader, catalog: &mut Catalog) -> Result<(), StoreError> {
    // Of specs that share an id, the one whose kind the data is keeps it.
    if catalog.has_clashes()
        && let Ok(stored) = r.stored_apps()
    {
        let mut claims = Claims::default();
        for s in stored {
            if let Some(held) = s.held {
                claims.data.insert(s.id.clone(), held.kind);
            }
            claims.used.insert(s.id);
        }
        catalog.settle_ids(&claims);
    }
    for e in &mut catalog.entries {
        let Ok(spec) = &e.spec else { continue };
        // A record that cannot be read is reported by whatever reads it for
        // real; it must not stop every other app from being listed.
        if let Ok(Some(message)) = r.kind_conflict(spec) {
            e.spec = Err(SpecError {
                path: e.path.display().to_string(),
                diagnostics: vec![Diagnostic::new(crate::spec::catalog::kind_pos(&e.path), message)],
            });
        }
    }
    Ok(())
}
