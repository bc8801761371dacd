//! Every user intent, once: the command line (`cli/`) and the TUI's runtime
//! (`runtime/`) both call these functions and turn the typed outcome into
//! their own words or actions. Each takes the store, the spec or home it
//! needs and an injected `Now`, names no terminal, and computes every new
//! value inside the write transaction from what is stored, never from what
//! a screen last loaded.

pub mod change;
pub mod due;
pub mod figures;
pub mod history;
pub mod lifecycle;
pub mod link;
pub mod list;
pub mod timer;
pub mod tracker;
pub mod transfer;

use crate::model::Now;
use crate::spec::Spec;
use crate::store::{Store, StoreError, Tx};

pub use crate::store::history::Deed;

/// Which operations one write transaction added: the log's last id before
/// it and after it. A process that saw `base` last saw everything but this.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Receipt {
    pub base: u64,
    pub last: u64,
}

impl Receipt {
    /// The undo group the transaction wrote (the id of its first operation).
    pub fn group(&self) -> Option<u64> {
        (self.last > self.base).then_some(self.base + 1)
    }
}

/// An intent's outcome and the receipt of the write that carried it out.
#[derive(Clone, Debug, PartialEq)]
pub struct Done<T> {
    pub outcome: T,
    pub receipt: Receipt,
}

/// One write transaction for `spec`, with its receipt.
fn write<T>(
    store: &Store,
    spec: &Spec,
    now: Now,
    f: impl FnOnce(&mut Tx) -> Result<T, StoreError>,
) -> Result<Done<T>, StoreError> {
    let mut receipt = Receipt::default();
    let outcome = store.write(spec, now, |tx| {
        receipt.base = tx.base_seq();
        let out = f(tx)?;
        receipt.last = tx.last_seq();
        Ok(out)
    })?;
    Ok(Done { outcome, receipt })
}
