//! The bundled templates as a new user tries them from the shell, on a
//! test clock moved on day by day: the budget, the freelance CRM, the
//! workout log, the chores rota, the plants, the medication and the party.

use crate::common::Home;

/// 2026-12-02 12:00 UTC, a Wednesday (as in due.rs).
const DEC_2: i64 = 1_796_212_800_000;
const DAY: i64 = 86_400_000;

fn home() -> Home {
    let h = Home::installed();
    h.set_clock(DEC_2);
    h
}

/// The app's line in `nook ls`.
fn line(h: &Home, app: &str) -> String {
    let rows: serde_json::Value = serde_json::from_str(&h.ok(["ls", "--json"])).unwrap();
    let row = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == app)
        .unwrap_or_else(|| panic!("no {app} in {rows}"));
    row["summary"].as_str().unwrap_or_default().to_string()
}

/// Field `field` of the item with a value `title`, as `nook items --json`
/// shows it: formulas and rollups computed in.
fn field(h: &Home, app: &str, title: &str, field: &str) -> serde_json::Value {
    let shown: serde_json::Value = serde_json::from_str(&h.ok(["items", app, "--json"])).unwrap();
    let items = shown.as_array().cloned().unwrap_or_default();
    let item = items
        .iter()
        .find(|i| i["values"].as_object().unwrap().values().any(|v| v == title))
        .unwrap_or_else(|| panic!("no {title} in {items:?}"));
    item["values"][field].clone()
}

/// Adds an item and returns its full id: ids made on one test clock tick
/// share a long start, so the short id `nook add` printed may not stay unique.
fn id(h: &Home, app: &str, args: &[&str]) -> String {
    let short = h.add(app, args.iter().copied());
    h.ids(app)
        .into_iter()
        .find(|i| i.replace('-', "").starts_with(&short))
        .unwrap_or_else(|| panic!("no item {short}"))
}

#[test]
fn the_budget_shows_this_month_per_category_and_reports_it() {
    let h = home();
    h.add(
        "budget",
        ["what=rent", "amount=800", "category=rent", "on=2026-12-01"],
    );
    h.add(
        "budget",
        ["what=pizza", "amount=12.50", "category=food", "on=2026-11-20"],
    );
    h.add("budget", ["what=groceries", "amount=54.20", "category=food"]);
    assert_eq!(
        line(&h, "budget"),
        "€854.20 amount this month · rent €800.00 · food €66.70"
    );
    let month = h.ok(["items", "budget", "--view", "This month"]);
    assert!(month.contains("groceries") && !month.contains("pizza"), "{month}");
    let report = h.ok(["report", "budget"]);
    assert!(
        report.contains("2026-11") && report.contains("€12.50"),
        "{report}"
    );
    assert!(report.contains("food") && report.contains("€66.70"), "{report}");
    // A month on, December is last month and this month starts empty.
    h.advance(31 * DAY);
    assert!(
        line(&h, "budget").starts_with("€0.00 amount this month"),
        "{}",
        line(&h, "budget")
    );
}

#[test]
fn the_crm_rolls_invoices_and_hours_up_to_clients_and_projects() {
    let h = home();
    h.add("clients", ["name=Acme", "stage=active", "email=ops@acme.test"]);
    h.add("clients", ["name=Globex"]);
    h.add("projects", ["project=Website", "client=acme", "rate=80"]);
    h.add("hours", ["what=design", "project=Website", "hours=3.5"]);
    h.add("hours", ["what=build", "project=website", "hours=5"]);
    let first = id(
        &h,
        "invoices",
        &["number=2026-001", "client=Acme", "amount=1200", "due=2026-12-20"],
    );
    h.add(
        "invoices",
        ["number=2026-002", "client=Acme", "amount=400", "due=2026-11-30"],
    );
    assert_eq!(field(&h, "projects", "Website", "hours"), 8.5);
    assert_eq!(field(&h, "clients", "Acme", "billed"), 1600.0);
    assert_eq!(field(&h, "clients", "Acme", "unpaid"), 1600.0);
    assert_eq!(field(&h, "clients", "Globex", "billed"), 0.0);
    assert!(
        line(&h, "invoices").starts_with("1 overdue"),
        "{}",
        line(&h, "invoices")
    );
    // Paid: ticked.
    h.ok(["done", "invoices", &first]);
    assert_eq!(field(&h, "clients", "Acme", "unpaid"), 400.0);
    let unpaid = h.ok(["items", "invoices", "--view", "Unpaid"]);
    assert!(
        unpaid.contains("2026-002") && !unpaid.contains("2026-001"),
        "{unpaid}"
    );
    // A client that is not there is refused, and nothing is stored.
    let err = h.fails(1, ["add", "invoices", "number=3", "client=Nobody", "amount=5"]);
    assert!(err.contains("Acme") && err.contains("Globex"), "{err}");
    assert_eq!(h.items("invoices").len(), 2);
}

#[test]
fn the_workout_log_keeps_the_best_weight_per_exercise_and_the_weeks_volume() {
    let h = home();
    h.add(
        "workout",
        [
            "exercise=squat",
            "weight=100",
            "sets=5",
            "reps=5",
            "on=2026-11-23",
        ],
    );
    h.add("workout", ["exercise=squat", "weight=105", "sets=5", "reps=5"]);
    h.add("workout", ["exercise=deadlift", "weight=140", "sets=1", "reps=5"]);
    assert_eq!(field(&h, "workout", "deadlift", "volume"), 700.0);
    assert_eq!(
        line(&h, "workout"),
        "deadlift 140.0 kg · squat 105.0 kg · 3325 volume this week"
    );
    let report = h.ok(["report", "workout", "--json"]);
    assert!(
        report.contains("2026-W48") && report.contains("2026-W49"),
        "{report}"
    );
}

#[test]
fn the_chores_rota_comes_round_every_week_and_takes_turns() {
    let h = home();
    let dishes = id(&h, "chores", &["chore=dishes", "turn=0"]);
    h.add("chores", ["chore=bins", "turn=1"]);
    h.add("chores", ["chore=bathroom", "turn=2"]);
    let who = |h: &Home| {
        ["dishes", "bins", "bathroom"].map(|c| field(h, "chores", c, "who").as_str().unwrap().to_string())
    };
    let this_week = who(&h);
    // Three chores, three people: each has one this week.
    let mut people = this_week.to_vec();
    people.sort();
    assert_eq!(people, ["Ana", "Ben", "Cleo"]);
    assert!(
        line(&h, "chores").starts_with("3 today"),
        "{}",
        line(&h, "chores")
    );
    h.ok(["done", "chores", &dishes]);
    assert_eq!(field(&h, "chores", "dishes", "next"), "2026-12-09");
    assert_ne!(
        who(&h)[0],
        this_week[0],
        "next week the dishes are someone else's"
    );
    // A week on, the two left undone are overdue.
    h.advance(7 * DAY);
    assert!(
        line(&h, "chores").starts_with("2 overdue · 1 today"),
        "{}",
        line(&h, "chores")
    );
}

#[test]
fn plants_are_watered_on_their_own_intervals_from_the_day_they_were() {
    let h = home();
    let fern = id(&h, "plants", &["plant=fern", "every=3"]);
    h.add("plants", ["plant=cactus", "every=14", "water=2026-12-10"]);
    h.advance(5 * DAY);
    assert!(
        line(&h, "plants").starts_with("1 overdue"),
        "{}",
        line(&h, "plants")
    );
    // Watered on the 7th: next on the 10th, three days from then.
    h.ok(["done", "plants", &fern]);
    assert_eq!(field(&h, "plants", "fern", "water"), "2026-12-10");
    let due = h.ok(["due", "--within", "7d"]);
    assert!(due.contains("fern") && due.contains("cactus"), "{due}");
}

#[test]
fn a_dose_is_reminded_of_once_at_its_time_and_moves_on_a_day_when_taken() {
    let h = home();
    let log = h.path().join("notified.log");
    let remind = |h: &Home| {
        let out = h.nook(["remind"]).env("NOOK_TEST_NOTIFY", &log).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let dose = id(&h, "medication", &["dose=Vitamin D", "next=2026-12-02 20:00"]);
    assert_eq!(remind(&h), "", "not before its time");
    h.advance(9 * 3_600_000);
    let said = remind(&h);
    assert!(said.contains("Vitamin D"), "{said}");
    assert_eq!(remind(&h), "", "once");
    h.ok(["done", "medication", &dose]);
    assert_eq!(field(&h, "medication", "Vitamin D", "next"), "2026-12-03 20:00");
}

#[test]
fn the_party_counts_down_its_tasks_and_counts_the_guests_who_come() {
    let h = home();
    h.add("party", ["task=book the hall", "by=2026-12-16"]);
    h.add("party", ["task=send invitations", "by=2026-12-01"]);
    assert_eq!(field(&h, "party", "book the hall", "weeks left"), 2.0);
    assert!(
        line(&h, "party").starts_with("1 overdue"),
        "{}",
        line(&h, "party")
    );
    h.add("guests", ["guest=Ann", "rsvp=yes", "plus ones=1", "diet=vegan"]);
    h.add("guests", ["guest=Bob", "rsvp=no"]);
    h.add("guests", ["guest=Cy", "rsvp=yes", "diet=vegan, nuts"]);
    let guests = line(&h, "guests");
    assert!(
        guests.starts_with("3 items · 2 items where rsvp == 'yes' · 1 plus ones"),
        "{guests}"
    );
    let ls = h.ok(["ls"]);
    assert!(
        ls.contains("Party") && ls.contains("Freelance"),
        "the groups:\n{ls}"
    );
}
