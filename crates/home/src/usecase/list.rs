//! A list's intents: add, edit (only the fields the user changed), tick,
//! delete, and the items with their ids.

use crate::model::item_id::ItemId;
use std::collections::BTreeMap;

use super::{Done, write};
use crate::model::migrate::present;
use crate::model::{FieldValue, Item, Now, item_id};
use crate::spec::{Kind, ListSpec, Spec};
use crate::store::{Op, Store, StoreError, Tx};

fn list_of(spec: &Spec) -> Result<&ListSpec, StoreError> {
    match &spec.kind {
        Kind::List(l) => Ok(l),
        _ => Err(StoreError::Invalid(format!(
            "{} is a {}, not a list",
            spec.id,
            spec.kind.tag()
        ))),
    }
}

/// The stored item as today's spec shows it, or an error naming the id.
pub(super) fn stored(tx: &Tx, list: &ListSpec, id: ItemId) -> Result<Item, StoreError> {
    match tx.item(id)? {
        Some(item) => Ok(present(list, item)),
        None => Err(StoreError::Unchanged(format!(
            "{}: no item {} (it was deleted)",
            tx.app_id(),
            item_id::show(id)
        ))),
    }
}

/// What a user changed in an item: only these parts are written, so a
/// field another process changed meanwhile keeps that change.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Edit {
    pub text: Option<String>,
    pub done: Option<bool>,
    /// A field's new value; None removes it.
    pub values: BTreeMap<String, Option<FieldValue>>,
}

impl Edit {
    /// The parts in which `typed` differs from `loaded` (what the form or
    /// panel started from): the first two legs of a three-way merge, the
    /// stored item being the third.
    pub fn between(loaded: &Item, typed: &Item) -> Edit {
        let mut values = BTreeMap::new();
        for name in loaded.values.keys().chain(typed.values.keys()) {
            let (was, now) = (loaded.values.get(name), typed.values.get(name));
            if was != now {
                values.insert(name.clone(), now.cloned());
            }
        }
        Edit {
            text: (loaded.text != typed.text).then(|| typed.text.clone()),
            done: (loaded.done != typed.done).then_some(typed.done),
            values,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_none() && self.done.is_none() && self.values.is_empty()
    }

    fn apply_to(&self, item: &mut Item) {
        if let Some(t) = &self.text {
            item.text = t.clone();
        }
        if let Some(d) = self.done {
            item.done = d;
        }
        for (name, v) in &self.values {
            match v {
                Some(v) => item.values.insert(name.clone(), v.clone()),
                None => item.values.remove(name),
            };
        }
    }
}

/// An item added: as stored, and its id as short as it can be shown
/// (see [`item_id::shortest`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Added {
    pub item: Item,
    pub short: String,
}

pub fn add(
    store: &Store,
    spec: &Spec,
    now: Now,
    text: String,
    values: BTreeMap<String, FieldValue>,
) -> Result<Done<Added>, StoreError> {
    list_of(spec)?;
    write(store, spec, now, |tx| {
        // The new id is above every other, so the highest before it shares
        // the longest prefix with it: telling the two apart is enough.
        let before = tx.summary().last_id;
        let item = tx.add_item(text, values)?;
        let ids: Vec<ItemId> = before.into_iter().chain([item.id]).collect();
        let short = item_id::shortest(&ids).pop().unwrap_or_default();
        Ok(Added { item, short })
    })
}

/// An item after an edit or a tick, as today's spec shows it; `changed` is
/// false when the stored item already was so (nothing was written).
#[derive(Clone, Debug, PartialEq)]
pub struct Changed {
    pub item: Item,
    pub changed: bool,
    /// A tick of a recurring item moved its due date here instead of
    /// marking it done (see usecase/due.rs).
    pub moved: Option<String>,
}

/// Applies `edit` to the item as stored now.
pub fn edit(
    store: &Store,
    spec: &Spec,
    now: Now,
    id: ItemId,
    edit: &Edit,
) -> Result<Done<Changed>, StoreError> {
    let list = list_of(spec)?;
    write(store, spec, now, |tx| {
        let before = stored(tx, list, id)?;
        let mut item = before.clone();
        edit.apply_to(&mut item);
        if item == before {
            return Ok(Changed {
                item,
                changed: false,
                moved: None,
            });
        }
        item.updated = now.ms;
        tx.put_shown(item)?;
        Ok(Changed {
            item: stored(tx, list, id)?,
            changed: true,
            moved: None,
        })
    })
}

/// Ticks (or unticks) an item, keeping everything else as stored.
pub fn set_done(
    store: &Store,
    spec: &Spec,
    now: Now,
    id: ItemId,
    done: bool,
) -> Result<Done<Changed>, StoreError> {
    let list = list_of(spec)?;
    if done && list.due.as_ref().is_some_and(|d| d.repeat.is_some()) {
        return write(store, spec, now, |tx| {
            let before = stored(tx, list, id)?;
            super::due::tick(tx, list, before, now)
        });
    }
    let e = Edit {
        done: Some(done),
        ..Edit::default()
    };
    edit(store, spec, now, id, &e)
}

/// An item deleted: what it held.
#[derive(Clone, Debug, PartialEq)]
pub struct Deleted {
    pub item: Item,
}

pub fn delete(store: &Store, spec: &Spec, now: Now, id: ItemId) -> Result<Done<Deleted>, StoreError> {
    let list = list_of(spec)?;
    write(store, spec, now, |tx| {
        let item = stored(tx, list, id)?;
        tx.apply(Op::DeleteItem { id })?;
        Ok(Deleted { item })
    })
}

/// Every item, as today's spec shows it, in id order.
pub fn items(store: &Store, spec: &Spec) -> Result<Vec<Item>, StoreError> {
    let list = list_of(spec)?;
    let raw = store.read(|r| r.items(&spec.id, ItemId(0), usize::MAX))?;
    Ok(raw.into_iter().map(|i| present(list, i)).collect())
}

/// Why an id typed by the user names no item: the message lists the
/// candidates.
#[derive(Clone, Debug, PartialEq)]
pub struct NoSuchItem {
    pub message: String,
}

/// The item `query` (a full id, a unique prefix, or else the exact title
/// of one item) names among `items`.
/// How many candidate ids an error lists before "… N more".
const CANDIDATES: usize = 10;

pub fn find<'a>(spec: &Spec, items: &'a [Item], query: &str) -> Result<&'a Item, NoSuchItem> {
    let order: Vec<&str> = match &spec.kind {
        Kind::List(l) => l.fields.keys().map(String::as_str).collect(),
        _ => Vec::new(),
    };
    // Long lists are cut here; `nook items APP` shows every id.
    let capped = |mut lines: Vec<String>, sep: &str| {
        let more = lines.len().saturating_sub(CANDIDATES);
        lines.truncate(CANDIDATES);
        let mut out = lines.join(sep);
        if more > 0 {
            out.push_str(&format!(
                "{sep}… {more} more; `nook items {}` lists them",
                spec.id
            ));
        }
        out
    };
    let found = item_id::find(items, query);
    // No id starts so: an item whose title is exactly what was typed
    // (`nook done plants fern`), when only one is.
    if let Err(item_id::Unmatched::Unknown) = found {
        let typed = query.trim().to_lowercase();
        let titled: Vec<&Item> = items
            .iter()
            .filter(|i| !typed.is_empty() && i.title(&order).to_lowercase() == typed)
            .collect();
        match titled.as_slice() {
            [one] => return Ok(one),
            [] => {}
            several => {
                let ids: Vec<ItemId> = several.iter().map(|i| i.id).collect();
                let shown = item_id::shortest(&ids);
                return Err(NoSuchItem {
                    message: format!(
                        "{} items of {} are titled {query:?}; name one by its id: {}",
                        several.len(),
                        spec.id,
                        capped(shown, ", ")
                    ),
                });
            }
        }
    }
    found.map_err(|why| NoSuchItem {
        message: match why {
            item_id::Unmatched::Empty => format!(
                "the ID is empty; name an item by its id (`nook items {}` lists them)",
                spec.id
            ),
            item_id::Unmatched::Unknown => {
                // As `nook items` shows them: each as short as it can be.
                let ids: Vec<ItemId> = items.iter().map(|i| i.id).collect();
                let ids = item_id::shortest(&ids);
                match ids.len() {
                    0 => format!("ID {query:?}: {} has no items", spec.id),
                    _ => format!(
                        "ID {query:?}: no item of {} has an id starting with {query:?} or that title; its ids are {}",
                        spec.id,
                        capped(ids, ", ")
                    ),
                }
            }
            item_id::Unmatched::Ambiguous(shown) => {
                // Each shown form is a prefix only its own item has (longer
                // than what was typed, which every candidate starts with).
                let candidates: Vec<String> = shown
                    .iter()
                    .filter_map(|short| {
                        let item = items.iter().find(|i| i.id.hex().starts_with(short.as_str()))?;
                        Some(format!("{short} {}", item.title(&order)))
                    })
                    .collect();
                format!(
                    "ID {query:?} is the start of several ids of {}; write more of it:\n  {}",
                    spec.id,
                    capped(candidates, "\n  ")
                )
            }
        },
    })
}
