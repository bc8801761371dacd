//! The view index: every list item's place in each order its views open
//! in (`model::view_index`), kept by the one write path in the same
//! transaction as the item. Opening a list then reads its first screen's
//! rows in order and stops; the rest of the list is not read for it.
//!
//! The places are kept under the fingerprint of the spec's orders (and of
//! today, for an order that reads it): when a write finds another, it places
//! every item again, and a read finds the index stale and sorts as before.

use serde::{Deserialize, Serialize};

use redb::{ReadTransaction, ReadableTable, WriteTransaction};

use super::codec::{decode, encode};
use super::error::StoreError;
use super::tables::{ITEMS, VIEW_ORDER, VIEW_ORDER_KEYS};
use crate::model::Item;
use crate::model::item_id::ItemId;
use crate::model::migrate::present;
use crate::model::view_index::{ViewOrder, kept};
use crate::spec::Spec;

/// What `VIEW_ORDER_KEYS` holds for an app: the fingerprint its places
/// were made under, and how many items each order holds (its filter's count).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
struct Kept {
    set: u64,
    counts: Vec<(u64, u64)>,
    /// The app summary's `updated` when the places were last moved: every
    /// nook's write moves that, so a write by a nook that keeps no places
    /// (an older one) shows here as a different stamp.
    #[serde(default)]
    stamp: i64,
}

/// The `updated` of `app`'s stored summary (0 when there is none).
fn summary_stamp(t: &impl ReadableTable<&'static str, &'static [u8]>, app: &str) -> Option<i64> {
    match t.get(app).ok()? {
        Some(v) => super::summary_record::counts(v.value()).ok().map(|c| c.updated),
        None => Some(0),
    }
}

/// The places a write transaction moves, for one list.
#[derive(Default)]
pub(crate) struct Keeper {
    /// The app is a list (else nothing is kept).
    active: bool,
    /// The stored places were made under this spec and day.
    fresh: bool,
    kept: Kept,
    orders: Vec<(u64, ViewOrder)>,
    today: i32,
    /// This write's time, the summary's `updated` once it is stored.
    stamp: i64,
}

fn stored(t: &impl ReadableTable<&'static str, &'static [u8]>, app: &str) -> Option<Kept> {
    // Damage here is derived data: placed again, never an error.
    let v = t.get(app).ok()??;
    decode::<Kept>("view order", v.value()).ok()
}

impl Keeper {
    /// `stored_stamp`: the `updated` of the summary this write starts from.
    pub(crate) fn new(
        txn: &WriteTransaction,
        spec: &Spec,
        now: crate::model::Now,
        stored_stamp: i64,
    ) -> Result<Keeper, StoreError> {
        let Some(list) = spec.list() else {
            return Ok(Keeper::default());
        };
        let today = now.today_number();
        let (set, orders) = kept(list, today);
        let found = stored(&txn.open_table(VIEW_ORDER_KEYS)?, &spec.id);
        let fresh = found
            .as_ref()
            .is_some_and(|k| k.set == set && k.stamp == stored_stamp);
        Ok(Keeper {
            active: true,
            fresh,
            kept: found.filter(|_| fresh).unwrap_or(Kept {
                set,
                counts: Vec::new(),
                stamp: 0,
            }),
            orders,
            today,
            stamp: now.ms,
        })
    }

    /// Moves an item from its places as `before` to its places as `after`
    /// (either may be none), while the stored places are current (else
    /// `finish` places every item).
    pub(crate) fn moved(
        &mut self,
        txn: &WriteTransaction,
        spec: &Spec,
        before: Option<&Item>,
        after: Option<&Item>,
    ) -> Result<(), StoreError> {
        let (true, Some(list)) = (self.fresh, spec.list()) else {
            return Ok(());
        };
        let app = spec.id.as_str();
        let before = before.map(|i| present(list, i.clone()));
        let after = after.map(|i| present(list, i.clone()));
        let mut t = txn.open_table(VIEW_ORDER)?;
        for (fp, order) in &self.orders {
            let place = |i: &Option<Item>| {
                i.as_ref()
                    .and_then(|i| Some((order.key(list, i, self.today)?, i.id)))
            };
            let (old, new) = (place(&before), place(&after));
            if old == new {
                continue;
            }
            let count = count_of(&mut self.kept, *fp);
            if let Some((key, id)) = old {
                t.remove((app, *fp, key.as_slice(), id.0))?;
                *count = count.saturating_sub(1);
            }
            if let Some((key, id)) = new {
                t.insert((app, *fp, key.as_slice(), id.0), ())?;
                *count += 1;
            }
        }
        Ok(())
    }

    /// Stores what moved; places every item again when the stored places
    /// were made under another spec or day, or never.
    pub(crate) fn finish(
        &mut self,
        txn: &WriteTransaction,
        spec: &Spec,
        items: impl FnOnce() -> Result<Vec<Item>, StoreError>,
    ) -> Result<(), StoreError> {
        let (true, Some(list)) = (self.active, spec.list()) else {
            return Ok(());
        };
        let app = spec.id.as_str();
        if !self.fresh {
            remove_app(txn, app)?;
            let mut t = txn.open_table(VIEW_ORDER)?;
            let mut counts = Vec::new();
            let shown: Vec<Item> = items()?.into_iter().map(|i| present(list, i)).collect();
            for (fp, order) in &self.orders {
                let mut n = 0;
                for item in &shown {
                    if let Some(key) = order.key(list, item, self.today) {
                        t.insert((app, *fp, key.as_slice(), item.id.0), ())?;
                        n += 1;
                    }
                }
                counts.push((*fp, n));
            }
            self.kept.counts = counts;
            self.fresh = true;
        }
        // Stored with every write, moved or not: the stamp follows the summary.
        self.kept.stamp = self.stamp;
        txn.open_table(VIEW_ORDER_KEYS)?
            .insert(app, encode(&self.kept).as_slice())?;
        Ok(())
    }
}

fn count_of(kept: &mut Kept, fp: u64) -> &mut u64 {
    let at = match kept.counts.iter().position(|(f, _)| *f == fp) {
        Some(at) => at,
        None => {
            kept.counts.push((fp, 0));
            kept.counts.len() - 1
        }
    };
    &mut kept.counts[at].1
}

/// Takes out every place of `app` and what was kept of it.
pub(crate) fn remove_app(txn: &WriteTransaction, app: &str) -> Result<u64, StoreError> {
    let mut t = txn.open_table(VIEW_ORDER)?;
    let mut keys: Vec<(u64, Vec<u8>, u128)> = Vec::new();
    for row in t.range((app, 0u64, &[][..], 0u128)..)? {
        let (k, _) = row?;
        let (a, fp, key, id) = k.value();
        if a != app {
            break;
        }
        keys.push((fp, key.to_vec(), id));
    }
    for (fp, key, id) in &keys {
        t.remove((app, *fp, key.as_slice(), *id))?;
    }
    txn.open_table(VIEW_ORDER_KEYS)?.remove(app)?;
    Ok(keys.len() as u64)
}

/// A window of a list's order: its first items and how many it holds.
pub struct Window {
    pub items: Vec<Item>,
    /// Items the order holds (those its filter lets in).
    pub count: u64,
}

/// The first `limit` items of `app` in the order `fp`, when the places
/// kept are current for the orders `set` (else None: the caller sorts).
pub(crate) fn window(
    txn: &ReadTransaction,
    app: &str,
    set: u64,
    fp: u64,
    limit: usize,
) -> Result<Option<Window>, StoreError> {
    let (Some(keys), Some(places)) = (
        super::missing_ok(txn.open_table(VIEW_ORDER_KEYS))?,
        super::missing_ok(txn.open_table(VIEW_ORDER))?,
    ) else {
        return Ok(None);
    };
    let summaries = txn.open_table(super::tables::SUMMARIES)?;
    let stamp = summary_stamp(&summaries, app);
    let Some(kept) = stored(&keys, app).filter(|k| k.set == set && Some(k.stamp) == stamp) else {
        return Ok(None);
    };
    let Some(&(_, count)) = kept.counts.iter().find(|(f, _)| *f == fp) else {
        return Ok(None);
    };
    let rows = txn.open_table(ITEMS)?;
    let mut items = Vec::with_capacity(limit.min(count as usize));
    for row in places.range((app, fp, &[][..], 0u128)..)?.take(limit) {
        let (k, _) = row?;
        let (a, f, _, id) = k.value();
        if a != app || f != fp {
            break;
        }
        // A place whose item is gone is damage: sort as before instead.
        let Some(v) = rows.get((app, id))? else {
            return Ok(None);
        };
        let item: Item = decode("item", v.value())?;
        if item.id != ItemId(id) {
            return Ok(None);
        }
        items.push(item);
    }
    Ok(Some(Window { items, count }))
}

/// Whether `app`'s places were made under the orders `set`.
pub(crate) fn current(txn: &ReadTransaction, app: &str, set: u64) -> Result<bool, StoreError> {
    let Some(keys) = super::missing_ok(txn.open_table(VIEW_ORDER_KEYS))? else {
        return Ok(false);
    };
    let stamp = summary_stamp(&txn.open_table(super::tables::SUMMARIES)?, app);
    Ok(stored(&keys, app).is_some_and(|k| k.set == set && Some(k.stamp) == stamp))
}
