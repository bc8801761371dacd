//! `nook import` reads the CSV `nook export --format csv` writes, for every
//! kind, and names the line and column of a cell it cannot read.

use crate::common::Home;

/// A CSV export imported into a fresh home exports the same bytes.
fn round_trips(from: &Home, app: &str) {
    let csv = from.ok(["export", app, "--format", "csv"]);
    let file = from.path().join(format!("{app}.csv"));
    std::fs::write(&file, &csv).unwrap();
    let to = Home::installed();
    let out = to.ok(["import", app, file.to_str().unwrap()]);
    assert!(out.contains("added"), "{out}");
    assert_eq!(to.ok(["export", app, "--format", "csv"]), csv, "{app}");
}

#[test]
fn a_csv_export_imports_back_the_same_for_every_kind() {
    let h = Home::installed();
    // Quotes, commas, a rating, tags, a date, a bool and an empty field.
    h.add(
        "reading",
        [
            "title=Dune, the novel",
            "author=Frank \"F\" Herbert",
            "rating=5",
            "owned=yes",
            "finished=2026-03-01",
        ],
    );
    h.add("reading", ["title=Piranesi"]);
    round_trips(&h, "reading");
    h.ok(["log", "water", "3"]);
    h.ok(["log", "water", "2", "--date", "2026-11-30"]);
    round_trips(&h, "water");
    h.set_clock(1_796_000_000_000);
    h.ok(["timer", "tea", "start"]);
    h.advance(5 * 60_000);
    h.ok(["timer", "tea", "status"]);
    let sessions = h.export("tea")["sessions"].as_array().unwrap().len();
    assert_eq!(sessions, 1, "the steep was logged");
    round_trips(&h, "tea");
}

#[test]
fn a_cell_that_does_not_read_names_its_line_and_column() {
    let h = Home::installed();
    let file = h.path().join("bad.csv");
    std::fs::write(&file, "date,series,value\n2026-11-30,,2\n2026-12-01,,lots\n").unwrap();
    let err = h.fails(1, ["import", "water", file.to_str().unwrap()]);
    assert!(err.contains("bad.csv:3:3: value: expects a number"), "{err}");
    assert!(err.contains("nothing was imported"), "{err}");
    // Nothing of the file was stored, not even its good first row.
    assert_eq!(h.export("water")["entries"].as_array().unwrap().len(), 0);
    // The header of another kind is named.
    std::fs::write(&file, "id,done,title\n").unwrap();
    let err = h.fails(1, ["import", "water", file.to_str().unwrap()]);
    assert!(
        err.contains("bad.csv:1:1: a CSV export of a tracker starts with the columns date,series,value"),
        "{err}"
    );
}
