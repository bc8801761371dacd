//! Views that tell the truth: sorts, numbers, the fields a row shows,
//! tracker periods and charts, drawn as a user sees them.

use crate::common::fixture;

use fixture::{Fixture, seeded};
use nook::app::Panel;
use nook::model::FieldValue;
use nook::store::Store;

fn text(s: &str) -> FieldValue {
    FieldValue::Text(s.into())
}

/// The screen's row that holds `needle`.
fn row_with(screen: &str, needle: &str) -> String {
    screen
        .lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no row with {needle:?}:\n{screen}"))
        .to_string()
}

/// The titles of a list panel's rows, in the order drawn.
fn titles(f: &fixture::Fixture) -> Vec<String> {
    let Some(Panel::List(l)) = f.app.focused() else {
        panic!("not a list")
    };
    l.order
        .iter()
        .map(|&i| l.items[i].values["title"].display())
        .collect()
}

/// Presses `s` until the status line names `label`.
fn sort_by(f: &mut fixture::Fixture, label: &str) {
    for _ in 0..20 {
        if f.screen(100, 30)
            .lines()
            .nth(2)
            .is_some_and(|l| l.contains(label))
        {
            return;
        }
        f.keys("s");
    }
    panic!("no sort named {label:?}:\n{}", f.screen(100, 30));
}

#[test]
fn a_descending_sort_puts_empty_values_last_and_says_its_direction() {
    let mut f = seeded();
    f.open("reading");
    f.keys("v");
    sort_by(&mut f, "by rating, highest first");
    // Dune 5, The Dispossessed 4, then the two unrated books (by age).
    assert_eq!(
        titles(&f),
        ["Dune", "The Dispossessed", "Piranesi", "Middlemarch"]
    );
    sort_by(&mut f, "by pages, highest first");
    assert_eq!(
        titles(&f),
        ["Middlemarch", "Dune", "The Dispossessed", "Piranesi"]
    );
    sort_by(&mut f, "by title, A to Z");
    assert_eq!(titles(&f)[0], "Dune");
}

#[test]
fn the_spec_sort_label_names_its_keys_and_directions() {
    let mut f = seeded();
    f.open("reading");
    f.keys("v");
    let screen = f.screen(100, 30);
    assert!(
        screen.contains("as in spec: status, rating highest first"),
        "{screen}"
    );
}

#[test]
fn money_has_its_sign_before_the_symbol_and_groups_thousands() {
    let mut f = fixture::empty();
    f.open("expenses");
    f.keys("arent<Tab>1234.5<Enter>");
    f.keys("arefund<Tab>-5<Enter>");
    let screen = f.screen(100, 30);
    assert!(screen.contains("€1,234.50"), "{screen}");
    assert!(screen.contains("-€5.00"), "{screen}");
    assert!(!screen.contains("€-"), "{screen}");
    // The footer's sum too.
    assert!(screen.contains("€1,229.50"), "{screen}");
}

const BOOKS: &str = r#"List(
    name: "Books",
    fields: {
        "title":  Text(required: true),
        "author": Text(),
        "pages":  Number(decimals: 0),
        "rating": Rating(max: 5),
        "owned":  Bool,
        "shelf":  Choice(options: ["home", "work"]),
    },
    view: Checklist,
    SHOW
)
"#;

fn books(show: &str) -> Fixture {
    let spec = BOOKS.replace("SHOW", show);
    let mut f = fixture::with_list(
        "books.ron",
        &spec,
        &[
            &[
                ("title", text("Dune")),
                ("author", text("Frank Herbert")),
                ("pages", FieldValue::Number(412.0)),
                ("rating", FieldValue::Number(5.0)),
                ("owned", FieldValue::Bool(false)),
                ("shelf", text("home")),
            ],
            &[("title", text("Notes")), ("owned", FieldValue::Bool(false))],
            &[("title", text("Lent")), ("owned", FieldValue::Bool(true))],
            &[("title", text("milk\neggs\r\nbread"))],
        ],
    );
    f.open("books");
    f
}

#[test]
fn a_checklist_row_shows_the_fields_the_spec_chooses_in_its_order() {
    let f = books(r#"show: ["rating", "author"],"#);
    let screen = f.screen(100, 30);
    let dune = row_with(&screen, "Dune");
    assert!(dune.contains("Dune · ★★★★★ · Frank Herbert"), "{dune}");
    assert!(!dune.contains("412"), "pages is not chosen: {dune}");
}

#[test]
fn a_checklist_row_by_default_shows_a_few_fields_without_stray_separators() {
    let f = books("");
    let screen = f.screen(100, 30);
    let dune = row_with(&screen, "Dune");
    assert!(dune.contains("Dune · Frank Herbert · 412 · ★★★★★"), "{dune}");
    // A row with no other value has no separator after its title, and a
    // false Bool is drawn as nothing, not as the separator glyph.
    let notes = row_with(&screen, "Notes");
    assert!(!notes.contains('·'), "{notes}");
    // A true Bool says its name.
    let lent = row_with(&screen, "Lent");
    assert!(lent.contains("Lent · owned"), "{lent}");
}

#[test]
fn a_multi_line_value_is_drawn_on_one_line_with_a_break_mark() {
    let f = books("");
    let screen = f.screen(100, 30);
    let row = row_with(&screen, "milk");
    assert!(row.contains("milk ↵ eggs ↵ bread"), "{row}");
    let mut f = books("");
    f.keys("v");
    let screen = f.screen(100, 30);
    let row = row_with(&screen, "milk");
    assert!(row.contains("milk ↵ eggs"), "table: {row}");
}

#[test]
fn a_table_draws_a_false_bool_as_a_cross_not_the_separator() {
    let mut f = books("");
    f.keys("v");
    let screen = f.screen(120, 30);
    let notes = row_with(&screen, "Notes");
    assert!(notes.contains('✗') && !notes.contains('·'), "{notes}");
    assert!(row_with(&screen, "Lent").contains('✓'));
}

#[test]
fn a_board_card_shows_the_chosen_fields_but_not_its_column() {
    let spec = BOOKS
        .replace("view: Checklist,", r#"view: Board(by: "shelf"),"#)
        .replace("SHOW", r#"show: ["author", "shelf"],"#);
    let mut f = fixture::with_list(
        "books.ron",
        &spec,
        &[&[
            ("title", text("Dune")),
            ("author", text("Herbert")),
            ("shelf", text("home")),
        ]],
    );
    f.open("books");
    let screen = f.screen(100, 30);
    let card = row_with(&screen, "Dune");
    assert!(card.contains("Dune · Herbert"), "{card}");
    assert!(!card.contains("Herbert · home"), "the column says it: {card}");
}

#[test]
fn a_board_card_by_default_shows_one_more_field() {
    let mut f = seeded();
    f.open("reading");
    let screen = f.screen(120, 30);
    let card = row_with(&screen, "Dune");
    assert!(card.contains("Dune · Frank Herbert"), "{card}");
}

#[test]
fn a_tracker_leads_with_its_goals_own_period() {
    // Wednesday 25 November: the 23rd and 24th are in this month.
    let f = fixture::tracker_with("running", &[(1, 1.0), (2, 0.5), (30, 5.0)]);
    let screen = f.screen(100, 30);
    assert!(screen.contains("1.5/80 km this month"), "{screen}");
    assert!(screen.contains("goal 80 km a month"), "{screen}");
}

#[test]
fn goals_are_said_in_words() {
    let f = fixture::tracker_with("water", &[(1, 8.0)]);
    let screen = f.screen(100, 30);
    assert!(screen.contains("goal 8 glasses a day"), "{screen}");
    assert!(!screen.contains("Daily("), "{screen}");
    let f = fixture::tracker_with("coffee", &[(1, 1.0)]);
    let screen = f.screen(100, 30);
    assert!(screen.contains("at most 2 cups a day"), "{screen}");
}

#[test]
fn the_rate_ignores_the_day_still_in_progress() {
    // Two days met, today not yet: 100%, not 67%.
    let f = fixture::tracker_with("water", &[(1, 8.0), (2, 8.0)]);
    let screen = f.screen(100, 30);
    assert!(screen.contains("rate 100%"), "{screen}");
}

#[test]
fn the_view_chosen_with_v_is_remembered_per_app() {
    let mut f = seeded();
    f.open("reading");
    f.keys("v");
    f.keys("q");
    f.open("packing");
    let Some(Panel::List(l)) = f.app.focused() else {
        panic!()
    };
    assert_eq!(
        l.view,
        nook::app::list::ViewMode::Table,
        "another app keeps its own"
    );
    f.keys("q");
    f.open("reading");
    let Some(Panel::List(l)) = f.app.focused() else {
        panic!()
    };
    assert_eq!(l.view, nook::app::list::ViewMode::Checklist);
    // And after a restart.
    let Fixture { dir, shell, app } = f;
    drop(app);
    let home = shell.home.clone();
    drop(shell);
    let store = Store::open(&home.database().unwrap()).unwrap();
    let (shell, app) = nook::runtime::terminal::start(home, store, fixture::now());
    let mut f = Fixture { dir, shell, app };
    f.open("reading");
    let Some(Panel::List(l)) = f.app.focused() else {
        panic!()
    };
    assert_eq!(l.view, nook::app::list::ViewMode::Checklist);
}
