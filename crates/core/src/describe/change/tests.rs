use super::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
}

const BOOKS: &str = "// my books\nList(\n    name: \"Books\", // shown in the launcher\n    fields: {\n        \"title\":  Text(required: true),\n        \"author\": Text(),\n        \"status\": Choice(options: [\"to read\", \"done\"]),\n    },\n    view: Board(by: \"status\"),\n)\n";

fn run(text: &str, sentence: &str) -> Result<Changed, String> {
    let spec = crate::spec::parse_str("books.ron", text).unwrap();
    change(text, &spec, sentence, today())
}

#[test]
fn a_field_is_added_after_the_last_and_nothing_else_moves() {
    let c = run(BOOKS, "add a rating out of 5").unwrap();
    assert_eq!(
        c.text,
        BOOKS.replace(
            "[\"to read\", \"done\"]),\n",
            "[\"to read\", \"done\"]),\n        \"rating\": Rating(max: 5),\n"
        )
    );
}

#[test]
fn a_rename_keeps_the_data_and_the_board() {
    let c = run(BOOKS, "rename status to stage").unwrap();
    assert!(
        c.text
            .contains("\"stage\": Choice(options: [\"to read\", \"done\"], was: \"status\")"),
        "{}",
        c.text
    );
    assert!(c.text.contains("Board(by: \"stage\")"), "{}", c.text);
    assert!(c.text.contains("// shown in the launcher"));
}

#[test]
fn a_removed_field_goes_with_its_line() {
    let c = run(BOOKS, "remove the author field").unwrap();
    assert_eq!(c.text, BOOKS.replace("        \"author\": Text(),\n", ""));
    assert_eq!(c.removed_fields, vec!["author".to_string()]);
}

#[test]
fn a_change_that_would_not_check_changes_nothing() {
    let e = run(BOOKS, "remove status").unwrap_err();
    assert!(e.contains("would not check"), "{e}");
    assert!(run(BOOKS, "asdf qwerty").is_err());
}

#[test]
fn one_line_specs_get_inline_edits() {
    let t = "Tracker(name: \"Water\", unit: \"glasses\", goal: Daily(8))";
    let c = run(t, "make the goal 10 glasses").unwrap();
    assert_eq!(
        c.text,
        "Tracker(name: \"Water\", unit: \"glasses\", goal: Daily(10))"
    );
    let c = run(t, "expire it after Sunday").unwrap();
    assert_eq!(
        c.text,
        "Tracker(name: \"Water\", unit: \"glasses\", goal: Daily(8), expires: \"2026-12-06\")"
    );
}

#[test]
fn two_changes_in_one_sentence_are_made_one_after_the_other() {
    let c = run(BOOKS, "add a rating out of 5 and sort by rating").unwrap();
    assert!(c.text.contains("\"rating\": Rating(max: 5),"), "{}", c.text);
    assert!(c.text.contains("sort: [\"-rating\"]"), "{}", c.text);
    assert_eq!(
        c.summary,
        "added field \"rating\" (rating out of 5); sorted by \"rating\", highest first"
    );
    // Options with commas are one field, not changes.
    let c = run(BOOKS, "add a mood (good, ok, bad)").unwrap();
    assert!(
        c.text.contains("Choice(options: [\"good\", \"ok\", \"bad\"])"),
        "{}",
        c.text
    );
    // One part that cannot be made stops them all.
    let e = run(BOOKS, "add a rating out of 5 and remove the colour field").unwrap_err();
    assert!(e.contains("has no field \"colour\""), "{e}");
}

#[test]
fn odd_sentences_never_panic_and_always_leave_a_spec_that_parses() {
    let specs = [
        BOOKS,
        "Tracker(name: \"Water\", unit: \"glasses\", goal: Daily(8))",
        "Timer(name: \"T\", phases: [(name: \"Work\", length: \"25m\")])",
        "List(name: \"Plain\")",
        "List(name: \"E\", fields: {})",
    ];
    let sentences = [
        "",
        " ",
        "add",
        "add ",
        "remove",
        "rename",
        "rename to",
        "rename é to ü",
        "add é",
        "remove the é field",
        "añadir éé",
        "rename it to",
        "sort by",
        "sort by é",
        "make it a board by",
        "until",
        "expire it",
        "goal",
        "goal é",
        "at most",
        "make work",
        "and",
        "add a and add b",
        ", , ,",
        "add ( ) /",
        "rename a to to b",
        "add a rating out of 5 and",
        "🙂 add 🙂",
        "remove the ééé column",
        "add a field",
        "6 rounds",
        "make it a board",
        "show it as a calendar",
        "call it \"\"",
        "rename title to \"a\\b\"",
    ];
    for t in specs {
        let spec = crate::spec::parse_str("x.ron", t).unwrap();
        for s in sentences {
            if let Ok(c) = change(t, &spec, s, today()) {
                crate::spec::parse_str("x.ron", &c.text).unwrap_or_else(|e| panic!("{s:?} on {t}: {e:?}"));
            }
        }
    }
}
