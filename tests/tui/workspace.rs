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
    f.keys("/coffee<Down>o");
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

fn press(f: &mut fixture::Fixture, key: nook::app::key::Key) {
    f.shell
        .dispatch(&mut f.app, nook::app::Action::Key(key, fixture::now()));
}

/// Puts the editor's cursor on `line`, `col` (from 1) with keys.
fn editor_go_to(f: &mut fixture::Fixture, line: usize, col: usize) {
    use nook::app::key::{Code, Key};
    press(
        f,
        Key {
            code: Code::Home,
            ctrl: true,
            alt: false,
        },
    );
    f.keys(&"<Down>".repeat(line - 1));
    f.keys(&"<Right>".repeat(col - 1));
}

/// The status line under the editor's text.
fn editor_status(f: &fixture::Fixture) -> String {
    f.screen(120, 30)
        .lines()
        .find(|l| l.contains('✗'))
        .unwrap_or_default()
        .to_string()
}

#[test]
fn the_editor_names_the_problem_under_the_cursor_and_walks_them() {
    use nook::app::key::Key;
    let mut f = seeded();
    f.keys("/groceries<Down>e");
    // Two unknown keys: `xname` on line 3, `ztags` on line 6.
    editor_go_to(&mut f, 3, 5);
    f.keys("x");
    editor_go_to(&mut f, 6, 5);
    f.keys("z");
    f.shell
        .dispatch(&mut f.app, nook::app::Action::Settle(fixture::at(1)));
    let status = editor_status(&f);
    assert!(status.contains("6:5") && status.contains("ztags"), "{status}");
    // Three in all: without `name`, the list also lacks one (line 2).
    assert!(status.contains("3/3"), "{status}");
    // C-b goes back to the previous problem, C-n on to the next (wrapping).
    press(&mut f, Key::ctrl('b'));
    let status = editor_status(&f);
    assert!(status.contains("3:5") && status.contains("xname"), "{status}");
    press(&mut f, Key::ctrl('n'));
    assert!(editor_status(&f).contains("ztags"));
    press(&mut f, Key::ctrl('n'));
    assert!(editor_status(&f).contains("2:1"), "wraps to the first");
    // The keys are in the table, so the footer and help show them.
    let footer = f.screen(120, 30).lines().last().unwrap().to_string();
    assert!(footer.contains("C-n next problem"), "{footer}");
}

#[test]
fn the_editor_cursor_sits_after_a_wide_character() {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    let mut f = seeded();
    f.keys("/groceries<Down>e");
    // Line 4 is `    icon: "🛒",`: the cursor at its end is after the comma.
    editor_go_to(&mut f, 4, 1);
    f.keys("<End>");
    for (w, h) in [(120, 40), (80, 24)] {
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        terminal.draw(|frame| nook::ui::render(&f.app, frame)).unwrap();
        let pos = terminal.get_cursor_position().unwrap();
        let buf = terminal.backend().buffer();
        assert_eq!(buf[(pos.x - 1, pos.y)].symbol(), ",", "{w}x{h}: {pos:?}");
        assert_eq!(buf[(pos.x, pos.y)].symbol(), " ", "{w}x{h}: {pos:?}");
    }
    // And on the emoji itself, the cursor covers its first cell.
    f.keys("<Left><Left><Left>");
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|frame| nook::ui::render(&f.app, frame)).unwrap();
    let pos = terminal.get_cursor_position().unwrap();
    assert_eq!(terminal.backend().buffer()[(pos.x, pos.y)].symbol(), "🛒");
}

#[test]
fn a_key_that_does_nothing_here_says_where_it_works() {
    let mut f = seeded();
    f.open("packing");
    // Packing opens as a table: H/L move cards, on the board.
    f.keys("L");
    let screen = f.screen(80, 24);
    let footer = screen.lines().last().unwrap();
    assert!(
        footer.contains("L: move the card to the next column, on the board (v)"),
        "{footer}"
    );
    // A key bound nowhere points at help.
    f.keys("Z");
    let footer = f.screen(80, 24).lines().last().unwrap().to_string();
    assert!(
        footer.contains("Z does nothing here: ? lists this screen's keys"),
        "{footer}"
    );
    // A key that works clears the note.
    f.keys("j");
    assert!(!f.screen(80, 24).contains("does nothing"));
}

#[test]
fn add_on_a_board_puts_the_item_into_the_focused_column() {
    use nook::model::FieldValue;
    let mut f = seeded();
    f.open("reading");
    // The second column is "reading".
    f.keys("laNeuromancer<Enter>");
    let export = f.export("reading");
    let added = export
        .items
        .iter()
        .find(|i| i.values.get("title") == Some(&FieldValue::Text("Neuromancer".into())))
        .expect("added");
    assert_eq!(
        added.values.get("status"),
        Some(&FieldValue::Text("reading".into()))
    );
    // The first column presets its own option.
    f.keys("hhaSnow Crash<Enter>");
    let export = f.export("reading");
    let added = export
        .items
        .iter()
        .find(|i| i.values.get("title") == Some(&FieldValue::Text("Snow Crash".into())))
        .expect("added");
    assert_eq!(
        added.values.get("status"),
        Some(&FieldValue::Text("to read".into()))
    );
}

fn mouse(f: &mut fixture::Fixture, kind: nook::app::mouse::MouseKind, x: u16, y: u16) {
    let m = nook::app::mouse::Mouse { kind, x, y };
    f.shell
        .dispatch(&mut f.app, nook::app::Action::Mouse(m, fixture::now()));
}

/// Where `text` is on the screen (column, row), the first time it shows.
fn find(screen: &str, text: &str) -> (u16, u16) {
    for (y, line) in screen.lines().enumerate() {
        if let Some(at) = line.find(text) {
            return (line[..at].chars().count() as u16, y as u16);
        }
    }
    panic!("{text:?} is not on the screen:\n{screen}")
}

fn selected_text(f: &fixture::Fixture) -> Option<String> {
    match f.app.focused()? {
        nook::app::Panel::List(l) => l.selected().map(|i| i.text.clone()),
        _ => None,
    }
}

#[test]
fn a_click_focuses_a_panel_or_a_tab_selects_a_row_and_ticks_its_box() {
    use nook::app::mouse::MouseKind::*;
    let mut f = seeded();
    f.shell.dispatch(&mut f.app, nook::app::Action::Resize(120, 30));
    f.open("groceries");
    f.keys("q/water<Down>o");
    assert_eq!(focused_id(&f).as_deref(), Some("water"));
    // A click on the groceries panel focuses it and selects the row clicked.
    let (x, y) = find(&f.screen(120, 30), "bread");
    mouse(&mut f, Click, x + 1, y);
    assert_eq!(focused_id(&f).as_deref(), Some("groceries"));
    assert_eq!(selected_text(&f).as_deref(), Some("bread"));
    assert!(
        !f.export("groceries")
            .items
            .iter()
            .any(|i| i.text == "bread" && i.done),
        "a click on the text does not tick"
    );
    // A click on its box ticks it.
    mouse(&mut f, Click, x - 3, y);
    assert!(
        f.export("groceries")
            .items
            .iter()
            .any(|i| i.text == "bread" && i.done)
    );
    // A click on a tab focuses that app.
    let (x, y) = find(&f.screen(120, 30), "2 💧 Water");
    mouse(&mut f, Click, x, y);
    assert_eq!(focused_id(&f).as_deref(), Some("water"));
    // Nothing happens on the header or the footer.
    mouse(&mut f, Click, 5, 0);
    mouse(&mut f, Click, 5, 29);
    assert_eq!(focused_id(&f).as_deref(), Some("water"));
}

#[test]
fn the_wheel_moves_the_selection_of_what_is_under_it() {
    use nook::app::mouse::MouseKind::*;
    let mut f = seeded();
    f.shell.dispatch(&mut f.app, nook::app::Action::Resize(80, 24));
    // In the launcher, the wheel moves the selected app.
    let before = f.app.launcher.selected;
    mouse(&mut f, ScrollDown, 10, 5);
    assert_eq!(f.app.launcher.selected, before + 1);
    mouse(&mut f, ScrollUp, 10, 5);
    assert_eq!(f.app.launcher.selected, before);
    f.open("groceries");
    let first = selected_text(&f);
    mouse(&mut f, ScrollDown, 10, 5);
    assert_ne!(selected_text(&f), first);
    mouse(&mut f, ScrollUp, 10, 5);
    assert_eq!(selected_text(&f), first);
}

#[test]
fn a_click_on_a_launcher_row_selects_that_app_at_every_size() {
    use nook::app::mouse::MouseKind::*;
    let selected = |f: &fixture::Fixture| {
        let i = f.app.visible_entries()[f.app.launcher.selected];
        f.app.entries[i].id().map(str::to_string)
    };
    for (w, h) in [(120, 40), (80, 24), (60, 20)] {
        let mut f = seeded();
        f.shell.dispatch(&mut f.app, nook::app::Action::Resize(w, h));
        let (x, y) = find(&f.screen(w, h), "Coffee");
        mouse(&mut f, Click, x, y);
        assert_eq!(selected(&f).as_deref(), Some("coffee"), "{w}x{h}");
        // Scrolled to the end, a row above the selection is still the one clicked.
        f.keys(&"j".repeat(20));
        let (x, y) = find(&f.screen(w, h), "Stretch");
        mouse(&mut f, Click, x, y);
        assert_eq!(selected(&f).as_deref(), Some("stretch"), "{w}x{h}");
        // Enter opens what the click selected.
        f.keys("<Enter>");
        assert_eq!(focused_id(&f).as_deref(), Some("stretch"), "{w}x{h}");
    }
}

#[test]
fn config_can_turn_the_mouse_off() {
    let dir = tempfile::tempdir().unwrap();
    let home = nook::paths::Home {
        root: dir.path().to_path_buf(),
    };
    nook::bundled::install_if_missing(&home).unwrap();
    let start = |home: &nook::paths::Home| {
        let store = nook::store::Store::open(&home.database().unwrap()).unwrap();
        nook::runtime::terminal::start(home.clone(), store, fixture::now()).0
    };
    assert!(start(&home).mouse, "on by default");
    std::fs::write(home.config(), "Config(mouse: false)\n").unwrap();
    assert!(!start(&home).mouse);
}
