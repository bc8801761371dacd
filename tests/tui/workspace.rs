//! The workspace of open apps (its tab bar, opening without closing), the
//! spec editor's problem keys and cursor, keys that explain themselves, and
//! the mouse.

use crate::common::fixture;

use fixture::{empty, seeded};
use insta::assert_snapshot;

fn open_ids(f: &fixture::Fixture) -> Vec<String> {
    f.app.panels.iter().map(|p| p.spec().id.clone()).collect()
}

fn focused_id(f: &fixture::Fixture) -> Option<String> {
    f.app.focused().map(|p| p.spec().id.clone())
}

#[test]
fn enter_in_the_launcher_adds_an_app_and_keeps_the_others_open() {
    let mut f = seeded();
    f.open("groceries");
    f.keys("q");
    f.open("water");
    assert_eq!(open_ids(&f), ["groceries", "water"], "Enter closed an open app");
    assert_eq!(focused_id(&f).as_deref(), Some("water"));
    let screen = f.screen(120, 40);
    assert!(
        screen.contains("Groceries") && screen.contains("Water"),
        "{screen}"
    );

    // Enter on an app that is open focuses it instead of opening it twice.
    f.keys("q");
    f.open("groceries");
    assert_eq!(open_ids(&f), ["groceries", "water"]);
    assert_eq!(focused_id(&f).as_deref(), Some("groceries"));
}

#[test]
fn a_fifth_app_is_refused_with_a_message_and_nothing_closes() {
    let mut f = empty();
    for app in ["groceries", "water", "tea", "habits"] {
        f.open(app);
        f.keys("q");
    }
    f.keys("/coffee<Enter>o");
    assert_eq!(
        open_ids(&f),
        ["groceries", "water", "tea", "habits"],
        "o dropped an app"
    );
    let screen = f.screen(120, 40);
    assert!(screen.contains("4 apps open: close one with x"), "{screen}");
    f.keys("<Esc><Enter>");
    assert_eq!(open_ids(&f).len(), 4, "Enter dropped an app");
    assert!(f.screen(120, 40).contains("4 apps open"));
}

#[test]
fn the_tab_bar_names_every_open_app_and_the_focused_one_in_full() {
    let mut f = empty();
    for app in ["groceries", "expenses", "pomodoro", "stopwatch"] {
        f.open(app);
        f.keys("q");
    }
    f.open("expenses");
    for (w, h) in [(120, 40), (80, 24), (60, 20)] {
        let screen = f.screen(w, h);
        let bar = screen.lines().nth(1).unwrap();
        assert!(bar.contains("Expenses"), "{w}x{h}: {bar}");
        for n in ["1", "2", "3", "4"] {
            assert!(bar.contains(n), "{w}x{h}: tab {n} missing: {bar}");
        }
    }
    assert_snapshot!("workspace_tabs_120x40", f.screen(120, 40));
    assert_snapshot!("workspace_tabs_80x24", f.screen(80, 24));
    assert_snapshot!("workspace_tabs_60x20", f.screen(60, 20));
}

#[test]
fn the_launcher_shows_which_apps_are_open() {
    let mut f = seeded();
    f.open("groceries");
    f.keys("q");
    let screen = f.screen(80, 24);
    let bar = screen.lines().nth(1).unwrap();
    assert!(bar.contains("Groceries"), "{screen}");
}
