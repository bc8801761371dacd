//! Link fields, pure: the title a linked item shows as, what shows for a
//! link to an item that is gone, and which item a typed name picks.

use std::collections::{BTreeMap, HashMap};

use super::item_id::{self, ItemId};
use super::{FieldValue, Item};
use crate::spec::ListSpec;

/// What a link to an item that no longer exists shows.
pub const DELETED: &str = "(deleted)";

/// The titles of one linked-to app's items, by id.
pub type Titles = HashMap<ItemId, String>;

/// What a list shows of other apps: the titles of the items its links name
/// (by linked app), and its rollup fields' values (by field, then item).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Linked {
    pub titles: BTreeMap<String, Titles>,
    pub rollups: super::rollup::Values,
    /// The type of the field each rollup adds up, so €120.00 shows as money.
    pub rollup_types: BTreeMap<String, crate::spec::FieldType>,
}

impl Linked {
    /// A rollup field's value for an item: none linking is a Count or Sum
    /// of 0 and no Avg, Min or Max.
    pub fn rollup(&self, r: &crate::spec::Rollup, field: &str, item: ItemId) -> Option<f64> {
        self.rollups
            .get(field)
            .and_then(|m| m.get(&item))
            .copied()
            .or(matches!(r.agg, crate::spec::Agg::Count | crate::spec::Agg::Sum).then_some(0.0))
    }

    /// A link value as shown, for a link to `app`.
    pub fn shown(&self, app: &str, v: &FieldValue) -> String {
        match self.titles.get(app) {
            Some(t) => shown(v, t),
            None => shown(v, &Titles::new()),
        }
    }
}

/// The fields an item's title may come from, in order: a link's value is
/// an id, not a title.
pub fn title_fields(list: &ListSpec) -> Vec<&str> {
    list.fields
        .iter()
        .filter(|(_, f)| !matches!(f.ty, crate::spec::FieldType::Link { .. }))
        .map(|(n, _)| n.as_str())
        .collect()
}

/// Each item's title as the linking app shows it: its first text field.
pub fn titles<'a>(list: &ListSpec, items: impl IntoIterator<Item = &'a Item>) -> Titles {
    let order = title_fields(list);
    items.into_iter().map(|i| (i.id, i.title(&order))).collect()
}

/// A link value as shown: the linked items' titles, "(deleted)" for each
/// one that is gone.
pub fn shown(v: &FieldValue, titles: &Titles) -> String {
    let one = |s: &str| match ItemId::parse(s).and_then(|id| titles.get(&id)) {
        Some(t) => t.clone(),
        None => DELETED.to_string(),
    };
    match v {
        FieldValue::Text(s) if s.is_empty() => String::new(),
        FieldValue::Text(s) => one(s),
        FieldValue::List(l) => l.iter().map(|s| one(s)).collect::<Vec<_>>().join(", "),
        other => other.display(),
    }
}

/// How many candidates a "which one?" message lists.
const CANDIDATES: usize = 8;

/// The item `query` names among `items` of app `app`: its exact title
/// (any case), else its id or a prefix only it has. An error lists the
/// candidates.
pub fn pick(app: &str, titles: &Titles, items: &[Item], query: &str) -> Result<ItemId, String> {
    let q = query.trim();
    let mut named: Vec<&Item> = items
        .iter()
        .filter(|i| titles.get(&i.id).is_some_and(|t| t.eq_ignore_ascii_case(q)))
        .collect();
    let listed = |found: &[&Item]| {
        let ids: Vec<ItemId> = found.iter().map(|i| i.id).collect();
        let short = item_id::shortest(&ids);
        let mut lines: Vec<String> = found
            .iter()
            .zip(short)
            .take(CANDIDATES)
            .map(|(i, s)| format!("{s} {:?}", titles.get(&i.id).map_or("", String::as_str)))
            .collect();
        if found.len() > CANDIDATES {
            lines.push(format!("… {} more", found.len() - CANDIDATES));
        }
        lines.join(", ")
    };
    match named.len() {
        1 => return Ok(named[0].id),
        0 => {}
        _ => {
            named.sort_by_key(|i| i.id);
            return Err(format!(
                "{q:?} names {} items of {app}; give the id of one: {}",
                named.len(),
                listed(&named)
            ));
        }
    }
    match item_id::find(items, q) {
        Ok(item) => Ok(item.id),
        Err(item_id::Unmatched::Ambiguous(_)) => {
            let typed: String = q
                .chars()
                .filter(|c| *c != '-')
                .collect::<String>()
                .to_ascii_lowercase();
            let found: Vec<&Item> = items.iter().filter(|i| i.id.hex().starts_with(&typed)).collect();
            Err(format!(
                "{q:?} starts the id of {} items of {app}; give more of it: {}",
                found.len(),
                listed(&found)
            ))
        }
        Err(_) if items.is_empty() => Err(format!("{q:?}: {app} has no items to link to")),
        Err(_) => {
            let lower = q.to_lowercase();
            let mut near: Vec<&Item> = items
                .iter()
                .filter(|i| {
                    titles
                        .get(&i.id)
                        .is_some_and(|t| t.to_lowercase().contains(&lower))
                })
                .collect();
            if near.is_empty() {
                near = items.iter().collect();
            }
            Err(format!(
                "no item of {app} is titled {q:?} or has an id starting with it; it has {}",
                listed(&near)
            ))
        }
    }
}
