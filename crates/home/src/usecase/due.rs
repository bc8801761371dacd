//! Due dates across apps: ticking a recurring item, and what is due
//! (`nook due`).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::list::{Changed, stored};
use crate::model::days::day_number;
use crate::model::due::{When, due_date, next_value, when};
use crate::model::item_id::ItemId;
use crate::model::{Item, Now};
use crate::spec::{Kind, ListSpec, Spec};
use crate::store::{Store, StoreError, Tx};

/// A tick of an item of a list that repeats, inside the write: an item
/// with a schedule (and a due date) moves its due date to the next
/// occurrence and stays open, one operation, so the log keeps the
/// completion and one undo puts the old date back; one without is done.
pub(super) fn tick(tx: &mut Tx, list: &ListSpec, before: Item, now: Now) -> Result<Changed, StoreError> {
    let mut item = before.clone();
    let moved = match next_value(list, &before, now.today()) {
        Some((field, value)) => {
            let shown = value.display();
            item.values.insert(field, value);
            item.done = false;
            Some(shown)
        }
        None => {
            item.done = true;
            None
        }
    };
    if item == before {
        return Ok(Changed {
            item,
            changed: false,
            moved,
        });
    }
    item.updated = now.ms;
    let id = item.id;
    tx.put_shown(item)?;
    Ok(Changed {
        item: stored(tx, list, id)?,
        changed: true,
        moved,
    })
}

/// One open item with a due date, for `nook due`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DueItem {
    pub app: String,
    pub app_name: String,
    /// The full id, as `nook items --json` gives it.
    pub id: String,
    /// As short as it can be among the app's items, as `nook items` shows it.
    pub short: String,
    pub title: String,
    /// As stored: "2026-12-02", or with a time for a DateTime field.
    pub due: String,
    /// "overdue", "today" or "upcoming".
    pub state: &'static str,
    /// Days from today (negative: overdue).
    pub days: i64,
    #[serde(skip)]
    pub when: When,
    #[serde(skip)]
    pub day: NaiveDate,
}

/// Every open item of `specs`' lists with a due field that is overdue, due
/// today or due within `within` days after today, soonest first (then by app
/// and title). Read from the date index: the days shown, one range read,
/// then each item found there; a list not indexed under its due field yet
/// (a spec change not written since) is read whole instead.
pub fn agenda(store: &Store, specs: &[Spec], now: Now, within: u32) -> Result<Vec<DueItem>, StoreError> {
    let today = now.today();
    let last = day_number(today).saturating_add(i32::try_from(within).unwrap_or(i32::MAX));
    let lists: BTreeMap<&str, (&Spec, &ListSpec)> = specs
        .iter()
        .filter_map(|spec| match &spec.kind {
            Kind::List(list) if list.due.is_some() => Some((spec.id.as_str(), (spec, list))),
            _ => None,
        })
        .collect();
    let mut out = Vec::new();
    store.read(|r| {
        let mut stale = Vec::new();
        for (id, (spec, list)) in &lists {
            let sum = r.summary(id)?;
            if sum.items > 0 && !sum.due.as_ref().is_some_and(|d| d.current(list)) {
                stale.push(*spec);
            }
        }
        for (_, app, id) in r.due_between(i32::MIN, last)? {
            let Some((spec, list)) = lists.get(app.as_str()) else {
                continue;
            };
            if stale.iter().any(|s| s.id == app) {
                continue;
            }
            let Some(item) = r.item(&app, id)? else { continue };
            let (below, above) = r.item_neighbours(&app, id)?;
            let ids: Vec<ItemId> = below.into_iter().chain([id]).chain(above).collect();
            let at = usize::from(below.is_some());
            let short = crate::model::item_id::shortest(&ids).swap_remove(at);
            let item = crate::model::migrate::present(list, item);
            out.extend(due_item(spec, list, &item, short, today, within));
        }
        for spec in stale {
            let Kind::List(list) = &spec.kind else { continue };
            let items: Vec<Item> = r
                .items(&spec.id, ItemId(0), usize::MAX)?
                .into_iter()
                .map(|i| crate::model::migrate::present(list, i))
                .collect();
            let ids: Vec<ItemId> = items.iter().map(|i| i.id).collect();
            let shorts = crate::model::item_id::shortest(&ids);
            for (item, short) in items.iter().zip(shorts) {
                out.extend(due_item(spec, list, item, short, today, within));
            }
        }
        Ok(())
    })?;
    out.sort_by(|a, b| (a.day, &a.due, &a.app, &a.title).cmp(&(b.day, &b.due, &b.app, &b.title)));
    Ok(out)
}

/// `item` as the agenda shows it, when it is open and due by `within` days
/// after today.
fn due_item(
    spec: &Spec,
    list: &ListSpec,
    item: &Item,
    short: String,
    today: NaiveDate,
    within: u32,
) -> Option<DueItem> {
    let (w, day) = (when(list, item, today)?, due_date(list, item)?);
    let days = (day - today).num_days();
    if days > i64::from(within) {
        return None;
    }
    let order: Vec<&str> = list.fields.keys().map(String::as_str).collect();
    let field = list.due.as_ref().map(|d| d.field.as_str()).unwrap_or_default();
    Some(DueItem {
        app: spec.id.clone(),
        app_name: spec.name.clone(),
        id: item.id.to_string(),
        short,
        title: item.title(&order),
        due: item
            .values
            .get(field)
            .map(|v| v.display())
            .unwrap_or_else(|| day.to_string()),
        state: w.state(),
        days,
        when: w,
        day,
    })
}

/// A reminder whose time has come and that this machine has not said yet.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Reminder {
    pub app: String,
    pub app_name: String,
    pub id: String,
    pub title: String,
    pub due: String,
    /// "overdue", "today" or "upcoming".
    pub state: &'static str,
    #[serde(skip)]
    pub when: When,
    #[serde(skip)]
    pub item: ItemId,
}

/// Where the store remembers that `app`'s item `id` was reminded of, and
/// for which due date: a recurring item's next date is reminded of again.
fn reminded_key(app: &str, id: ItemId) -> String {
    format!("reminded.{app}.{id}")
}

/// Every open item of a list whose due field has `remind:`, whose reminder
/// time (on the local wall clock) is now or past, and which was not
/// reminded of for its current due date: a time that passed while the
/// machine slept is said once on the next run, and a clock set back says
/// nothing twice.
pub fn reminders(store: &Store, specs: &[Spec], now: Now) -> Result<Vec<Reminder>, StoreError> {
    let today = now.today();
    let mut out = Vec::new();
    for spec in specs {
        let Kind::List(list) = &spec.kind else { continue };
        let Some(due) = list.due.as_ref().filter(|d| d.remind.is_some()) else {
            continue;
        };
        let order: Vec<&str> = list.fields.keys().map(String::as_str).collect();
        for item in super::list::items(store, spec)? {
            let Some(at) = crate::model::due::remind_at(list, &item) else {
                continue;
            };
            let (Some(w), Some(value)) = (when(list, &item, today), item.values.get(&due.field)) else {
                continue;
            };
            if at > now.local {
                continue;
            }
            let shown = value.display();
            if store.get_meta(&reminded_key(&spec.id, item.id))?.as_deref() == Some(shown.as_str()) {
                continue;
            }
            out.push(Reminder {
                app: spec.id.clone(),
                app_name: spec.name.clone(),
                id: item.id.to_string(),
                title: item.title(&order),
                due: shown,
                state: w.state(),
                when: w,
                item: item.id,
            });
        }
    }
    out.sort_by(|a, b| (&a.due, &a.app, &a.title).cmp(&(&b.due, &b.app, &b.title)));
    Ok(out)
}

/// Remembers that `r` was said, before it is sent: a reminder is never
/// said twice, even when two runs overlap or the sending fails half way.
pub fn mark_reminded(store: &Store, r: &Reminder) -> Result<(), StoreError> {
    store.set_meta(&reminded_key(&r.app, r.item), r.due.as_bytes())
}
