//! Links between lists: typed names turned into the linked items' ids
//! before a write, the titles links show as, and what archiving or purging
//! an app others link to would leave showing "(deleted)".

use std::collections::BTreeMap;

use crate::model::item_id::ItemId;
use crate::model::link::{self, Titles};
use crate::model::rollup::linked_ids;
use crate::model::{FieldValue, Item};
use crate::spec::{FieldType, ListSpec, Spec};
use crate::store::{Reader, Store, StoreError};

/// Whether the spec has Link or Rollup fields: it needs the other specs.
pub fn names_others(spec: &Spec) -> bool {
    spec.list().is_some_and(|l| {
        l.fields
            .values()
            .any(|f| matches!(f.ty, FieldType::Link { .. } | FieldType::Rollup(_)))
    })
}

/// Whether `spec`'s links or rollups read the items of app `other`.
pub fn reads(spec: &Spec, other: &str) -> bool {
    spec.list().is_some_and(|l| {
        l.fields.values().any(|f| match &f.ty {
            FieldType::Link { app, .. } => app == other,
            FieldType::Rollup(r) => r.from == other,
            _ => false,
        })
    })
}

/// The items of `target` and their titles.
fn items_of(r: &Reader, target: &Spec) -> Result<(Vec<Item>, Titles), StoreError> {
    let Some(list) = target.list() else {
        return Ok((Vec::new(), Titles::new()));
    };
    let items = r.items(&target.id, ItemId(0), usize::MAX)?;
    let titles = link::titles(list, &items);
    Ok((items, titles))
}

/// Turns each typed Link value of `values` (a title or an id prefix) into
/// the linked item's id; a value that is already an id of the other app
/// stays. `specs` are the other apps. Every problem is one line naming the
/// field.
pub fn resolve(
    store: &Store,
    list: &ListSpec,
    specs: &[&Spec],
    values: &mut BTreeMap<String, FieldValue>,
) -> Result<(), Vec<String>> {
    resolve_each(store, list, specs, std::iter::once(values))
}

/// [`resolve`] for many items (an import), reading each linked app once.
pub fn resolve_each<'a>(
    store: &Store,
    list: &ListSpec,
    specs: &[&Spec],
    rows: impl IntoIterator<Item = &'a mut BTreeMap<String, FieldValue>>,
) -> Result<(), Vec<String>> {
    let mut problems = Vec::new();
    let mut read: BTreeMap<String, (Vec<Item>, Titles)> = BTreeMap::new();
    for values in rows {
        for (name, field) in &list.fields {
            let FieldType::Link { app, .. } = &field.ty else {
                continue;
            };
            let Some(v) = values.get_mut(name) else { continue };
            let Some(target) = specs.iter().find(|s| s.id == *app) else {
                problems.push(format!("field {name:?} links to {app:?}, which is no app"));
                continue;
            };
            if !read.contains_key(app) {
                match store.read(|r| items_of(r, target)) {
                    Ok(got) => {
                        read.insert(app.clone(), got);
                    }
                    Err(e) => {
                        problems.push(format!("field {name:?}: {e}"));
                        continue;
                    }
                }
            }
            let (items, titles) = &read[app];
            let mut one = |q: &str| -> Option<String> {
                // A whole id stays as it is, even of an item that is gone (an
                // export read back keeps its dangling links).
                if q.trim().len() >= 32
                    && let Some(id) = ItemId::parse(q)
                {
                    return Some(id.to_string());
                }
                match link::pick(app, titles, items, q) {
                    Ok(id) => Some(id.to_string()),
                    Err(m) => {
                        problems.push(format!("field {name:?} {m}"));
                        None
                    }
                }
            };
            match v {
                FieldValue::Text(s) if s.trim().is_empty() => {}
                FieldValue::Text(s) => {
                    if let Some(id) = one(s) {
                        *s = id;
                    }
                }
                FieldValue::List(l) => {
                    let mut out = Vec::new();
                    for q in l.iter() {
                        if let Some(id) = one(q)
                            && !out.contains(&id)
                        {
                            out.push(id);
                        }
                    }
                    *l = out;
                }
                _ => {}
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// The titles of every app `list` links to, by app id.
pub fn titles(r: &Reader, list: &ListSpec, specs: &[&Spec]) -> Result<BTreeMap<String, Titles>, StoreError> {
    let mut out = BTreeMap::new();
    for field in list.fields.values() {
        let FieldType::Link { app, .. } = &field.ty else {
            continue;
        };
        if out.contains_key(app) {
            continue;
        }
        if let Some(target) = specs.iter().find(|s| s.id == *app) {
            out.insert(app.clone(), items_of(r, target)?.1);
        }
    }
    Ok(out)
}

/// Everything `spec` shows of other apps: link titles and rollup values.
pub fn linked(r: &Reader, spec: &Spec, specs: &[&Spec]) -> Result<link::Linked, StoreError> {
    let Some(list) = spec.list() else {
        return Ok(link::Linked::default());
    };
    if !names_others(spec) {
        return Ok(link::Linked::default());
    }
    let mut rollup_types = BTreeMap::new();
    for (name, f) in &list.fields {
        let FieldType::Rollup(ru) = &f.ty else { continue };
        let from = specs.iter().find(|s| s.id == ru.from).and_then(|s| s.list());
        if let (Some(from), Some(of)) = (from, &ru.of)
            && let Some(src) = from.fields.get(of)
        {
            rollup_types.insert(name.clone(), src.ty.clone());
        }
    }
    Ok(link::Linked {
        titles: titles(r, list, specs)?,
        rollups: r.rollups(spec, specs)?,
        rollup_types,
    })
}

/// One app that links to the app being archived or purged, and how many of
/// its items link to it.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkedFrom {
    pub app: String,
    pub items: usize,
}

impl LinkedFrom {
    /// "invoices links to clients: 12 items would show (deleted)".
    pub fn warning(&self, target: &str) -> String {
        let n = match self.items {
            1 => "1 item".to_string(),
            n => format!("{n} items"),
        };
        format!("{} links to {target}: {n} would show {}", self.app, link::DELETED)
    }
}

/// The other apps whose items link to `target`'s, with how many do.
pub fn linked_from(store: &Store, target: &str, specs: &[&Spec]) -> Result<Vec<LinkedFrom>, StoreError> {
    let mut out = Vec::new();
    for spec in specs {
        let Some(list) = spec.list() else { continue };
        if spec.id == target {
            continue;
        }
        let fields: Vec<&str> = list
            .fields
            .iter()
            .filter(|(_, f)| matches!(&f.ty, FieldType::Link { app, .. } if app == target))
            .map(|(n, _)| n.as_str())
            .collect();
        if fields.is_empty() {
            continue;
        }
        let items = store.read(|r| r.items(&spec.id, ItemId(0), usize::MAX))?;
        let n = items
            .iter()
            .filter(|i| {
                fields
                    .iter()
                    .any(|f| i.values.get(*f).is_some_and(|v| !linked_ids(v).is_empty()))
            })
            .count();
        out.push(LinkedFrom {
            app: spec.id.clone(),
            items: n,
        });
    }
    Ok(out)
}
