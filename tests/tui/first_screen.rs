//! A long list opens by its first screen's rows, read in order from the
//! view index, with the counts of the whole view; the rest is read once
//! that screen is drawn, and the screen is then what reading every item
//! at once shows.

use crate::common::fixture;

use fixture::{Fixture, with_list};
use nook::app::{Action, Panel};
use nook::model::FieldValue;

const SHELF: &str = r#"List(
    name: "Shelf",
    fields: {
        "title":  Text(required: true),
        "status": Choice(options: ["to read", "reading", "read"]),
        "pages":  Number,
    },
    view: Table(columns: ["title", "pages"], group: "status"),
    sort: ["-pages"],
    summary: [Count, Sum("pages")],
    views: [(name: "Long", filter: "pages > 300", sort: ["title"])],
)
"#;

const BOOKS: usize = 60;

/// The shelf with 60 books, started with the terminal loop's deferral on
/// (or off: every item read at once, as the tests' other fixtures do).
fn shelf(deferred: bool, view: Option<&str>) -> Fixture {
    let statuses = ["to read", "reading", "read"];
    let books: Vec<Vec<(&str, FieldValue)>> = (0..BOOKS)
        .map(|n| {
            vec![
                ("title", FieldValue::Text(format!("Book {n:02}"))),
                ("status", FieldValue::Text(statuses[n % 3].into())),
                ("pages", FieldValue::Number(((n * 37) % 500) as f64)),
            ]
        })
        .collect();
    let rows: Vec<&[(&str, FieldValue)]> = books.iter().map(Vec::as_slice).collect();
    let mut f = with_list("shelf.ron", SHELF, &rows);
    if let Some(v) = view {
        f.shell.store.set_meta("view.shelf", v.as_bytes()).unwrap();
    }
    f.shell.defer_writes = deferred;
    f.shell.dispatch(&mut f.app, Action::Resize(100, 16));
    f.open("shelf");
    f
}

fn list(f: &Fixture) -> &nook::app::list::ListPanel {
    match f.app.focused() {
        Some(Panel::List(l)) => l,
        _ => panic!("not a list"),
    }
}

#[test]
fn a_long_list_opens_by_its_first_rows_then_reads_the_rest() {
    let mut f = shelf(true, None);
    let l = list(&f);
    assert!(
        l.items.len() <= 16,
        "only a screenful was read: {} items",
        l.items.len()
    );
    let first = f.screen(100, 16);
    assert!(first.contains("60 of 60"), "the whole list's counts:\n{first}");
    // The first group, its longest books first, as the full sort has them.
    assert!(first.contains("▸ to read"), "{first}");
    assert!(first.contains("Book 27"), "{first}");
    assert!(
        l.shown.heads.iter().all(|h| h.line.is_empty()),
        "no group figures over a part of the list"
    );

    f.shell.flush(&mut f.app);
    assert_eq!(list(&f).items.len(), BOOKS, "the rest is read once drawn");
    assert_eq!(list(&f).partial, None);
    assert!(
        list(&f).shown.heads.iter().all(|h| !h.line.is_empty()),
        "then the groups' figures"
    );
    let whole = shelf(false, None);
    assert_eq!(
        f.screen(100, 16),
        whole.screen(100, 16),
        "then as if read at once"
    );
}

#[test]
fn a_named_view_opens_by_its_filters_first_rows_with_its_counts() {
    let mut f = shelf(true, Some("named:Long"));
    assert_eq!(list(&f).view_name(), Some("Long"));
    let long = (0..BOOKS).filter(|n| (n * 37) % 500 > 300).count();
    let first = f.screen(100, 16);
    assert!(
        first.contains(&format!("{long} of 60")),
        "the view's count:\n{first}"
    );
    assert!(first.contains(&format!("{long} of 60 shown")), "{first}");
    f.shell.flush(&mut f.app);
    assert_eq!(list(&f).items.len(), BOOKS);
    let whole = shelf(false, Some("named:Long"));
    assert_eq!(f.screen(100, 16), whole.screen(100, 16));
}

#[test]
fn a_list_that_fits_on_screen_is_read_whole_at_once() {
    let mut f = with_list(
        "shelf.ron",
        SHELF,
        &[&[
            ("title", FieldValue::Text("Only".into())),
            ("pages", FieldValue::Number(9.0)),
        ]],
    );
    f.shell.defer_writes = true;
    f.shell.dispatch(&mut f.app, Action::Resize(100, 16));
    f.open("shelf");
    assert_eq!(list(&f).partial, None, "nothing more to read");
    assert_eq!(list(&f).items.len(), 1);
}

const BACKLOG: &str = r#"List(name: "Backlog")
"#;

/// A plain list of 200 tasks, opened as the terminal loop opens it.
fn backlog() -> Fixture {
    let tasks: Vec<String> = (1..=200).map(|n| format!("Task {n:03}")).collect();
    let dir = tempfile::tempdir().unwrap();
    let home = nook::paths::Home {
        root: dir.path().to_path_buf(),
    };
    nook::bundled::install_if_missing(&home).unwrap();
    std::fs::write(home.apps().join("backlog.ron"), BACKLOG).unwrap();
    let store = nook::store::Store::open(&home.database().unwrap()).unwrap();
    let spec = nook::spec::Catalog::scan(&home.apps(), &home.bounds())
        .unwrap()
        .find("backlog")
        .unwrap()
        .clone();
    store
        .write(&spec, fixture::now(), |tx| {
            for t in &tasks {
                tx.add_item(t.clone(), Default::default())?;
            }
            Ok(())
        })
        .unwrap();
    let (mut shell, mut app) = nook::runtime::terminal::start(home, store, fixture::now());
    shell.defer_writes = true;
    shell.dispatch(&mut app, Action::Resize(80, 12));
    let mut f = Fixture { dir, shell, app };
    f.open("backlog");
    f
}

#[test]
fn moving_through_a_plain_list_reads_only_the_rows_it_reaches() {
    let mut f = backlog();
    assert!(
        list(&f).partial.is_some_and(|p| p.keep),
        "a plain list stays partial"
    );
    let read = list(&f).items.len();
    assert!(read <= 12, "a screenful: {read}");
    f.keys(&"j".repeat(30));
    let l = list(&f);
    assert_eq!(l.selected().map(|i| i.text.as_str()), Some("Task 031"));
    assert!(
        l.items.len() > 31 && l.items.len() < 200,
        "read ahead of the cursor only: {}",
        l.items.len()
    );
    let screen = f.screen(80, 12);
    assert!(screen.contains("200 of 200"), "{screen}");
    assert!(screen.contains("Task 031"), "{screen}");
    // The filter needs every item: they are read before it starts.
    f.keys("/Task 19");
    assert_eq!(list(&f).items.len(), 200);
    assert_eq!(list(&f).partial, None);
    let filtered = f.screen(80, 12);
    assert!(
        filtered.contains("of 200") && filtered.contains("Task 19"),
        "{filtered}"
    );
}

#[test]
fn a_write_to_a_partly_read_list_acts_on_the_whole_list() {
    let mut f = backlog();
    f.keys("jj ");
    f.shell.flush(&mut f.app);
    let l = list(&f);
    assert_eq!(l.partial, None, "read whole before the write");
    let done: Vec<&str> = l
        .items
        .iter()
        .filter(|i| i.done)
        .map(|i| i.text.as_str())
        .collect();
    assert_eq!(done, ["Task 003"]);
}

#[test]
fn a_taller_terminal_reads_the_rows_it_now_shows() {
    let mut f = backlog();
    assert!(list(&f).items.len() <= 12);
    f.shell.dispatch(&mut f.app, Action::Resize(80, 40));
    assert!(list(&f).items.len() >= 40, "read: {}", list(&f).items.len());
    let screen = f.screen(80, 40);
    assert!(screen.contains("Task 030"), "{screen}");
    assert!(
        list(&f).partial.is_some(),
        "still only what is on screen and a little more"
    );
}

#[test]
fn the_wheel_moves_through_a_partly_read_list_as_j_does() {
    let mut f = backlog();
    let down = nook::app::mouse::Mouse {
        kind: nook::app::mouse::MouseKind::ScrollDown,
        x: 10,
        y: 5,
    };
    for _ in 0..30 {
        f.shell.dispatch(&mut f.app, Action::Mouse(down, fixture::now()));
    }
    let l = list(&f);
    assert_eq!(l.selected().map(|i| i.text.as_str()), Some("Task 031"));
    assert!(l.partial.is_some(), "the wheel reads ahead, not everything");
}

/// The bundled apps and `extra` more lists named `Extra NN`, one item each,
/// with the terminal loop's deferral on, a screen 100x16 and `keys`
/// pressed, the catalog then read as the loop's start reads it: before any
/// frame is drawn.
fn many_apps(extra: usize, keys: &str) -> Fixture {
    let mut f = fixture::empty();
    let home = f.shell.home.clone();
    for n in 0..extra {
        let spec = format!("List(name: \"Extra {n:02}\")\n");
        std::fs::write(home.apps().join(format!("extra-{n:02}.ron")), spec).unwrap();
    }
    let catalog = nook::spec::Catalog::scan(&home.apps(), &home.bounds()).unwrap();
    for n in 0..extra {
        let spec = catalog.find(&format!("extra-{n:02}")).unwrap().clone();
        f.shell
            .store
            .write(&spec, fixture::now(), |tx| {
                tx.add_item(format!("thing {n}"), Default::default())
            })
            .unwrap();
    }
    f.shell.defer_writes = true;
    f.shell.dispatch(&mut f.app, Action::Resize(100, 16));
    f.keys(keys);
    let read = f.shell.catalog_action(catalog);
    f.shell.dispatch(&mut f.app, read);
    f
}

#[test]
fn the_launcher_reads_its_first_screens_lines_and_every_other_once_drawn() {
    let mut f = many_apps(60, "");
    let apps = f.app.entries.iter().filter(|e| e.spec.is_ok()).count();
    assert!(apps > 80, "{apps} apps");
    let read = f.app.overviews.len();
    assert!(
        (5..=16).contains(&read),
        "a screenful's lines before the first frame, not {read} of {apps}"
    );
    let first = f.screen(100, 16);
    assert!(first.contains("Budget"), "{first}");
    // Every app on the first screen has its line.
    for e in f.app.entries.iter().filter(|e| e.spec.is_ok()) {
        let name = &e.spec.as_ref().unwrap().name;
        if first.contains(name.as_str()) {
            assert!(
                f.app.overviews.contains_key(e.id().unwrap()),
                "{name} shown without its line"
            );
        }
    }

    assert!(f.shell.flush(&mut f.app), "the other lines make a new frame");
    assert_eq!(
        f.app.overviews.len(),
        apps,
        "every line once the first frame is out"
    );
    // One far below the first screen, found by the filter.
    f.keys("/Extra 59");
    let found = f.screen(100, 16);
    assert!(
        found.contains("Extra 59") && found.contains("0/1 done"),
        "{found}"
    );
}

#[test]
fn the_launcher_by_last_use_reads_every_line_first() {
    // The order is the lines' (when each app was opened), so all are read.
    let f = many_apps(60, "s");
    assert_eq!(f.app.launcher.sort, nook::app::launcher::Sort::LastUsed);
    let apps = f.app.entries.iter().filter(|e| e.spec.is_ok()).count();
    assert_eq!(f.app.overviews.len(), apps);
}

#[test]
fn an_app_opened_before_the_other_lines_are_read_has_its_line() {
    // `nook open` of an app far below the launcher's first screen.
    let mut f = many_apps(60, "");
    assert!(!f.app.overviews.contains_key("extra-59"));
    f.open("extra-59");
    let first = f.screen(100, 16);
    assert!(
        first.contains("thing 59") && first.contains("0/1 done"),
        "{first}"
    );
    assert!(
        f.app.overviews.len() < 20,
        "still only the first screen's lines and its own"
    );
    f.shell.flush(&mut f.app);
    let apps = f.app.entries.iter().filter(|e| e.spec.is_ok()).count();
    assert_eq!(f.app.overviews.len(), apps);
}
