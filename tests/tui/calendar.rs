//! A list's calendar view: the month grid with items on their days, moving
//! by day, week and month, Enter opening a day's items and Esc going back,
//! and `a` adding onto the selected day; at 120x40 and 80x24.

use crate::common::fixture;

use fixture::{Fixture, with_list};
use insta::assert_snapshot;
use nook::app::Panel;
use nook::model::FieldValue;

const PLANS: &str = r#"List(
    name: "Plans",
    fields: {
        "task": Text(required: true),
        "due":  Date,
        "who":  Choice(options: ["me", "sam"]),
    },
    view: Calendar(by: "due"),
    sort: ["due"],
)
"#;

/// The fixture's clock is Wednesday 25 November 2026.
fn plans() -> Fixture {
    let t = |s: &str| FieldValue::Text(s.into());
    let mut f = with_list(
        "plans.ron",
        PLANS,
        &[
            &[("task", t("dentist")), ("due", t("2026-11-26"))],
            &[("task", t("pay rent")), ("due", t("2026-11-25"))],
            &[("task", t("call mum")), ("due", t("2026-11-25"))],
            &[("task", t("tickets")), ("due", t("2026-11-25"))],
            &[("task", t("passport")), ("due", t("2026-11-25"))],
            &[("task", t("party")), ("due", t("2026-12-19"))],
            &[("task", t("no date"))],
        ],
    );
    f.open("plans");
    f
}

fn status(f: &Fixture, w: u16) -> String {
    f.screen(w, 24).lines().nth(2).unwrap_or_default().to_string()
}

#[test]
fn the_month_shows_each_item_on_its_day() {
    let f = plans();
    for (w, h) in [(120, 40), (80, 24)] {
        assert_snapshot!(format!("month_{w}x{h}"), f.screen(w, h));
    }
    let screen = f.screen(120, 40);
    assert!(
        status(&f, 120).contains("November 2026 · 5 items · Wed 25: 4 items"),
        "{screen}"
    );
    // Days of the month around it fill the first and last rows.
    let rows: Vec<&str> = screen.lines().collect();
    let week = rows
        .iter()
        .position(|l| l.contains("23") && l.contains("29"))
        .unwrap();
    assert!(
        rows[week + 1].contains("pay rent") && rows[week + 1].contains("dentist"),
        "{screen}"
    );
    assert!(
        !screen.contains("party"),
        "December's item is not in November:\n{screen}"
    );
    assert!(!screen.contains("no date"), "{screen}");
    // At 80x24 a day with more items than fit says how many more.
    assert!(f.screen(80, 24).contains("+3 more"), "{}", f.screen(80, 24));
}

#[test]
fn keys_move_by_day_week_and_month_and_t_comes_back() {
    let mut f = plans();
    f.keys("l");
    assert!(status(&f, 120).contains("Thu 26: 1 item"), "{}", status(&f, 120));
    f.keys("j");
    assert!(status(&f, 120).contains("December 2026 · 1 item · Thu 3: 0 items"));
    f.keys("]");
    assert!(status(&f, 120).contains("January 2027"));
    f.keys("[[");
    assert!(status(&f, 120).contains("November 2026"));
    // From Tuesday 3 November, a week back and a day back.
    f.keys("kh");
    assert!(
        status(&f, 120).contains("October 2026 · 0 items · Mon 26"),
        "{}",
        status(&f, 120)
    );
    f.keys("t");
    assert!(status(&f, 120).contains("Wed 25: 4 items"));
}

#[test]
fn enter_opens_the_day_and_esc_goes_back_to_the_month() {
    let mut f = plans();
    f.keys("<Enter>");
    let screen = f.screen(120, 40);
    assert!(
        status(&f, 120).contains("4 on Wed 25 Nov 2026 · Esc back to the month"),
        "{screen}"
    );
    for task in ["pay rent", "call mum", "tickets", "passport"] {
        assert!(screen.contains(task), "{task}:\n{screen}");
    }
    assert!(!screen.contains("dentist"), "{screen}");
    // Every list key works on the day's items: tick the first.
    f.keys(" ");
    let Some(Panel::List(l)) = f.app.focused() else {
        panic!("not a list")
    };
    assert_eq!(l.items.iter().filter(|i| i.done).count(), 1);
    f.keys("<Esc>");
    assert!(status(&f, 120).contains("November 2026"), "{}", f.screen(120, 40));
    // Esc again leaves the panel, as from any view.
    f.keys("<Esc>");
    assert!(f.app.focused().is_none());
}

#[test]
fn a_adds_an_item_on_the_selected_day() {
    let mut f = plans();
    f.keys("ll");
    f.keys("a");
    f.keys("vet<Enter>");
    let Some(Panel::List(l)) = f.app.focused() else {
        panic!("not a list")
    };
    let vet = l
        .items
        .iter()
        .find(|i| i.values.get("task").map(|v| v.display()) == Some("vet".into()));
    assert_eq!(
        vet.and_then(|i| i.values.get("due")).map(|v| v.display()),
        Some("2026-11-27".to_string()),
        "{}",
        f.screen(120, 40)
    );
    assert!(status(&f, 120).contains("Fri 27: 1 item"), "{}", status(&f, 120));
}

#[test]
fn v_cycles_through_the_calendar() {
    let mut f = plans();
    f.keys("v");
    assert!(
        status(&f, 120).contains("7 of 7"),
        "checklist next:\n{}",
        f.screen(120, 40)
    );
    f.keys("v");
    assert!(status(&f, 120).contains("7 of 7"), "then the table");
    f.keys("v");
    assert!(
        f.screen(120, 40).contains("me (0)"),
        "then the board by the Choice:\n{}",
        f.screen(120, 40)
    );
    f.keys("v");
    assert!(status(&f, 120).contains("November 2026"), "then the month again");
}
