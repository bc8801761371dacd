//! `nook items APP --view NAME`: a named view's rows, in its order, as the
//! TUI shows them; an unknown name is an error naming the views there are.

use crate::common::Home;

const BOOKS: &str = r#"List(
    name: "Books",
    fields: {
        "title":  Text(required: true),
        "author": Text,
        "status": Choice(options: ["to read", "reading", "done"], default: "to read"),
        "rating": Rating(max: 5),
    },
    views: [
        (name: "To read", filter: "status == 'to read'", sort: ["-rating"]),
        (name: "By author", view: Table(group: "author"), sort: ["title"]),
        (name: "Board", view: Board(by: "status")),
    ],
)
"#;

fn books() -> Home {
    let h = Home::installed();
    h.spec("books.ron", BOOKS);
    // Items made in one millisecond: their ids share a long prefix.
    h.set_clock(1_796_000_000_000);
    h.add("books", ["title=Dune", "author=Herbert", "rating=3"]);
    h.add(
        "books",
        ["title=Emma", "author=Austen", "status=done", "rating=5"],
    );
    h.add("books", ["title=Persuasion", "author=Austen", "rating=5"]);
    h.add("books", ["title=Ulysses", "author=Joyce"]);
    h
}

fn titles(json: &str) -> Vec<String> {
    let rows: Vec<serde_json::Value> = serde_json::from_str(json).unwrap();
    rows.iter()
        .map(|r| r["values"]["title"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn a_named_view_gives_its_rows_in_its_order() {
    let h = books();
    // Filtered to "to read", highest rated first, the unrated last.
    let json = h.ok(["items", "books", "--view", "To read", "--json"]);
    assert_eq!(titles(&json), ["Persuasion", "Dune", "Ulysses"]);
    let text = h.ok(["items", "books", "--view", "to read"]);
    let order: Vec<usize> = ["Persuasion", "Dune", "Ulysses"]
        .iter()
        .map(|t| text.find(t).unwrap_or_else(|| panic!("{t} in {text}")))
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{text}");
    assert!(!text.contains("Emma"), "{text}");
    // Each id shown names one item among all of them, not only the view's.
    for id in text.lines().skip(1).filter_map(|l| l.split_whitespace().next()) {
        h.ok(["done", "books", id]);
    }
    // Grouped by author (by value), by title inside a group.
    let json = h.ok(["items", "books", "--view", "By author", "--json"]);
    assert_eq!(titles(&json), ["Emma", "Persuasion", "Dune", "Ulysses"]);
    // A board's columns in their order, each in the list's order.
    let json = h.ok(["items", "books", "--view", "board", "--json"]);
    assert_eq!(titles(&json), ["Dune", "Persuasion", "Ulysses", "Emma"]);
    // Without --view: every item, as before.
    assert_eq!(titles(&h.ok(["items", "books", "--json"])).len(), 4);
}

#[test]
fn an_unknown_view_names_the_views_there_are() {
    let h = books();
    let err = h.fails(1, ["items", "books", "--view", "To raed"]);
    assert!(
        err.contains(
            r#"Books has no view "To raed"; did you mean "To read"? Its views are "To read", "By author", "Board""#
        ),
        "{err}"
    );
    let err = h.fails(1, ["items", "groceries", "--view", "Soon"]);
    assert!(err.contains("has no named views"), "{err}");
}

#[test]
fn a_view_filter_may_read_today() {
    let h = Home::installed();
    h.spec(
        "bills.ron",
        "List(name: \"Bills\", fields: { \"what\": Text, \"due\": Date },\n views: [(name: \"Overdue\", filter: \"due < today()\")])\n",
    );
    h.add("bills", ["what=old", "due=2000-01-01"]);
    h.add("bills", ["what=new", "due=2999-01-01"]);
    let out = h.ok(["items", "bills", "--view", "Overdue"]);
    assert!(out.contains("old") && !out.contains("new"), "{out}");
}
