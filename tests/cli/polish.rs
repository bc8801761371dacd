//! The command line's finish (issue #15): the add form's defaults as
//! `nook add` keeps them, JSON and CSV shapes for scripts and editors,
//! completions and the man page, undo messages and plurals.

use crate::common;

use common::Home;
use serde_json::Value;

/// A list whose fields have no defaults but the ones named.
const BOOKS: &str = r#"List(
    name: "Books",
    fields: {
        "title":    Text(required: true),
        "finished": Date,
        "owned":    Bool,
        "format":   Choice(options: ["paper", "ebook"]),
        "added":    Date(default: Today),
    },
)"#;

#[test]
fn add_leaves_fields_without_a_default_absent() {
    let h = Home::installed();
    h.spec("books.ron", BOOKS);
    h.add("books", ["title=Dune"]);
    let items = h.items("books");
    let values = items[0]["values"].as_object().unwrap();
    let mut names: Vec<&str> = values.keys().map(String::as_str).collect();
    names.sort();
    assert_eq!(names, ["added", "title"], "{values:?}");
    let err = h.fails(1, ["add", "books", "owned=yes"]);
    assert!(err.contains("\"title\"") && err.contains("required"), "{err}");
}

#[test]
fn check_json_gives_every_problem_with_its_place_and_suggestion() {
    let h = Home::installed();
    h.spec(
        "bad.ron",
        "List(\n    name: \"Bad\",\n    fields: { \"t\": Txt },\n    veiw: Checklist,\n)\n",
    );
    let out = h
        .nook(["check", "--json"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let doc: Value = serde_json::from_slice(&out).expect("check --json prints JSON");
    let problems = doc["problems"].as_array().expect("a problems array");
    assert_eq!(problems.len(), 2, "{doc:#}");
    let file = problems[0]["file"].as_str().unwrap();
    assert!(file.ends_with("bad.ron"), "{file}");
    let at: Vec<(u64, u64, &str)> = problems
        .iter()
        .map(|p| {
            (
                p["line"].as_u64().unwrap(),
                p["column"].as_u64().unwrap(),
                p["suggestion"].as_str().unwrap_or("-"),
            )
        })
        .collect();
    assert_eq!(at, [(3, 20, "Text"), (4, 5, "view")], "{doc:#}");
    assert!(
        problems[0]["message"]
            .as_str()
            .unwrap()
            .contains("unknown type 'Txt'")
    );
    assert!(
        doc["specs"].as_u64().unwrap() > 1,
        "every spec is counted: {doc:#}"
    );
    // A clean home: no problems, exit 0, the same shape.
    std::fs::remove_file(h.apps().join("bad.ron")).unwrap();
    let doc: Value = serde_json::from_str(&h.ok(["check", "--json"])).unwrap();
    assert_eq!(doc["problems"], serde_json::json!([]));
}
