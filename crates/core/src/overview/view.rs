//! A named view's rows: the items its filter lets in, in its order (by
//! group when it is a grouped table, by column on a board, then its sort
//! keys). `nook items
//! --view` prints these; the TUI's panel orders the same way.

use std::cmp::Ordering;

use crate::model::{Item, computed, order};
use crate::spec::{ListSpec, NamedView, SortKey, View};

/// Indexes into `items`, as `view` shows them on day `today`.
pub fn rows(list: &ListSpec, view: &NamedView, items: &[Item], today: i32) -> Vec<usize> {
    let shape = list.as_view(view);
    // The panel's first sort: the spec's keys, else the oldest first.
    let keys = if shape.sort.is_empty() {
        vec![SortKey {
            field: "created".into(),
            descending: false,
        }]
    } else {
        shape.sort.clone()
    };
    // A grouped table's groups, a board's columns, each in its order.
    let grouped = match &shape.view {
        View::Table { .. } => shape.group.as_deref(),
        View::Board { by } => Some(by.as_str()),
        _ => None,
    };
    let mut out: Vec<usize> = (0..items.len())
        .filter(|&i| {
            view.filter
                .as_ref()
                .is_none_or(|f| computed::holds(&shape, f, &items[i], today))
        })
        .collect();
    out.sort_by(|&a, &b| {
        let (x, y) = (&items[a], &items[b]);
        let by_group = match grouped {
            Some(g) => {
                let key = |i: &Item| super::group::group_key(&shape, g, i, today);
                super::group::cmp_groups(&shape, g, &key(x), &key(y))
            }
            None => Ordering::Equal,
        };
        by_group.then_with(|| order::cmp_by_keys(&shape, &keys, x, y, today))
    });
    out
}
