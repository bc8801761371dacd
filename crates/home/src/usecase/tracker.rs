//! A tracker's intent: change one day of one series. A step or an amount
//! is a delta applied to the stored day inside the write transaction, so a
//! `nook log` from another terminal in between is added to, not overwritten.

use super::{Done, write};
use crate::model::Now;
use crate::spec::{Kind, Spec};
use crate::store::{Store, StoreError};

pub use crate::model::amount::Amount;

/// The day after the change.
#[derive(Clone, Debug, PartialEq)]
pub struct Logged {
    pub series: String,
    pub day: i32,
    pub total: f64,
}

pub fn log(
    store: &Store,
    spec: &Spec,
    now: Now,
    series: &str,
    day: i32,
    amount: Amount,
) -> Result<Done<Logged>, StoreError> {
    if !matches!(spec.kind, Kind::Tracker(_)) {
        return Err(StoreError::Invalid(format!(
            "{} is a {}, not a tracker",
            spec.id,
            spec.kind.tag()
        )));
    }
    write(store, spec, now, |tx| {
        let current = tx.entry(series, day)?.map_or(0.0, |e| e.value);
        let total = match amount {
            // A delta, so what another machine logs the same day adds up.
            Amount::Add(n) => tx.add_to_entry(series, day, n)?,
            Amount::Set(n) => n.max(0.0),
            Amount::Toggle if current > 0.0 => 0.0,
            Amount::Toggle => 1.0,
        };
        if total != current && !matches!(amount, Amount::Add(_)) {
            tx.set_entry(series, day, total)?;
        }
        Ok(Logged {
            series: series.to_string(),
            day,
            total,
        })
    })
}
