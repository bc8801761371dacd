//! The open items of a list's due field, counted per due day by the write
//! path, so the launcher says "2 overdue · 1 today" without reading items.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::Item;
use crate::model::days::day_number;
use crate::model::due::due_date;
use crate::spec::ListSpec;

fn is_zero(n: &u64) -> bool {
    *n == 0
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DueDays {
    /// The due field these were counted under: another one (a spec
    /// change) sends the write path to count them again.
    pub field: String,
    /// Open items by due day number.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub days: BTreeMap<i32, u64>,
    /// Open items due before the first day of `days`, counted together: only
    /// in a summary cut for the launcher's line ([`super::head`]), read on
    /// a day after all of them.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub earlier: u64,
    /// Whether the store's date index holds these items too: false in a
    /// summary written before the index existed, until it is built.
    #[serde(default)]
    pub indexed: bool,
}

impl DueDays {
    /// Counts the list's items afresh.
    pub fn build<'a>(list: &ListSpec, items: impl Iterator<Item = &'a Item>) -> Option<DueDays> {
        let mut d = DueDays {
            field: list.due.as_ref()?.field.clone(),
            days: BTreeMap::new(),
            earlier: 0,
            indexed: true,
        };
        for item in items {
            d.count(list, item, 1);
        }
        Some(d)
    }

    /// Whether these were counted under the list's due field (and indexed).
    pub fn current(&self, list: &ListSpec) -> bool {
        self.indexed && list.due.as_ref().is_some_and(|d| d.field == self.field)
    }

    /// Counts one item in (sign 1) or out (-1): an open item with a due date.
    pub fn count(&mut self, list: &ListSpec, item: &Item, sign: i64) {
        if item.done {
            return;
        }
        let Some(day) = due_date(list, item) else { return };
        let slot = self.days.entry(day_number(day)).or_default();
        *slot = slot.saturating_add_signed(sign);
        if *slot == 0 {
            self.days.remove(&day_number(day));
        }
    }

    /// (overdue, due today) on the day number `today`.
    pub fn counts(&self, today: i32) -> (u64, u64) {
        let overdue = self.earlier + self.days.range(..today).map(|(_, n)| n).sum::<u64>();
        (overdue, self.days.get(&today).copied().unwrap_or(0))
    }

    /// "2 overdue · 1 today", or None when nothing is.
    pub fn words(&self, today: i32) -> Option<String> {
        let (overdue, now) = self.counts(today);
        let mut parts = Vec::new();
        if overdue > 0 {
            parts.push(format!("{overdue} overdue"));
        }
        if now > 0 {
            parts.push(format!("{now} today"));
        }
        (!parts.is_empty()).then(|| parts.join(" · "))
    }
}
