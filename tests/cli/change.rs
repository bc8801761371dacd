//! `nook change APP SENTENCE`: the diff and what was understood; the file
//! is written only with --yes, through the whole-file save; a sentence or
//! an app it cannot use exits 1 and writes nothing.

use crate::common::Home;

fn spec(h: &Home, app: &str) -> String {
    std::fs::read_to_string(h.apps().join(format!("{app}.ron"))).unwrap()
}

#[test]
fn without_yes_the_diff_is_shown_and_nothing_written() {
    let h = Home::installed();
    let before = spec(&h, "reading");
    let out = h.ok(["change", "reading", "add a price in euros"]);
    assert!(
        out.contains("--- apps/reading.ron\n+++ apps/reading.ron\n@@ "),
        "{out}"
    );
    assert!(
        out.contains("\n+        \"price\":    Money(currency: \"EUR\"),\n"),
        "{out}"
    );
    assert!(
        out.contains("\n         \"owned\":    Bool,\n"),
        "context lines: {out}"
    );
    assert!(out.contains("added field \"price\" (money in EUR)"), "{out}");
    assert!(out.contains("run again with --yes to write it"), "{out}");
    assert_eq!(spec(&h, "reading"), before, "nothing written");
}

#[test]
fn yes_writes_the_change_and_the_app_uses_it() {
    let h = Home::installed();
    h.ok(["add", "reading", "title=Dune", "author=Frank Herbert"]);
    let out = h.ok(["change", "reading", "rename author to writer", "--yes"]);
    assert!(out.contains("Wrote apps/reading.ron"), "{out}");
    let text = spec(&h, "reading");
    assert!(text.contains("\"writer\":   Text(was: \"author\"),"), "{text}");
    assert!(
        text.starts_with("// Books as a board"),
        "the comment stays: {text}"
    );
    h.ok(["check"]);
    // The data followed the rename.
    let items = h.items("reading");
    assert_eq!(items[0]["values"]["writer"], "Frank Herbert", "{items:?}");
    let out = h.ok(["change", "water", "make the goal 10 glasses", "--yes"]);
    assert!(out.contains("goal 10 glasses a day"), "{out}");
    assert!(spec(&h, "water").contains("goal: Daily(10)"));
}

#[test]
fn removing_a_field_with_data_says_the_values_stay_hidden() {
    let h = Home::installed();
    h.ok(["add", "reading", "title=Dune", "author=Frank Herbert"]);
    let out = h.ok(["change", "reading", "remove the author field", "--yes"]);
    assert!(
        out.contains("note: 1 item holds a value of 'author': it stays stored, hidden, not deleted"),
        "{out}"
    );
    let ls = h.ok(["ls"]);
    assert!(ls.contains("1 hidden field holds data (author)"), "{ls}");
}

#[test]
fn nonsense_an_unknown_app_or_a_change_that_would_not_check_exit_1() {
    let h = Home::installed();
    let before = spec(&h, "reading");
    let err = h.fails(1, ["change", "reading", "asdf qwerty", "--yes"]);
    assert!(
        err.contains("could not tell what to change in \"asdf qwerty\""),
        "{err}"
    );
    let err = h.fails(1, ["change", "nope", "add a rating", "--yes"]);
    assert!(err.contains("no app called \"nope\""), "{err}");
    // The board is by status: taking it away would leave a spec that does not check.
    let err = h.fails(1, ["change", "reading", "remove the status field", "--yes"]);
    assert!(err.contains("would not check"), "{err}");
    let err = h.fails(1, ["change", "reading", "add a title", "--yes"]);
    assert!(err.contains("has a field \"title\" already"), "{err}");
    assert_eq!(spec(&h, "reading"), before, "nothing written");
}
