//! The life of an app: archive, restore, purge (asked on a terminal, --yes,
//! refused without either), expiry, orphaned data, and the launcher's keys.

use crate::common;
use crate::common::fixture;
use crate::pty;

use common::Home;

fn ls_ids(h: &Home) -> Vec<String> {
    h.ok(["ls"])
        .lines()
        .skip(1)
        .map(|l| l.split_whitespace().next().unwrap_or("").to_string())
        .collect()
}

// ---------------------------------------------------------------- command line

#[test]
fn archive_keeps_the_data_and_restore_brings_it_back() {
    let h = Home::installed();
    h.ok(["add", "groceries", "milk"]);
    let out = h.ok(["archive", "groceries"]);
    assert!(out.contains("apps/.archive/groceries.ron"), "{out}");
    assert!(h.apps().join(".archive/groceries.ron").exists());
    assert!(!h.apps().join("groceries.ron").exists());
    assert!(!ls_ids(&h).contains(&"groceries".to_string()));
    // Commands no longer find it; archiving again says it is archived.
    assert!(h.fails(1, ["add", "groceries", "x"]).contains("no app called"));
    assert!(h.fails(1, ["archive", "groceries"]).contains("already archived"));
    assert!(
        h.ok(["orphans"]).contains("No orphaned data"),
        "an archived app is not an orphan"
    );
    // Restore by name, too.
    let out = h.ok(["restore", "Groceries"]);
    assert!(out.contains("Restored Groceries"), "{out}");
    assert_eq!(h.items("groceries")[0]["text"], "milk");
    assert!(h.fails(1, ["restore", "groceries"]).contains("not archived"));
}

#[test]
fn restore_refuses_to_replace_a_file_or_take_an_id_in_use() {
    let h = Home::installed();
    h.ok(["add", "groceries", "milk"]);
    h.ok(["archive", "groceries"]);
    h.spec("groceries.ron", "List(name: \"New groceries\")");
    let err = h.fails(1, ["restore", "groceries"]);
    assert!(err.contains("apps/groceries.ron already exists"), "{err}");
    std::fs::remove_file(h.apps().join("groceries.ron")).unwrap();
    h.spec("shop.ron", "List(name: \"Shop\", id: \"groceries\")");
    let err = h.fails(1, ["restore", "groceries"]);
    assert!(
        err.contains("apps/shop.ron now has the id \"groceries\""),
        "{err}"
    );
    // Neither file was touched.
    assert!(h.apps().join(".archive/groceries.ron").exists());
    assert!(h.apps().join("shop.ron").exists());
    // Archiving a second app of the same file name is refused, not overwritten.
    std::fs::remove_file(h.apps().join("shop.ron")).unwrap();
    h.ok(["restore", "groceries"]);
    h.ok(["archive", "groceries"]);
    h.spec(
        "groceries.ron",
        "List(name: \"Groceries 2\", id: \"groceries-2\")",
    );
    assert!(h.fails(1, ["archive", "groceries-2"]).contains("already exists"));
}

#[test]
fn purge_needs_yes_without_a_terminal_and_deletes_every_row_of_the_id() {
    let h = Home::installed();
    h.ok(["add", "groceries", "milk"]);
    h.ok(["add", "groceries", "eggs"]);
    h.ok(["log", "water", "3"]);
    // Active apps are not purged: archive first.
    let err = h.fails(1, ["purge", "groceries", "--yes"]);
    assert!(err.contains("archive it first"), "{err}");
    h.ok(["archive", "groceries"]);
    let err = h.fails(1, ["purge", "groceries"]);
    assert!(
        err.contains("no terminal to ask on") && err.contains("--yes"),
        "{err}"
    );
    assert!(
        h.apps().join(".archive/groceries.ron").exists(),
        "nothing deleted"
    );
    let out = h.ok(["purge", "groceries", "--yes"]);
    assert!(out.contains("2 items"), "{out}");
    assert!(!h.apps().join(".archive/groceries.ron").exists());
    // A spec with the id starts empty; other apps keep their data.
    h.spec("groceries.ron", "List(name: \"Groceries\")");
    assert!(h.items("groceries").is_empty());
    assert_eq!(h.export("water")["entries"][0]["value"], 3.0);
    assert!(
        h.fails(1, ["purge", "nothing-here", "--yes"])
            .contains("nothing called")
    );
}

#[test]
fn an_id_in_use_again_is_never_purged_and_new_apps_skip_archived_ids() {
    let h = Home::installed();
    // Archived before it held anything: its id stays reserved for it.
    h.ok(["archive", "films"]);
    let out = h.ok(["new", "Films"]);
    assert!(out.contains("(id films-2)"), "{out}");
    // A spec that takes an archived app's id on purpose shares its data;
    // purging that id would delete the active app's data, so it is refused.
    h.spec("cinema.ron", "List(name: \"Cinema\", id: \"films\")\n");
    h.ok(["add", "cinema", "Alien"]);
    let err = h.fails(1, ["purge", "films", "--yes"]);
    assert!(err.contains("apps/cinema.ron"), "{err}");
    assert_eq!(h.items("films").len(), 1, "nothing was purged");
    assert!(h.apps().join(".archive/films.ron").exists());
}

#[test]
fn the_archive_view_never_purges_an_id_an_active_app_uses() {
    let mut f = fixture::seeded();
    // groceries archived, then a new spec takes its id (and so its items).
    let apps = f.home().apps();
    std::fs::create_dir_all(apps.join(".archive")).unwrap();
    std::fs::rename(apps.join("groceries.ron"), apps.join(".archive/groceries.ron")).unwrap();
    std::fs::write(apps.join("shop.ron"), "List(name: \"Shop\", id: \"groceries\")\n").unwrap();
    let scan = f.shell.scan();
    f.shell.dispatch(&mut f.app, scan);
    f.keys("A");
    let rows = f.app.launcher.archive.as_ref().unwrap().rows.clone();
    let row = rows.iter().position(|r| r.id == "groceries").expect("listed");
    f.keys("g");
    for _ in 0..row {
        f.keys("j");
    }
    f.keys("Py");
    assert!(f.screen(120, 30).contains("Not purged"), "{}", f.screen(120, 30));
    assert_eq!(
        f.export("groceries").items.len(),
        3,
        "the active app keeps its data"
    );
}

#[test]
fn purge_asks_on_a_terminal() {
    let h = Home::installed();
    h.ok(["add", "groceries", "milk"]);
    h.ok(["archive", "groceries"]);
    // "n" keeps everything.
    let mut t = pty::Tui::spawn(h.path(), ["purge", "groceries"]).unwrap();
    t.wait_for("[y/N]", pty::TIMEOUT).unwrap();
    assert!(
        t.screen().contains("Delete 'groceries' (list data: 1 item)"),
        "{}",
        t.screen()
    );
    t.send("n\r");
    t.wait_for("nothing was deleted", pty::TIMEOUT).unwrap();
    drop(t);
    assert!(h.apps().join(".archive/groceries.ron").exists());
    // "y" purges.
    let mut t = pty::Tui::spawn(h.path(), ["purge", "groceries"]).unwrap();
    t.wait_for("[y/N]", pty::TIMEOUT).unwrap();
    t.send("y\r");
    t.wait_for("Purged 'groceries'", pty::TIMEOUT).unwrap();
    drop(t);
    assert!(!h.apps().join(".archive/groceries.ron").exists());
}

#[test]
fn orphans_lists_data_without_a_spec_and_a_spec_with_the_id_reattaches_it() {
    let h = Home::installed();
    h.ok(["log", "water", "3"]);
    h.ok(["add", "groceries", "milk"]);
    std::fs::remove_file(h.apps().join("water.ron")).unwrap();
    let out = h.ok(["orphans"]);
    assert!(out.contains("water") && out.contains("tracker: 1 day"), "{out}");
    assert!(!out.contains("groceries"));
    let json: serde_json::Value = serde_json::from_str(&h.ok(["orphans", "--json"])).unwrap();
    assert_eq!(json[0]["days"], 1, "counts are numbers: {json:#}");
    // A spec under another file name, with the id, brings the data back.
    h.spec(
        "h2o.ron",
        "Tracker(name: \"H2O\", id: \"water\", unit: \"glasses\")",
    );
    assert!(h.ok(["orphans"]).contains("No orphaned data"));
    assert_eq!(h.export("water")["entries"][0]["value"], 3.0);
    // Purged as an orphan (no spec at all).
    std::fs::remove_file(h.apps().join("h2o.ron")).unwrap();
    h.ok(["purge", "water", "--yes"]);
    assert!(h.ok(["orphans"]).contains("No orphaned data"));
}

#[test]
fn an_expired_app_archives_itself_on_ls() {
    let h = Home::installed();
    h.spec(
        "sprint-7.ron",
        "List(name: \"Sprint 7\", expires: \"2020-11-20\")",
    );
    h.ok(["add", "sprint-7", "ship it"]);
    let out = h.nook(["ls"]).assert().success().get_output().clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("Archived 'sprint-7': it expired on 2020-11-20"),
        "{err}"
    );
    assert!(!String::from_utf8_lossy(&out.stdout).contains("sprint-7"));
    assert!(h.apps().join(".archive/sprint-7.ron").exists());
    // Its data is kept, and a restored app that is still expired stays out on
    // the next ls only after the date is moved.
    let out = h.ok(["restore", "sprint-7"]);
    assert!(out.contains("Restored"));
    h.spec(
        "sprint-7.ron",
        "List(name: \"Sprint 7\", expires: \"2999-01-01\")",
    );
    assert!(h.ok(["ls"]).contains("0/1 done"));
}

// ---------------------------------------------------------------- TUI

#[test]
fn an_expired_app_archives_itself_when_the_tui_starts() {
    let dir = tempfile::tempdir().unwrap();
    let home = nook::paths::Home {
        root: dir.path().to_path_buf(),
    };
    nook::bundled::install_if_missing(&home).unwrap();
    std::fs::write(
        home.apps().join("sprint-7.ron"),
        "List(name: \"Sprint 7\", expires: \"2026-11-20\")",
    )
    .unwrap();
    let store = nook::store::Store::open(&home.database().unwrap()).unwrap();
    let (_shell, app) = nook::runtime::terminal::start(home.clone(), store, fixture::now());
    assert!(app.entries.iter().all(|e| e.id() != Some("sprint-7")));
    let msg = app.message.clone().unwrap().0;
    assert!(
        msg.contains("Archived 'sprint-7': it expired on 2026-11-20"),
        "{msg}"
    );
    assert!(home.apps().join(".archive/sprint-7.ron").exists());
    // Packing (expires 2027-03-31) is still there on 2026-11-25.
    assert!(app.entries.iter().any(|e| e.id() == Some("packing")));
}

#[test]
fn the_launcher_details_show_when_an_app_was_created() {
    let mut f = fixture::seeded();
    f.keys("/water<Down>");
    let screen = f.screen(120, 30);
    assert!(screen.contains("created"), "{screen}");
}
