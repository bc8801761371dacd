//! Figures over the items a panel holds: the grouped table's headers
//! (`Table(group: "category")`) and the footer while a `/` filter is on.

use std::cmp::Ordering;

use crate::figures::Figures;
use crate::model::computed::field_value;
use crate::model::{FieldValue, Item, Now};
use crate::spec::{FieldType, ListSpec};
use crate::summary::AppSummary;

/// One group of a grouped table: where its rows start in the panel's
/// order, how many there are, and its header.
#[derive(Clone, Debug, PartialEq)]
pub struct Head {
    pub start: usize,
    pub len: usize,
    /// The group's value; "" for items without one.
    pub key: String,
    /// The spec's summaries over the group's items: `3 items · €120 amount`.
    pub line: String,
}

/// The value an item is grouped under in a table: its field's value, the
/// first of its tags (a row is shown once), "" when it has none.
pub fn group_key(list: &ListSpec, field: &str, item: &Item, today: i32) -> String {
    match field_value(list, field, item, today).as_deref() {
        Some(FieldValue::Text(s)) => s.clone(),
        Some(FieldValue::List(tags)) => tags.iter().min().cloned().unwrap_or_default(),
        Some(FieldValue::Bool(b)) => if *b { "yes" } else { "no" }.to_string(),
        Some(FieldValue::Number(n)) => crate::model::value::format_number(*n),
        None => String::new(),
    }
}

/// The order groups come in: a Choice's or Tags' options as the spec lists
/// them, a Rating highest first, else by value; items without one last.
pub fn cmp_groups(list: &ListSpec, field: &str, a: &str, b: &str) -> Ordering {
    let rank = |k: &str| -> (u8, usize) {
        if k.is_empty() {
            return (2, 0);
        }
        match list.fields.get(field).map(|f| &f.ty) {
            Some(FieldType::Choice { options } | FieldType::Tags { options }) => {
                match options.iter().position(|o| o == k) {
                    Some(i) => (0, i),
                    None => (1, 0),
                }
            }
            _ => (1, 0),
        }
    };
    let numeric = matches!(
        list.fields.get(field).map(|f| &f.ty),
        Some(FieldType::Rating { .. })
    );
    rank(a).cmp(&rank(b)).then_with(|| {
        if numeric {
            let n = |s: &str| s.parse::<f64>().unwrap_or(0.0);
            n(b).total_cmp(&n(a))
        } else {
            a.cmp(b)
        }
    })
}

/// The headers of `order` (indexes into `items`, already sorted so each
/// group's rows are together), each with the spec's summaries over its rows.
pub fn heads(list: &ListSpec, field: &str, items: &[Item], order: &[usize], now: Now) -> Vec<Head> {
    let today = now.today_number();
    let mut out: Vec<Head> = Vec::new();
    let mut start = 0;
    while start < order.len() {
        let key = group_key(list, field, &items[order[start]], today);
        let mut end = start + 1;
        while end < order.len() && group_key(list, field, &items[order[end]], today) == key {
            end += 1;
        }
        let rows = order[start..end].iter().map(|&i| &items[i]);
        out.push(Head {
            start,
            len: end - start,
            key,
            line: line_over(list, rows, now),
        });
        start = end;
    }
    out
}

/// The spec's summary line over `items` only, as the launcher would show
/// it for a list of just those.
pub fn line_over<'a, I>(list: &ListSpec, items: I, now: Now) -> String
where
    I: Iterator<Item = &'a Item> + Clone,
{
    let mut sum = AppSummary {
        shapes_counted: true,
        ..AppSummary::default()
    };
    for item in items.clone() {
        sum.count_item(item, 1);
    }
    let figs = (!crate::figures::kept(list).is_empty()).then(|| Figures::over(list, items, now));
    super::list_line(list, &sum, figs.as_ref(), now.today_number())
}
