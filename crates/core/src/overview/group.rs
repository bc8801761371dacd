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
    let inner = within_group(list, field);
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
            line: line_over(&inner, rows, now),
        });
        start = end;
    }
    out
}

/// The list as a group's header counts it: a figure grouped by the very
/// field the table groups by has one group there, so it shows its value
/// alone ("rent · €800.00", not "rent · rent €800.00").
fn within_group(list: &ListSpec, field: &str) -> ListSpec {
    let mut inner = list.clone();
    for s in &mut inner.summary {
        if let crate::spec::Summary::Figure(f) = s
            && f.by.as_deref() == Some(field)
        {
            f.by = None;
        }
    }
    inner
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
    let figs = (!crate::figures::kept(list).is_empty()).then(|| Figures::over_shown(list, items, now));
    super::list_line(list, &sum, figs.as_ref(), now.today_number())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::{Kind, parse_str};

    #[test]
    fn a_header_shows_its_own_groups_figure_once_without_its_name() {
        let text = r#"List(name: "S", fields: {"what": Text, "amount": Number(), "category": Choice(options: ["rent", "food"])},
            view: Table(group: "category"), summary: [Sum(of: "amount", by: "category")])"#;
        let Kind::List(list) = parse_str("apps/s.ron", text).unwrap().kind else {
            unreachable!()
        };
        let item = |id: u64, amount: f64, category: &str| Item {
            values: [
                ("amount".to_string(), FieldValue::Number(amount)),
                ("category".to_string(), FieldValue::Text(category.into())),
            ]
            .into(),
            id: crate::model::item_id::ItemId(id.into()),
            text: String::new(),
            done: false,
            created: 0,
            updated: 0,
        };
        let items = [
            item(1, 800.0, "rent"),
            item(2, 12.5, "food"),
            item(3, 3.0, "food"),
        ];
        let now = Now::fixed(
            chrono::NaiveDate::from_ymd_opt(2026, 12, 2)
                .unwrap()
                .and_hms_opt(9, 0, 0)
                .unwrap(),
        );
        let lines: Vec<(String, String)> = heads(&list, "category", &items, &[1, 2, 0], now)
            .into_iter()
            .map(|h| (h.key, h.line))
            .collect();
        let want =
            [("food", "15.5 amount"), ("rent", "800 amount")].map(|(k, l)| (k.to_string(), l.to_string()));
        assert_eq!(lines, want);
        // The launcher's line still names the groups.
        assert_eq!(line_over(&list, items.iter(), now), "rent 800 · food 15.5");
    }
}
