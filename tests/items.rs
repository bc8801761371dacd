//! CLI parity: every list action of the TUI from the shell, items named by
//! their id or a unique prefix of it.

mod common;
use common::Home;

fn groceries(h: &Home, n: usize) {
    for i in 1..=n {
        h.ok(["add", "groceries", &format!("thing {i}")]);
    }
}

#[test]
fn items_lists_ids_done_state_and_fields() {
    let h = Home::installed();
    groceries(&h, 2);
    h.ok(["done", "groceries", "2"]);
    let out = h.ok(["items", "groceries"]);
    assert!(out.contains("1   [ ]   thing 1"), "{out}");
    assert!(out.contains("2   [x]   thing 2"), "{out}");
    let json: serde_json::Value = serde_json::from_str(&h.ok(["items", "groceries", "--json"])).unwrap();
    assert_eq!(json[1]["id"], 2, "a number, as `nook export` writes it");
    assert_eq!(json[1]["done"], true);
    for key in ["text", "values", "done", "id", "created", "updated"] {
        assert!(json[0].get(key).is_some(), "every row has {key}: {json}");
    }
    let export = h.export("groceries");
    assert_eq!(json[1]["id"], export["items"][1]["id"]);
    h.ok([
        "add",
        "reading",
        "title=Dune",
        "author=Frank Herbert",
        "pages=412",
    ]);
    let out = h.ok(["items", "reading"]);
    assert!(
        out.contains("Dune") && out.contains("author=Frank Herbert"),
        "{out}"
    );
}

#[test]
fn edit_changes_only_the_named_fields() {
    let h = Home::installed();
    h.ok([
        "add",
        "reading",
        "title=Dune",
        "author=Frank Herbert",
        "pages=412",
    ]);
    let out = h.ok(["edit", "reading", "1", "pages=500"]);
    assert!(out.contains("Edited 1 in Reading"), "{out}");
    let item = &h.items("reading")[0];
    assert_eq!(item["values"]["pages"], 500.0);
    assert_eq!(item["values"]["author"], "Frank Herbert");
    // Checked as `nook add` checks: a bad value is refused, nothing changes.
    let err = h.fails(1, ["edit", "reading", "1", "pages=lots"]);
    assert!(
        err.contains("pages") && err.contains("nothing was changed"),
        "{err}"
    );
    let err = h.fails(1, ["edit", "reading", "1", "pgaes=3"]);
    assert!(err.contains("did you mean \"pages\""), "{err}");
    assert_eq!(h.items("reading")[0]["values"]["pages"], 500.0);
    // A plain list edits its text.
    groceries(&h, 1);
    h.ok(["edit", "groceries", "1", "oat", "milk"]);
    assert_eq!(h.items("groceries")[0]["text"], "oat milk");
}

#[test]
fn done_ticks_and_unticks() {
    let h = Home::installed();
    groceries(&h, 1);
    assert!(h.ok(["done", "groceries", "1"]).contains("Ticked \"thing 1\""));
    assert_eq!(h.items("groceries")[0]["done"], true);
    assert!(
        h.ok(["done", "groceries", "1", "--undo"])
            .contains("Unticked \"thing 1\"")
    );
    assert_eq!(h.items("groceries")[0]["done"], false);
}

#[test]
fn rm_deletes_and_undo_and_redo_say_what_they_did() {
    let h = Home::installed();
    groceries(&h, 1);
    h.ok(["done", "groceries", "1"]);
    assert!(h.ok(["rm", "groceries", "1"]).contains("Deleted \"thing 1\""));
    assert!(h.items("groceries").is_empty());
    let out = h.ok(["undo", "groceries"]);
    assert!(out.contains("Undid: deleted \"thing 1\""), "{out}");
    assert_eq!(h.items("groceries").len(), 1);
    // Without an app: the app changed last.
    let out = h.ok(["undo"]);
    assert!(out.contains("Undid: ticked \"thing 1\""), "{out}");
    let out = h.ok(["redo"]);
    assert!(out.contains("Redid: ticked \"thing 1\""), "{out}");
    assert_eq!(h.items("groceries")[0]["done"], true);
}

#[test]
fn an_id_is_a_full_id_or_a_unique_prefix() {
    let h = Home::installed();
    groceries(&h, 12);
    // "1" is a full id: it wins over 10, 11 and 12.
    h.ok(["done", "groceries", "1"]);
    assert_eq!(h.items("groceries")[0]["done"], true);
    h.ok(["rm", "groceries", "1"]);
    // Now "1" starts 10, 11 and 12: ambiguous, and the candidates are listed.
    let err = h.fails(1, ["done", "groceries", "1"]);
    assert!(err.contains("ID \"1\"") && err.contains("several"), "{err}");
    assert!(
        err.contains("10 thing 10") && err.contains("12 thing 12"),
        "{err}"
    );
    let err = h.fails(1, ["rm", "groceries", "99"]);
    assert!(err.contains("ID \"99\"") && err.contains("its ids are"), "{err}");
    assert_eq!(h.items("groceries").len(), 11, "nothing was deleted");
}

#[test]
fn every_error_names_the_argument_and_exits_1() {
    let h = Home::installed();
    let err = h.fails(1, ["items", "nosuch"]);
    assert!(err.contains("nosuch"), "{err}");
    let err = h.fails(1, ["edit", "water", "1", "x=1"]);
    assert!(err.contains("water is a tracker, not a list"), "{err}");
    let err = h.fails(1, ["done", "groceries", "1"]);
    assert!(err.contains("ID \"1\"") && err.contains("has no items"), "{err}");
    let err = h.fails(1, ["undo", "groceries"]);
    assert!(err.contains("Nothing to undo in Groceries"), "{err}");
    let err = h.fails(1, ["redo"]);
    assert!(err.contains("Nothing to redo"), "{err}");
    h.fails(2, ["edit", "groceries", "1"]);
}

#[test]
fn edit_refuses_words_without_equals_on_a_list_with_fields() {
    let h = Home::installed();
    h.ok(["add", "expenses", "what=lunch", "amount=12"]);
    let err = h.fails(1, ["edit", "expenses", "1", "amount", "15"]);
    assert!(err.contains("\"amount\""), "{err}");
    assert!(err.contains("what="), "names the title field in the hint: {err}");
    assert_eq!(
        h.export("expenses")["items"][0]["values"]["what"],
        "lunch",
        "nothing renamed"
    );
    // A plain list takes loose words as the new text.
    h.ok(["add", "groceries", "milk"]);
    h.ok(["edit", "groceries", "1", "oat", "milk"]);
    assert_eq!(h.export("groceries")["items"][0]["text"], "oat milk");
}

#[test]
fn undo_names_the_whole_group() {
    let a = Home::installed();
    groceries(&a, 13);
    let file = a.path().join("g.json");
    std::fs::write(&file, a.ok(["export", "groceries", "--format", "json"])).unwrap();
    let h = Home::installed();
    h.ok(["import", "groceries", file.to_str().unwrap()]);
    let out = h.ok(["undo"]);
    assert!(
        out.contains("Undid: the import of 13 items into Groceries"),
        "{out}"
    );
}

#[test]
fn id_errors_are_capped_worded_and_take_a_hash() {
    let h = Home::installed();
    groceries(&h, 25);
    h.ok(["done", "groceries", "#3"]);
    assert_eq!(h.export("groceries")["items"][2]["done"], true, "#3 is item 3");
    let err = h.fails(1, ["done", "groceries", "3x"]);
    assert!(err.contains("starting with \"3x\""), "{err}");
    assert!(err.contains("more; `nook items groceries` lists them"), "{err}");
    assert!(!err.contains("25"), "the list is capped: {err}");
    let err = h.fails(1, ["done", "groceries", ""]);
    assert!(err.contains("the ID is empty"), "{err}");
}

#[test]
fn a_home_without_a_database_gets_none_from_done_rm_or_edit() {
    let h = Home::installed();
    for args in [
        ["done", "groceries", "1"],
        ["rm", "groceries", "1"],
        ["edit", "groceries", "1"],
    ] {
        let mut args = args.to_vec();
        if args[0] == "edit" {
            args.push("x");
        }
        let err = h.fails(1, args);
        assert!(err.contains("has no items"), "{err}");
        assert!(!h.db().exists(), "no database was made");
    }
}

#[test]
fn undo_without_an_app_on_an_unreadable_log_says_so() {
    let h = Home::installed();
    h.ok(["add", "groceries", "milk"]);
    {
        // The operation log's one entry overwritten with bytes no nook wrote.
        let db = redb::Database::open(h.db()).unwrap();
        let txn = db.begin_write().unwrap();
        {
            let def: redb::TableDefinition<u64, &[u8]> = redb::TableDefinition::new("oplog");
            let mut t = txn.open_table(def).unwrap();
            t.insert(1u64, b"\xff\xfenot an operation".as_slice()).unwrap();
        }
        txn.commit().unwrap();
    }
    let err = h.fails(1, ["undo"]);
    assert!(!err.contains("Nothing to undo"), "{err}");
    assert!(err.contains("operation"), "says what could not be read: {err}");
}

#[test]
fn undo_names_a_tracker_step_as_it_was_typed() {
    let h = Home::installed();
    h.spec("tea.ron", "Tracker(name: \"Tea\", id: \"tea\", unit: \"l\")\n");
    for _ in 0..3 {
        h.ok(["log", "tea", "0.1"]);
    }
    // The step is worked out as stored after minus before (0.3 - 0.2).
    let out = h.ok(["undo", "tea"]);
    assert!(out.contains("Undid: +0.1 l on Tea"), "{out}");
}
