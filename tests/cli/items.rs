//! CLI parity: every list action of the TUI from the shell, items named by
//! their id or a unique prefix of it.

use crate::common;
use common::{Home, short_ids};

/// Adds "thing 1" … "thing N": their ids, in order.
fn groceries(h: &Home, n: usize) -> Vec<String> {
    (1..=n)
        .map(|i| h.add("groceries", [format!("thing {i}")]))
        .collect()
}

#[test]
fn items_lists_ids_done_state_and_fields() {
    let h = Home::installed();
    let added = groceries(&h, 2);
    h.ok(["done", "groceries", &added[1]]);
    let full = h.ids("groceries");
    let short = short_ids(&full);
    let out = h.ok(["items", "groceries"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "a header and a row each: {out}");
    let w = short.iter().map(String::len).max().unwrap();
    assert_eq!(lines[1], format!("{:<w$}  [ ]   thing 1", short[0]), "{out}");
    assert_eq!(lines[2], format!("{:<w$}  [x]   thing 2", short[1]), "{out}");
    assert!(
        short.iter().all(|s| s.len() >= 8 && s.len() < 32),
        "short, yet at least 8 digits: {short:?}"
    );
    assert!(!out.contains(&full[0]), "the table shows ids short: {out}");
    let json: serde_json::Value = serde_json::from_str(&h.ok(["items", "groceries", "--json"])).unwrap();
    assert_eq!(
        json[1]["id"],
        full[1].as_str(),
        "in full, as `nook export` writes it"
    );
    assert_eq!(full[1].len(), 36, "a hyphenated UUID: {}", full[1]);
    assert!(
        full[1].starts_with(&added[1][..8]),
        "`nook add` printed its start"
    );
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
    let id = h.ids("reading").remove(0);
    let out = h.ok(["edit", "reading", &id, "pages=500"]);
    let short = &short_ids(std::slice::from_ref(&id))[0];
    assert!(out.contains(&format!("Edited {short} in Reading")), "{out}");
    let item = &h.items("reading")[0];
    assert_eq!(item["values"]["pages"], 500.0);
    assert_eq!(item["values"]["author"], "Frank Herbert");
    // Checked as `nook add` checks: a bad value is refused, nothing changes.
    let err = h.fails(1, ["edit", "reading", &id, "pages=lots"]);
    assert!(
        err.contains("pages") && err.contains("nothing was changed"),
        "{err}"
    );
    let err = h.fails(1, ["edit", "reading", &id, "pgaes=3"]);
    assert!(err.contains("did you mean \"pages\""), "{err}");
    assert_eq!(h.items("reading")[0]["values"]["pages"], 500.0);
    // A plain list edits its text.
    let thing = groceries(&h, 1).remove(0);
    h.ok(["edit", "groceries", &thing, "oat", "milk"]);
    assert_eq!(h.items("groceries")[0]["text"], "oat milk");
}

#[test]
fn done_ticks_and_unticks() {
    let h = Home::installed();
    let id = groceries(&h, 1).remove(0);
    let out = h.ok(["done", "groceries", &id]);
    assert!(
        out.contains(&format!("Ticked \"thing 1\" ({id} in Groceries)")),
        "{out}"
    );
    assert_eq!(h.items("groceries")[0]["done"], true);
    assert!(
        h.ok(["done", "groceries", &id, "--undo"])
            .contains("Unticked \"thing 1\"")
    );
    assert_eq!(h.items("groceries")[0]["done"], false);
}

#[test]
fn rm_deletes_and_undo_and_redo_say_what_they_did() {
    let h = Home::installed();
    let id = groceries(&h, 1).remove(0);
    h.ok(["done", "groceries", &id]);
    assert!(h.ok(["rm", "groceries", &id]).contains("Deleted \"thing 1\""));
    assert!(h.items("groceries").is_empty());
    let out = h.ok(["undo", "groceries"]);
    assert!(out.contains("Undid: delete \"thing 1\" from"), "{out}");
    assert_eq!(h.items("groceries").len(), 1);
    // Without an app: the app changed last.
    let out = h.ok(["undo"]);
    assert!(out.contains("Undid: tick \"thing 1\" in"), "{out}");
    let out = h.ok(["redo"]);
    assert!(out.contains("Redid: tick \"thing 1\" in"), "{out}");
    assert_eq!(h.items("groceries")[0]["done"], true);
}

#[test]
fn an_id_is_a_full_id_or_a_unique_prefix() {
    let h = Home::installed();
    groceries(&h, 12);
    let full = h.ids("groceries");
    let short = short_ids(&full);
    // The full id, with its hyphens or without, in any case.
    h.ok(["done", "groceries", &full[0]]);
    h.ok(["done", "groceries", &full[1].replace('-', "").to_uppercase()]);
    // The short form `nook items` shows.
    h.ok(["done", "groceries", &short[2]]);
    let done: Vec<bool> = h.items("groceries").iter().map(|i| i["done"] == true).collect();
    assert_eq!(&done[..4], [true, true, true, false]);
    h.ok(["rm", "groceries", &short[0]]);
    // What every id starts with is ambiguous, and the candidates are listed
    // with their titles, each by a form that names it alone.
    let common = "0";
    let err = h.fails(1, ["done", "groceries", common]);
    assert!(err.contains("ID \"0\"") && err.contains("several"), "{err}");
    let after = short_ids(&h.ids("groceries"));
    assert!(
        err.contains(&format!("{} thing 2", after[0])) && err.contains(&format!("{} thing 11", after[9])),
        "{err}"
    );
    assert!(
        !err.contains("thing 1\n"),
        "a deleted item is no candidate: {err}"
    );
    let err = h.fails(1, ["rm", "groceries", "99"]);
    assert!(err.contains("ID \"99\"") && err.contains("its ids are"), "{err}");
    assert!(
        err.contains(&after[0]),
        "the ids as `nook items` shows them: {err}"
    );
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
    let lunch = h.add("expenses", ["what=lunch", "amount=12"]);
    let err = h.fails(1, ["edit", "expenses", &lunch, "amount", "15"]);
    assert!(err.contains("\"amount\""), "{err}");
    assert!(err.contains("what="), "names the title field in the hint: {err}");
    assert_eq!(
        h.export("expenses")["items"][0]["values"]["what"],
        "lunch",
        "nothing renamed"
    );
    // A plain list takes loose words as the new text.
    let milk = h.add("groceries", ["milk"]);
    h.ok(["edit", "groceries", &milk, "oat", "milk"]);
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
    let short = short_ids(&h.ids("groceries"));
    // As `nook add` prints it.
    h.ok(["done", "groceries", &format!("#{}", short[2])]);
    assert_eq!(
        h.export("groceries")["items"][2]["done"],
        true,
        "#ID is that item"
    );
    let err = h.fails(1, ["done", "groceries", "3x"]);
    assert!(err.contains("starting with \"3x\""), "{err}");
    assert!(
        err.contains("15 more; `nook items groceries` lists them"),
        "{err}"
    );
    assert!(err.contains(&short[9]), "{err}");
    assert!(!err.contains(&short[10]), "the list is capped: {err}");
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

#[test]
fn an_item_can_be_named_by_its_exact_title_when_no_id_starts_so() {
    let h = Home::installed();
    h.add("groceries", ["oat milk"]);
    h.add("groceries", ["bread"]);
    let out = h.ok(["done", "groceries", "Oat Milk"]);
    assert!(out.contains("Ticked \"oat milk\""), "{out}");
    h.ok(["rm", "groceries", "bread"]);
    assert_eq!(h.items("groceries").len(), 1);
    // Two items of one title: named by id, with the candidates listed.
    h.add("groceries", ["eggs"]);
    h.add("groceries", ["eggs"]);
    let err = h.fails(1, ["done", "groceries", "eggs"]);
    assert!(err.contains("2 items of groceries are titled \"eggs\""), "{err}");
    let err = h.fails(1, ["done", "groceries", "cheese"]);
    assert!(err.contains("or that title"), "{err}");
}
