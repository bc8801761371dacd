//! Formula fields from the shell: computed in `nook items`, never typed in
//! with `nook add`, ignored by `nook import`.

use crate::common::Home;

const HOURS: &str = r#"List(
    name: "Hours",
    fields: {
        "task":  Text(required: true),
        "hours": Number(min: 0),
        "rate":  Money(),
        "due":   Date,
        "total": Formula("hours * rate"),
        "late":  Formula("due < today()"),
    },
)
"#;

/// 2026-11-23 12:00 UTC.
const NOV_23: i64 = 1_795_435_200_000;

fn home() -> Home {
    let h = Home::empty();
    h.spec("hours.ron", HOURS);
    h.set_clock(NOV_23);
    h
}

#[test]
fn items_show_a_formula_computed_from_the_item() {
    let h = home();
    h.add("hours", ["task=roof", "hours=7.5", "rate=40", "due=2026-11-20"]);
    h.add("hours", ["task=fence", "due=2026-12-01"]);
    let out = h.ok(["items", "hours"]);
    assert!(
        out.contains("roof  hours=7.5  rate=40  due=2026-11-20  total=300  late=yes"),
        "{out}"
    );
    // An empty input gives an empty formula, which is not shown.
    assert!(out.contains("fence  due=2026-12-01  late=no"), "{out}");
    let json: serde_json::Value = serde_json::from_str(&h.ok(["items", "hours", "--json"])).unwrap();
    assert_eq!(
        json[0]["values"]["total"],
        serde_json::json!(300),
        "a number as a number: {json}"
    );
    assert_eq!(json[0]["values"]["late"], serde_json::json!(true), "{json}");
    assert!(json[1]["values"].get("total").is_none(), "{json}");
}

#[test]
fn add_refuses_a_value_for_a_formula_and_nothing_is_stored() {
    let h = home();
    let err = h.fails(1, ["add", "hours", "task=roof", "total=3"]);
    assert!(err.contains("total") && err.contains("formula"), "{err}");
    assert!(err.contains("computed"), "{err}");
    assert!(h.items("hours").is_empty());
}

#[test]
fn import_leaves_a_formulas_value_out() {
    let h = home();
    h.add("hours", ["task=roof", "hours=2", "rate=10"]);
    let mut doc = h.export("hours");
    doc["items"][0]["values"]["total"] = serde_json::json!(999);
    let b = home();
    let path = b.path().join("in.json");
    std::fs::write(&path, doc.to_string()).unwrap();
    b.ok(["import".as_ref(), "hours".as_ref(), path.as_os_str()]);
    let items = b.items("hours");
    assert_eq!(items.len(), 1);
    assert!(items[0]["values"].get("total").is_none(), "not stored: {items:?}");
    let json: serde_json::Value = serde_json::from_str(&b.ok(["items", "hours", "--json"])).unwrap();
    assert_eq!(
        json[0]["values"]["total"],
        serde_json::json!(20),
        "computed: {json}"
    );
}
