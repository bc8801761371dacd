//! Numbers as a user reads them on the command line: a whole number is an
//! integer in JSON, as in the TUI.

use crate::common::Home;

#[test]
fn a_whole_number_is_an_integer_in_json_export_and_items() {
    let h = Home::installed();
    h.spec(
        "shelf.ron",
        "List(name: \"Shelf\", fields: { \"title\": Text(required: true), \"pages\": Number(decimals: 0) })\n",
    );
    h.ok(["add", "shelf", "title=Dune", "pages=412"]);
    let export = h.ok(["export", "shelf"]);
    assert!(export.contains("\"pages\": 412,\n"), "{export}");
    assert!(!export.contains("412.0"), "{export}");
    let items = h.ok(["items", "shelf", "--json"]);
    assert!(items.contains("\"pages\": 412,\n"), "{items}");
    // And it reads back as the same number.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("shelf.json");
    std::fs::write(&file, &export).unwrap();
    let other = Home::installed();
    other.spec(
        "shelf.ron",
        "List(name: \"Shelf\", fields: { \"title\": Text(required: true), \"pages\": Number(decimals: 0) })\n",
    );
    other.ok(["import", "shelf", file.to_str().unwrap()]);
    assert_eq!(other.ok(["export", "shelf"]), export);
}
