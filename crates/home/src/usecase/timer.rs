//! A timer's intents: start, pause, reset, skip, lap, or a look that logs
//! the phases that ended meanwhile. Each steps from the stored state.

use super::{Done, write};
use crate::model::Now;
use crate::model::timer::{Action, Session, TimerState};
use crate::spec::Spec;
use crate::store::{Store, StoreError};

/// The timer after the action and the sessions it logged.
#[derive(Clone, Debug, PartialEq)]
pub struct Stepped {
    pub state: TimerState,
    pub logged: Vec<Session>,
}

pub fn act(store: &Store, spec: &Spec, now: Now, action: Action) -> Result<Done<Stepped>, StoreError> {
    write(store, spec, now, |tx| {
        let (state, logged) = tx.timer(action)?;
        Ok(Stepped { state, logged })
    })
}
