//! Formula fields in the list panel: computed in rows, columns and cards,
//! sorted and filtered by like stored fields, and left out of the form.

use crate::common::fixture;

use fixture::Fixture;
use nook::app::Panel;
use nook::model::FieldValue;

const HOURS: &str = r#"List(
    name: "Hours",
    fields: {
        "task":   Text(required: true),
        "hours":  Number(),
        "rate":   Money(),
        "due":    Date,
        "stage":  Choice(options: ["open", "billed"]),
        "total":  Formula("hours * rate"),
        "late":   Formula("due < today()"),
    },
    view: VIEW,
    show: ["total", "late"],
)
"#;

fn text(s: &str) -> FieldValue {
    FieldValue::Text(s.into())
}

/// Three jobs in a home whose clock is the fixture's (2026-11-25).
fn hours(view: &str) -> Fixture {
    let items: [&[(&str, FieldValue)]; 3] = [
        &[
            ("task", text("Roof")),
            ("hours", FieldValue::Number(7.5)),
            ("rate", FieldValue::Number(40.0)),
            ("due", text("2026-11-20")),
            ("stage", text("open")),
        ],
        &[
            ("task", text("Fence")),
            ("hours", FieldValue::Number(2.0)),
            ("rate", FieldValue::Number(600.0)),
            ("due", text("2026-12-01")),
            ("stage", text("open")),
        ],
        &[("task", text("Shed")), ("stage", text("billed"))],
    ];
    let mut f = fixture::with_list("hours.ron", &HOURS.replace("VIEW", view), &items);
    f.open("hours");
    f
}

fn row_with(screen: &str, needle: &str) -> String {
    screen
        .lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no row with {needle:?}:\n{screen}"))
        .to_string()
}

fn tasks(f: &Fixture) -> Vec<String> {
    let Some(Panel::List(l)) = f.app.focused() else {
        panic!("not a list")
    };
    l.order
        .iter()
        .map(|&i| l.items[i].values["task"].display())
        .collect()
}

#[test]
fn a_checklist_row_shows_formulas_computed_from_the_item_and_today() {
    let f = hours("Checklist");
    let screen = f.screen(100, 30);
    // 7.5 × 40, and due 2026-11-20 is before the 25th: `late` is true.
    assert!(
        row_with(&screen, "Roof").contains("Roof · 300 · late"),
        "{screen}"
    );
    assert!(row_with(&screen, "Fence").contains("Fence · 1200"), "{screen}");
    assert!(!row_with(&screen, "Fence").contains("late"), "{screen}");
    // No hours: the formula is empty and shows nothing.
    assert!(!row_with(&screen, "Shed").contains('·'), "{screen}");
}

#[test]
fn a_table_has_a_formula_column_sorts_and_filters_by_it() {
    let mut f = hours("Table(columns: [\"task\", \"total\"])");
    let screen = f.screen(100, 30);
    assert!(row_with(&screen, "Fence").contains("1200"), "{screen}");
    for _ in 0..20 {
        if f.screen(100, 30)
            .lines()
            .nth(2)
            .is_some_and(|l| l.contains("by total, highest first"))
        {
            break;
        }
        f.keys("s");
    }
    assert_eq!(tasks(&f), ["Fence", "Roof", "Shed"], "{}", f.screen(100, 30));
    f.keys("/1200");
    assert_eq!(tasks(&f), ["Fence"], "{}", f.screen(100, 30));
}

#[test]
fn a_board_card_shows_a_formula() {
    let f = hours("Board(by: \"stage\")");
    let screen = f.screen(100, 30);
    assert!(screen.contains("Roof · 300"), "{screen}");
}

#[test]
fn the_form_leaves_a_formula_out_and_nothing_is_stored_for_it() {
    let mut f = hours("Checklist");
    f.keys("a");
    let screen = f.screen(100, 30);
    assert!(screen.contains("rate"), "the form is open: {screen}");
    assert!(!screen.contains("total"), "no formula in the form: {screen}");
    f.keys("Gate<Tab>3<Tab>10<Enter>");
    let export = f.export("hours");
    let gate = export
        .items
        .iter()
        .find(|i| i.values.get("task") == Some(&text("Gate")))
        .expect("added");
    assert!(!gate.values.contains_key("total"), "{:?}", gate.values);
    assert!(row_with(&f.screen(100, 30), "Gate").contains("Gate · 30"));
}
