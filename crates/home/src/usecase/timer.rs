//! A timer's intents: start, pause, reset, skip, lap, or a look that logs
//! the phases that ended meanwhile. Each steps from the stored state.

use super::{Done, write};
use crate::model::Now;
use crate::model::timer::{self, Action, Moot, Session, TimerState};
use crate::spec::{Kind, Spec};
use crate::store::{Store, StoreError};

/// The timer after the action and the sessions it logged.
#[derive(Clone, Debug, PartialEq)]
pub struct Stepped {
    pub state: TimerState,
    pub logged: Vec<Session>,
    /// The action would have changed nothing, and why: only the phases
    /// that ended meanwhile were logged.
    pub moot: Option<Moot>,
}

pub fn act(store: &Store, spec: &Spec, now: Now, action: Action) -> Result<Done<Stepped>, StoreError> {
    write(store, spec, now, |tx| {
        // Judged on the stored state, inside the write: another process
        // may have changed it since anyone looked.
        let moot = match &spec.kind {
            Kind::Timer(t) => timer::moot(t, &tx.timer_state()?, action, now.ms),
            _ => None,
        };
        let (state, logged) = tx.timer(if moot.is_some() { Action::Observe } else { action })?;
        Ok(Stepped { state, logged, moot })
    })
}
