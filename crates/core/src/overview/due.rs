//! "2 overdue · 1 today", first on a list's line, from the open items per
//! due day the store keeps in the summary.

use super::Source;
use crate::model::Now;
use crate::model::item_id::ItemId;
use crate::spec::{ListSpec, Spec};
use crate::summary::AppSummary;
use crate::summary::due::DueDays;

/// The list's due words, or None when nothing is overdue or due today. A
/// summary counted under another due field (until the next write counts
/// again) sends it to the items.
pub fn due_words<R: Source>(
    r: &R,
    spec: &Spec,
    list: &ListSpec,
    sum: &AppSummary,
    now: Now,
) -> Result<Option<String>, R::Error> {
    if list.due.is_none() {
        return Ok(None);
    }
    let today = now.today_number();
    Ok(match &sum.due {
        Some(d) if d.current(list) => d.words(today),
        _ => {
            let items = r.items(&spec.id, ItemId(0), usize::MAX)?;
            DueDays::build(list, items.iter()).and_then(|d| d.words(today))
        }
    })
}
