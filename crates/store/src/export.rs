//! An app's data as one JSON document, and back.
//!
//! Export, import into a fresh home and export again gives the same bytes:
//! ids and timestamps are kept, and every collection is written in key order.
//! Items are read through today's spec, as the CSV and every screen read
//! them: a `was:` value under its field's new name, and the values of fields
//! the spec no longer has apart, in `hidden`, so an import stores them again.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::error::StoreError;
use super::read::Reader;
use super::write::{Op, Tx};

use crate::model::days::{date_of, day_number};
use crate::model::item_id::ItemId;
use crate::model::migrate::present;
use crate::model::timer::{Session, TimerState};
use crate::model::{FieldValue, Item};
use crate::spec::{Kind, ListSpec, Spec, StoredKind};

pub const FORMAT: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Export {
    pub nook_export: u32,
    pub app: AppInfo,
    // Every key is written whatever the kind (`"sessions": []`, `"timer":
    // null`), so a script reads one shape; a file without one still reads.
    #[serde(default)]
    pub items: Vec<ExportItem>,
    #[serde(default)]
    pub entries: Vec<EntryRow>,
    #[serde(default)]
    pub timer: Option<TimerState>,
    #[serde(default)]
    pub sessions: Vec<Session>,
}

/// A list item as the export holds it: every key always.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportItem {
    pub id: ItemId,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub done: bool,
    /// Unix milliseconds, as every timestamp in nook's JSON.
    pub created: i64,
    pub updated: i64,
    /// The spec's fields, read as today's spec reads them.
    #[serde(default)]
    pub values: BTreeMap<String, FieldValue>,
    /// Stored values of fields the spec no longer has.
    #[serde(default)]
    pub hidden: BTreeMap<String, FieldValue>,
}

impl ExportItem {
    /// `item` as `list` reads it, its values sorted into shown and hidden.
    pub fn shown(list: &ListSpec, item: Item) -> ExportItem {
        let item = present(list, item);
        let (values, hidden) = item
            .values
            .into_iter()
            .partition(|(k, _)| list.fields.contains_key(k));
        ExportItem {
            id: item.id,
            text: item.text,
            done: item.done,
            created: item.created,
            updated: item.updated,
            values,
            hidden,
        }
    }

    /// The item to store: its values and its hidden values together (a
    /// shown value wins over a hidden one of the same name).
    pub fn item(&self) -> Item {
        let mut values = self.hidden.clone();
        values.extend(self.values.iter().map(|(k, v)| (k.clone(), v.clone())));
        Item {
            id: self.id,
            text: self.text.clone(),
            done: self.done,
            created: self.created,
            updated: self.updated,
            values,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AppInfo {
    pub id: String,
    pub name: String,
    /// A word: "list", or a kind of a newer nook, which no spec here takes.
    pub kind: StoredKind,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntryRow {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub series: String,
    pub date: chrono::NaiveDate,
    pub value: f64,
    pub updated: i64,
}

/// Reads everything stored for `spec`, including values of fields and
/// series the spec no longer names.
pub fn export(r: &Reader, spec: &Spec) -> Result<Export, StoreError> {
    let id = spec.id.as_str();
    let items = r.items(id, ItemId(0), usize::MAX)?;
    let mut entries = Vec::new();
    for series in r.series_names(id)? {
        for (day, e) in r.entries(id, &series, i32::MIN, i32::MAX)? {
            entries.push(EntryRow {
                series: series.clone(),
                date: date_of(day),
                value: e.value,
                updated: e.updated,
            });
        }
    }
    // The summary is written in the same transaction as the rows: a full
    // read that finds another number stopped early at a damaged page (redb
    // can end a range there without an error).
    let summary = r.summary(id)?;
    short(id, "items", summary.items, items.len())?;
    for (name, series) in &summary.series {
        let found = entries.iter().filter(|e| &e.series == name).count();
        short(id, "tracker entries", u64::from(series.days), found)?;
    }
    let timer = r.timer(id)?;
    let items = match &spec.kind {
        Kind::List(list) => items.into_iter().map(|i| ExportItem::shown(list, i)).collect(),
        _ => Vec::new(),
    };
    Ok(Export {
        nook_export: FORMAT,
        app: AppInfo {
            id: spec.id.clone(),
            name: spec.name.clone(),
            kind: spec.kind.tag().into(),
        },
        items,
        entries,
        timer: (timer != TimerState::default()).then_some(timer),
        sessions: r.sessions(id, i64::MIN, i64::MAX)?,
    })
}

/// Damage when a full read of `app`'s `what` found another number than its summary holds.
pub(crate) fn short(app: &str, what: &str, summary: u64, found: usize) -> Result<(), StoreError> {
    if summary == found as u64 {
        return Ok(());
    }
    Err(StoreError::Damaged {
        path: Default::default(),
        detail: format!("{app}: its summary counts {summary} {what} but {found} could be read"),
    })
}

/// How an import treats what is already stored.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Overwrite a stored item, entry or timer that differs from the file's.
    pub replace: bool,
    /// Take an export of another app: its items come in under new ids.
    pub from_other_app: bool,
    /// Give every item a new id after the ones stored, whatever id it has
    /// in the file (so none is matched with a stored item).
    pub renumber: bool,
}

impl Options {
    /// Whether items come in under new ids rather than their own.
    fn new_ids(self, file_app: &str, app: &str) -> bool {
        self.renumber || (self.from_other_app && file_app != app)
    }
}

/// What an import did, by record.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub added: usize,
    pub updated: usize,
    /// Already stored as in the file, or (without `replace`) different.
    pub skipped: usize,
    /// Of the skipped, those that differ from what is stored.
    pub differ: usize,
}

/// Checks an export document against the app it goes into, before anything is written.
pub fn check(doc: &Export, spec: &Spec, opts: Options) -> Result<(), String> {
    if doc.nook_export != FORMAT {
        return Err(format!(
            "export format {} is not one this nook reads (it reads {FORMAT})",
            doc.nook_export
        ));
    }
    if !doc.app.kind.is(spec.kind.tag()) {
        return Err(format!(
            "the file holds {} data, but {} is a {}",
            doc.app.kind,
            spec.id,
            spec.kind.tag()
        ));
    }
    if doc.app.id != spec.id && !opts.from_other_app {
        return Err(format!(
            "the file is an export of {:?} ({}), not of {}; to import it into {} anyway, add --from-other-app",
            doc.app.id, doc.app.name, spec.id, spec.id
        ));
    }
    let wrong = match &spec.kind {
        Kind::List(_) => !doc.entries.is_empty() || !doc.sessions.is_empty() || doc.timer.is_some(),
        Kind::Tracker(_) => !doc.items.is_empty() || !doc.sessions.is_empty() || doc.timer.is_some(),
        Kind::Timer(_) => !doc.items.is_empty() || !doc.entries.is_empty(),
    };
    if wrong {
        return Err(format!("the file holds data a {} cannot hold", spec.kind.tag()));
    }
    let mut ids = std::collections::HashSet::new();
    for item in &doc.items {
        if item.id == ItemId(0) || !ids.insert(item.id) {
            return Err(format!("item id {} is zero or appears twice", item.id));
        }
        // Above it, two numbers would map onto one UUID: no nook gave such
        // an id, so it is refused rather than merged into another item.
        if item.id.is_legacy()
            && item.id.0 > u128::from(ItemId::LEGACY_MAX)
            && !opts.new_ids(&doc.app.id, &spec.id)
        {
            return Err(format!(
                "item id {} is above 2^53 - 1, the largest id an older nook gave; \
                 --renumber brings the items in under new ids",
                item.id
            ));
        }
        if item
            .values
            .values()
            .chain(item.hidden.values())
            .any(|v| matches!(v, FieldValue::Number(n) if !n.is_finite()))
        {
            return Err(format!("item {} holds a number that is not finite", item.id));
        }
    }
    if let Some(e) = doc
        .entries
        .iter()
        .find(|e| !e.value.is_finite() || e.value <= 0.0)
    {
        return Err(format!(
            "the entry for {} has value {}; values must be above 0",
            e.date, e.value
        ));
    }
    Ok(())
}

/// Writes an export document into the app in the open transaction: what is
/// not stored is added; what is stored as in the file is skipped; what
/// differs is overwritten only with `replace`. Another app's items, and
/// every item with `renumber`, are added under new ids after the ones stored.
pub fn import(tx: &mut Tx, doc: &Export, opts: Options) -> Result<Counts, StoreError> {
    let mut c = Counts::default();
    let put = |c: &mut Counts, stored_differs: Option<bool>| match stored_differs {
        None => {
            c.added += 1;
            true
        }
        Some(false) => {
            c.skipped += 1;
            false
        }
        Some(true) if opts.replace => {
            c.updated += 1;
            true
        }
        Some(true) => {
            c.skipped += 1;
            c.differ += 1;
            false
        }
    };
    // What is stored is compared as the spec reads it, so an item exported
    // under a field's new name is what is stored under its `was:` name.
    let list = match &tx.spec().kind {
        Kind::List(l) => Some(l),
        _ => None,
    };
    let read = |i: &Item| list.map_or_else(|| i.clone(), |l| present(l, i.clone()));
    for item in &doc.items {
        // A formula field's value is computed, never stored: one in the
        // file (a hand-written one) is left out.
        let mut item = item.clone();
        if let Some(l) = list {
            item.values
                .retain(|k, _| !l.fields.get(k).is_some_and(|f| f.ty.is_formula()));
        }
        let item = &item.item();
        if opts.new_ids(&doc.app.id, tx.app_id()) {
            tx.add_item_as(item)?;
            c.added += 1;
            continue;
        }
        // An older nook's counter: the id the upgrade of its database gives.
        let item = match item.id.is_legacy() {
            true => &Item {
                id: ItemId::from_legacy(&doc.app.id, item.id.0 as u64, item.created),
                ..item.clone()
            },
            false => item,
        };
        let stored = tx.item(item.id)?;
        if put(&mut c, stored.map(|s| read(&s) != read(item))) {
            tx.apply(Op::PutItem { item: item.clone() })?;
        }
    }
    for e in &doc.entries {
        let day = day_number(e.date);
        let stored = tx.entry(&e.series, day)?;
        if put(
            &mut c,
            stored.map(|s| s.value != e.value || s.updated != e.updated),
        ) {
            tx.apply(Op::SetEntry {
                series: e.series.clone(),
                day,
                value: Some(e.value),
                updated: Some(e.updated),
            })?;
        }
    }
    if let Some(state) = &doc.timer {
        let stored = tx.timer_state()?;
        let differs = (stored != TimerState::default()).then(|| stored != *state);
        if put(&mut c, differs) {
            tx.apply(Op::SetTimer { state: state.clone() })?;
        }
    }
    // Sessions are added, not keyed by an id: one already stored is skipped,
    // so importing the same export twice does not double the history.
    for s in &doc.sessions {
        if tx.has_session(s)? {
            c.skipped += 1;
            continue;
        }
        tx.apply(Op::AddSession { session: s.clone() })?;
        c.added += 1;
    }
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_export_of_a_kind_this_nook_does_not_know_reads_and_is_refused_naming_it() {
        let json = r#"{"nook_export":1,"app":{"id":"x","name":"X","kind":"garden"}}"#;
        let doc: Export = serde_json::from_str(json).unwrap();
        // Read without the keys it lacks; written back with every key.
        assert_eq!(
            serde_json::to_string(&doc).unwrap(),
            r#"{"nook_export":1,"app":{"id":"x","name":"X","kind":"garden"},"items":[],"entries":[],"timer":null,"sessions":[]}"#
        );
        let spec = crate::spec::load("x", b"List(name: \"X\")").unwrap();
        assert_eq!(
            check(&doc, &spec, Options::default()).unwrap_err(),
            "the file holds garden data, but x is a list"
        );
    }
}
