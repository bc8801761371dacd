//! Due dates and recurrence from the shell, over simulated days: `nook due`,
//! `nook done` on a recurring item, and the launcher's "2 overdue · 1 today".

use crate::common::Home;

const CHORES: &str = r#"List(
    name: "Chores",
    fields: {
        "task": Text(required: true),
        "when": Date(due: true),
    },
    repeat: Weekly,
)
"#;

const PLANTS: &str = r#"List(
    name: "Plants",
    fields: {
        "plant": Text(required: true),
        "water": Date(due: true),
        "every": Number(unit: "days"),
    },
    repeat: Field("every"),
    repeat_from: Done,
)
"#;

const BILLS: &str = r#"List(
    name: "Bills",
    fields: {
        "bill": Text(required: true),
        "due": Date(due: true),
    },
    repeat: Monthly(day: 31),
)
"#;

/// 2026-12-02 12:00 UTC, a Wednesday: noon, so the day is the same in
/// every zone a test machine is likely to be in.
const DEC_2: i64 = 1_796_212_800_000;
const DAY: i64 = 86_400_000;

fn home() -> Home {
    let h = Home::empty();
    h.spec("chores.ron", CHORES);
    h.spec("plants.ron", PLANTS);
    h.spec("bills.ron", BILLS);
    h.set_clock(DEC_2);
    h
}

/// The app's summary line in `nook ls`.
fn line(h: &Home, app: &str) -> String {
    let out = h.ok(["ls", "--json"]);
    let rows: serde_json::Value = serde_json::from_str(&out).unwrap();
    let row = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == app)
        .unwrap_or_else(|| panic!("no {app} in {out}"));
    row["summary"].as_str().unwrap_or_default().to_string()
}

/// The stored value of `field` of the item `id`.
fn value(h: &Home, app: &str, id: &str, field: &str) -> serde_json::Value {
    let items = h.items(app);
    let item = items
        .iter()
        .find(|i| crate::common::id_of(i).starts_with(id))
        .unwrap_or_else(|| panic!("no {id} in {items:?}"));
    item["values"][field].clone()
}

#[test]
fn due_lists_what_is_overdue_today_and_coming_up_across_apps_soonest_first() {
    let h = home();
    h.add("chores", ["task=Bins", "when=2026-11-25"]);
    h.add("chores", ["task=Dishes", "when=today"]);
    h.add("chores", ["task=Far off", "when=2026-12-20"]);
    h.add("chores", ["task=No date"]);
    h.add("plants", ["plant=Fern", "water=2026-12-05", "every=4"]);
    h.add("plants", ["plant=Old", "water=2026-11-01"]);
    let old = h.ids("plants")[1].clone();
    h.ok(["done", "plants", &old]);

    let out = h.ok(["due"]);
    let at = |t: &str| out.find(t).unwrap_or_else(|| panic!("no {t} in {out}"));
    assert!(
        at("Bins") < at("Dishes") && at("Dishes") < at("Fern"),
        "soonest first: {out}"
    );
    assert!(out.contains("Overdue") && out.contains("overdue 7d"), "{out}");
    assert!(
        out.contains("Today") && out.contains("Coming up") && out.contains("in 3d"),
        "{out}"
    );
    // Beyond the week, without a date, or done: not listed.
    assert!(
        !out.contains("Far off") && !out.contains("No date") && !out.contains("Old"),
        "{out}"
    );

    let json: serde_json::Value = serde_json::from_str(&h.ok(["due", "--json", "--within", "3w"])).unwrap();
    assert_eq!(json["today"], "2026-12-02");
    assert_eq!(json["within_days"], 21);
    let rows: Vec<(String, String, String, i64)> = json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["app"].as_str().unwrap().into(),
                i["title"].as_str().unwrap().into(),
                i["state"].as_str().unwrap().into(),
                i["days"].as_i64().unwrap(),
            )
        })
        .collect();
    let want = [
        ("chores", "Bins", "overdue", -7),
        ("chores", "Dishes", "today", 0),
        ("plants", "Fern", "upcoming", 3),
        ("chores", "Far off", "upcoming", 18),
    ];
    let want: Vec<(String, String, String, i64)> = want
        .iter()
        .map(|(a, t, s, d)| (a.to_string(), t.to_string(), s.to_string(), *d))
        .collect();
    assert_eq!(rows, want);
    // The full id, as `nook items --json` gives it, for `nook done`.
    assert_eq!(json["items"][0]["id"], h.ids("chores")[0].as_str());
    // Today only.
    let today = h.ok(["due", "--within", "0"]);
    assert!(today.contains("Dishes") && !today.contains("Fern"), "{today}");
}

#[test]
fn a_bad_within_is_refused_naming_the_argument() {
    let h = home();
    for bad in ["3x", "-1", "week", "99999d"] {
        let err = h.fails(2, ["due".to_string(), format!("--within={bad}")]);
        assert!(err.contains("--within"), "{bad}: {err}");
    }
    let err = h.fails(2, ["due", "--within", "3x"]);
    assert!(err.contains("7d, 2w or 30"), "{err}");
}

#[test]
fn nothing_due_says_so() {
    let h = home();
    assert_eq!(h.ok(["due"]).trim(), "Nothing is due in the next 7 days.");
}

#[test]
fn the_launcher_line_says_what_is_overdue_and_due_today_first_and_follows_the_days() {
    let h = home();
    h.add("chores", ["task=Bins", "when=2026-11-30"]);
    h.add("chores", ["task=Dishes", "when=2026-12-02"]);
    h.add("chores", ["task=Mop", "when=2026-12-03"]);
    assert_eq!(line(&h, "chores"), "1 overdue · 1 today · 3 items");
    // The next day, with no write in between: the stored counts per day
    // are read against the new today.
    h.advance(DAY);
    assert_eq!(line(&h, "chores"), "2 overdue · 1 today · 3 items");
    h.advance(10 * DAY);
    assert_eq!(line(&h, "chores"), "3 overdue · 3 items");
    // Nothing due: the list's own line only.
    assert_eq!(line(&h, "plants"), "empty");
}

#[test]
fn ticking_a_weekly_item_moves_it_on_over_simulated_days_and_undo_puts_it_back() {
    let h = home();
    let bins = h.add("chores", ["task=Bins", "when=2026-12-02"]);
    let out = h.ok(["done", "chores", &bins]);
    assert!(out.contains("next due 2026-12-09"), "{out}");
    assert_eq!(value(&h, "chores", &bins, "when"), "2026-12-09");
    // Still open: a recurring item is never left done.
    assert_eq!(h.items("chores")[0]["done"], false);
    // Ticked again the same day: one more week, once per tick.
    h.ok(["done", "chores", &bins]);
    assert_eq!(value(&h, "chores", &bins, "when"), "2026-12-16");
    // One undo puts the date the last tick moved back.
    h.ok(["undo", "chores"]);
    assert_eq!(value(&h, "chores", &bins, "when"), "2026-12-09");

    // On Friday the 25th it is 16 days overdue; a tick moves it to the
    // first Wednesday after today, not one week on into the past.
    h.advance(23 * DAY);
    assert_eq!(line(&h, "chores"), "1 overdue · 1 item");
    h.ok(["done", "chores", &bins]);
    assert_eq!(value(&h, "chores", &bins, "when"), "2026-12-30");
    assert_eq!(line(&h, "chores"), "1 item");
    let log = h.ok(["due", "--json"]);
    assert!(log.contains("2026-12-30"), "{log}");
}

#[test]
fn a_per_item_schedule_counts_from_the_day_done_and_an_item_without_one_is_done() {
    let h = home();
    h.add("plants", ["plant=Fern", "water=2026-11-28", "every=4"]);
    h.add("plants", ["plant=Cactus", "water=2026-11-28"]);
    let [fern, cactus] = [0, 1].map(|i| h.ids("plants")[i].clone());
    h.ok(["done", "plants", &fern]);
    assert_eq!(value(&h, "plants", &fern, "water"), "2026-12-06");
    // Watered twice the same day: the next watering stays four days on.
    let again = h.ok(["done", "plants", &fern]);
    assert!(again.contains("Already ticked today"), "{again}");
    assert_eq!(value(&h, "plants", &fern, "water"), "2026-12-06");
    h.advance(DAY);
    h.ok(["done", "plants", &fern]);
    assert_eq!(value(&h, "plants", &fern, "water"), "2026-12-07");
    // No interval of its own: it does not repeat, the tick marks it done.
    h.ok(["done", "plants", &cactus]);
    let items = h.items("plants");
    let c = items
        .iter()
        .find(|i| crate::common::id_of(i).starts_with(&cactus))
        .unwrap();
    assert_eq!(c["done"], true);
    assert_eq!(c["values"]["water"], "2026-11-28");
}

#[test]
fn monthly_on_the_31st_lands_on_the_last_day_of_february_and_goes_back_to_the_31st() {
    let h = home();
    let rent = h.add("bills", ["bill=Rent", "due=2027-01-31"]);
    let mut seen = Vec::new();
    for _ in 0..3 {
        h.ok(["done", "bills", &rent]);
        seen.push(value(&h, "bills", &rent, "due").as_str().unwrap().to_string());
    }
    assert_eq!(seen, ["2027-02-28", "2027-03-31", "2027-04-30"]);
}

#[test]
fn today_is_the_local_calendar_day() {
    let h = home();
    h.add("chores", ["task=Bins", "when=2026-12-03"]);
    // 2026-12-02 23:30 UTC is already the 3rd in Tokyo.
    h.set_clock(DEC_2 + 11 * 3_600_000 + 30 * 60_000);
    let utc = h.nook(["due", "--json"]).env("TZ", "UTC").output().unwrap();
    let tokyo = h
        .nook(["due", "--json"])
        .env("TZ", "Asia/Tokyo")
        .output()
        .unwrap();
    let state = |o: &std::process::Output| {
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        v["items"][0]["state"].as_str().unwrap_or_default().to_string()
    };
    assert_eq!(state(&utc), "upcoming");
    assert_eq!(state(&tokyo), "today");
}

#[test]
fn a_bad_due_or_repeat_fails_check_with_file_line_and_column() {
    let h = Home::empty();
    h.spec(
        "chores.ron",
        "List(\n    name: \"Chores\",\n    fields: {\n        \"task\": Text(due: true),\n    },\n    repeat: Weekly,\n)\n",
    );
    h.spec(
        "bills.ron",
        "List(\n    name: \"Bills\",\n    fields: {\n        \"when\": Date,\n    },\n    repeat: Monthly,\n)\n",
    );
    let out = h.nook(["check"]).assert().code(1).get_output().clone();
    let text = String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(
        text.contains(
            "chores.ron:4:22: field \"task\": 'due' marks a Date or DateTime field, but \"task\" is Text"
        ),
        "{text}"
    );
    // With no due field, a repeat has nothing to move: said where it is.
    assert!(
        text.contains("bills.ron:6:5: 'repeat' moves a due date"),
        "{text}"
    );
    // The refused `due:` is said once, not again by its `repeat:`.
    assert!(!text.contains("chores.ron:6:"), "{text}");
}

const TASKS: &str = r#"List(
    name: "Tasks",
    fields: {
        "task": Text(required: true),
        "by":   Date(due: true, remind: Before("1d")),
    },
    repeat: Weekly,
)
"#;

/// `nook remind` with its notifications counted in a file.
fn remind(h: &Home, log: &std::path::Path) -> String {
    let out = h.nook(["remind"]).env("NOOK_TEST_NOTIFY", log).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn sent(log: &std::path::Path) -> Vec<String> {
    std::fs::read_to_string(log)
        .unwrap_or_default()
        .lines()
        .map(String::from)
        .collect()
}

#[test]
fn remind_sends_each_reminder_once_and_again_for_the_next_occurrence() {
    let h = home();
    h.spec("tasks.ron", TASKS);
    let log = h.path().join("notified.log");
    h.add("tasks", ["task=Taxes", "by=2026-12-03"]);
    h.add("tasks", ["task=Later", "by=2026-12-10"]);
    // Noon on the 2nd: a day before the 3rd began at midnight.
    let out = remind(&h, &log);
    assert!(out.contains("Taxes — due 2026-12-03 (tomorrow)"), "{out}");
    assert_eq!(sent(&log), ["Tasks\tTaxes — due 2026-12-03 (tomorrow)"]);
    // Run again (cron every few minutes): nothing new is sent.
    assert_eq!(remind(&h, &log), "");
    assert_eq!(sent(&log).len(), 1);
    // The clock set back an hour says nothing twice either.
    h.advance(-3_600_000);
    remind(&h, &log);
    assert_eq!(sent(&log).len(), 1);

    // Ticked: the next occurrence (the 10th) is reminded of on its own day
    // before, once — and so is Later, due the same day.
    let taxes = h.ids("tasks")[0].clone();
    h.ok(["done", "tasks", &taxes]);
    h.advance(6 * DAY);
    assert_eq!(remind(&h, &log), "", "the 8th: not yet");
    h.advance(DAY);
    remind(&h, &log);
    remind(&h, &log);
    let log_lines = sent(&log);
    assert_eq!(log_lines.len(), 3, "{log_lines:?}");
    assert!(
        log_lines[1..].iter().all(|l| l.contains("due 2026-12-10")),
        "{log_lines:?}"
    );
}

#[test]
fn a_reminder_that_passed_while_the_machine_slept_is_sent_once_on_the_next_run() {
    let h = home();
    h.spec("tasks.ron", TASKS);
    let log = h.path().join("notified.log");
    h.add("tasks", ["task=Rent", "by=2026-12-04"]);
    assert_eq!(remind(&h, &log), "", "not yet: the reminder is on the 3rd");
    // Asleep until the 5th: the item is overdue, the reminder still said once.
    h.advance(3 * DAY);
    let out = remind(&h, &log);
    assert!(out.contains("Rent — due 2026-12-04 (overdue 1d)"), "{out}");
    remind(&h, &log);
    assert_eq!(sent(&log).len(), 1);
}

#[test]
fn marking_a_field_due_in_a_list_with_items_counts_them_at_once() {
    let h = home();
    h.spec(
        "chores.ron",
        &CHORES
            .replace("Date(due: true)", "Date")
            .replace("repeat: Weekly,", ""),
    );
    h.add("chores", ["task=Bins", "when=2026-11-30"]);
    h.add("chores", ["task=Dishes", "when=2026-12-02"]);
    assert_eq!(line(&h, "chores"), "2 items");
    h.spec("chores.ron", CHORES);
    assert_eq!(line(&h, "chores"), "1 overdue · 1 today · 2 items");
    // And the next write stores the counts, which then follow a tick.
    let bins = h.ids("chores")[0].clone();
    h.ok(["done", "chores", &bins]);
    assert_eq!(line(&h, "chores"), "1 today · 2 items");
}

#[test]
fn a_choice_of_schedules_repeats_each_item_on_its_own() {
    let h = home();
    h.spec(
        "rota.ron",
        r#"List(
    name: "Rota",
    fields: {
        "chore": Text(required: true),
        "next":  Date(due: true),
        "how":   Choice(options: ["Weekly", "Fortnightly", "Never"]),
    },
    repeat: Field("how"),
)
"#,
    );
    h.add("rota", ["chore=Bins", "next=2026-12-02", "how=Weekly"]);
    h.add("rota", ["chore=Oven", "next=2026-12-02", "how=Fortnightly"]);
    h.add("rota", ["chore=Move", "next=2026-12-02", "how=Never"]);
    for id in h.ids("rota") {
        h.ok(["done", "rota", &id]);
    }
    let items = h.items("rota");
    let got: Vec<(String, bool)> = items
        .iter()
        .map(|i| {
            (
                i["values"]["next"].as_str().unwrap().to_string(),
                i["done"].as_bool().unwrap(),
            )
        })
        .collect();
    let want = [("2026-12-09", false), ("2026-12-16", false), ("2026-12-02", true)];
    assert_eq!(got, want.map(|(d, b)| (d.to_string(), b)));
}

#[test]
fn due_only_reads_the_database() {
    let h = home();
    h.add("chores", ["task=Bins", "when=2026-11-30"]);
    // A first reading command, so anything a first run sets up is done.
    h.ok(["due"]);
    let before = std::fs::read(h.db()).unwrap();
    h.ok(["due", "--json"]);
    assert!(
        std::fs::read(h.db()).unwrap() == before,
        "nook due changed the database"
    );
}

const STRETCH: &str = r#"Tracker(
    name: "Stretch",
    remind: At("08:00"),
)
"#;

#[test]
fn a_habit_not_done_today_is_reminded_of_once_at_its_time_and_not_once_done() {
    let h = Home::empty();
    h.spec("stretch.ron", STRETCH);
    let log = h.path().join("notified.log");
    // Noon on the 2nd: past 08:00, and never logged (no database yet).
    h.set_clock(DEC_2);
    let out = remind(&h, &log);
    assert!(
        out.contains("Stretch not done yet today (reminder at 08:00)"),
        "{out}"
    );
    assert_eq!(remind(&h, &log), "", "once a day");
    h.advance(-3_600_000);
    assert_eq!(remind(&h, &log), "", "a clock set back says nothing twice");
    assert_eq!(sent(&log).len(), 1);
    // The next day, done before its time: nothing is said.
    h.advance(DAY);
    h.ok(["log", "stretch"]);
    assert_eq!(remind(&h, &log), "");
    // The day after, not done: said again, once.
    h.advance(DAY);
    remind(&h, &log);
    remind(&h, &log);
    assert_eq!(sent(&log).len(), 2);
    let json = h.ok(["remind", "--json"]);
    assert_eq!(json.trim(), "[]", "said already: {json}");
}

#[test]
fn a_bad_tracker_remind_fails_check_with_file_line_and_column() {
    let h = Home::empty();
    h.spec(
        "a.ron",
        "Tracker(\n    name: \"A\",\n    remind: At(\"25:00\"),\n)\n",
    );
    h.spec(
        "b.ron",
        "Tracker(\n    name: \"B\",\n    remind: Before(\"1d\"),\n)\n",
    );
    let out = h.nook(["check"]).assert().code(1).get_output().clone();
    let text = String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(
        text.contains("a.ron:3:16: 'remind' at \"25:00\" is not a time of day"),
        "{text}"
    );
    assert!(
        text.contains("b.ron:3:13: 'remind' on a tracker expects At(\"08:00\")"),
        "{text}"
    );
}

#[test]
fn nook_due_json_and_the_agenda_agree_on_a_fixed_clock() {
    let h = home();
    h.add("chores", ["task=Bins", "when=2026-11-25"]);
    h.add("chores", ["task=Dishes", "when=today"]);
    h.add("chores", ["task=Week", "when=2026-12-09"]);
    h.add("chores", ["task=Beyond", "when=2026-12-10"]);
    h.add("chores", ["task=No date"]);
    h.add("plants", ["plant=Fern", "water=2026-12-05", "every=4"]);
    h.add("bills", ["bill=Rent", "due=2026-12-03"]);
    let done = h.ids("bills")[0].clone();
    h.add("bills", ["bill=Phone", "due=2026-12-04"]);
    h.ok(["done", "bills", &done]);
    let out = h.ok(["due", "--json", "--within", "7d"]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let by_cli: Vec<(String, String, String)> = json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            let s = |k: &str| i[k].as_str().unwrap().to_string();
            (s("app"), s("id"), s("state"))
        })
        .collect();
    assert_eq!(by_cli.len(), 5, "{out}");

    // The TUI on the same home at the same moment, its agenda open.
    let home = nook::paths::Home {
        root: h.path().to_path_buf(),
    };
    let store = nook::store::Store::open(&h.db()).unwrap();
    let now =
        nook::model::Now::at(std::time::UNIX_EPOCH + std::time::Duration::from_millis(DEC_2 as u64)).unwrap();
    let (mut shell, mut app) = nook::runtime::terminal::start(home, store, now);
    shell.dispatch(
        &mut app,
        nook::app::Action::Key(nook::app::key::Key::ch('a'), now),
    );
    let view = app.launcher.agenda.as_ref().expect("a opens the agenda");
    let by_tui: Vec<(String, String, String)> = view
        .rows(&app)
        .into_iter()
        .filter_map(|r| match r {
            nook::app::agenda::Row::Entry(nook::app::agenda::Entry::Due(d)) => {
                Some((d.app.clone(), d.id.clone(), d.state.to_string()))
            }
            _ => None,
        })
        .collect();
    assert_eq!(by_tui, by_cli);
}
