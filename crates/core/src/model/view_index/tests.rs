//! The stored order is the panel's order: sorting items by their keys'
//! bytes (then id) gives what comparing them field by field gives.

use std::cmp::Ordering;

use proptest::prelude::*;

use super::*;
use crate::model::item_id::ItemId;
use crate::model::order::cmp_parts;
use crate::model::{FieldValue, Item};
use crate::overview::group::cmp_groups;
use crate::spec::{Kind, parse_str};

const SPEC: &str = r#"List(
    name: "Shelf",
    fields: {
        "status": Choice(options: ["to read", "reading", "read"]),
        "pages": Number,
        "author": Text,
        "stars": Rating(max: 5),
        "lent": Bool,
        "tags": Tags(options: ["novel", "poem"]),
        "per page": Formula("stars / pages"),
    },
    view: Table(group: "status"),
)"#;

fn list() -> ListSpec {
    match parse_str("shelf.ron", SPEC).unwrap().kind {
        Kind::List(l) => l,
        _ => unreachable!(),
    }
}

fn value() -> impl Strategy<Value = Option<FieldValue>> {
    prop_oneof![
        Just(None),
        (-3.0..3.0f64).prop_map(|n| Some(FieldValue::Number((n * 2.0).round() / 2.0))),
        "[ a-c\0é]{0,3}".prop_map(|s| Some(FieldValue::Text(s))),
        any::<bool>().prop_map(|b| Some(FieldValue::Bool(b))),
        prop::sample::select(vec!["to read", "reading", "read", "lost"])
            .prop_map(|s| Some(FieldValue::Text(s.to_string()))),
        prop::collection::vec(prop::sample::select(vec!["novel", "poem", "x"]), 0..3)
            .prop_map(|v| Some(FieldValue::List(v.into_iter().map(String::from).collect()))),
    ]
}

fn item() -> impl Strategy<Value = Item> {
    let fields = ["status", "pages", "author", "stars", "lent", "tags"];
    (
        any::<u16>(),
        "[a-cA-C ]{0,3}",
        any::<bool>(),
        0..4i64,
        prop::collection::vec(value(), fields.len()),
    )
        .prop_map(move |(id, text, done, created, values)| Item {
            id: ItemId(u128::from(id)),
            text,
            done,
            created,
            updated: created,
            values: fields
                .iter()
                .zip(values)
                .filter_map(|(f, v)| Some((f.to_string(), v?)))
                .collect(),
        })
}

fn keys() -> impl Strategy<Value = Vec<SortKey>> {
    let field = prop::sample::select(vec![
        "status", "pages", "author", "stars", "lent", "tags", "per page", "done", "created", "text",
    ]);
    prop::collection::vec((field, any::<bool>()), 0..3).prop_map(|v| {
        v.into_iter()
            .map(|(f, d)| SortKey {
                field: f.to_string(),
                descending: d,
            })
            .collect()
    })
}

/// The panel's comparison: the group's rank, the sort keys' parts, the id.
fn panel_cmp(list: &ListSpec, order: &ViewOrder, a: &Item, b: &Item) -> Ordering {
    let today = 20_000;
    let group = order.group.as_deref().map_or(Ordering::Equal, |g| {
        let (x, y) = (group_key(list, g, a, today), group_key(list, g, b, today));
        cmp_groups(list, g, &x, &y).then_with(|| x.cmp(&y))
    });
    let parts = |i: &Item| -> Vec<Option<Part>> {
        order
            .keys
            .iter()
            .map(|k| part(list, &k.field, i, today))
            .collect()
    };
    group
        .then_with(|| cmp_parts(&order.keys, &parts(a), &parts(b)))
        .then_with(|| a.id.cmp(&b.id))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn bytes_order_items_as_the_panel_does(
        items in prop::collection::vec(item(), 0..24),
        keys in keys(),
        group in prop::sample::select(vec![None, Some("status"), Some("stars"), Some("tags"), Some("author")]),
    ) {
        let list = list();
        let order = ViewOrder { keys, group: group.map(String::from), filter: None };
        let mut by_panel = items.clone();
        by_panel.sort_by(|a, b| panel_cmp(&list, &order, a, b));
        let mut by_bytes: Vec<(Vec<u8>, ItemId, Item)> = items
            .into_iter()
            .map(|i| (order.key(&list, &i, 20_000).unwrap(), i.id, i))
            .collect();
        by_bytes.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
        let ids = |v: &[Item]| v.iter().map(|i| i.id).collect::<Vec<_>>();
        let bytes_order: Vec<Item> = by_bytes.into_iter().map(|(_, _, i)| i).collect();
        // Items equal in every key and id are the same place either way.
        prop_assert_eq!(ids(&by_panel), ids(&bytes_order));
    }
}

#[test]
fn a_filter_leaves_items_out() {
    let spec = parse_str(
        "shelf.ron",
        r#"List(name: "Shelf", fields: {"pages": Number},
            views: [(name: "Long", filter: "pages > 300")])"#,
    )
    .unwrap();
    let Kind::List(list) = spec.kind else {
        unreachable!()
    };
    let (_, kept) = kept(&list, 20_000);
    assert_eq!(kept.len(), 2, "the base list and the named view");
    let long = &kept[1].1;
    let book = |pages: f64| Item {
        id: ItemId(1),
        text: "b".into(),
        done: false,
        created: 0,
        updated: 0,
        values: [("pages".to_string(), FieldValue::Number(pages))].into(),
    };
    assert!(long.key(&list, &book(500.0), 20_000).is_some());
    assert!(long.key(&list, &book(100.0), 20_000).is_none());
}

#[test]
fn an_order_that_reads_today_is_kept_for_the_day() {
    let plain = list();
    let dated = match parse_str(
        "t.ron",
        r#"List(name: "T", fields: {"due": Date, "left": Formula("due - today()")}, sort: ["left"])"#,
    )
    .unwrap()
    .kind
    {
        Kind::List(l) => l,
        _ => unreachable!(),
    };
    assert_eq!(kept(&plain, 1).0, kept(&plain, 2).0);
    assert_ne!(kept(&dated, 1).0, kept(&dated, 2).0);
}
