//! Tracker days: a day's stored value, and the calendar's day numbers
//! (which the spec language owns, see [`crate::spec::calendar`]).

pub use crate::spec::calendar::{date_of, day_number, period_of};

/// A tracker day's stored value.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Entry {
    pub value: f64,
    /// Unix ms of the last change.
    pub updated: i64,
}
