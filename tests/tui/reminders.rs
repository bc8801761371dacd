//! Reminders while nook is open: a due item's `remind:` time or a habit's
//! `At(..)` passing rings (bell, banner, desktop notification) once, and
//! the memory is `nook remind`'s, so neither says what the other said.

use crate::common::fixture;

use fixture::{Fixture, at, now};
use nook::app::Action;
use nook::paths::Home;
use nook::spec::{Catalog, Spec};
use nook::store::Store;

const CALLS: &str = r#"List(
    name: "Calls",
    fields: {
        "who": Text(required: true),
        "at":  DateTime(due: true, remind: Before("1h")),
    },
)
"#;

const MEDS: &str = r#"Tracker(
    name: "Vitamins",
    remind: At("08:00"),
)
"#;

/// Calls with one at noon on the fixture's day (reminded at 11:00), and a
/// habit reminded at 08:00; nook starts at 10:00. `said` marks reminders
/// as `nook remind` would have before the start.
fn home(said_before: bool) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let home = Home {
        root: dir.path().to_path_buf(),
    };
    nook::bundled::install_if_missing(&home).unwrap();
    std::fs::write(home.apps().join("calls.ron"), CALLS).unwrap();
    std::fs::write(home.apps().join("vitamins.ron"), MEDS).unwrap();
    let store = Store::open(&home.database().unwrap()).unwrap();
    let catalog = Catalog::scan(&home.apps(), &home.bounds()).unwrap();
    let spec = catalog.find("calls").unwrap().clone();
    let mut v = std::collections::BTreeMap::new();
    v.insert("who".to_string(), nook::model::FieldValue::Text("Ana".into()));
    v.insert(
        "at".to_string(),
        nook::model::FieldValue::Text("2026-11-25 12:00".into()),
    );
    store
        .write(&spec, now(), |tx| tx.add_item(String::new(), v))
        .unwrap();
    if said_before {
        for r in nook::usecase::due::reminders(&store, &specs_of(&catalog), now()).unwrap() {
            nook::usecase::due::mark_reminded(&store, &r).unwrap();
        }
    }
    let (shell, app) = nook::runtime::terminal::start(home, store, now());
    Fixture { dir, shell, app }
}

fn specs_of(catalog: &Catalog) -> Vec<Spec> {
    catalog
        .entries
        .iter()
        .filter_map(|e| e.spec.clone().ok())
        .collect()
}

fn rings(f: &mut Fixture) -> Vec<(String, String)> {
    std::mem::take(&mut f.shell.rings)
}

#[test]
fn a_reminder_rings_once_when_its_time_passes_while_nook_is_open() {
    let mut f = home(false);
    // 08:00 passed before nook started: the habit is said once, at start.
    assert_eq!(
        rings(&mut f),
        [(
            "Vitamins".to_string(),
            "Vitamins not done yet today (reminder at 08:00)".to_string()
        )]
    );
    // The loop is told to wake at 11:00, the call's reminder.
    assert_eq!(f.app.next_ring(), Some(at(60).ms));
    f.shell.dispatch(&mut f.app, Action::Tick(at(59)));
    assert!(rings(&mut f).is_empty(), "not yet");
    f.shell.dispatch(&mut f.app, Action::Tick(at(61)));
    assert_eq!(
        rings(&mut f),
        [(
            "Calls".to_string(),
            "Ana — due 2026-11-25 12:00 (today)".to_string()
        )]
    );
    let (banner, _) = f.app.message.clone().unwrap();
    assert!(banner.contains("Calls: Ana — due"), "{banner}");
    // Once: another look, a write, or the clock set back says nothing.
    f.shell.dispatch(&mut f.app, Action::Tick(at(62)));
    f.keys_at("T", at(63));
    f.shell.dispatch(&mut f.app, Action::Tick(at(30)));
    assert!(rings(&mut f).is_empty());
    // And `nook remind` has nothing left to send: the memory is shared.
    let specs = specs_of(&Catalog::scan(&f.home().apps(), &f.home().bounds()).unwrap());
    assert!(
        nook::usecase::due::reminders(&f.shell.store, &specs, at(64))
            .unwrap()
            .is_empty()
    );
}

#[test]
fn what_nook_remind_sent_is_not_rung_again_and_a_done_habit_is_not_rung() {
    let mut f = home(true);
    assert!(rings(&mut f).is_empty(), "nook remind said the habit already");
    let day = |n: i64, h: i64, m: i64| at(n * 24 * 60 + (h - 10) * 60 + m);
    // The next day, done at 07:00: its 08:00 says nothing.
    // Asleep through the call's 11:00: said once on waking.
    f.shell.dispatch(&mut f.app, Action::Tick(day(1, 7, 0)));
    let woke = rings(&mut f);
    assert_eq!(woke.len(), 1, "{woke:?}");
    assert!(
        woke[0].1.contains("Ana — due 2026-11-25 12:00 (overdue 1d)"),
        "{woke:?}"
    );
    let meds = Catalog::scan(&f.home().apps(), &f.home().bounds())
        .unwrap()
        .find("vitamins")
        .unwrap()
        .clone();
    let today = day(1, 7, 0).today_number();
    nook::usecase::tracker::log(
        &f.shell.store,
        &meds,
        day(1, 7, 0),
        "",
        today,
        nook::model::amount::Amount::Set(1.0),
    )
    .unwrap();
    f.shell.dispatch(&mut f.app, Action::Tick(day(1, 8, 1)));
    assert!(rings(&mut f).is_empty());
    // The day after, not done: said at its time, once.
    f.shell.dispatch(&mut f.app, Action::Tick(day(2, 7, 59)));
    assert!(rings(&mut f).is_empty());
    f.shell.dispatch(&mut f.app, Action::Tick(day(2, 8, 0)));
    f.shell.dispatch(&mut f.app, Action::Tick(day(2, 8, 1)));
    assert_eq!(rings(&mut f).len(), 1);
}
