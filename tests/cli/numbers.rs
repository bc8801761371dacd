//! Numbers, totals, item ids and import: what a user types or imports is
//! stored as typed or refused with a reason, and no stored value can make an
//! app unreadable.

use crate::common;
use crate::common::fixture;

use common::Home;
use nook::model::item_id::ItemId;
use serde_json::Value;

fn write(dir: &std::path::Path, name: &str, text: &str) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

/// An app's item ids, in order, as ids (they compare in the order made).
fn ids(h: &Home, app: &str) -> Vec<ItemId> {
    h.ids(app).iter().map(|s| ItemId::parse(s).unwrap()).collect()
}

fn pages(h: &Home) -> Vec<Value> {
    h.items("reading")
        .iter()
        .map(|i| i["values"]["pages"].clone())
        .collect()
}

// ---------------------------------------------------------------- totals

#[test]
fn a_value_that_would_make_a_total_infinite_is_refused_and_the_app_stays_usable() {
    let h = Home::installed();
    h.ok(["add", "reading", "title=a", "pages=1e308"]);
    let err = h.fails(1, ["add", "reading", "title=b", "pages=1e308"]);
    assert!(err.contains("pages") && err.contains("too large"), "{err}");
    assert!(err.contains("nothing was"), "{err}");
    // Everything still works: export, ls, add, doctor.
    assert_eq!(h.items("reading").len(), 1);
    let ls = h.ok(["ls"]);
    assert!(ls.lines().any(|l| l.starts_with("reading ")), "{ls}");
    h.ok(["add", "reading", "title=c", "pages=10"]);
    h.ok(["doctor"]);
    assert_eq!(pages(&h).len(), 2);
    // Values that are not finite at all are refused at input.
    for bad in ["inf", "NaN", "-infinity", "1e999"] {
        let err = h.fails(1, ["add", "reading", "title=d", &format!("pages={bad}")]);
        assert!(err.contains("pages"), "{bad}: {err}");
    }
}

#[test]
fn a_total_near_the_largest_number_is_shown_as_itself() {
    let h = Home::installed();
    h.ok(["add", "reading", "title=a", "pages=1e308"]);
    let ls = h.ok(["ls"]);
    let row = ls.lines().find(|l| l.starts_with("reading ")).unwrap();
    // The total is the value stored, short enough for a line, never "inf".
    assert!(row.contains("1e308 pages"), "{row}");
    assert!(!row.contains("inf"), "{row}");
}

#[test]
fn a_tracker_total_that_would_be_infinite_is_refused() {
    let h = Home::installed();
    h.ok(["log", "water", "1e308"]);
    let err = h.fails(1, ["log", "water", "1e308"]);
    assert!(err.contains("too large"), "{err}");
    h.ok(["log", "water", "1"]);
    h.ok(["ls"]);
    h.ok(["export", "water"]);
    // A weekly total is a total too.
    h.spec(
        "weekly.ron",
        r#"Tracker(name: "Weekly", unit: "km", goal: Weekly(10))"#,
    );
    let today = common::today();
    let yesterday = today.pred_opt().unwrap();
    if chrono::Datelike::weekday(&today) != chrono::Weekday::Mon {
        h.ok(["log", "weekly", "1.7e308", "--date", &yesterday.to_string()]);
        let err = h.fails(1, ["log", "weekly", "1.7e308"]);
        assert!(err.contains("too large"), "{err}");
        h.ok(["ls"]);
    }
}

#[test]
fn imported_values_that_overflow_a_total_are_refused_whole() {
    let h = Home::installed();
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "r.json",
        r#"{"nook_export": 1, "app": {"id": "reading", "name": "Reading list", "kind": "list"},
            "items": [
              {"id": 1, "created": 1, "updated": 1, "values": {"title": "a", "pages": 1e308}},
              {"id": 2, "created": 1, "updated": 1, "values": {"title": "b", "pages": 1e308}}
            ]}"#,
    );
    let err = h.fails(1, ["import".as_ref(), "reading".as_ref(), file.as_os_str()]);
    assert!(err.contains("too large"), "{err}");
    assert!(h.items("reading").is_empty());
    h.ok(["ls"]);
}

#[test]
fn a_summary_that_does_not_decode_is_recomputed_from_the_data() {
    use nook::store::tables::SUMMARIES;
    let h = Home::installed();
    h.ok(["add", "reading", "title=a", "pages=100"]);
    h.ok(["add", "reading", "title=b", "pages=20"]);
    // What an older nook stored after an overflowing sum: `null`.
    {
        let db = redb::Database::builder()
            .set_concurrency_mode(redb::ConcurrencyMode::MultiWriter)
            .create(h.db())
            .unwrap();
        let txn = db.begin_write().unwrap();
        txn.open_table(SUMMARIES)
            .unwrap()
            .insert(
                "reading",
                b"\x01{\"items\":2,\"done\":0,\"next_id\":3,\"numbers\":{\"pages\":{\"sum\":null,\"count\":2,\"min\":20.0,\"max\":100.0}},\"updated\":0}".as_slice(),
            )
            .unwrap();
        txn.commit().unwrap();
    }
    let rows: Value = serde_json::from_str(&h.ok(["ls", "--json"])).unwrap();
    let r = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "reading")
        .unwrap();
    assert_eq!(r["figures"]["items"], 2, "{r}");
    assert_eq!(h.items("reading").len(), 2);
    h.ok(["add", "reading", "title=c", "pages=3"]);
    // The new id comes after the stored ones.
    let ids = ids(&h, "reading");
    assert!(ids[2] > ids[1] && ids[1] > ids[0], "{ids:?}");
    h.ok(["doctor"]);
}

// ---------------------------------------------------------------- ids

fn import_ids(h: &Home, ids: &[u64]) -> std::process::Output {
    let dir = tempfile::tempdir().unwrap();
    let items: Vec<String> = ids
        .iter()
        .map(|id| format!(r#"{{"id": {id}, "created": 1, "updated": 1, "values": {{"title": "t{id}"}}}}"#))
        .collect();
    let file = write(
        dir.path(),
        "r.json",
        &format!(
            r#"{{"nook_export": 1, "app": {{"id": "reading", "name": "Reading list", "kind": "list"}}, "items": [{}]}}"#,
            items.join(",")
        ),
    );
    h.nook(["import".as_ref(), "reading".as_ref(), file.as_os_str()])
        .output()
        .unwrap()
}

/// Numeric ids are an older nook's counters, which never went past 2^53 - 1:
/// a larger one was made by hand, and is refused rather than mapped onto
/// the id of another item in the same file.
#[test]
fn numeric_ids_no_nook_gave_are_refused_at_import() {
    let h = Home::installed();
    for id in [u64::MAX, 1 << 60, (1 << 53) + 1, 1 << 53] {
        let out = import_ids(&h, &[1, id]);
        assert_eq!(out.status.code(), Some(1), "{id}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(&id.to_string())
                && err.contains("--renumber")
                && err.contains("nothing was imported"),
            "{id}: {err}"
        );
    }
    assert!(h.items("reading").is_empty());
    // The largest an older nook gave comes in beside 1, as its own item.
    let top = (1u64 << 53) - 1;
    assert!(import_ids(&h, &[1, top]).status.success());
    let titles: Vec<Value> = h
        .items("reading")
        .iter()
        .map(|i| i["values"]["title"].clone())
        .collect();
    assert_eq!(titles, ["t1", format!("t{top}").as_str()]);
    let ids = ids(&h, "reading");
    assert_eq!(
        ids,
        [
            ItemId::from_legacy("reading", 1, 1),
            ItemId::from_legacy("reading", top, 1)
        ]
    );
}

/// An id is any UUID an export holds: the largest of them still leaves
/// `nook add` an id to make.
#[test]
fn adds_go_on_after_the_largest_imported_id() {
    let h = Home::installed();
    let dir = tempfile::tempdir().unwrap();
    let top = "ffffffff-ffff-ffff-ffff-ffffffffffff";
    let file = write(
        dir.path(),
        "top.json",
        &format!(
            r#"{{"nook_export": 1, "app": {{"id": "reading", "name": "Reading list", "kind": "list"}}, "items": [{{"id": "{top}", "created": 1, "updated": 1, "values": {{"title": "top"}}}}]}}"#
        ),
    );
    h.ok(["import".as_ref(), "reading".as_ref(), file.as_os_str()]);
    h.ok(["add", "reading", "title=next"]);
    h.ok(["add", "reading", "title=after"]);
    let ids = h.ids("reading");
    assert_eq!(ids.len(), 3);
    assert!(ids.contains(&top.to_string()), "{ids:?}");
    h.ok(["doctor"]);
}

// ---------------------------------------------------------------- import

#[test]
fn import_adds_counts_and_replaces_only_when_asked() {
    let h = Home::installed();
    h.ok(["add", "reading", "title=Dune", "pages=412"]);
    h.ok(["add", "reading", "title=Emma", "pages=300"]);
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "r.json", &h.ok(["export", "reading"]));
    // Change one stored item, delete the other: the file now adds one, differs on one.
    let mut doc: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    doc["items"][0]["values"]["pages"] = 999.into();
    let edited = write(dir.path(), "edited.json", &doc.to_string());
    h.ok(["import".as_ref(), "reading".as_ref(), file.as_os_str()]);
    let out = h.ok(["import".as_ref(), "reading".as_ref(), edited.as_os_str()]);
    assert!(
        out.contains("0 added") && out.contains("2 skipped") && out.contains("1 that differs"),
        "{out}"
    );
    assert!(out.contains("--replace"), "{out}");
    assert_eq!(pages(&h), [412.0, 300.0], "nothing replaced without --replace");
    let out = h.ok([
        "import".as_ref(),
        "reading".as_ref(),
        edited.as_os_str(),
        "--replace".as_ref(),
    ]);
    assert!(out.contains("1 updated") && out.contains("1 skipped"), "{out}");
    assert_eq!(pages(&h), [999.0, 300.0]);
    // Into an empty app: everything is added.
    let b = Home::installed();
    let out = b.ok(["import".as_ref(), "reading".as_ref(), file.as_os_str()]);
    assert!(
        out.contains("2 added") && out.contains("0 updated") && out.contains("0 skipped"),
        "{out}"
    );
}

#[test]
fn an_export_of_another_app_is_refused_unless_asked() {
    let h = Home::installed();
    h.ok(["add", "reading", "title=Dune"]);
    h.spec(
        "films.ron",
        r#"List(name: "Films", fields: {"title": Text(required: true)})"#,
    );
    h.ok(["add", "films", "title=Alien"]);
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "r.json", &h.ok(["export", "reading"]));
    let err = h.fails(1, ["import".as_ref(), "films".as_ref(), file.as_os_str()]);
    assert!(
        err.contains("reading") && err.contains("--from-other-app"),
        "{err}"
    );
    assert!(err.contains("nothing was imported"), "{err}");
    let titles = |h: &Home| -> Vec<Value> {
        h.items("films")
            .iter()
            .map(|i| i["values"]["title"].clone())
            .collect()
    };
    assert_eq!(titles(&h), ["Alien"]);
    // Asked: the items come in as new items beside the ones there.
    let out = h.ok([
        "import".as_ref(),
        "films".as_ref(),
        file.as_os_str(),
        "--from-other-app".as_ref(),
    ]);
    assert!(out.contains("1 added"), "{out}");
    assert_eq!(titles(&h), ["Alien", "Dune"]);
    // A new id, after the film's, not the one the book has in reading.
    let (films, books) = (ids(&h, "films"), ids(&h, "reading"));
    assert!(films[1] > films[0] && films[1] != books[0], "{films:?} {books:?}");
}

// ---------------------------------------------------------------- typed numbers

fn amounts(h: &Home) -> Vec<Value> {
    h.items("expenses")
        .iter()
        .map(|i| i["values"]["amount"].clone())
        .collect()
}

#[test]
fn commas_separate_thousands_only_in_groups_of_three() {
    let h = Home::installed();
    h.ok(["add", "expenses", "what=rent", "amount=1,234.50"]);
    h.ok(["add", "expenses", "what=car", "amount=€12,345,678"]);
    assert_eq!(amounts(&h), [1234.5, 12345678.0]);
    for bad in ["12,50", "1.234,56", "1,23", "12,3456", ",5", "1,,000"] {
        let err = h.fails(1, ["add", "expenses", "what=x", &format!("amount={bad}")]);
        assert!(err.contains("amount"), "{bad}: {err}");
        assert!(
            err.contains("1,234.50"),
            "the message shows how to write it: {err}"
        );
    }
    let err = h.fails(1, ["add", "expenses", "what=x", "amount=12,50"]);
    assert!(err.contains("12.50"), "{err}");
    assert_eq!(amounts(&h).len(), 2, "nothing stored from a refused value");
    // A tracker amount reads numbers the same way.
    h.ok(["log", "water", "1,000"]);
    let err = h.fails(1, ["log", "water", "2,5"]);
    assert!(err.contains("2.5"), "{err}");
}

#[test]
fn a_list_with_a_decimal_comma_reads_comma_decimals() {
    let h = Home::installed();
    h.spec(
        "kosten.ron",
        r#"List(name: "Kosten", decimal: ",", fields: {
            "was": Text(required: true),
            "betrag": Money(currency: "EUR"),
            "km": Number(),
        })"#,
    );
    h.ok(["add", "kosten", "was=a", "betrag=12,50", "km=1.234,5"]);
    h.ok(["add", "kosten", "was=b", "betrag=1.234.567,89"]);
    let items = h.items("kosten");
    assert_eq!(items[0]["values"]["betrag"], 12.5);
    assert_eq!(items[0]["values"]["km"], 1234.5);
    assert_eq!(items[1]["values"]["betrag"], 1234567.89);
    // A dot is then the thousands separator, in groups of three only.
    let err = h.fails(1, ["add", "kosten", "was=c", "betrag=12.50"]);
    assert!(err.contains("12,50"), "{err}");
}

#[test]
fn a_value_with_more_decimals_than_the_field_allows_is_refused() {
    let h = Home::installed();
    let err = h.fails(1, ["add", "expenses", "what=x", "amount=12.345"]);
    assert!(err.contains("2 decimals") && err.contains("12.345"), "{err}");
    let err = h.fails(1, ["add", "packing", "item=socks", "qty=1.5"]);
    assert!(
        err.contains("whole number") || err.contains("0 decimals"),
        "{err}"
    );
    assert!(h.items("packing").is_empty());
}

#[test]
fn the_table_shows_the_number_export_holds() {
    use nook::model::FieldValue;
    for (n, shown) in [
        (1.23456, "1.23456"),
        (99.5, "99.5"),
        (412.0, "412"),
        (0.000015, "0.000015"),
    ] {
        assert_eq!(FieldValue::Number(n).display(), shown);
    }
    let h = Home::installed();
    h.ok(["add", "reading", "title=a", "pages=1.23456"]);
    assert_eq!(pages(&h), [1.23456]);
    let csv = h.ok(["export", "reading", "--format", "csv"]);
    assert!(csv.contains(",1.23456,"), "{csv}");
}

// ---------------------------------------------------------------- exact totals

fn reading_row(h: &Home) -> String {
    let ls = h.ok(["ls"]);
    ls.lines()
        .find(|l| l.starts_with("reading "))
        .unwrap()
        .to_string()
}

#[test]
fn a_total_stays_the_sum_of_what_is_stored_through_adds_and_deletes() {
    for (big, small) in [("1e308", "5"), ("1e16", "1"), ("10.1", "2.2")] {
        let h = Home::installed();
        h.ok(["add", "reading", "title=a", &format!("pages={big}")]);
        h.ok(["add", "reading", "title=b", &format!("pages={small}")]);
        h.ok(["rm", "reading", &h.ids("reading")[0]]);
        let row = reading_row(&h);
        assert!(row.contains(&format!("1 item · {small} pages")), "{big}: {row}");
        h.ok(["doctor"]);
    }
    // Many small values beside a large one come back exactly when it leaves.
    let h = Home::installed();
    h.ok(["add", "reading", "title=big", "pages=1e17"]);
    for i in 0..10 {
        h.ok(["add", "reading", &format!("title=s{i}"), "pages=3"]);
    }
    h.ok(["rm", "reading", &h.ids("reading")[0]]);
    assert!(
        reading_row(&h).contains("10 items · 30 pages"),
        "{}",
        reading_row(&h)
    );
}

#[test]
fn a_summary_from_an_older_nook_reads_its_sum_and_stays_exact() {
    let h = Home::installed();
    h.ok(["add", "reading", "title=a", "pages=1e16"]);
    h.ok(["add", "reading", "title=b", "pages=2"]);
    // Written as an older nook writes it: one plain `sum`.
    {
        let db = redb::Database::builder()
            .set_concurrency_mode(redb::ConcurrencyMode::MultiWriter)
            .create(h.db())
            .unwrap();
        let txn = db.begin_write().unwrap();
        txn.open_table(nook::store::tables::SUMMARIES)
            .unwrap()
            .insert(
                "reading",
                b"\x01{\"items\":2,\"done\":0,\"next_id\":3,\"numbers\":{\"pages\":{\"sum\":10000000000000002.0,\"count\":2,\"min\":2.0,\"max\":1e16}},\"updated\":0}".as_slice(),
            )
            .unwrap();
        txn.commit().unwrap();
    }
    assert!(
        reading_row(&h).contains("1.0000000000000002e16 pages"),
        "{}",
        reading_row(&h)
    );
    h.ok(["rm", "reading", &h.ids("reading")[0]]);
    assert!(
        reading_row(&h).contains("1 item · 2 pages"),
        "{}",
        reading_row(&h)
    );
}

// ---------------------------------------------------------------- large totals shown

#[test]
fn large_money_and_fixed_decimal_figures_are_shown_short() {
    let h = Home::installed();
    h.ok(["add", "expenses", "what=x", "amount=1e50"]);
    let ls = h.ok(["ls"]);
    let row = ls.lines().find(|l| l.starts_with("expenses ")).unwrap();
    assert!(row.contains("€1e50"), "{row}");
    assert!(!row.contains("00000000000"), "{row}");
    h.spec(
        "km.ron",
        r#"List(name: "Km", fields: {"d": Number(decimals: 2)}, summary: [Sum("d")])"#,
    );
    h.ok(["add", "km", "d=1e307"]);
    let ls = h.ok(["ls"]);
    let row = ls.lines().find(|l| l.starts_with("km ")).unwrap();
    assert!(row.contains("1e307 d"), "{row}");
    assert!(!row.contains("inf") && !row.contains("00000000000"), "{row}");
}

// ---------------------------------------------------------------- ids at import

#[test]
fn renumber_gives_every_imported_item_a_new_id() {
    let h = Home::installed();
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "old.json",
        r#"{"nook_export": 1, "app": {"id": "reading", "name": "Reading list", "kind": "list"}, "items": [{"id": 7, "created": 1, "updated": 1, "values": {"title": "old"}}]}"#,
    );
    // As it is: under the id the upgrade of the database it came from gives.
    let out = h.ok(["import".as_ref(), "reading".as_ref(), file.as_os_str()]);
    assert!(out.contains("1 added"), "{out}");
    let kept = ItemId::from_legacy("reading", 7, 1);
    assert_eq!(ids(&h, "reading"), [kept]);
    // Renumbered: the same item again, as a new one under a new id.
    let out = h.ok([
        "import".as_ref(),
        "reading".as_ref(),
        file.as_os_str(),
        "--renumber".as_ref(),
    ]);
    assert!(out.contains("1 added") && out.contains("new ids"), "{out}");
    h.ok(["add", "reading", "title=next"]);
    let titles: Vec<Value> = h
        .items("reading")
        .iter()
        .map(|i| i["values"]["title"].clone())
        .collect();
    assert_eq!(titles, ["old", "old", "next"]);
    let ids = ids(&h, "reading");
    assert!(ids[0] == kept && ids[1] > kept && ids[2] > ids[1], "{ids:?}");
    let help = h.ok(["import", "--help"]);
    assert!(help.contains("--renumber"), "{help}");
}

// ---------------------------------------------------------------- digits kept

#[test]
fn a_number_with_more_digits_than_nook_keeps_is_refused() {
    let h = Home::installed();
    for (typed, nearest) in [
        ("99999999999999999.99", "100000000000000000"),
        ("9007199254740993", "9007199254740992"),
    ] {
        let err = h.fails(1, ["add", "expenses", "what=x", &format!("amount={typed}")]);
        assert!(
            err.contains("amount") && err.contains("significant digits") && err.contains(nearest),
            "{typed}: {err}"
        );
    }
    assert!(amounts(&h).is_empty());
    // What nook keeps exactly is stored: zeros, separators and exponents are fine.
    for typed in ["0012.50", "1,234,567.10", "9007199254740992", "1e20", "0.1"] {
        h.ok(["add", "expenses", "what=y", &format!("amount={typed}")]);
    }
    // Minus zero is zero.
    h.ok(["add", "expenses", "what=z", "amount=-0"]);
    let last = amounts(&h).pop().unwrap();
    assert_eq!(last.to_string(), "0");
    let err = h.fails(1, ["log", "water", "9007199254740993"]);
    assert!(err.contains("significant digits"), "{err}");
}

#[test]
fn a_decimal_comma_list_speaks_in_commas() {
    let h = Home::installed();
    h.spec(
        "kosten.ron",
        r#"List(name: "Kosten", decimal: ",", fields: {"n": Number(decimals: 1)})"#,
    );
    let err = h.fails(1, ["add", "kosten", "n=1,25"]);
    assert!(
        err.contains("1 decimal,") || err.contains("1 decimal;"),
        "singular: {err}"
    );
    assert!(
        err.contains("1,25") && err.contains("1,2") && err.contains("1,3"),
        "{err}"
    );
    assert!(!err.contains("1.2"), "{err}");
}

#[test]
fn the_tui_table_and_footer_show_a_large_amount_short() {
    let mut f = fixture::empty();
    f.open("expenses");
    f.keys("ax<Tab>1e50<Enter>");
    let amounts: Vec<_> = f
        .export("expenses")
        .items
        .iter()
        .map(|i| i.values["amount"].clone())
        .collect();
    assert_eq!(amounts, [nook::model::FieldValue::Number(1e50)]);
    let screen = f.screen(100, 30);
    assert!(screen.contains("€1e50"), "{screen}");
    assert!(!screen.contains("0000000000"), "{screen}");
}
