//! Figures in the list panel: a grouped table's headers with each group's
//! figures, the chart of a figure by group or period with its axis, and
//! the footer that counts what a `/` filter shows; at 120x40 and 80x24.

use crate::common::fixture;

use fixture::{Fixture, with_list};
use insta::assert_snapshot;
use nook::app::Panel;
use nook::model::FieldValue;

const SPEND: &str = r#"List(
    name: "Spending",
    fields: {
        "what":     Text(required: true),
        "amount":   Money(currency: "EUR"),
        "category": Choice(options: ["rent", "food", "fun"]),
        "on":       Date,
    },
    view: Table(columns: ["what", "amount", "on"], group: "category"),
    sort: ["-amount"],
    summary: [Count, Sum("amount"), Sum(of: "amount", per: Month)],
    chart: Bar(of: Sum("amount"), by: "category"),
)
"#;

fn spend() -> Fixture {
    let t = |s: &str| FieldValue::Text(s.into());
    let n = FieldValue::Number;
    let mut f = with_list(
        "spend.ron",
        SPEND,
        &[
            &[
                ("what", t("flat")),
                ("amount", n(800.0)),
                ("category", t("rent")),
                ("on", t("2026-11-01")),
            ],
            &[
                ("what", t("pizza")),
                ("amount", n(12.5)),
                ("category", t("food")),
                ("on", t("2026-11-20")),
            ],
            &[
                ("what", t("bread")),
                ("amount", n(3.0)),
                ("category", t("food")),
                ("on", t("2026-10-30")),
            ],
            &[
                ("what", t("cinema")),
                ("amount", n(11.0)),
                ("category", t("fun")),
                ("on", t("2026-11-02")),
            ],
            &[("what", t("socks")), ("amount", n(6.0)), ("on", t("2026-11-24"))],
        ],
    );
    f.open("spend");
    f
}

fn selected(f: &Fixture) -> String {
    let Some(Panel::List(l)) = f.app.focused() else {
        panic!("not a list")
    };
    l.selected().unwrap().values["what"].display()
}

#[test]
fn a_grouped_table_draws_a_header_per_group_with_its_figures() {
    let f = spend();
    for (w, h) in [(120, 40), (80, 24)] {
        let screen = f.screen(w, h);
        assert_snapshot!(format!("grouped_{w}x{h}"), screen);
    }
    let screen = f.screen(120, 40);
    let rows: Vec<&str> = screen.lines().collect();
    let at = |needle: &str| {
        rows.iter()
            .position(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("{needle}:\n{screen}"))
    };
    // In the Choice's order, items without a value last, sorted inside.
    assert!(at("▸ rent") < at("flat") && at("flat") < at("▸ food"), "{screen}");
    assert!(
        at("▸ food") < at("pizza") && at("pizza") < at("bread"),
        "{screen}"
    );
    assert!(
        at("▸ fun") < at("cinema") && at("cinema") < at("▸ (none)"),
        "{screen}"
    );
    assert!(rows[at("▸ food")].contains("2 items · €15.50 amount"), "{screen}");
}

#[test]
fn the_cursor_moves_over_items_and_skips_the_headers() {
    let mut f = spend();
    assert_eq!(selected(&f), "flat");
    f.keys("j");
    assert_eq!(selected(&f), "pizza", "past the food header");
    f.keys("jj");
    assert_eq!(selected(&f), "cinema");
    f.keys("j");
    assert_eq!(selected(&f), "socks");
}

#[test]
fn the_chart_draws_a_bar_per_group_with_its_value_and_an_axis() {
    let mut f = spend();
    let screen = f.screen(120, 40);
    assert!(screen.contains("sum of amount by category"), "{screen}");
    let bar = |name: &str| {
        screen
            .lines()
            .find(|l| l.contains(&format!("{name} │")))
            .unwrap_or_else(|| panic!("no bar {name}:\n{screen}"))
            .to_string()
    };
    assert!(
        bar("rent").contains("████") && bar("rent").contains("€800.00"),
        "{screen}"
    );
    assert!(bar("food").contains("€15.50"), "{screen}");
    assert!(bar("rent").matches('█').count() > bar("food").matches('█').count() * 10);
    assert!(screen.contains("└──"), "an axis: {screen}");
    // `c` hides it and shows it again.
    f.keys("c");
    assert!(!f.screen(120, 40).contains("sum of amount by category"));
    f.keys("c");
    assert_snapshot!("chart_80x24", f.screen(80, 24));
}

#[test]
fn the_footer_counts_what_the_filter_shows() {
    let mut f = spend();
    let foot = |f: &Fixture| {
        let screen = f.screen(120, 40);
        screen.lines().rev().nth(2).unwrap().to_string()
    };
    assert!(foot(&f).contains("5 items · €832.50 amount"), "{}", foot(&f));
    f.keys("/pizza<Enter>");
    let line = foot(&f);
    assert!(
        line.contains("1 of 5 shown · 1 item · €12.50 amount · €12.50 amount this month"),
        "{line}"
    );
    assert_snapshot!("filtered_80x24", f.screen(80, 24));
}
