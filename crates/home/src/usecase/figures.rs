//! A list's stored figures counted again once after its spec changed them,
//! so the launcher and `nook report` read one record again at once rather
//! than counting every item on each read until the next write; and its
//! view index placed again, so the list opens by its first screen's rows.

use crate::model::Now;
use crate::spec::{Kind, ListSpec, Spec};
use crate::store::read::Reader;
use crate::store::{Store, StoreError};

/// Recounts the stored figures of each list in `specs` whose figures were
/// made under other definitions (or none yet); returns the ids recounted.
/// A list whose figures are current costs one read and no write.
pub fn restore_stale(store: &Store, specs: &[&Spec], now: Now) -> Result<Vec<String>, StoreError> {
    restore(store, specs, now, |r, spec, list| {
        let has_figures = !crate::figures::kept(list).is_empty();
        if !has_figures && list.due.is_none() {
            return Ok(false);
        }
        let sum = r.summary(&spec.id)?;
        let figures_stale = has_figures && !sum.figures.as_ref().is_some_and(|f| f.current(list));
        // The open items per due day, counted under another due field or not yet.
        let due_stale = list.due.is_some() && !sum.due.as_ref().is_some_and(|d| d.current(list));
        // An empty list has nothing to count, and writing it would
        // store data for an app that has none.
        Ok(sum.items > 0 && (figures_stale || due_stale))
    })
}

/// Places again the items of each list in `specs` whose view index was made
/// under another spec or day, or by a nook that keeps none (or never), so
/// it opens by its first screen's rows; returns the ids placed. The TUI runs
/// it once the launcher is on screen: placing a long list's items takes a
/// moment, once. A list whose places are current costs two small look-ups.
pub fn restore_orders(store: &Store, specs: &[&Spec], now: Now) -> Result<Vec<String>, StoreError> {
    restore(store, specs, now, |r, spec, list| {
        let (orders, _) = crate::model::view_index::kept(list, now.today_number());
        Ok(!r.view_index_current(&spec.id, orders)? && r.held(&spec.id)?.is_some_and(|h| h.items > 0))
    })
}

/// Writes each list `stale` names once, which brings its derived data up
/// to date (`Tx::restore_figures`).
fn restore(
    store: &Store,
    specs: &[&Spec],
    now: Now,
    stale: impl Fn(&Reader, &Spec, &ListSpec) -> Result<bool, StoreError>,
) -> Result<Vec<String>, StoreError> {
    let stale: Vec<&Spec> = store.read(|r| {
        let mut out = Vec::new();
        for spec in specs {
            let Kind::List(list) = &spec.kind else { continue };
            if stale(r, spec, list)? {
                out.push(*spec);
            }
        }
        Ok(out)
    })?;
    // One app's failure (its data held by another kind, say) leaves its
    // figures counted on read, as before, and the others recounted.
    Ok(stale
        .into_iter()
        .filter(|spec| {
            store
                .write(spec, now, |tx| {
                    tx.restore_figures();
                    Ok(())
                })
                .is_ok()
        })
        .map(|spec| spec.id.clone())
        .collect())
}
