//! The rules the TUI and the command line share (one use-case layer): each
//! decides from the files and the database as they are now, never from a
//! screen's last look at them, so the two can not drift apart.

use crate::common::fixture;

const LIST: &str = "List(\n    name: \"Other\",\n    id: \"book-club\",\n)\n";

#[test]
fn the_tui_does_not_purge_data_a_spec_written_meanwhile_uses() {
    let mut f = fixture::seeded();
    // water's spec removed from outside: its data is an orphan.
    std::fs::remove_file(f.home().apps().join("water.ron")).unwrap();
    let scan = f.shell.scan();
    f.shell.dispatch(&mut f.app, scan);
    f.keys("A");
    let rows = f.app.launcher.archive.as_ref().unwrap().rows.clone();
    let water = rows.iter().position(|r| r.id == "water").unwrap();
    f.keys("g");
    for _ in 0..water {
        f.keys("j");
    }
    // A spec using the id arrives (a `git pull`) before the TUI looks again.
    std::fs::write(
        f.home().apps().join("drinks.ron"),
        "Tracker(\n    name: \"Drinks\",\n    id: \"water\",\n    unit: \"glasses\",\n)\n",
    )
    .unwrap();
    f.keys("Py");
    let held = f.shell.store.read(|r| r.apps_with_data()).unwrap();
    assert!(
        held.contains(&"water".to_string()),
        "the active app's data is kept"
    );
    assert!(f.screen(120, 30).contains("Not purged"), "{}", f.screen(120, 30));
}

#[test]
fn a_new_app_in_the_tui_never_takes_an_id_a_spec_written_meanwhile_uses() {
    let mut f = fixture::empty();
    // Another spec with the id "book-club" arrives after the TUI read the folder.
    std::fs::write(f.home().apps().join("other.ron"), LIST).unwrap();
    f.keys("nj<Enter>Book club<Enter>");
    let text = std::fs::read_to_string(f.home().apps().join("book-club.ron")).unwrap();
    assert!(!text.contains("id: \"book-club\""), "{text}");
}
