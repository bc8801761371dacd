//! Named views (`views:` in a List) and launcher groups (`group:`), as a
//! user sees them: `v` goes through checklist, table, board, then each
//! named view; the panel's title names it and the footer counts over its
//! filter; a group's apps are listed together under its header.

use crate::common::fixture;

use fixture::{Fixture, with_list};
use insta::assert_snapshot;
use nook::app::Panel;
use nook::model::FieldValue;

const BOOKS: &str = r#"List(
    name: "Books",
    fields: {
        "title":  Text(required: true),
        "author": Text,
        "status": Choice(options: ["to read", "reading", "done"], default: "to read"),
        "rating": Rating(max: 5),
    },
    summary: [Count, Avg("rating")],
    views: [
        (name: "To read", filter: "status == 'to read'", sort: ["-rating"]),
        (name: "By author", view: Table(columns: ["title", "rating"], group: "author"), sort: ["title"]),
    ],
)
"#;

fn books() -> Fixture {
    let t = |s: &str| FieldValue::Text(s.into());
    let n = FieldValue::Number;
    let mut f = with_list(
        "books.ron",
        BOOKS,
        &[
            &[
                ("title", t("Dune")),
                ("author", t("Herbert")),
                ("status", t("to read")),
                ("rating", n(3.0)),
            ],
            &[
                ("title", t("Emma")),
                ("author", t("Austen")),
                ("status", t("done")),
                ("rating", n(5.0)),
            ],
            &[
                ("title", t("Persuasion")),
                ("author", t("Austen")),
                ("status", t("to read")),
                ("rating", n(5.0)),
            ],
            &[
                ("title", t("Ulysses")),
                ("author", t("Joyce")),
                ("status", t("to read")),
            ],
        ],
    );
    f.open("books");
    f
}

fn titles(f: &Fixture) -> Vec<String> {
    let Some(Panel::List(l)) = f.app.focused() else {
        panic!("not a list")
    };
    l.order
        .iter()
        .map(|&i| l.items[i].values["title"].display())
        .collect()
}

fn view_name(f: &Fixture) -> Option<String> {
    let Some(Panel::List(l)) = f.app.focused() else {
        panic!("not a list")
    };
    l.view_name().map(str::to_string)
}

#[test]
fn v_goes_through_the_built_in_views_then_each_named_view() {
    let mut f = books();
    assert_eq!(view_name(&f), None);
    assert_eq!(titles(&f).len(), 4);
    // Checklist -> table -> board -> "To read" -> "By author" -> checklist.
    f.keys("vv");
    assert_eq!(view_name(&f), None);
    f.keys("v");
    assert_eq!(view_name(&f).as_deref(), Some("To read"));
    assert_eq!(titles(&f), ["Persuasion", "Dune", "Ulysses"]);
    let screen = f.screen(120, 40);
    assert!(screen.contains("┏ Books · To read ━"), "{screen}");
    assert!(
        screen.contains("3 of 4 · as in view: rating highest first"),
        "{screen}"
    );
    f.keys("v");
    assert_eq!(view_name(&f).as_deref(), Some("By author"));
    assert_eq!(titles(&f), ["Emma", "Persuasion", "Dune", "Ulysses"]);
    f.keys("v");
    assert_eq!(view_name(&f), None);
    assert_eq!(titles(&f).len(), 4);
}

#[test]
fn the_footer_follows_the_view_filter_and_the_slash_filter_on_top() {
    let mut f = books();
    f.keys("vvv");
    let foot = |f: &Fixture| f.screen(120, 40).lines().rev().nth(2).unwrap().to_string();
    assert!(foot(&f).contains("3 of 4 shown · 3 items"), "{}", foot(&f));
    f.keys("/dune<Enter>");
    assert_eq!(titles(&f), ["Dune"]);
    assert!(foot(&f).contains("1 of 4 shown · 1 item"), "{}", foot(&f));
    assert_snapshot!("to_read_filtered_80x24", f.screen(80, 24));
}

#[test]
fn a_named_view_draws_its_layout() {
    let mut f = books();
    f.keys("vvvv");
    assert_snapshot!("by_author_80x24", f.screen(80, 24));
}

const GUESTS: &str = r#"List(
    name: "Guests",
    icon: "💌",
    group: "Wedding",
    fields: { "name": Text(required: true), "rsvp": Choice(options: ["yes", "no", "maybe"]) },
)
"#;

/// A home with the bundled apps and two apps of the group "Wedding",
/// written apart in the apps folder (a bundled app between them by name).
fn wedding() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let home = nook::paths::Home {
        root: dir.path().to_path_buf(),
    };
    nook::bundled::install_if_missing(&home).unwrap();
    std::fs::write(home.apps().join("guests.ron"), GUESTS).unwrap();
    std::fs::write(
        home.apps().join("vendors.ron"),
        "List(name: \"Vendors\", icon: \"🎻\", group: \"Wedding\")\n",
    )
    .unwrap();
    let store = nook::store::Store::open(&home.database().unwrap()).unwrap();
    let (shell, app) = nook::runtime::terminal::start(home, store, fixture::now());
    Fixture { dir, shell, app }
}

#[test]
fn a_launcher_group_lists_its_apps_together_under_its_header() {
    let mut f = wedding();
    let screen = f.screen(120, 40);
    let at = |needle: &str| {
        screen
            .lines()
            .position(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("no {needle:?}:\n{screen}"))
    };
    // The header, then its two apps right under it, though "habits",
    // "packing" and more come between them by file name.
    assert_eq!(at("Guests"), at("▾ Wedding") + 1);
    assert_eq!(at("Vendors"), at("▾ Wedding") + 2);
    assert_snapshot!("launcher_group_120x40", screen);
    // j/k go over the apps, not the header: from Guests one down is Vendors.
    let selected = |f: &Fixture| {
        let rows = f.app.visible_entries();
        f.app.entries[rows[f.app.launcher.selected]].file.clone()
    };
    while selected(&f) != "guests.ron" {
        f.keys("j");
    }
    f.keys("j");
    assert_eq!(selected(&f), "vendors.ron");
    // The filter finds a group's apps by the group's name.
    f.keys("/wedding");
    let rows = f.app.visible_entries();
    let files: Vec<&str> = rows.iter().map(|&i| f.app.entries[i].file.as_str()).collect();
    assert_eq!(files, ["guests.ron", "vendors.ron"]);
}

#[test]
fn the_named_view_chosen_is_shown_again_when_the_app_opens_again() {
    let mut f = books();
    f.keys("vvvv");
    assert_eq!(view_name(&f).as_deref(), Some("By author"));
    f.keys("q");
    assert!(f.app.focused().is_none(), "{}", f.screen(100, 30));
    f.open("books");
    assert_eq!(view_name(&f).as_deref(), Some("By author"));
    assert_eq!(titles(&f), ["Emma", "Persuasion", "Dune", "Ulysses"]);
}

#[test]
fn a_percent_and_a_time_show_as_typed_in_every_view() {
    let spec = "List(name: \"Tips\", fields: { \"who\": Text, \"tip\": Percent, \"at\": Time, \"mail\": Email }, view: Table())\n";
    let mut f = with_list(
        "tips.ron",
        spec,
        &[&[
            ("who", FieldValue::Text("Ana".into())),
            ("tip", FieldValue::Number(15.0)),
            ("at", FieldValue::Text("08:30".into())),
            ("mail", FieldValue::Text("ana@example.com".into())),
        ]],
    );
    f.open("tips");
    let row = |f: &Fixture| {
        let screen = f.screen(100, 30);
        screen
            .lines()
            .find(|l| l.contains("Ana"))
            .unwrap_or_default()
            .to_string()
    };
    // The table, then the checklist (v goes from one to the other here).
    for view in ["table", "checklist"] {
        let r = row(&f);
        assert!(
            r.contains("15%") && r.contains("08:30") && r.contains("ana@example.com"),
            "{view}: {r}"
        );
        f.keys("v");
    }
}
