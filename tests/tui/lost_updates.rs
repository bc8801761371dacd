//! Lost updates on one machine: a panel's key and another process's write
//! in between (a second `Store` on the same database) both survive, because
//! the value written is computed inside the write transaction from what is
//! stored, never from what the screen last loaded.

use crate::common::fixture;

use fixture::{now, seeded};
use nook::model::FieldValue;
use nook::model::days::day_number;
use nook::model::item_id::ItemId;
use nook::spec::Catalog;
use nook::store::Store;

fn other_process(f: &fixture::Fixture) -> Store {
    Store::open(&f.home().database().unwrap()).unwrap()
}

fn spec(f: &fixture::Fixture, id: &str) -> nook::spec::Spec {
    let home = f.home();
    Catalog::scan(&home.apps(), &home.bounds())
        .unwrap()
        .find(id)
        .unwrap()
        .clone()
}

/// The texts of an app's stored items.
fn texts(f: &fixture::Fixture, app: &str) -> Vec<String> {
    f.export(app).items.iter().map(|i| i.text.clone()).collect()
}

fn water_today(f: &fixture::Fixture) -> f64 {
    let today = day_number(now().today());
    f.shell
        .store
        .read(|r| r.entry("water", "", today))
        .unwrap()
        .map_or(0.0, |e| e.value)
}

#[test]
fn a_log_from_another_process_survives_the_panels_plus() {
    let mut f = seeded();
    f.open("water");
    assert_eq!(water_today(&f), 5.0);
    // `nook log water` in another terminal: +1 on the stored day.
    let other = other_process(&f);
    let water = spec(&f, "water");
    nook::usecase::tracker::log(
        &other,
        &water,
        now(),
        "",
        day_number(now().today()),
        nook::usecase::tracker::Amount::Add(1.0),
    )
    .unwrap();
    // The panel has not reloaded; its `+` adds one step to what is stored.
    f.keys("+");
    assert_eq!(water_today(&f), 7.0, "5, +1 from the shell, +1 from the panel");
}

#[test]
fn a_key_on_a_day_past_the_loaded_ones_adds_to_what_is_stored() {
    let mut f = seeded();
    f.open("water");
    let today = day_number(now().today());
    let far = today - 400;
    // A day the panel never loaded (it reads about a year).
    let other = other_process(&f);
    let water = spec(&f, "water");
    other
        .write(&water, now(), |tx| tx.set_entry("", far, 3.0))
        .unwrap();
    f.keys(&"h".repeat(400));
    f.keys("+");
    let stored = f
        .shell
        .store
        .read(|r| r.entry("water", "", far))
        .unwrap()
        .unwrap();
    assert_eq!(
        stored.value, 4.0,
        "the stored 3 plus one step, not one step over it"
    );
}

#[test]
fn an_edit_changes_only_the_fields_the_user_changed() {
    let mut f = seeded();
    f.open("reading");
    // The form opens on the first book with what the panel loaded.
    f.keys("e");
    // Meanwhile another process changes the author of that very book.
    let other = other_process(&f);
    let reading = spec(&f, "reading");
    let Some(nook::app::Panel::List(l)) = f.app.focused() else {
        panic!()
    };
    let id = l.items[l.order[l.cursor]].id;
    let title = l.items[l.order[l.cursor]].values["title"].display();
    other
        .write(&reading, now(), |tx| {
            let mut item = tx.item(id)?.unwrap();
            item.values
                .insert("author".into(), FieldValue::Text("Someone Else".into()));
            tx.apply(nook::store::Op::PutItem { item })
        })
        .unwrap();
    // The user changes the title only.
    f.keys("<C-u>New title<Enter>");
    let stored = f.shell.store.read(|r| r.item("reading", id)).unwrap().unwrap();
    assert_eq!(
        stored.values["title"],
        FieldValue::Text("New title".into()),
        "was {title}"
    );
    assert_eq!(
        stored.values["author"],
        FieldValue::Text("Someone Else".into()),
        "the other process's edit of a field the form did not change is kept"
    );
}

#[test]
fn a_tick_keeps_another_process_edit_of_the_text() {
    let mut f = seeded();
    f.open("groceries");
    let Some(nook::app::Panel::List(l)) = f.app.focused() else {
        panic!()
    };
    let id = l.items[l.order[l.cursor]].id;
    let other = other_process(&f);
    let g = spec(&f, "groceries");
    other
        .write(&g, now(), |tx| {
            let mut item = tx.item(id)?.unwrap();
            item.text = "renamed elsewhere".into();
            tx.apply(nook::store::Op::PutItem { item })
        })
        .unwrap();
    f.keys(" ");
    let stored = f.shell.store.read(|r| r.item("groceries", id)).unwrap().unwrap();
    assert!(stored.done);
    assert_eq!(stored.text, "renamed elsewhere");
}

#[test]
fn tui_undo_never_undoes_another_process_add() {
    let mut f = seeded();
    f.open("groceries");
    f.keys("atea<Enter>");
    // Another process adds an item after the TUI's own action.
    let other = other_process(&f);
    let g = spec(&f, "groceries");
    other
        .write(&g, now(), |tx| {
            tx.add_item("from the shell".into(), Default::default())
        })
        .unwrap();
    f.keys("u");
    let texts = texts(&f, "groceries");
    assert!(texts.contains(&"from the shell".to_string()), "{texts:?}");
    assert!(
        !texts.contains(&"tea".to_string()),
        "the TUI's own add is undone: {texts:?}"
    );
    assert!(
        f.screen(100, 30).contains("Undid: add \"tea\" to"),
        "{}",
        f.screen(100, 30)
    );
}

fn shell_log(f: &fixture::Fixture, n: f64) {
    let other = other_process(f);
    nook::usecase::tracker::log(
        &other,
        &spec(f, "water"),
        now(),
        "",
        day_number(now().today()),
        nook::usecase::tracker::Amount::Add(n),
    )
    .unwrap();
}

#[test]
fn undo_and_redo_of_a_tracker_step_keep_another_process_log() {
    let mut f = seeded();
    f.open("water");
    f.keys("+++");
    assert_eq!(water_today(&f), 8.0);
    shell_log(&f, 2.0);
    f.keys("u");
    assert_eq!(water_today(&f), 9.0, "one step undone, the shell's 2 kept");
    assert!(
        f.screen(120, 40).contains("Undid: +1 glass on Water"),
        "{}",
        f.screen(120, 40)
    );
    shell_log(&f, 1.0);
    f.keys("<C-r>");
    assert_eq!(water_today(&f), 11.0, "the step redone on top of the shell's 1");
}

/// The first book's id and the book itself as stored.
fn first_book(f: &fixture::Fixture) -> ItemId {
    let Some(nook::app::Panel::List(l)) = f.app.focused() else {
        panic!()
    };
    l.items[l.order[l.cursor]].id
}

fn book(f: &fixture::Fixture, id: ItemId) -> Option<nook::model::Item> {
    f.shell.store.read(|r| r.item("reading", id)).unwrap()
}

fn other_edit(f: &fixture::Fixture, id: ItemId, field: &str, value: &str) {
    other_process(f)
        .write(&spec(f, "reading"), now(), |tx| {
            let mut item = tx.item(id)?.unwrap();
            item.values.insert(field.into(), FieldValue::Text(value.into()));
            tx.apply(nook::store::Op::PutItem { item })
        })
        .unwrap();
}

#[test]
fn undoing_an_edit_restores_only_the_fields_it_changed() {
    let mut f = seeded();
    f.open("reading");
    let id = first_book(&f);
    let title = book(&f, id).unwrap().values["title"].clone();
    f.keys("e<C-u>New title<Enter>");
    other_edit(&f, id, "author", "Someone Else");
    f.keys("u");
    let b = book(&f, id).unwrap();
    assert_eq!(b.values["title"], title, "the edit is undone");
    assert_eq!(
        b.values["author"],
        FieldValue::Text("Someone Else".into()),
        "a field the edit did not change keeps the other process's value"
    );
}

#[test]
fn undoing_an_edit_keeps_a_field_changed_since_and_says_so() {
    let mut f = seeded();
    f.open("reading");
    let id = first_book(&f);
    f.keys("e<C-u>New title<Enter>");
    other_edit(&f, id, "title", "Theirs");
    f.keys("u");
    let b = book(&f, id).unwrap();
    assert_eq!(b.values["title"], FieldValue::Text("Theirs".into()));
    let screen = f.screen(120, 40);
    assert!(
        screen.contains("Not undone: edit \"New title\" in Reading list (title changed since)"),
        "{screen}"
    );
    // Nothing was left to undo of it, so the next `u` goes on to the
    // action before (here: none of this TUI's, the seeded adds are earlier).
    f.keys("u");
    assert!(!f.screen(120, 40).contains("Not undone"), "{}", f.screen(120, 40));
}

#[test]
fn undoing_an_edit_of_an_item_deleted_since_does_not_bring_it_back() {
    let mut f = seeded();
    f.open("reading");
    let id = first_book(&f);
    f.keys("e<C-u>New title<Enter>");
    other_process(&f)
        .write(&spec(&f, "reading"), now(), |tx| {
            tx.apply(nook::store::Op::DeleteItem { id })
        })
        .unwrap();
    f.keys("u");
    assert_eq!(book(&f, id), None, "the deleted book stays deleted");
    let screen = f.screen(120, 40);
    assert!(screen.contains("\"New title\" was deleted since"), "{screen}");
}

#[test]
fn another_process_action_keeps_this_tui_redo() {
    let mut f = seeded();
    f.open("groceries");
    f.keys("atea<Enter>");
    f.keys("u");
    other_process(&f)
        .write(&spec(&f, "groceries"), now(), |tx| {
            tx.add_item("from the shell".into(), Default::default())
        })
        .unwrap();
    f.keys("<C-r>");
    let texts = texts(&f, "groceries");
    assert!(texts.contains(&"tea".to_string()), "redone: {texts:?}");
    assert!(texts.contains(&"from the shell".to_string()), "{texts:?}");
}

#[test]
fn this_tui_own_action_clears_its_redo() {
    let mut f = seeded();
    f.open("groceries");
    f.keys("atea<Enter>");
    f.keys("u");
    f.keys("ajam<Enter>");
    f.keys("<C-r>");
    let texts = texts(&f, "groceries");
    assert!(!texts.contains(&"tea".to_string()), "{texts:?}");
    assert!(
        f.screen(120, 40).contains("Nothing to redo"),
        "{}",
        f.screen(120, 40)
    );
}

#[test]
fn redo_works_after_a_restart() {
    let mut f = seeded();
    f.open("groceries");
    f.keys("atea<Enter>");
    f.keys("u");
    // Quit and start again on the same home.
    let home = f.home();
    let store = Store::open(&home.database().unwrap()).unwrap();
    let (shell, app) = nook::runtime::terminal::start(home, store, now());
    f.shell = shell;
    f.app = app;
    f.open("groceries");
    f.keys("<C-r>");
    let texts = texts(&f, "groceries");
    assert!(texts.contains(&"tea".to_string()), "{texts:?}");
}

#[test]
fn an_earlier_action_with_a_long_title_is_named_whole_at_80_columns() {
    let mut f = seeded();
    f.open("groceries");
    f.keys("aa very long item title that goes on and on and on and on<Enter>");
    let home = f.home();
    let store = Store::open(&home.database().unwrap()).unwrap();
    let (shell, app) = nook::runtime::terminal::start(home, store, now());
    f.shell = shell;
    f.app = app;
    f.open("groceries");
    f.keys("u");
    let screen = f.screen(80, 24);
    assert!(screen.contains("(done before this session)"), "{screen}");
    assert!(screen.contains("Undid: add \"a very long"), "{screen}");
}
