//! Import: an export's records merged into an app in one transaction.

use super::{Done, write};
use crate::model::Now;
use crate::spec::Spec;
use crate::store::export::{self, Counts, Export, Options};
use crate::store::{Store, StoreError};

/// Checks `doc` against the spec, then adds what is not stored.
pub fn import(
    store: &Store,
    spec: &Spec,
    now: Now,
    doc: &Export,
    opts: Options,
) -> Result<Done<Counts>, StoreError> {
    export::check(doc, spec, opts).map_err(StoreError::Invalid)?;
    write(store, spec, now, |tx| export::import(tx, doc, opts))
}
