//! Key sequences through the real update loop and store, checked against
//! what the store holds afterwards.

use crate::common::fixture;

use fixture::{at, empty, now, seeded};
use nook::app::Panel;
use nook::model::FieldValue;
use nook::model::days::day_number;

fn titles(f: &fixture::Fixture, id: &str) -> Vec<(String, bool)> {
    f.export(id)
        .items
        .iter()
        .map(|i| {
            let t = if i.text.is_empty() {
                i.values
                    .values()
                    .next()
                    .map(FieldValue::display)
                    .unwrap_or_default()
            } else {
                i.text.clone()
            };
            (t, i.done)
        })
        .collect()
}

#[test]
fn add_toggle_delete_undo_redo_in_a_checklist() {
    let mut f = empty();
    f.open("groceries");
    f.keys("aoat milk<Enter>abread<Enter>");
    assert_eq!(
        titles(&f, "groceries"),
        [("oat milk".to_string(), false), ("bread".to_string(), false)]
    );
    f.keys("g ");
    assert_eq!(titles(&f, "groceries")[0], ("oat milk".to_string(), true));
    f.keys("jd");
    assert_eq!(titles(&f, "groceries").len(), 1);
    assert!(f.screen(100, 30).contains("Deleted \"bread\""));
    f.keys("u");
    assert_eq!(titles(&f, "groceries").len(), 2, "undo brings the item back");
    f.keys("u");
    assert!(!titles(&f, "groceries")[0].1, "a second undo unticks");
    f.keys("<C-r>");
    assert!(titles(&f, "groceries")[0].1, "redo ticks again");
    f.keys("<C-r>");
    assert_eq!(titles(&f, "groceries").len(), 1, "redo deletes again");
}

#[test]
fn undo_works_after_a_restart() {
    let mut f = empty();
    f.open("groceries");
    f.keys("amilk<Enter>aeggs<Enter>");
    let home = f.home();
    let fixture::Fixture { dir, shell, .. } = f;
    drop(shell);
    let store = nook::store::Store::open(&home.database().unwrap()).unwrap();
    let (shell, app) = nook::runtime::terminal::start(home, store, now());
    let mut f = fixture::Fixture { dir, shell, app };
    // The layout was remembered: groceries is open again.
    assert!(f.app.panels.iter().any(|p| p.spec().id == "groceries"));
    f.keys("<Tab>u");
    assert_eq!(titles(&f, "groceries"), [("milk".to_string(), false)]);
}

#[test]
fn typed_form_validates_and_saves() {
    let mut f = seeded();
    f.open("reading");
    // Title, author, status (choice picker), pages: a bad number is refused.
    f.keys("aNeuromancer<Tab>William Gibson<Tab><Right><Tab>lots<Enter>");
    assert!(
        f.screen(100, 30).contains("expects a number"),
        "{}",
        f.screen(100, 30)
    );
    assert_eq!(
        f.export("reading").items.len(),
        4,
        "nothing saved while a field is wrong"
    );
    f.keys("<Bksp><Bksp><Bksp><Bksp>271<Enter>");
    let items = f.export("reading").items;
    assert_eq!(items.len(), 5);
    let new = items.last().unwrap();
    assert_eq!(new.values["title"], FieldValue::Text("Neuromancer".into()));
    assert_eq!(new.values["status"], FieldValue::Text("reading".into()));
    assert_eq!(new.values["pages"], FieldValue::Number(271.0));
    // The spec gives "finished" and "owned" no default: left empty, absent.
    assert!(
        !new.values.contains_key("finished") && !new.values.contains_key("owned"),
        "{:?}",
        new.values
    );
}

#[test]
fn missing_required_field_is_shown_not_saved() {
    let mut f = seeded();
    f.open("reading");
    f.keys("a<Enter>");
    assert!(f.screen(100, 30).contains("required"));
    f.keys("<Esc>");
    assert_eq!(f.export("reading").items.len(), 4);
}

#[test]
fn moving_a_card_changes_its_choice() {
    let mut f = seeded();
    f.open("reading");
    // First column "to read": Piranesi. Move it right twice: "done".
    f.keys("LL");
    let items = f.export("reading").items;
    let p = items
        .iter()
        .find(|i| i.values["title"] == FieldValue::Text("Piranesi".into()))
        .unwrap();
    assert_eq!(p.values["status"], FieldValue::Text("done".into()));
}

#[test]
fn views_sort_and_filter() {
    let mut f = seeded();
    f.open("reading");
    f.keys("v");
    let Some(Panel::List(l)) = f.app.focused() else {
        panic!()
    };
    assert_eq!(l.view, nook::app::list::ViewMode::Checklist);
    f.keys("/pira<Enter>");
    let Some(Panel::List(l)) = f.app.focused() else {
        panic!()
    };
    assert_eq!(l.order.len(), 1);
    f.keys("/<Esc>s");
    let Some(Panel::List(l)) = f.app.focused() else {
        panic!()
    };
    assert_eq!(l.order.len(), 4);
    assert!(f.screen(100, 30).contains("Sort: oldest first"));
}

#[test]
fn tracker_backfill_and_toggle() {
    let mut f = seeded();
    f.open("water");
    f.keys("hh+++-");
    let today = day_number(now().today());
    let e = f.export("water");
    let day = e
        .entries
        .iter()
        .find(|x| day_number(x.date) == today - 2)
        .unwrap();
    // It held 8 + (2 % 3) = 10: three steps up and one down.
    assert_eq!(day.value, 12.0);
    let mut f = seeded();
    f.open("habits");
    f.keys("jh ");
    let e = f.export("habits");
    assert!(
        e.entries
            .iter()
            .any(|x| x.series == "Run" && day_number(x.date) == today - 1)
    );
}

#[test]
fn timer_keys_drive_the_stored_timer() {
    let mut f = empty();
    f.open("tea");
    f.keys(" ");
    let t = f.export("tea").timer.expect("a started timer is stored");
    assert!(t.since.is_some());
    f.keys_at(" ", at(1));
    let t = f.export("tea").timer.unwrap();
    assert!(t.since.is_none());
    assert_eq!(t.banked, 60_000);
    // The phase end is noticed on a tick: logged, with a ring (the bell and
    // a notification, as config.ron's `notify` says).
    f.keys_at(" ", at(2));
    f.shell.dispatch(&mut f.app, nook::app::Action::Tick(at(6)));
    assert_eq!(f.shell.rings.len(), 1);
    assert_eq!(f.export("tea").sessions.len(), 1);
    assert!(f.screen(100, 30).contains("Steep finished"));
}

#[test]
fn palette_runs_a_command() {
    let mut f = seeded();
    f.open("groceries");
    f.keys(":add<Enter>");
    let Some(Panel::List(l)) = f.app.focused() else {
        panic!()
    };
    assert!(l.form.is_some(), "the palette's add opens the form");
}

#[test]
fn workspace_focus_moves_and_closes() {
    let mut f = seeded();
    f.open("groceries");
    f.keys("q/water<Down>o");
    assert_eq!(f.app.panels.len(), 2);
    assert_eq!(f.app.focus, Some(1));
    f.keys("<Tab>");
    assert_eq!(f.app.focus, Some(0));
    f.keys("x");
    assert_eq!(f.app.panels.len(), 1);
    f.keys("q");
    assert_eq!(f.app.focus, None);
    f.keys("q");
    assert!(f.app.quit);
}

#[test]
fn theme_cycles() {
    let mut f = seeded();
    let before = f.app.theme;
    f.keys("T");
    assert_ne!(f.app.theme, before);
}

#[test]
fn any_size_draws_without_panic() {
    let mut f = seeded();
    let screens = [
        "",
        "/groceries<Enter>",
        "q/reading<Enter>a",
        "<Esc>q/pomodoro<Enter>",
        "q/habits<Enter>",
        "q?",
        // The gallery, naming, the spec editor and its question, the archive.
        "<Esc>n",
        "<Enter>Foo",
        "<Esc><Esc>e",
        "x<Esc>",
        "d<Esc>A",
    ];
    for keys in screens {
        f.keys(keys);
        for w in [0u16, 1, 2, 5, 10, 19, 20, 21, 33, 40, 61, 80, 99, 100, 150] {
            for h in [0u16, 1, 2, 3, 4, 5, 6, 9, 13, 16, 24, 40] {
                let _ = f.screen(w.max(1), h.max(1));
            }
        }
    }
}

#[test]
fn adding_then_moving_keeps_each_item_once() {
    let mut f = empty();
    f.open("reading");
    f.keys("aDune<Tab>Frank Herbert<Tab><Right><Tab>412<Enter>");
    f.keys("aPiranesi<Enter>L");
    let Some(Panel::List(l)) = f.app.focused() else {
        panic!()
    };
    let mut order = l.order.clone();
    order.sort();
    order.dedup();
    assert_eq!(
        order.len(),
        l.order.len(),
        "order {:?} over {} items",
        l.order,
        l.items.len()
    );
    assert_eq!(l.items.len(), 2);
}

#[test]
fn a_spec_written_from_outside_shows_up_and_a_broken_one_keeps_the_open_panel() {
    let mut f = seeded();
    f.open("water");
    assert!(!f.shell.apps_changed(), "nothing changed yet");
    let apps = f.home().apps();
    std::fs::write(
        apps.join("pushups.ron"),
        "Tracker(name: \"Push-ups\", unit: \"reps\")\n",
    )
    .unwrap();
    // A spec the open panel shows breaks: its last good version stays.
    std::fs::write(
        apps.join("water.ron"),
        "Tracker(name: \"Water\", goal: Daly(8))\n",
    )
    .unwrap();
    assert!(f.shell.apps_changed());
    let scan = f.shell.scan();
    f.shell.dispatch(&mut f.app, scan);
    assert!(f.app.entries.iter().any(|e| e.id() == Some("pushups")));
    let water = f.app.entries.iter().find(|e| e.file == "water.ron").unwrap();
    assert!(
        water.spec.as_ref().unwrap_err().contains("water.ron:1:"),
        "{:?}",
        water.spec
    );
    assert_eq!(
        f.app.focused().unwrap().spec().name,
        "Water",
        "the panel keeps working"
    );
    f.keys("+");
    let today = day_number(now().today());
    let e = f
        .shell
        .store
        .read(|r| r.entry("water", "", today))
        .unwrap()
        .unwrap();
    assert_eq!(e.value, 6.0, "the fixture's 5 glasses and one more");
}

#[test]
fn sync_key_asks_the_worker_and_a_conflict_offers_three_choices() {
    use nook::app::key::Key;
    use nook::app::sync::{Event, Job};
    use nook::app::{Action, Effect};
    use nook::sync::{Choice, Outcome, Status};
    let mut f = empty();
    // Not a repository: S says how to start instead of running git.
    f.keys("S");
    assert!(
        f.screen(100, 30).contains("nook sync --init"),
        "{}",
        f.screen(100, 30)
    );
    assert!(f.screen(100, 30).contains("not synced"));

    let repo = Status {
        repo: true,
        remote: true,
        changed: 2,
        ..Status::default()
    };
    let app = &mut f.app;
    app.update(Action::Sync(Event::Status(repo.clone())));
    let fx = app.update(Action::Key(Key::ch('S'), now()));
    assert_eq!(fx, vec![Effect::Sync(Job::Sync)]);
    // A second S while it runs does not start another.
    assert!(app.update(Action::Key(Key::ch('S'), now())).is_empty());
    app.update(Action::Sync(Event::Progress("fetching".into())));
    assert!(f.screen(100, 30).contains("Sync: fetching…"));
    assert!(f.screen(100, 30).contains("syncing…"));

    let app = &mut f.app;
    app.update(Action::Sync(Event::Done(Ok(Outcome::Conflicts(vec![
        "books".into(),
        "water".into(),
    ])))));
    let screen = f.screen(100, 30);
    assert!(
        screen.contains("Sync conflict") && screen.contains("water.ron"),
        "{screen}"
    );
    assert!(screen.contains("m keep mine"), "{screen}");
    assert!(screen.contains("conflict: books, water"), "{screen}");
    let app = &mut f.app;
    let fx = app.update(Action::Key(Key::ch('j'), now()));
    assert!(fx.is_empty());
    let fx = app.update(Action::Key(Key::ch('b'), now()));
    assert_eq!(fx, vec![Effect::Sync(Job::Resolve("water".into(), Choice::Both))]);
    assert!(app.overlay.is_none());
    app.update(Action::Sync(Event::Done(Err(
        "git fetch: fatal: no network".into()
    ))));
    assert!(
        f.screen(100, 30)
            .contains("Sync failed: git fetch: fatal: no network")
    );
    // Later, S shows the list again without running git.
    let app = &mut f.app;
    assert!(app.update(Action::Key(Key::ch('S'), now())).is_empty());
    assert!(f.screen(100, 30).contains("Sync conflict"));
    f.keys("<Esc>");
    assert!(!f.screen(100, 30).contains("Sync conflict"));
}

// ---------------------------------------------------------------- app lifecycle in the launcher

fn select(f: &mut fixture::Fixture, id: &str) {
    let row = f
        .app
        .visible_entries()
        .iter()
        .position(|&i| f.app.entries[i].id() == Some(id))
        .unwrap();
    f.keys("g");
    for _ in 0..row {
        f.keys("j");
    }
}

#[test]
fn d_archives_and_u_brings_it_back() {
    let mut f = fixture::seeded();
    select(&mut f, "groceries");
    f.keys("d");
    assert!(f.screen(100, 30).contains("Archived Groceries — u to undo"));
    assert!(f.app.entries.iter().all(|e| e.id() != Some("groceries")));
    assert!(f.home().apps().join(".archive/groceries.ron").exists());
    f.keys("u");
    assert!(f.app.entries.iter().any(|e| e.id() == Some("groceries")));
    assert!(f.screen(100, 30).contains("Restored Groceries"));
    assert_eq!(f.export("groceries").items.len(), 3, "data kept throughout");
    f.keys("u");
    assert!(f.screen(100, 30).contains("Nothing archived to bring back"));
}

#[test]
fn an_open_app_is_not_archived() {
    let mut f = fixture::seeded();
    f.open("groceries");
    f.keys("q");
    select(&mut f, "groceries");
    f.keys("d");
    assert!(f.screen(100, 30).contains("close its panel"));
    assert!(f.home().apps().join("groceries.ron").exists());
}

#[test]
fn the_archive_view_restores_and_purges_with_a_confirmation() {
    let mut f = fixture::seeded();
    select(&mut f, "groceries");
    f.keys("d");
    // An orphan too: water's spec removed from outside.
    std::fs::remove_file(f.home().apps().join("water.ron")).unwrap();
    let scan = f.shell.scan();
    f.shell.dispatch(&mut f.app, scan);
    f.keys("A");
    let screen = f.screen(120, 30);
    assert!(screen.contains("Archived apps"), "{screen}");
    assert!(screen.contains("apps/.archive/groceries.ron"), "{screen}");
    assert!(screen.contains("no spec (orphaned data)"), "{screen}");
    assert!(screen.contains("list: 3 items"), "{screen}");
    // Purge the orphan: n keeps it, y deletes it.
    let rows = f.app.launcher.archive.as_ref().unwrap().rows.clone();
    let water = rows.iter().position(|r| r.id == "water").unwrap();
    f.keys("g");
    for _ in 0..water {
        f.keys("j");
    }
    f.keys("P");
    assert!(f.screen(120, 30).contains("Delete 'water'"));
    f.keys("n");
    assert!(
        f.shell
            .store
            .read(|r| r.apps_with_data())
            .unwrap()
            .contains(&"water".to_string())
    );
    f.keys("Py");
    assert!(
        !f.shell
            .store
            .read(|r| r.apps_with_data())
            .unwrap()
            .contains(&"water".to_string())
    );
    assert!(f.screen(120, 30).contains("Purged 'water'"));
    // Restore groceries with Enter; back to the apps with q.
    let rows = f.app.launcher.archive.as_ref().unwrap().rows.clone();
    assert_eq!(rows.len(), 1, "{rows:?}");
    f.keys("g<Enter>");
    assert!(f.app.entries.iter().any(|e| e.id() == Some("groceries")));
    assert!(f.app.launcher.archive.as_ref().unwrap().rows.is_empty());
    f.keys("q");
    assert!(f.app.launcher.archive.is_none());
    assert!(!f.app.quit, "q leaves the archive view, not nook");
}

#[test]
fn s_sorts_by_last_used_and_is_remembered() {
    let mut f = fixture::seeded();
    f.open("water");
    f.keys("q");
    f.keys_at("/tea<Enter>q", fixture::at(5));
    f.keys("/<Esc>s");
    let first: Vec<_> = f
        .app
        .visible_entries()
        .iter()
        .take(2)
        .map(|&i| f.app.entries[i].id().unwrap_or("").to_string())
        .collect();
    assert_eq!(first, ["tea", "water"]);
    assert_eq!(
        f.shell.store.get_meta("launcher_sort").unwrap().as_deref(),
        Some("last used")
    );
    let home = f.home();
    let fixture::Fixture { dir, shell, .. } = f;
    drop(shell);
    let store = nook::store::Store::open(&home.database().unwrap()).unwrap();
    let (shell, app) = nook::runtime::terminal::start(home, store, fixture::now());
    assert_eq!(app.launcher.sort, nook::app::launcher::Sort::LastUsed);
    drop((dir, shell));
}
