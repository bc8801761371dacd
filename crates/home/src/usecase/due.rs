//! Due dates across apps: ticking a recurring item, and what is due
//! (`nook due`).

use chrono::NaiveDate;
use serde::Serialize;

use super::list::{Changed, stored};
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
    pub id: String,
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
/// and title).
pub fn agenda(store: &Store, specs: &[Spec], now: Now, within: u32) -> Result<Vec<DueItem>, StoreError> {
    let today = now.today();
    let mut out = Vec::new();
    for spec in specs {
        let Kind::List(list) = &spec.kind else { continue };
        if list.due.is_none() {
            continue;
        }
        let order: Vec<&str> = list.fields.keys().map(String::as_str).collect();
        let items = super::list::items(store, spec)?;
        let ids: Vec<ItemId> = items.iter().map(|i| i.id).collect();
        let shorts = crate::model::item_id::shortest(&ids);
        for (item, short) in items.iter().zip(shorts) {
            let (Some(w), Some(day)) = (when(list, item, today), due_date(list, item)) else {
                continue;
            };
            let days = (day - today).num_days();
            if days > i64::from(within) {
                continue;
            }
            let field = list.due.as_ref().map(|d| d.field.as_str()).unwrap_or_default();
            out.push(DueItem {
                app: spec.id.clone(),
                app_name: spec.name.clone(),
                id: short,
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
            });
        }
    }
    out.sort_by(|a, b| (a.day, &a.due, &a.app, &a.title).cmp(&(b.day, &b.due, &b.app, &b.title)));
    Ok(out)
}
