//! The date index: (due day, app, item id) for every open item of a list
//! with a due field. The write path keeps it beside the summary's per-day
//! counts (`summary::due`), and an app's rows are on exactly the days those
//! counts name, so they can be taken out without reading the whole table.

use redb::{ReadableTable, WriteTransaction};

use super::error::StoreError;
use super::tables::DUE_INDEX;
use crate::model::Item;
use crate::model::days::day_number;
use crate::model::due::due_date;
use crate::model::item_id::ItemId;
use crate::spec::ListSpec;

/// The day an item is indexed on: open, with a due date.
pub(crate) fn day_of(list: &ListSpec, item: &Item) -> Option<i32> {
    if item.done {
        return None;
    }
    due_date(list, item).map(day_number)
}

/// Moves `app`'s item from the day `before` to the day `after`.
pub(crate) fn move_item(
    txn: &WriteTransaction,
    app: &str,
    id: ItemId,
    before: Option<i32>,
    after: Option<i32>,
) -> Result<(), StoreError> {
    if before == after {
        return Ok(());
    }
    let mut t = txn.open_table(DUE_INDEX)?;
    if let Some(day) = before {
        t.remove((day, app, id.0))?;
    }
    if let Some(day) = after {
        t.insert((day, app, id.0), ())?;
    }
    Ok(())
}

/// Takes out every row of `app` on `days` (the days its summary counted).
pub(crate) fn remove_app(
    txn: &WriteTransaction,
    app: &str,
    days: impl Iterator<Item = i32>,
) -> Result<(), StoreError> {
    let mut t = txn.open_table(DUE_INDEX)?;
    for day in days {
        let ids: Vec<u128> = t
            .range((day, app, 0u128)..=(day, app, u128::MAX))?
            .map(|r| r.map(|(k, _)| k.value().2))
            .collect::<Result<_, _>>()?;
        for id in ids {
            t.remove((day, app, id))?;
        }
    }
    Ok(())
}

/// The rows on days `from..=to`, in day order then app then id.
pub(crate) fn range(
    t: &impl ReadableTable<(i32, &'static str, u128), ()>,
    from: i32,
    to: i32,
) -> Result<Vec<(i32, String, ItemId)>, StoreError> {
    let mut out = Vec::new();
    if from > to {
        return Ok(out);
    }
    for row in t.range((from, "", 0u128)..(to.saturating_add(1), "", 0u128))? {
        let (k, _) = row?;
        let (day, app, id) = k.value();
        if day > to {
            break;
        }
        out.push((day, app.to_string(), ItemId(id)));
    }
    Ok(out)
}
