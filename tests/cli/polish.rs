//! The command line's finish (issue #15): the add form's defaults as
//! `nook add` keeps them, JSON and CSV shapes for scripts and editors,
//! completions and the man page, undo messages and plurals.

use crate::common;

use common::Home;

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
