//! Due dates in the list panel: each open row says where it stands in words
//! (there with NO_COLOR too) and takes its colour; Space on a recurring item
//! moves it on.

use crate::common::fixture;

use fixture::Fixture;
use insta::assert_snapshot;
use nook::app::Panel;
use nook::model::FieldValue;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const CHORES: &str = r#"List(
    name: "Chores",
    fields: {
        "task": Text(required: true),
        "when": Date(due: true),
    },
    sort: ["when"],
    REPEAT
)
"#;

fn text(s: &str) -> FieldValue {
    FieldValue::Text(s.into())
}

/// Chores in a home whose clock is the fixture's (Wednesday 2026-11-25).
fn chores(repeat: &str) -> Fixture {
    let items: [&[(&str, FieldValue)]; 6] = [
        &[("task", text("Bins")), ("when", text("2026-11-20"))],
        &[("task", text("No date"))],
        &[("task", text("Dishes")), ("when", text("2026-11-25"))],
        &[("task", text("Vacuum")), ("when", text("2026-11-26"))],
        &[("task", text("Windows")), ("when", text("2026-11-30"))],
        &[("task", text("Mop")), ("when", text("2026-11-24"))],
    ];
    let mut f = fixture::with_list("chores.ron", &CHORES.replace("REPEAT", repeat), &items);
    f.open("chores");
    f
}

fn tasks(f: &Fixture) -> Vec<(String, String)> {
    let Some(Panel::List(l)) = f.app.focused() else {
        panic!("not a list")
    };
    l.order
        .iter()
        .map(|&i| {
            let item = &l.items[i];
            let when = item.values.get("when").map(|v| v.display()).unwrap_or_default();
            (item.values["task"].display(), when)
        })
        .collect()
}

#[test]
fn rows_say_overdue_today_and_upcoming_in_words_soonest_first_and_undated_last() {
    let f = chores("");
    assert_snapshot!("due_checklist_80x24", f.screen(80, 24));
    let screen = f.screen(80, 24);
    let row = |t: &str| {
        screen
            .lines()
            .find(|l| l.contains(t))
            .unwrap_or_else(|| panic!("no {t}:\n{screen}"))
            .to_string()
    };
    assert!(row("Bins").contains("2026-11-20 overdue 5d"), "{screen}");
    assert!(row("Dishes").contains("2026-11-25 today"), "{screen}");
    assert!(row("Vacuum").contains("tomorrow"), "{screen}");
    assert!(row("Windows").contains("in 5d"), "{screen}");
    // The summary line leads with what is overdue and due today.
    assert!(screen.contains("2 overdue · 1 today · 6 items"), "{screen}");
    let order: Vec<String> = tasks(&f).into_iter().map(|(t, _)| t).collect();
    assert_eq!(order, ["Bins", "Mop", "Dishes", "Vacuum", "Windows", "No date"]);
}

#[test]
fn an_overdue_rows_box_takes_another_style_than_an_undated_one() {
    let f = chores("");
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|fr| nook::ui::render(&f.app, fr)).unwrap();
    let buf = terminal.backend().buffer();
    let style_of = |needle: &str| {
        let y = (0..24)
            .find(|&y| {
                let line: String = (0..80).map(|x| buf[(x, y)].symbol().to_string()).collect();
                line.contains(needle)
            })
            .unwrap_or_else(|| panic!("no row {needle}"));
        // The box's "[", after the panel's border.
        buf[(1, y)].style()
    };
    // The cursor's row (Bins) is drawn selected: compare the others.
    let (mop, dishes, undated) = (style_of("Mop"), style_of("Dishes"), style_of("No date"));
    assert_ne!(mop, undated, "overdue is marked");
    if !f.app.no_color {
        assert_ne!(mop.fg, dishes.fg, "overdue and today differ in colour");
    }
}

#[test]
fn space_on_a_weekly_item_moves_its_date_on_and_leaves_it_open() {
    let mut f = chores("repeat: Weekly,");
    // The cursor is on Bins, 5 days overdue: the first Friday after today.
    f.keys(" ");
    let rows = tasks(&f);
    let bins = rows.iter().find(|(t, _)| t == "Bins").unwrap();
    assert_eq!(bins.1, "2026-11-27");
    let stored = f.export("chores");
    let item = stored
        .items
        .iter()
        .find(|i| i.values["task"] == text("Bins"))
        .unwrap();
    assert!(!item.done, "a recurring item is not left done");
    assert_eq!(item.values["when"], text("2026-11-27"));
    // u puts the old date back in one step.
    f.keys("u");
    let stored = f.export("chores");
    let item = stored
        .items
        .iter()
        .find(|i| i.values["task"] == text("Bins"))
        .unwrap();
    assert_eq!(item.values["when"], text("2026-11-20"));
}
