//! Grouped, filtered and per-period figures from the shell: `nook report`
//! prints them as numbers, `nook ls` shows them on the app's line, and
//! every change (add, edit, rm, undo, a spec change) leaves them right.

use crate::common::Home;

const SPEND: &str = r#"List(
    name: "Spending",
    fields: {
        "what":     Text(required: true),
        "amount":   Money(currency: "EUR"),
        "category": Choice(options: ["rent", "food", "fun"]),
        "on":       Date,
        "paid":     Bool,
        "double":   Formula("amount * 2"),
    },
    summary: [
        Sum(of: "amount", by: "category"),
        Sum(of: "amount", per: Month),
        Count(where: "paid"),
        Sum("double"),
    ],
)
"#;

/// 2026-11-23 12:00 UTC.
const NOV_23: i64 = 1_795_435_200_000;

fn home() -> Home {
    let h = Home::empty();
    h.spec("spend.ron", SPEND);
    h.set_clock(NOV_23);
    h
}

fn report(h: &Home) -> serde_json::Value {
    serde_json::from_str(&h.ok(["report", "spend", "--json"])).unwrap()
}

/// Each group's key and value of summary `i`.
fn groups(r: &serde_json::Value, i: usize) -> Vec<(String, f64)> {
    r["summaries"][i]["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["key"].as_str().unwrap().to_string(),
                g["value"].as_f64().unwrap(),
            )
        })
        .collect()
}

fn line(h: &Home) -> String {
    let rows: serde_json::Value = serde_json::from_str(&h.ok(["ls", "--json"])).unwrap();
    rows.as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "spend")
        .unwrap()["summary"]
        .as_str()
        .unwrap()
        .to_string()
}

fn seed(h: &Home) -> String {
    h.add(
        "spend",
        [
            "what=flat",
            "amount=800",
            "category=rent",
            "on=2026-11-01",
            "paid=yes",
        ],
    );
    h.add(
        "spend",
        ["what=pizza", "amount=12.50", "category=food", "on=2026-11-20"],
    );
    h.add(
        "spend",
        [
            "what=bread",
            "amount=3",
            "category=food",
            "on=2026-10-30",
            "paid=yes",
        ],
    );
    h.add(
        "spend",
        ["what=cinema", "amount=11", "category=fun", "on=2026-11-02"],
    );
    // The rent's full id: a short one printed by `add` may be shared by now.
    h.ids("spend").remove(0)
}

#[test]
fn report_prints_every_summary_with_its_groups_and_periods() {
    let h = home();
    seed(&h);
    let r = report(&h);
    assert_eq!(r["items"], 4);
    assert_eq!(
        groups(&r, 0),
        [
            ("rent".into(), 800.0),
            ("food".into(), 15.5),
            ("fun".into(), 11.0)
        ],
        "largest first: {r}"
    );
    assert_eq!(r["summaries"][0]["value"], 826.5);
    assert_eq!(r["summaries"][0]["by"], "category");
    assert_eq!(
        groups(&r, 1),
        [("2026-10".into(), 3.0), ("2026-11".into(), 823.5)],
        "periods in order, by the list's date field: {r}"
    );
    assert_eq!(r["summaries"][1]["per"], "month");
    assert_eq!(r["summaries"][2]["value"], 2.0, "two are paid: {r}");
    assert_eq!(
        r["summaries"][3]["value"], 1653.0,
        "a formula sums like a field: {r}"
    );

    let text = h.ok(["report", "spend"]);
    assert!(
        text.contains("Sum(of: \"amount\", by: \"category\")  €826.50"),
        "{text}"
    );
    assert!(text.contains("  rent  €800.00  (1 item)"), "{text}");
    assert!(text.contains("  2026-10  €3.00  (1 item)"), "{text}");
}

#[test]
fn the_launcher_line_shows_this_period_and_the_largest_groups() {
    let h = home();
    seed(&h);
    let l = line(&h);
    assert!(
        l.starts_with("rent €800.00 · food €15.50 · fun €11.00 · €823.50 amount this month · 2 items where paid · 1653 double"),
        "{l}"
    );
}

#[test]
fn figures_follow_edit_rm_and_undo() {
    let h = home();
    let rent = seed(&h);
    h.ok(["edit", "spend", &rent, "category=fun"]);
    let r = report(&h);
    assert_eq!(groups(&r, 0)[0], ("fun".into(), 811.0), "{r}");
    assert!(
        !groups(&r, 0).iter().any(|g| g.0 == "rent"),
        "an empty group goes: {r}"
    );
    h.ok(["rm", "spend", &rent]);
    let r = report(&h);
    assert_eq!(r["summaries"][0]["value"], 26.5, "{r}");
    assert_eq!(r["summaries"][2]["value"], 1.0, "{r}");
    h.ok(["undo", "spend"]);
    let r = report(&h);
    assert_eq!(r["summaries"][0]["value"], 826.5, "{r}");
    assert_eq!(
        groups(&r, 0)[0],
        ("fun".into(), 811.0),
        "back as it was before rm: {r}"
    );
}

#[test]
fn a_changed_summary_is_counted_from_the_items_and_kept_by_the_next_change() {
    let h = home();
    seed(&h);
    h.spec(
        "spend.ron",
        &SPEND.replace("Count(where: \"paid\")", "Max(of: \"amount\", by: \"paid\")"),
    );
    let r = report(&h);
    assert_eq!(r["summaries"][2]["summary"], "Max(of: \"amount\", by: \"paid\")");
    assert_eq!(
        groups(&r, 2),
        [("yes".into(), 800.0), ("".into(), 12.5)],
        "read from the items before any write: {r}"
    );
    h.add(
        "spend",
        [
            "what=tent",
            "amount=90",
            "category=fun",
            "on=2026-11-21",
            "paid=no",
        ],
    );
    let r = report(&h);
    assert_eq!(
        groups(&r, 2),
        [("yes".into(), 800.0), ("no".into(), 90.0), ("".into(), 12.5)],
        "{r}"
    );
    // Removing the largest leaves the max of the rest, not a stale one.
    let ids = h.ids("spend");
    h.ok(["rm", "spend", &ids[0]]);
    let r = report(&h);
    assert_eq!(groups(&r, 2)[0], ("no".into(), 90.0), "{r}");
}

#[test]
fn report_refuses_an_unknown_app_and_a_tracker() {
    let h = Home::installed();
    let err = h.fails(1, ["report", "nope"]);
    assert!(err.contains("nope"), "{err}");
    let err = h.fails(1, ["report", "water"]);
    assert!(
        err.contains("water is a tracker") && err.contains("list"),
        "{err}"
    );
}

#[test]
fn a_plain_list_reports_its_default_figure() {
    let h = Home::installed();
    h.add("groceries", ["milk"]);
    let r: serde_json::Value = serde_json::from_str(&h.ok(["report", "groceries", "--json"])).unwrap();
    assert_eq!(r["summaries"][0]["summary"], "Done");
    assert_eq!(r["summaries"][0]["value"], 0.0);
    assert_eq!(r["items"], 1);
}
