//! The agenda (`a` from the launcher): overdue, today and the next 7 days
//! from every list with a due field, the habits with a reminder not done
//! today and the running timers, with actions in place.

use crate::common::fixture;

use fixture::{Fixture, now};
use insta::assert_snapshot;
use nook::app::Panel;
use nook::app::agenda::{Entry, Row};
use nook::model::FieldValue;
use nook::paths::Home;
use nook::spec::Catalog;
use nook::store::Store;

const CHORES: &str = r#"List(
    name: "Chores",
    icon: "🧹",
    fields: {
        "task": Text(required: true),
        "when": Date(due: true),
    },
    repeat: Weekly,
)
"#;

const BILLS: &str = r#"List(
    name: "Bills",
    icon: "💶",
    fields: {
        "bill": Text(required: true),
        "due":  DateTime(due: true),
    },
)
"#;

const MEDS: &str = r#"Tracker(
    name: "Vitamins",
    icon: "💊",
    remind: At("08:00"),
)
"#;

fn text(s: &str) -> FieldValue {
    FieldValue::Text(s.into())
}

/// The bundled apps, chores and bills with items around the fixture's
/// Wednesday 25 November 2026, and a habit with a reminder.
fn home() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let home = Home {
        root: dir.path().to_path_buf(),
    };
    nook::bundled::install_if_missing(&home).unwrap();
    std::fs::write(home.apps().join("chores.ron"), CHORES).unwrap();
    std::fs::write(home.apps().join("bills.ron"), BILLS).unwrap();
    std::fs::write(home.apps().join("vitamins.ron"), MEDS).unwrap();
    let store = Store::open(&home.database().unwrap()).unwrap();
    let catalog = Catalog::scan(&home.apps(), &home.bounds()).unwrap();
    let add = |id: &str, title: &str, field: &str, on: Option<&str>| {
        let spec = catalog.find(id).unwrap().clone();
        let key = if id == "chores" { "task" } else { "bill" };
        let mut v = std::collections::BTreeMap::new();
        v.insert(key.to_string(), text(title));
        if let Some(on) = on {
            v.insert(field.to_string(), text(on));
        }
        store
            .write(&spec, now(), |tx| tx.add_item(String::new(), v))
            .unwrap();
    };
    add("chores", "Bins", "when", Some("2026-11-20"));
    add("chores", "Dishes", "when", Some("2026-11-25"));
    add("chores", "Vacuum", "when", Some("2026-11-26"));
    add("chores", "No date", "when", None);
    add("chores", "Far off", "when", Some("2026-12-09"));
    add("bills", "Rent", "due", Some("2026-11-30 09:00"));
    add("bills", "Phone", "due", Some("2026-11-25 18:30"));
    add("bills", "Gas", "due", Some("2026-11-23 12:00"));
    let (shell, app) = nook::runtime::terminal::start(home, store, now());
    Fixture { dir, shell, app }
}

/// The agenda's lines as text: headers, and "app: title" entries.
fn lines(f: &Fixture) -> Vec<String> {
    let view = f.app.launcher.agenda.as_ref().expect("the agenda is shown");
    view.rows(&f.app)
        .into_iter()
        .map(|r| match r {
            Row::Head(h) => format!("# {h}"),
            Row::Entry(Entry::Due(d)) => format!("{}: {}", d.app, d.title),
            Row::Entry(Entry::Habit(h)) => format!("{}: habit at {}", h.app, h.at),
            Row::Entry(Entry::Timer { id, .. }) => format!("{id}: timer"),
        })
        .collect()
}

fn due_of(f: &Fixture, app: &str, title: &str) -> Option<String> {
    let spec = f
        .app
        .entries
        .iter()
        .find_map(|e| e.spec.as_ref().ok().filter(|s| s.id == app))
        .unwrap();
    let items = nook::usecase::list::items(&f.shell.store, spec).unwrap();
    let field = if app == "chores" { "when" } else { "due" };
    let key = if app == "chores" { "task" } else { "bill" };
    items
        .iter()
        .find(|i| i.values.get(key).map(|v| v.display()).as_deref() == Some(title))
        .map(|i| {
            i.values
                .get(field)
                .map(|v| v.display())
                .unwrap_or_else(|| format!("done={}", i.done))
        })
}

#[test]
fn a_shows_overdue_today_and_the_next_days_from_every_app_with_habits() {
    let mut f = home();
    f.keys("a");
    assert_eq!(
        lines(&f),
        [
            "# Overdue",
            "chores: Bins",
            "bills: Gas",
            "# Today · Wed 25 Nov",
            "chores: Dishes",
            "bills: Phone",
            "vitamins: habit at 08:00",
            "# Thu 26 Nov",
            "chores: Vacuum",
            "# Mon 30 Nov",
            "bills: Rent",
        ],
        "undated and beyond 7 days are left out"
    );
    for (w, h) in [(120, 40), (80, 24)] {
        assert_snapshot!(format!("agenda_{w}x{h}"), f.screen(w, h));
    }
    f.keys("q");
    assert!(f.app.launcher.agenda.is_none(), "q goes back to the launcher");
    f.keys("a<Esc>");
    assert!(f.app.launcher.agenda.is_none(), "and so does Esc");
}

#[test]
fn space_ticks_in_place_a_recurring_item_moves_on_and_a_habit_is_logged() {
    let mut f = home();
    f.keys("a");
    // Bins, overdue on the 20th, weekly from its due date: the 27th.
    f.keys(" ");
    assert_eq!(due_of(&f, "chores", "Bins").as_deref(), Some("2026-11-27"));
    assert!(
        !lines(&f).contains(&"chores: Bins".to_string())
            || lines(&f).iter().position(|l| l == "chores: Bins")
                > lines(&f).iter().position(|l| l == "# Thu 26 Nov"),
        "it moved on: {:?}",
        lines(&f)
    );
    // Gas does not repeat: done, and gone from the agenda.
    f.keys(" ");
    assert_eq!(due_of(&f, "bills", "Gas").as_deref(), Some("2026-11-23 12:00"));
    assert!(!lines(&f).contains(&"bills: Gas".to_string()), "{:?}", lines(&f));
    // The habit: logged for today, and gone.
    let at = lines(&f)
        .iter()
        .filter(|l| !l.starts_with('#'))
        .position(|l| l.contains("habit"))
        .unwrap();
    let view = f.app.launcher.agenda.as_ref().unwrap();
    let down = at - view.selected;
    f.keys(&"j".repeat(down));
    f.keys(" ");
    assert!(!lines(&f).iter().any(|l| l.contains("habit")), "{:?}", lines(&f));
}

#[test]
fn z_snoozes_a_day_and_undo_in_the_list_puts_it_back() {
    let mut f = home();
    f.keys("a");
    f.keys("jz");
    assert_eq!(
        due_of(&f, "bills", "Gas").as_deref(),
        Some("2026-11-24 12:00"),
        "a DateTime keeps its time"
    );
    f.keys("s");
    assert_eq!(due_of(&f, "bills", "Gas").as_deref(), Some("2026-11-25 12:00"));
    assert!(
        lines(&f).iter().position(|l| l == "bills: Gas")
            > lines(&f).iter().position(|l| l.starts_with("# Today"))
    );
    // Each snooze is one edit: undone one at a time in the app.
    f.keys("q");
    f.open("bills");
    f.keys("u");
    assert_eq!(due_of(&f, "bills", "Gas").as_deref(), Some("2026-11-24 12:00"));
}

#[test]
fn enter_opens_the_app_with_the_item_selected() {
    let mut f = home();
    f.keys("a");
    // Vacuum, tomorrow: the fifth entry.
    f.keys("jjjjj");
    f.keys("<Enter>");
    let Some(Panel::List(l)) = f.app.focused() else {
        panic!("chores did not open:\n{}", f.screen(100, 30));
    };
    assert_eq!(l.spec.id, "chores");
    assert_eq!(l.selected().unwrap().values["task"].display(), "Vacuum");
    assert!(f.app.launcher.agenda.is_none());
}

#[test]
fn nothing_due_says_so() {
    let mut f = fixture::empty();
    f.keys("a");
    assert!(
        f.screen(100, 20)
            .contains("Nothing overdue, due today or in the next 7 days"),
        "{}",
        f.screen(100, 20)
    );
}

#[test]
fn a_running_timer_is_listed_and_enter_opens_it() {
    let mut f = home();
    f.open("pomodoro");
    f.keys(" q");
    f.keys("a");
    let all = lines(&f);
    assert_eq!(all[..2], ["# Running", "pomodoro: timer"], "{all:?}");
    assert!(
        f.screen(120, 40).contains("running 25:00"),
        "{}",
        f.screen(120, 40)
    );
    f.keys("<Enter>");
    assert_eq!(f.app.focused().map(|p| p.spec().id.as_str()), Some("pomodoro"));
}
