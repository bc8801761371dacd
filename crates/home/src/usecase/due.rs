//! Due dates across apps: ticking a recurring item, and what is due
//! (`nook due`).

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::Serialize;

use super::list::{Changed, stored};
use crate::model::days::{date_of, day_number};
use crate::model::due::{When, due_date, next_value, when};
use crate::model::item_id::ItemId;
use crate::model::{FieldValue, Item, Now};
use crate::spec::{FieldType, Kind, ListSpec, Spec};
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
    #[serde(skip)]
    pub item: ItemId,
}

/// Every open item of `specs`' lists with a due field that is overdue, due
/// today or due within `within` days after today, soonest first (then by app
/// and title).
pub fn agenda(store: &Store, specs: &[Spec], now: Now, within: u32) -> Result<Vec<DueItem>, StoreError> {
    let today = now.today();
    let mut out = Vec::new();
    for (spec, list, item, short) in open_due(store, specs, now, within, true, None)? {
        out.extend(due_item(spec, list, &item, short, today, within));
    }
    out.sort_by(|a, b| (a.day, &a.due, &a.app, &a.title).cmp(&(b.day, &b.due, &b.app, &b.title)));
    Ok(out)
}

/// The items of `specs`' lists with a due field that are indexed on a day
/// up to `within` days after today (as today's spec shows them, with their
/// short ids). Read from the date index: the days asked for, one range read,
/// then each item found there; a list not indexed under its due field yet
/// (a spec change not written since) is read whole instead. `shorts`: give
/// each its short id (else ""). `said`: the reminders said, by
/// [`reminded_key`]: an item due on a day (no time) whose reminder was said
/// for that day is passed over unread.
fn open_due<'s>(
    store: &Store,
    specs: &'s [Spec],
    now: Now,
    within: u32,
    shorts: bool,
    said: Option<&HashMap<String, String>>,
) -> Result<Vec<(&'s Spec, &'s ListSpec, Item, String)>, StoreError> {
    let last = day_number(now.today()).saturating_add(i32::try_from(within).unwrap_or(i32::MAX));
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
        for (day, app, id) in r.due_between(i32::MIN, last)? {
            let Some((spec, list)) = lists.get(app.as_str()) else {
                continue;
            };
            if stale.iter().any(|s| s.id == app) {
                continue;
            }
            if let Some(said) = said
                && list.due.as_ref().is_some_and(|d| {
                    list.fields
                        .get(&d.field)
                        .is_some_and(|f| matches!(f.ty, FieldType::Date))
                })
                && said
                    .get(&reminded_key(&app, id))
                    .is_some_and(|v| *v == date_of(day).to_string())
            {
                continue;
            }
            let Some(item) = r.item(&app, id)? else { continue };
            // The short id costs two more look-ups: only for who shows it.
            let short = if shorts {
                let (below, above) = r.item_neighbours(&app, id)?;
                let ids: Vec<ItemId> = below.into_iter().chain([id]).chain(above).collect();
                let at = usize::from(below.is_some());
                crate::model::item_id::shortest(&ids).swap_remove(at)
            } else {
                String::new()
            };
            out.push((*spec, *list, crate::model::migrate::present(list, item), short));
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
            for (item, short) in items.into_iter().zip(shorts) {
                out.push((spec, list, item, short));
            }
        }
        Ok(())
    })?;
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
        item: item.id,
    })
}

/// Snoozes an item a day (the agenda's `z`): its due date one day later,
/// a DateTime keeping its time of day; an edit through the list's use case,
/// so it is one operation to undo.
pub fn snooze(store: &Store, spec: &Spec, now: Now, id: ItemId) -> Result<super::Done<Changed>, StoreError> {
    let Kind::List(list) = &spec.kind else {
        return Err(StoreError::Invalid(format!("{} is not a list", spec.id)));
    };
    let Some(due) = &list.due else {
        return Err(StoreError::Invalid(format!("{} has no due date", spec.id)));
    };
    let item = store
        .read(|r| r.item(&spec.id, id))?
        .map(|i| crate::model::migrate::present(list, i))
        .ok_or_else(|| {
            StoreError::Unchanged(format!(
                "{}: no item {} (it was deleted)",
                spec.id,
                crate::model::item_id::show(id)
            ))
        })?;
    let Some(FieldValue::Text(old)) = item.values.get(&due.field) else {
        return Err(StoreError::Unchanged(format!(
            "{}: the item has no due date to move",
            spec.id
        )));
    };
    let Some(next) = due_date(list, &item).and_then(|d| d.succ_opt()) else {
        return Err(StoreError::Unchanged(format!(
            "{}: the item has no due date to move",
            spec.id
        )));
    };
    let rest = old.get(10..).unwrap_or_default();
    let mut edit = super::list::Edit::default();
    edit.values.insert(
        due.field.clone(),
        Some(FieldValue::Text(format!("{}{rest}", next.format("%Y-%m-%d")))),
    );
    super::list::edit(store, spec, now, id, &edit)
}

/// A reminder whose time has come and that this machine has not said yet:
/// an item's (`remind:` on a due field) or a habit's (`remind: At(..)` on
/// a tracker not done today).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Reminder {
    pub app: String,
    pub app_name: String,
    /// The item's full id; empty for a habit.
    pub id: String,
    pub title: String,
    /// The due date as stored; a habit's time of day ("08:00").
    pub due: String,
    /// "overdue", "today" or "upcoming".
    pub state: &'static str,
    /// "item" or "habit".
    pub kind: &'static str,
    #[serde(skip)]
    pub when: When,
    /// Where it is remembered as said, and what for (see `mark_reminded`).
    #[serde(skip)]
    memo: (String, String),
}

/// Where the store remembers that `app`'s item `id` was reminded of, and
/// for which due date: a recurring item's next date is reminded of again.
fn reminded_key(app: &str, id: ItemId) -> String {
    format!("reminded.{app}.{id}")
}

/// Where a habit's reminder is remembered, for the day it was said.
fn habit_key(app: &str) -> String {
    format!("reminded.{app}.habit")
}

/// A tracker with `remind: At(..)` whose today is not done yet.
#[derive(Clone, Debug, PartialEq)]
pub struct Habit {
    pub app: String,
    pub app_name: String,
    /// The reminder's time of day, "08:00".
    pub at: String,
    /// Today's reminder moment has come.
    pub due_now: bool,
    /// The first series not done today ("" for the single one).
    pub series: String,
}

/// Every tracker of `specs` with `remind:` whose today is not done (each
/// series counted): one read of today's entry per series.
pub fn habits(store: &Store, specs: &[Spec], now: Now) -> Result<Vec<Habit>, StoreError> {
    let today = now.today_number();
    let mut out = Vec::new();
    store.read(|r| {
        for spec in specs {
            let Kind::Tracker(t) = &spec.kind else { continue };
            let (Some(minutes), Some(at)) = (t.remind, crate::model::habit::remind_today(t, now)) else {
                continue;
            };
            let mut open = None;
            for series in t.series_names() {
                let value = r.entry(&spec.id, &series, today)?.map(|e| e.value);
                if !crate::model::habit::day_done(t, value) {
                    open = Some(series);
                    break;
                }
            }
            if let Some(series) = open {
                out.push(Habit {
                    app: spec.id.clone(),
                    app_name: spec.name.clone(),
                    at: crate::model::habit::at_words(minutes),
                    due_now: at <= now.local,
                    series,
                });
            }
        }
        Ok(())
    })?;
    out.sort_by(|a, b| (&a.at, &a.app).cmp(&(&b.at, &b.app)));
    Ok(out)
}

/// The lists of `specs` whose due field has `remind:`, and how many days
/// ahead (`extra` more than the furthest `Before(..)`) their items must be
/// read to find every reminder.
fn reminding(specs: &[Spec], extra: u32) -> (Vec<Spec>, u32) {
    let reminding: Vec<Spec> = specs
        .iter()
        .filter(|s| matches!(&s.kind, Kind::List(l) if l.due.as_ref().is_some_and(|d| d.remind.is_some())))
        .cloned()
        .collect();
    let ahead = reminding
        .iter()
        .filter_map(|s| match &s.kind {
            Kind::List(l) => l.due.as_ref()?.remind,
            _ => None,
        })
        .max()
        .map_or(0, |secs| {
            u32::try_from(secs / 86_400)
                .unwrap_or(u32::MAX)
                .saturating_add(extra)
        });
    (reminding, ahead)
}

/// Every open item of a list whose due field has `remind:`, whose reminder
/// time (on the local wall clock) is now or past, and which was not
/// reminded of for its current due date; and every habit not done today
/// whose time of day has come and that was not reminded of today. A time
/// that passed while the machine slept is said once on the next look, and a
/// clock set back says nothing twice. Items are found through the date
/// index, up to the furthest day a `Before(..)` can reach.
pub fn reminders(store: &Store, specs: &[Spec], now: Now) -> Result<Vec<Reminder>, StoreError> {
    Ok(look(store, specs, now)?.due)
}

/// What one look at the reminders finds, from one read of the open items
/// (in a long history, thousands).
pub struct Look {
    /// [`reminders`].
    pub due: Vec<Reminder>,
    /// When the next reminder of the specs comes due after now (local wall
    /// clock), so an open TUI can wake for it: an item's within the days
    /// the reminders look ahead, a habit's today or tomorrow; at the latest
    /// the next midnight, when the days move on.
    pub next: chrono::NaiveDateTime,
}

/// The reminders due now and when the next comes due.
pub fn look(store: &Store, specs: &[Spec], now: Now) -> Result<Look, StoreError> {
    let today = now.today();
    let mut next = today
        .succ_opt()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .unwrap_or(now.local);
    let mut due = Vec::new();
    // A day further than the reminders due now need: where the next can be.
    let (reminding, ahead) = reminding(specs, 2);
    // What was said, in one read: most open items of a long history were
    // reminded of long ago, and those are not read again (a reminder said
    // is said for good, so one is not where the next can be either).
    let said = store.get_metas_under("reminded.")?;
    for (spec, list, item, _) in open_due(store, &reminding, now, ahead, false, Some(&said))? {
        let Some(at) = crate::model::due::remind_at(list, &item) else {
            continue;
        };
        if at > now.local {
            next = next.min(at);
            continue;
        }
        let Some(field) = list.due.as_ref() else { continue };
        let (Some(w), Some(value)) = (when(list, &item, today), item.values.get(&field.field)) else {
            continue;
        };
        let shown = value.display();
        let order: Vec<&str> = list.fields.keys().map(String::as_str).collect();
        due.push(Reminder {
            app: spec.id.clone(),
            app_name: spec.name.clone(),
            id: item.id.to_string(),
            title: item.title(&order),
            due: shown.clone(),
            state: w.state(),
            kind: "item",
            when: w,
            memo: (reminded_key(&spec.id, item.id), shown),
        });
    }
    let day = today.to_string();
    for h in habits(store, specs, now)? {
        if !h.due_now {
            continue;
        }
        due.push(Reminder {
            title: if h.series.is_empty() {
                format!("{} not done yet today", h.app_name)
            } else {
                format!("{} not done yet today", h.series)
            },
            memo: (habit_key(&h.app), day.clone()),
            app: h.app,
            app_name: h.app_name,
            id: String::new(),
            due: h.at,
            state: "today",
            kind: "habit",
            when: When::Today,
        });
    }
    for spec in specs {
        let Kind::Tracker(t) = &spec.kind else { continue };
        if let Some(at) = crate::model::habit::remind_today(t, now)
            && at > now.local
        {
            next = next.min(at);
        }
    }
    // A moment's time and a habit's day are told from what was said here.
    due.retain(|d| said.get(&d.memo.0) != Some(&d.memo.1));
    due.sort_by(|a, b| (&a.due, &a.app, &a.title).cmp(&(&b.due, &b.app, &b.title)));
    Ok(Look { due, next })
}

/// What a reminder says, after the app's name: `nook remind` and the TUI
/// say the same.
pub fn reminder_words(r: &Reminder) -> String {
    if r.kind == "habit" {
        return format!("{} (reminder at {})", r.title, r.due);
    }
    format!("{} — due {} ({})", r.title, r.due, r.when.word())
}

/// Remembers that `r` was said, before it is sent: a reminder is never
/// said twice, even when two runs overlap, the sending fails half way, or
/// both `nook remind` and an open TUI look (they share this memory).
pub fn mark_reminded(store: &Store, r: &Reminder) -> Result<(), StoreError> {
    store.set_meta(&r.memo.0, r.memo.1.as_bytes())
}
