//! Data follows the spec: removed fields are kept (hidden) and come back,
//! `was:` carries values across a rename, a changed type converts what
//! converts and flags the rest, and a changed kind is refused while data of
//! the old kind is stored.

use crate::common;
use crate::common::fixture;

use std::collections::BTreeMap;

use common::Home;
use nook::model::migrate::{keep_stored, present, report};
use nook::model::{FieldValue, Item};
use nook::spec::{Kind, ListSpec, Spec};

fn spec(text: &str) -> Spec {
    nook::spec::parse_str("books.ron", text).unwrap_or_else(|e| panic!("{e}"))
}

fn list(s: &Spec) -> &ListSpec {
    match &s.kind {
        Kind::List(l) => l,
        _ => panic!("not a list"),
    }
}

fn item(values: &[(&str, FieldValue)]) -> Item {
    Item {
        id: nook::model::item_id::ItemId::from_legacy("books", 1, 0),
        text: String::new(),
        done: false,
        created: 0,
        updated: 0,
        values: values.iter().map(|(k, v)| (k.to_string(), v.clone())).collect(),
    }
}

fn text(s: &str) -> FieldValue {
    FieldValue::Text(s.into())
}

const BOOKS: &str = r#"List(name: "Books", fields: { "title": Text(required: true), "pages": Number() })"#;
const BOOKS_NO_PAGES: &str = r#"List(name: "Books", fields: { "title": Text(required: true) })"#;

// ---------------------------------------------------------------- pure core

#[test]
fn a_removed_field_is_kept_hidden_and_reported() {
    let s = spec(BOOKS_NO_PAGES);
    let i = present(
        list(&s),
        item(&[("title", text("Dune")), ("pages", FieldValue::Number(412.0))]),
    );
    assert_eq!(i.values["pages"], FieldValue::Number(412.0), "kept");
    let r = report(list(&s), [&i]);
    assert_eq!(r.lines(), ["1 hidden field holds data (pages)"]);
}

#[test]
fn editing_after_a_list_gains_or_loses_its_fields_keeps_the_rest() {
    // A plain list that gained fields: the form has no text, the old text stays.
    let stored = Item {
        text: "Dune".into(),
        ..item(&[])
    };
    let s = spec(BOOKS);
    let shown = item(&[("title", text("Dune")), ("pages", FieldValue::Number(412.0))]);
    let kept = keep_stored(list(&s), Some(&stored), shown);
    assert_eq!(kept.text, "Dune");
    assert_eq!(kept.values["pages"], FieldValue::Number(412.0));
    // A table that lost its fields: editing the text keeps every value, hidden.
    let plain = spec(r#"List(name: "Books")"#);
    let stored = item(&[("title", text("Dune")), ("pages", FieldValue::Number(412.0))]);
    let shown = Item {
        text: "Dune (reread)".into(),
        ..item(&[])
    };
    let kept = keep_stored(list(&plain), Some(&stored), shown);
    assert_eq!(kept.text, "Dune (reread)");
    assert_eq!(
        kept.values, stored.values,
        "values stay for when the fields return"
    );
}

#[test]
fn was_reads_the_old_name_and_an_edit_moves_only_what_changed() {
    let s = spec(
        r#"List(name: "Books", fields: {
            "title": Text(required: true),
            "length": Number(was: "pages"),
            "note": Text(was: "comment"),
        })"#,
    );
    let l = list(&s);
    let stored = item(&[
        ("title", text("Dune")),
        ("pages", FieldValue::Number(412.0)),
        ("comment", text("great")),
    ]);
    let shown = present(l, stored.clone());
    assert_eq!(shown.values["length"], FieldValue::Number(412.0));
    assert!(!shown.values.contains_key("pages"), "not shown twice");
    assert!(
        report(l, [&shown]).is_empty(),
        "nothing hidden: {:?}",
        report(l, [&shown])
    );
    // Ticked off: nothing about the values changed, so they stay as stored.
    let mut ticked = shown.clone();
    ticked.done = true;
    let kept = keep_stored(l, Some(&stored), ticked);
    assert!(kept.done);
    assert_eq!(kept.values, stored.values);
    // The length edited: it moves to the new name; the note stays where it was.
    let mut edited = shown.clone();
    edited.values.insert("length".into(), FieldValue::Number(500.0));
    let kept = keep_stored(l, Some(&stored), edited);
    assert_eq!(kept.values.get("length"), Some(&FieldValue::Number(500.0)));
    assert!(!kept.values.contains_key("pages"));
    assert_eq!(kept.values.get("comment"), Some(&text("great")));
    // A new value under the new name wins over the old one.
    let both = present(
        l,
        item(&[
            ("length", FieldValue::Number(1.0)),
            ("pages", FieldValue::Number(2.0)),
        ]),
    );
    assert_eq!(both.values["length"], FieldValue::Number(1.0));
    assert_eq!(
        both.values["pages"],
        FieldValue::Number(2.0),
        "the old one is kept, hidden"
    );
}

#[test]
fn a_changed_type_converts_what_converts_and_flags_the_rest() {
    let as_number = spec(BOOKS.replace("Text(required: true)", "Text()").as_str());
    let retyped = spec(
        r#"List(name: "Books", fields: {
            "title": Text(), "pages": Number(), "owned": Bool,
            "status": Choice(options: ["to read", "done"]), "when": Date,
            "tags": Tags(), "time": Duration, "rating": Rating(max: 5),
        })"#,
    );
    let l = list(&retyped);
    let stored = item(&[
        ("title", FieldValue::Number(3.0)),
        ("pages", text("1,200")),
        ("owned", text("Yes")),
        ("status", text("DONE")),
        ("when", text("2026-01-02 10:30")),
        ("tags", text("a, b")),
        ("time", text("1h30m")),
        ("rating", text("4")),
    ]);
    let shown = present(l, stored.clone());
    assert_eq!(shown.values["title"], text("3"), "Number -> Text");
    assert_eq!(
        shown.values["pages"],
        FieldValue::Number(1200.0),
        "Text -> Number"
    );
    assert_eq!(shown.values["owned"], FieldValue::Bool(true), "Text -> Bool");
    assert_eq!(
        shown.values["status"],
        text("done"),
        "Text -> Choice, spelled as the option"
    );
    assert_eq!(shown.values["when"], text("2026-01-02"), "DateTime -> Date");
    assert_eq!(
        shown.values["tags"],
        FieldValue::List(vec!["a".into(), "b".into()])
    );
    assert_eq!(shown.values["time"], FieldValue::Number(5400.0));
    assert_eq!(shown.values["rating"], FieldValue::Number(4.0));
    assert!(report(l, [&shown]).is_empty());

    // What does not convert is kept as stored and flagged.
    let odd = item(&[
        ("pages", text("lots")),
        ("owned", text("maybe")),
        ("status", text("lost")),
        ("when", text("soon")),
    ]);
    let shown = present(l, odd.clone());
    assert_eq!(shown.values, odd.values, "kept as stored");
    let lines = report(l, [&shown]).lines();
    assert!(
        lines.contains(&"1 value of 'pages' does not fit Number".to_string()),
        "{lines:?}"
    );
    assert!(lines.contains(&"1 value of 'status' does not fit Choice".to_string()));
    assert_eq!(lines.len(), 4, "{lines:?}");

    // Back to Text: the stored value is there, untouched.
    let back = present(list(&as_number), odd.clone());
    assert_eq!(back.values["pages"], text("lots"));
    // Choice -> Text, Text -> Choice only when it is an option.
    let t = spec(r#"List(name: "B", fields: { "status": Text })"#);
    assert_eq!(
        present(list(&t), item(&[("status", text("done"))])).values["status"],
        text("done")
    );
}

#[test]
fn the_form_keeps_a_value_that_does_not_fit_unless_it_is_edited() {
    let s = spec(BOOKS.replace("Text(required: true)", "Text()").as_str());
    let stored = item(&[
        ("title", text("Dune")),
        ("pages", text("lots")),
        ("gone", text("x")),
    ]);
    let shown = present(list(&s), stored.clone());
    let mut form = nook::app::form::Form::new(list(&s), Some(shown), fixture::now());
    let enter = nook::app::key::Key::plain(nook::app::key::Code::Enter);
    match form.key(enter, fixture::now()) {
        nook::app::form::FormResult::Save(_, values) => {
            assert_eq!(values["pages"], text("lots"), "kept, not refused");
            assert_eq!(values["gone"], text("x"), "hidden values kept");
        }
        _ => panic!("saves: {:?}", form.fields),
    }
}

// ---------------------------------------------------------------- the command line

fn books_home(spec_text: &str) -> Home {
    let h = Home::installed();
    h.spec("books.ron", spec_text);
    h
}

fn ls_line(h: &Home, id: &str) -> String {
    h.ok(["ls"])
        .lines()
        .find(|l| l.starts_with(&format!("{id} ")))
        .unwrap_or_default()
        .to_string()
}

#[test]
fn a_removed_field_comes_back_with_its_values_and_export_keeps_them() {
    let h = books_home(BOOKS);
    h.ok(["add", "books", "title=Dune", "pages=412"]);
    h.ok(["add", "books", "title=Emma"]);
    h.spec("books.ron", BOOKS_NO_PAGES);
    assert!(
        ls_line(&h, "books").contains("1 hidden field holds data (pages)"),
        "{}",
        h.ok(["ls"])
    );
    let check = h.ok(["check"]);
    assert!(
        check.contains("books.ron: note: 1 hidden field holds data (pages)"),
        "{check}"
    );
    // Export (JSON and CSV) includes hidden values (JSON apart, in `hidden`).
    let items = h.items("books");
    assert_eq!(items[0]["hidden"]["pages"], 412.0);
    let csv = h.ok(["export", "books", "--format", "csv"]);
    assert!(csv.lines().next().unwrap().contains("pages"), "{csv}");
    assert!(csv.contains("412"));
    // A write while the field is gone keeps its value.
    h.ok(["add", "books", "title=Ulysses"]);
    h.spec("books.ron", BOOKS);
    assert!(
        !ls_line(&h, "books").contains("hidden"),
        "{}",
        ls_line(&h, "books")
    );
    assert_eq!(h.items("books")[0]["values"]["pages"], 412.0);
}

#[test]
fn was_carries_values_across_a_rename_in_ls_csv_and_sums() {
    let h = books_home(&BOOKS.replace("})", "}, summary: [Sum(\"pages\")])"));
    h.ok(["add", "books", "title=Dune", "pages=412"]);
    h.ok(["add", "books", "title=Emma", "pages=100"]);
    h.spec(
        "books.ron",
        r#"List(name: "Books", fields: { "title": Text(required: true), "length": Number(was: "pages") },
            summary: [Sum("length")])"#,
    );
    assert!(
        ls_line(&h, "books").contains("512 length"),
        "{}",
        ls_line(&h, "books")
    );
    assert!(!ls_line(&h, "books").contains("hidden"));
    let csv = h.ok(["export", "books", "--format", "csv"]);
    assert_eq!(
        csv.lines().next().unwrap(),
        "id,done,title,length,created,updated"
    );
    assert!(csv.contains(",Dune,412,"), "{csv}");
    // Without `was:` the old values are hidden, not lost.
    h.spec(
        "books.ron",
        r#"List(name: "Books", fields: { "title": Text(required: true), "length": Number() })"#,
    );
    assert!(ls_line(&h, "books").contains("1 hidden field holds data (pages)"));
}

#[test]
fn a_changed_type_is_flagged_in_ls_and_check_and_reverts() {
    let h = books_home(&BOOKS.replace("Number()", "Text()"));
    h.ok(["add", "books", "title=Dune", "pages=412"]);
    h.ok(["add", "books", "title=Emma", "pages=lots"]);
    h.spec("books.ron", BOOKS);
    let line = ls_line(&h, "books");
    assert!(line.contains("1 value of 'pages' does not fit Number"), "{line}");
    assert!(
        h.ok(["check"])
            .contains("books.ron: note: 1 value of 'pages' does not fit Number")
    );
    let csv = h.ok(["export", "books", "--format", "csv"]);
    assert!(csv.contains(",Dune,412,") && csv.contains(",Emma,lots,"), "{csv}");
    // Stored data was not rewritten: back to Text, both values are as typed.
    h.spec("books.ron", &BOOKS.replace("Number()", "Text()"));
    let items = h.items("books");
    assert_eq!(items[0]["values"]["pages"], "412");
    assert_eq!(items[1]["values"]["pages"], "lots");
    assert!(!ls_line(&h, "books").contains("fit"));
}

#[test]
fn a_changed_kind_is_refused_while_data_of_the_old_kind_is_stored() {
    let h = Home::installed();
    h.spec("jobs.ron", r#"List(name: "Jobs")"#);
    for t in ["one", "two"] {
        h.ok(["add", "jobs", t]);
    }
    let before = h.export("jobs");
    h.spec("jobs.ron", r#"Tracker(name: "Jobs", unit: "jobs")"#);
    let err = h.fails(1, ["check"]);
    assert!(
        err.contains("jobs.ron:1:1: the app 'jobs' holds list data (2 items); a tracker cannot read it"),
        "{err}"
    );
    let err = h.fails(1, ["log", "jobs", "3"]);
    assert!(err.contains("holds list data (2 items)"), "{err}");
    assert!(h.ok(["ls"]).contains("invalid"), "{}", h.ok(["ls"]));
    // Nothing was written; back to a list, every item is there.
    h.spec("jobs.ron", r#"List(name: "Jobs")"#);
    assert_eq!(h.export("jobs")["items"], before["items"]);
    h.ok(["check"]);
}

#[test]
fn a_changed_kind_is_allowed_without_data() {
    let h = Home::installed();
    h.spec("jobs.ron", r#"List(name: "Jobs")"#);
    h.ok(["add", "jobs", "one"]);
    let one = nook::model::item_id::ItemId::parse(&h.ids("jobs")[0]).unwrap();
    h.spec("jobs.ron", r#"List(name: "Jobs", fields: { "t": Text })"#);
    // Deleted down to nothing (through the store), the id may change kind.
    let home = nook::paths::Home {
        root: h.path().to_path_buf(),
    };
    let store = nook::store::Store::open(&home.database().unwrap()).unwrap();
    let s = nook::spec::Catalog::scan(&home.apps(), &home.bounds())
        .unwrap()
        .find("jobs")
        .unwrap()
        .clone();
    store
        .write(&s, nook::model::Now::system().unwrap(), |tx| {
            tx.apply(nook::store::Op::DeleteItem { id: one })
        })
        .unwrap();
    drop(store);
    h.spec("jobs.ron", r#"Tracker(name: "Jobs", unit: "jobs")"#);
    h.ok(["check"]);
    h.ok(["log", "jobs", "3"]);
    // Now it holds tracker data, and undo never reaches the list's history.
    h.spec("jobs.ron", r#"List(name: "Jobs")"#);
    assert!(
        h.fails(1, ["add", "jobs", "x"])
            .contains("holds tracker data (1 day)")
    );
}

#[test]
fn the_store_never_writes_one_kinds_data_into_another() {
    let dir = tempfile::tempdir().unwrap();
    let store = nook::store::Store::open(&dir.path().join("nook.redb")).unwrap();
    let as_list = nook::spec::parse_str("x.ron", r#"List(name: "X")"#).unwrap();
    let as_tracker = nook::spec::parse_str("x.ron", r#"Tracker(name: "X")"#).unwrap();
    let now = nook::model::Now::system().unwrap();
    store
        .write(&as_list, now, |tx| tx.add_item("a".into(), BTreeMap::new()))
        .unwrap();
    let err = store
        .write(&as_tracker, now, |tx| tx.set_entry("", 1, 1.0))
        .unwrap_err();
    assert!(err.to_string().contains("holds list data (1 item)"), "{err}");
    assert!(
        store
            .read(|r| r.entries("x", "", i32::MIN, i32::MAX))
            .unwrap()
            .is_empty()
    );
    // An op of the wrong kind is refused even where no data is stored yet.
    let t = nook::spec::parse_str("y.ron", r#"Tracker(name: "Y")"#).unwrap();
    assert!(
        store
            .write(&t, now, |tx| tx.add_item("a".into(), BTreeMap::new()))
            .is_err()
    );
}

// ---------------------------------------------------------------- the TUI

#[test]
fn the_tui_keeps_hidden_and_unfitting_values_through_edits_and_ticks() {
    let mut f = fixture::seeded();
    let apps = f.home().apps();
    let reading = std::fs::read_to_string(apps.join("reading.ron")).unwrap();
    // "author" removed, "pages" retyped to Date: 4 values that do not fit.
    let changed = reading
        .lines()
        .filter(|l| !l.contains("\"author\"") && !l.contains("summary:"))
        .map(|l| {
            if l.contains("\"pages\"") {
                "        \"pages\": Date,".to_string()
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(apps.join("reading.ron"), changed).unwrap();
    let scan = f.shell.scan();
    f.shell.dispatch(&mut f.app, scan);
    f.open("reading");
    let screen = f.screen(140, 30);
    assert!(screen.contains("1 hidden field holds data (author)"), "{screen}");
    assert!(screen.contains("4 values of 'pages' do not fit Date"), "{screen}");
    // Move a card and edit an item: hidden and unfitting values stay.
    f.keys("L");
    f.keys("e<Enter>");
    for i in f.export("reading").items {
        assert!(i.hidden.contains_key("author"), "{i:?}");
        assert!(matches!(i.values["pages"], FieldValue::Number(_)), "{i:?}");
    }
}
