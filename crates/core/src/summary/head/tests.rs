use proptest::prelude::*;

use super::*;
use crate::figures::{Figures, kept};
use crate::model::days::date_of;
use crate::model::item_id::ItemId;
use crate::model::{FieldValue, Item, Now};
use crate::overview::list_line;
use crate::spec::{Kind, ListSpec};

fn list() -> ListSpec {
    let text = r#"List(
        name: "Hours",
        fields: {
            "what": Text,
            "kind": Text,
            "hours": Number,
            "on": Date,
            "next": Date(due: true),
        },
        summary: [
            Count,
            Sum(of: "hours", per: Week),
            Sum(of: "hours", per: Month),
            Count(per: Day),
            Sum(of: "hours", per: Year),
            Max(of: "hours", by: "kind"),
        ],
        chart: Bar(of: Sum("hours"), per: Week),
    )"#;
    match crate::spec::load("hours", text.as_bytes()).unwrap().kind {
        Kind::List(l) => l,
        _ => unreachable!(),
    }
}

fn iso(day: i32) -> String {
    date_of(day).format("%Y-%m-%d").to_string()
}

fn noon(day: i32) -> Now {
    Now::fixed(date_of(day).and_hms_opt(12, 0, 0).unwrap())
}

/// Items dated `on` and due `next` days (offsets from `base`), some done.
fn items(base: i32, rows: &[(i32, i32, u8, bool)]) -> Vec<Item> {
    rows.iter()
        .enumerate()
        .map(|(i, &(on, next, hours, done))| {
            let mut values = std::collections::BTreeMap::new();
            values.insert("on".into(), FieldValue::Text(iso(base + on)));
            values.insert("next".into(), FieldValue::Text(iso(base + next)));
            values.insert("hours".into(), FieldValue::Number(f64::from(hours)));
            values.insert("kind".into(), FieldValue::Text(format!("k{}", hours % 5)));
            Item {
                id: ItemId(i as u128 + 1),
                text: String::new(),
                done,
                created: 0,
                updated: 0,
                values,
            }
        })
        .collect()
}

fn summary(list: &ListSpec, items: &[Item], now: Now) -> AppSummary {
    AppSummary {
        items: items.len() as u64,
        done: items.iter().filter(|i| i.done).count() as u64,
        figures: Some(Figures::over(list, items, now)),
        due: DueDays::build(list, items.iter()),
        ..AppSummary::default()
    }
}

/// The launcher's line of a list: its due words, then its figures.
fn line(list: &ListSpec, sum: &AppSummary, today: i32) -> String {
    let due = sum.due.as_ref().and_then(|d| d.words(today)).unwrap_or_default();
    format!("{due} | {}", list_line(list, sum, sum.figures.as_ref(), today))
}

#[test]
fn a_head_reads_as_the_whole_summary_on_its_day_and_after_and_is_a_fraction_of_it() {
    let list = list();
    let base = day_number(chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap());
    // Three years of items, one every other day, a few due ahead of the cut.
    let rows: Vec<(i32, i32, u8, bool)> = (0..550)
        .map(|i| (i * 2, i * 2 + 3 + i % 40, (i % 9) as u8 + 1, i % 3 == 0))
        .collect();
    let items = items(base, &rows);
    let from = base + 1000;
    let whole = summary(&list, &items, noon(from));
    let cut = head(&whole, &kept(&list), from);
    for today in from..from + 500 {
        assert_eq!(
            line(&list, &cut, today),
            line(&list, &whole, today),
            "on {}",
            iso(today)
        );
    }
    let size = |s: &AppSummary| serde_json::to_vec(s).unwrap().len();
    assert!(
        size(&cut) * 5 < size(&whole),
        "head {} bytes, whole {}",
        size(&cut),
        size(&whole)
    );
    // Before its day a head is not the summary: the due days it folded are
    // not all overdue yet.
    let before = from - 30;
    assert_ne!(line(&list, &cut, before), line(&list, &whole, before));
}

proptest! {
    #[test]
    fn a_head_reads_as_the_whole_summary_on_any_later_day(
        rows in prop::collection::vec((0i32..900, -60i32..200, 0u8..20, any::<bool>()), 0..80),
        cut_at in 0i32..1000,
        later in prop::collection::vec(0i32..800, 1..8),
    ) {
        let list = list();
        let base = day_number(chrono::NaiveDate::from_ymd_opt(2025, 6, 1).unwrap());
        let items = items(base, &rows.iter().map(|&(on, ahead, h, d)| (on, on + ahead, h, d)).collect::<Vec<_>>());
        let from = base + cut_at;
        let whole = summary(&list, &items, noon(from));
        let cut = head(&whole, &kept(&list), from);
        for d in later {
            prop_assert_eq!(line(&list, &cut, from + d), line(&list, &whole, from + d));
        }
        // What the head keeps whole.
        prop_assert_eq!(cut.items, whole.items);
        prop_assert_eq!(&cut.due.as_ref().map(|d| d.counts(from)), &whole.due.as_ref().map(|d| d.counts(from)));
    }
}
