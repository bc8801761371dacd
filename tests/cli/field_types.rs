//! Email, Phone, Percent and Time through `nook add`, `edit`, `items`,
//! `export` and CSV import: each checked when typed, Time stored as
//! "HH:MM" and sorted by time, Percent shown with % and summed.

use crate::common::Home;

const PEOPLE: &str = r#"List(
    name: "People",
    fields: {
        "name":  Text(required: true),
        "email": Email,
        "phone": Phone,
        "tip":   Percent,
        "call":  Time,
        "share": Formula("tip / 100 * 200"),
        "early": Formula("call < '12:00'"),
    },
    sort: ["call"],
    summary: [Count, Sum("tip")],
    views: [(name: "Mornings", filter: "call < '12:00'")],
)
"#;

#[test]
fn the_new_types_are_typed_checked_and_shown() {
    let h = Home::installed();
    h.spec("people.ron", PEOPLE);
    h.add(
        "people",
        [
            "name=Ana",
            "email=ana@example.com",
            "phone=+44 20 7946 0958",
            "tip=15%",
            "call=8:30pm",
        ],
    );
    let bo = h.add("people", ["name=Bo", "tip=5", "call=7am"]);
    let items = h.items("people");
    assert_eq!(items[0]["values"]["call"], "20:30");
    assert_eq!(items[0]["values"]["tip"], 15);
    assert_eq!(items[1]["values"]["call"], "07:00");
    // Formulas read a Percent as its number and a Time as its text.
    let json: Vec<serde_json::Value> = serde_json::from_str(&h.ok(["items", "people", "--json"])).unwrap();
    assert_eq!(json[0]["values"]["share"], 30);
    assert_eq!(json[0]["values"]["early"], false);
    assert_eq!(json[1]["values"]["early"], true);
    // By time: Bo's 07:00 comes before Ana's 20:30.
    let view = h.ok(["items", "people", "--view", "Mornings", "--json"]);
    assert!(view.contains("\"Bo\"") && !view.contains("\"Ana\""), "{view}");
    let items = h.ok(["items", "people"]);
    assert!(items.contains("tip=15%"), "{items}");
    let ls = h.ok(["ls"]);
    assert!(ls.contains("20%"), "{ls}");
    h.ok(["edit", "people", &bo, "call=9:15"]);
    assert_eq!(h.items("people")[1]["values"]["call"], "09:15");

    for (arg, says) in [
        ("email=ana", "expects an email address"),
        ("phone=call me", "expects a phone number"),
        ("call=25:00", "expects a time of day"),
        ("tip=lots", "tip"),
    ] {
        let err = h.fails(1, ["add", "people", "name=X", arg]);
        assert!(err.contains(says), "{arg}: {err}");
    }
}

#[test]
fn a_csv_with_the_new_types_imports_checked() {
    let h = Home::installed();
    h.spec("people.ron", PEOPLE);
    h.add(
        "people",
        ["name=Ana", "email=ana@example.com", "tip=15", "call=08:30"],
    );
    let csv = h.ok(["export", "people", "--format", "csv"]);
    let file = h.path().join("people.csv");
    std::fs::write(&file, &csv).unwrap();
    let to = Home::installed();
    to.spec("people.ron", PEOPLE);
    to.ok(["import", "people", file.to_str().unwrap()]);
    assert_eq!(to.ok(["export", "people", "--format", "csv"]), csv);
}
