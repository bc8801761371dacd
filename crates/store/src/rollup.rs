//! Rollup tallies, kept by the one write path: every item stored or taken
//! out of a list with Link fields counts in or out of the tallies of the
//! items it links to, in the same transaction (an add, an edit, a delete,
//! an undo, an import). Showing the linked-to list then reads one row per
//! item and filter, never the linking items.
//!
//! The tallies are counted under a fingerprint of the linking app's spec
//! (`model::rollup::fingerprint`); when a write finds another, it counts
//! every item again, and a read finds it stale and counts them itself.

use std::collections::{BTreeMap, HashMap};

use redb::{ReadableTable, WriteTransaction};

use super::codec::{decode, encode};
use super::error::StoreError;
use super::read::Reader;
use super::tables::*;
use crate::model::Item;
use crate::model::item_id::ItemId;
use crate::model::migrate::present;
use crate::model::rollup::{self, Key, Tally};
use crate::spec::{FieldType, ListSpec, Spec};

pub use crate::model::rollup::Values;

/// The tallies a write transaction changes, written back by `finish`.
#[derive(Default)]
pub(crate) struct Keeper {
    /// Whether the app links anywhere (or did when last counted).
    active: bool,
    /// The stored tallies were counted under today's spec, so a write only
    /// counts its items in and out.
    fresh: bool,
    key: u64,
    changed: BTreeMap<Key, Tally>,
}

impl Keeper {
    pub(crate) fn new(txn: &WriteTransaction, spec: &Spec) -> Result<Keeper, StoreError> {
        let Some(list) = spec.list() else {
            return Ok(Keeper::default());
        };
        let links = !rollup::link_fields(list).is_empty();
        let stored = txn
            .open_table(ROLLUP_KEYS)?
            .get(spec.id.as_str())?
            .map(|v| v.value());
        let key = rollup::fingerprint(list);
        Ok(Keeper {
            active: links || stored.is_some(),
            fresh: links && stored == Some(key),
            key,
            changed: BTreeMap::new(),
        })
    }

    /// Counts a stored item in (`sign` 1) or out (-1).
    pub(crate) fn count(
        &mut self,
        txn: &WriteTransaction,
        spec: &Spec,
        item: &Item,
        sign: i64,
    ) -> Result<(), StoreError> {
        let (true, Some(list)) = (self.fresh, spec.list()) else {
            return Ok(());
        };
        let shown = present(list, item.clone());
        let (keys, numbers) = rollup::places(list, &shown);
        if keys.is_empty() {
            return Ok(());
        }
        let t = txn.open_table(ROLLUPS)?;
        for k in keys {
            if !self.changed.contains_key(&k) {
                let stored = match t.get((spec.id.as_str(), k.0.as_str(), k.1.0, k.2.as_str()))? {
                    Some(v) => decode("rollup", v.value())?,
                    None => Tally::default(),
                };
                self.changed.insert(k.clone(), stored);
            }
            self.changed
                .get_mut(&k)
                .expect("just inserted")
                .count(&numbers, sign);
        }
        Ok(())
    }

    /// Writes the changed tallies, or counts every item again when they
    /// were counted under another spec.
    pub(crate) fn finish(
        &mut self,
        txn: &WriteTransaction,
        spec: &Spec,
        items: impl FnOnce() -> Result<Vec<Item>, StoreError>,
    ) -> Result<(), StoreError> {
        if !self.active {
            return Ok(());
        }
        let app = spec.id.as_str();
        let mut t = txn.open_table(ROLLUPS)?;
        if !self.fresh {
            remove_app(&mut t, app)?;
            let list = spec.list().filter(|l| !rollup::link_fields(l).is_empty());
            let Some(list) = list else {
                txn.open_table(ROLLUP_KEYS)?.remove(app)?;
                self.active = false;
                return Ok(());
            };
            let shown: Vec<Item> = items()?.into_iter().map(|i| present(list, i)).collect();
            self.changed = rollup::tally_all(list, &shown);
            txn.open_table(ROLLUP_KEYS)?.insert(app, self.key)?;
            self.fresh = true;
        }
        for ((via, id, filter), tally) in std::mem::take(&mut self.changed) {
            let key = (app, via.as_str(), id.0, filter.as_str());
            if tally.is_empty() {
                t.remove(key)?;
            } else {
                t.insert(key, encode(&tally).as_slice())?;
            }
        }
        Ok(())
    }
}

/// Takes out every tally the app's items made.
pub(crate) fn remove_app(
    t: &mut redb::Table<(&'static str, &'static str, u128, &'static str), &'static [u8]>,
    app: &str,
) -> Result<u64, StoreError> {
    let mut keys: Vec<(String, u128, String)> = Vec::new();
    for row in t.range((app, "", 0u128, "")..)? {
        let (k, _) = row?;
        let (a, via, id, filter) = k.value();
        if a != app {
            break;
        }
        keys.push((via.to_string(), id, filter.to_string()));
    }
    for (via, id, filter) in &keys {
        t.remove((app, via.as_str(), *id, filter.as_str()))?;
    }
    Ok(keys.len() as u64)
}

impl Reader {
    /// Every rollup field of `target` for each of its items that has a
    /// value, read from the stored tallies of the apps in `specs` it rolls
    /// up from (counted from their items when stored under another spec).
    pub fn rollups(&self, target: &Spec, specs: &[&Spec]) -> Result<Values, StoreError> {
        let mut out = Values::new();
        let Some(list) = target.list() else {
            return Ok(out);
        };
        // The tallies of each (app, via), read once for every field using them.
        let mut read: HashMap<(String, String), HashMap<(ItemId, String), Tally>> = HashMap::new();
        for (name, field) in &list.fields {
            let FieldType::Rollup(r) = &field.ty else { continue };
            let Some(from) = specs.iter().find(|s| s.id == r.from) else {
                continue;
            };
            let Some(from_list) = from.list() else { continue };
            let at = (r.from.clone(), r.via.clone());
            if !read.contains_key(&at) {
                let tallies = self.tallies(&from.id, from_list, &r.via)?;
                read.insert(at.clone(), tallies);
            }
            let tallies = &read[&at];
            let ids: std::collections::BTreeSet<ItemId> = tallies.keys().map(|(id, _)| *id).collect();
            let values = out.entry(name.clone()).or_default();
            for id in ids {
                let v = rollup::value(r, |f| tallies.get(&(id, f.to_string())).cloned());
                if let Some(v) = v {
                    values.insert(id, v);
                }
            }
        }
        Ok(out)
    }

    /// The tallies `app`'s items make through its Link field `via`.
    fn tallies(
        &self,
        app: &str,
        list: &ListSpec,
        via: &str,
    ) -> Result<HashMap<(ItemId, String), Tally>, StoreError> {
        let mut out = HashMap::new();
        let stored = match super::missing_ok(self.txn().open_table(ROLLUP_KEYS))? {
            Some(t) => t.get(app)?.map(|v| v.value()),
            None => None,
        };
        if stored != Some(rollup::fingerprint(list)) {
            let items = self.items(app, ItemId(0), usize::MAX)?;
            let shown: Vec<Item> = items.into_iter().map(|i| present(list, i)).collect();
            for ((v, id, filter), t) in rollup::tally_all(list, &shown) {
                if v == via {
                    out.insert((id, filter), t);
                }
            }
            return Ok(out);
        }
        let Some(t) = super::missing_ok(self.txn().open_table(ROLLUPS))? else {
            return Ok(out);
        };
        for row in t.range((app, via, 0u128, "")..)? {
            let (k, v) = row?;
            let (a, f, id, filter) = k.value();
            if a != app || f != via {
                break;
            }
            out.insert((ItemId(id), filter.to_string()), decode("rollup", v.value())?);
        }
        Ok(out)
    }
}
