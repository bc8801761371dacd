//! Linked records and rollups from the shell: `nook add` takes a title or an
//! id prefix for a Link field, `nook items` shows the linked item's title and
//! each rollup, a link to a deleted item shows "(deleted)", bad links and
//! rollups are spec errors at the key, and archiving an app others link to
//! asks for --yes.

use crate::common::Home;

const CLIENTS: &str = r#"List(
    name: "Clients",
    fields: {
        "name":   Text(required: true),
        "billed": Rollup(from: "invoices", via: "client", of: Sum("amount")),
        "unpaid": Rollup(from: "invoices", via: "client", of: Sum("amount"), where: "not paid"),
        "count":  Rollup(from: "invoices", via: "client", of: Count),
        "top":    Rollup(from: "invoices", via: "client", of: Max("amount")),
    },
)
"#;

const INVOICES: &str = r#"List(
    name: "Invoices",
    fields: {
        "title":  Text,
        "client": Link(app: "clients"),
        "amount": Money(),
        "paid":   Bool,
    },
)
"#;

fn home() -> Home {
    let h = Home::empty();
    h.spec("clients.ron", CLIENTS);
    h.spec("invoices.ron", INVOICES);
    h
}

fn json(h: &Home, app: &str) -> serde_json::Value {
    serde_json::from_str(&h.ok(["items", app, "--json"])).unwrap()
}

/// The clients by name, with their rollup values.
fn client<'a>(all: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    all.as_array()
        .unwrap()
        .iter()
        .find(|c| c["values"]["name"] == name)
        .unwrap_or_else(|| panic!("no client {name}: {all}"))
}

#[test]
fn add_takes_a_title_and_items_show_the_linked_title_and_the_rollups() {
    let h = home();
    h.add("clients", ["name=Acme"]);
    h.add("clients", ["name=Globex"]);
    h.add("invoices", ["title=Jan", "client=Acme", "amount=120"]);
    // Any case names the title.
    h.add("invoices", ["title=Feb", "client=acme", "amount=80", "paid=yes"]);
    let out = h.ok(["items", "invoices"]);
    assert!(out.contains("Jan  client=Acme  amount=120"), "{out}");
    let stored = h.items("invoices");
    let acme = h.ids("clients")[0].clone();
    assert_eq!(
        stored[0]["values"]["client"],
        serde_json::json!(acme),
        "the id is stored"
    );
    let all = json(&h, "clients");
    let acme = client(&all, "Acme");
    assert_eq!(acme["values"]["billed"], serde_json::json!(200), "{all}");
    assert_eq!(acme["values"]["unpaid"], serde_json::json!(120), "{all}");
    assert_eq!(acme["values"]["count"], serde_json::json!(2), "{all}");
    assert_eq!(acme["values"]["top"], serde_json::json!(120), "{all}");
    let globex = client(&all, "Globex");
    assert_eq!(globex["values"]["billed"], serde_json::json!(0), "{all}");
    assert!(globex["values"].get("top").is_none(), "no Max of nothing: {all}");
    let text = h.ok(["items", "clients"]);
    assert!(
        text.contains("Acme  billed=200  unpaid=120  count=2  top=120"),
        "{text}"
    );
}

#[test]
fn add_takes_an_id_prefix_and_an_edit_moves_the_rollup() {
    let h = home();
    h.add("clients", ["name=Acme"]);
    h.add("clients", ["name=Globex"]);
    let ids = h.ids("clients");
    let globex = ids[1].replace('-', "");
    h.add("invoices", ["title=Jan", "client=Acme", "amount=120"]);
    let inv = h.ids("invoices")[0].clone();
    h.ok([
        "edit",
        "invoices",
        &inv[..13],
        &format!("client={}", &globex[..16]),
    ]);
    let all = json(&h, "clients");
    assert_eq!(
        client(&all, "Acme")["values"]["billed"],
        serde_json::json!(0),
        "{all}"
    );
    assert_eq!(
        client(&all, "Globex")["values"]["billed"],
        serde_json::json!(120),
        "{all}"
    );
    // Undo puts it back.
    h.ok(["undo", "invoices"]);
    let all = json(&h, "clients");
    assert_eq!(
        client(&all, "Acme")["values"]["billed"],
        serde_json::json!(120),
        "{all}"
    );
    // Deleting the invoice takes it out.
    h.ok(["rm", "invoices", &inv[..13]]);
    let all = json(&h, "clients");
    assert_eq!(
        client(&all, "Acme")["values"]["count"],
        serde_json::json!(0),
        "{all}"
    );
}

#[test]
fn an_unknown_or_ambiguous_name_is_refused_naming_the_candidates() {
    let h = home();
    h.add("clients", ["name=Acme"]);
    h.add("clients", ["name=Acme"]);
    h.add("clients", ["name=Globex"]);
    let err = h.fails(1, ["add", "invoices", "title=Jan", "client=Nope", "amount=1"]);
    assert!(err.contains("client") && err.contains("\"Nope\""), "{err}");
    assert!(
        err.contains("Globex") && err.contains("nothing was added"),
        "{err}"
    );
    let err = h.fails(1, ["add", "invoices", "title=Jan", "client=acme", "amount=1"]);
    assert!(err.contains("names 2 items of clients"), "{err}");
    assert!(
        err.matches("\"Acme\"").count() >= 2,
        "both candidates with their ids: {err}"
    );
    assert!(h.items("invoices").is_empty(), "nothing stored");
}

#[test]
fn a_link_to_a_deleted_item_shows_as_deleted() {
    let h = home();
    h.add("clients", ["name=Acme"]);
    h.add("invoices", ["title=Jan", "client=Acme", "amount=120"]);
    let acme = h.ids("clients")[0].clone();
    h.ok(["rm", "clients", &acme[..13]]);
    let out = h.ok(["items", "invoices"]);
    assert!(out.contains("client=(deleted)"), "{out}");
    h.ok(["undo", "clients"]);
    let out = h.ok(["items", "invoices"]);
    assert!(out.contains("client=Acme"), "{out}");
}

#[test]
fn many_links_take_several_names_and_count_in_each() {
    let h = Home::empty();
    h.spec(
        "people.ron",
        r#"List(name: "People", fields: { "name": Text, "meetings": Rollup(from: "meetings", via: "who", of: Count) })"#,
    );
    h.spec(
        "meetings.ron",
        r#"List(name: "Meetings", fields: { "topic": Text, "who": Link(app: "people", many: true) })"#,
    );
    h.add("people", ["name=Ann"]);
    h.add("people", ["name=Bob"]);
    h.add("meetings", ["topic=plan", "who=Ann, Bob"]);
    h.add("meetings", ["topic=review", "who=Bob"]);
    let out = h.ok(["items", "meetings"]);
    assert!(out.contains("plan  who=Ann, Bob"), "{out}");
    let all = json(&h, "people");
    assert_eq!(
        client_named(&all, "Ann")["values"]["meetings"],
        serde_json::json!(1)
    );
    assert_eq!(
        client_named(&all, "Bob")["values"]["meetings"],
        serde_json::json!(2)
    );
}

fn client_named<'a>(all: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    all.as_array()
        .unwrap()
        .iter()
        .find(|c| c["values"]["name"] == name)
        .unwrap()
}

#[test]
fn bad_links_and_rollups_are_spec_errors_at_the_key() {
    let h = home();
    h.spec(
        "tea.ron",
        r#"Timer(name: "Tea", phases: [(name: "steep", length: "3m")])"#,
    );
    h.spec(
        "bad.ron",
        r#"List(
    name: "Bad",
    fields: {
        "title": Text,
        "client": Link(app: "client"),
        "timer": Link(app: "tea"),
        "r": Rollup(from: "invoices", via: "client", of: Sum("amont")),
    },
)
"#,
    );
    let err = h.fails(1, ["check"]);
    assert!(
        err.contains(
            "bad.ron:5:29: field \"client\": no app \"client\" to link to, did you mean \"clients\"?"
        ),
        "{err}"
    );
    assert!(
        err.contains("bad.ron:6:28: field \"timer\": \"tea\" is a timer"),
        "{err}"
    );
    assert!(
        err.contains("bad.ron:7:44: field \"r\": 'via' \"client\" of \"invoices\" links to \"clients\", not to this app"),
        "{err}"
    );
    assert!(
        err.contains("bad.ron:7:58: field \"r\": Sum names no field \"amont\""),
        "{err}"
    );
    assert!(err.contains("did you mean \"amount\""), "{err}");
}

#[test]
fn archiving_an_app_others_link_to_needs_yes_and_says_what_would_show_deleted() {
    let h = home();
    h.add("clients", ["name=Acme"]);
    h.add("invoices", ["title=Jan", "client=Acme", "amount=120"]);
    h.add("invoices", ["title=Feb", "client=Acme", "amount=80"]);
    let err = h.fails(1, ["archive", "clients"]);
    assert!(
        err.contains("invoices links to clients: 2 items would show (deleted)"),
        "{err}"
    );
    assert!(err.contains("--yes"), "{err}");
    assert!(h.apps().join("clients.ron").exists(), "not archived");
    // The invoices stay usable, their links showing (deleted).
    h.ok(["archive", "clients", "--yes"]);
    assert!(!h.apps().join("clients.ron").exists());
    h.ok(["check"]);
    let out = h.ok(["items", "invoices"]);
    assert!(out.contains("client=(deleted)"), "{out}");
    h.ok(["restore", "clients"]);
    let out = h.ok(["items", "invoices"]);
    assert!(out.contains("client=Acme"), "the links are back: {out}");
}

/// Link and Rollup keys refused within one file, each message at its key.
#[test]
fn bad_link_and_rollup_keys_are_refused_at_the_key() {
    let cases: &[(&str, &str)] = &[
        (
            r#"List(name: "I", fields: { "t": Text, "c": Link })"#,
            r#"apps/x.ron:1:43: field "c": Link needs the app it links to, e.g. Link(app: "clients")"#,
        ),
        (
            r#"List(name: "I", fields: { "t": Text, "c": Link(app: "") })"#,
            r#"apps/x.ron:1:53: field "c": 'app' must not be empty"#,
        ),
        (
            r#"List(name: "I", fields: { "t": Text, "c": Link(app: "a", many: "yes") })"#,
            r#"apps/x.ron:1:64: field "c": 'many' expects true or false, found the text "yes""#,
        ),
        (
            r#"List(name: "I", fields: { "t": Text, "c": Link(ap: "a") })"#,
            "apps/x.ron:1:43: field \"c\": Link needs the app it links to, e.g. Link(app: \"clients\")\napps/x.ron:1:48: field \"c\": unknown key 'ap' in Link, did you mean 'app'?",
        ),
        (
            r#"List(name: "C", fields: { "n": Text, "r": Rollup(from: "i", via: "c", of: Sun("a")) })"#,
            r#"apps/x.ron:1:75: field "r": unknown rollup figure 'Sun', did you mean 'Sum'?"#,
        ),
        (
            r#"List(name: "C", fields: { "n": Text, "r": Rollup(from: "i", via: "c", of: Sum) })"#,
            r#"apps/x.ron:1:75: field "r": Sum needs one field of the other app, e.g. Sum("amount")"#,
        ),
        (
            r#"List(name: "C", fields: { "n": Text, "r": Rollup(from: "i", via: "c", of: Count, where: "a or b") })"#,
            r#"apps/x.ron:1:89: field "r": a rollup's 'where' names a Bool field of the other app (or done), optionally with not: "paid" or "not paid"; found "a or b""#,
        ),
        (
            r#"List(name: "C", fields: { "n": Text, "r": Rollup(from: "i", via: "c", of: Count, default: 1) })"#,
            r#"apps/x.ron:1:82: field "r": unknown key 'default' in Rollup; it takes from, via, of, where"#,
        ),
        (
            r#"List(name: "C", fields: { "n": Text, "r": Rollup(from: "i", via: "c", of: Count), "twice": Formula("r * 2") })"#,
            r#"apps/x.ron:1:100: field "twice": "r" is a rollup; formulas and summaries cannot read a rollup yet"#,
        ),
        (
            r#"List(name: "C", fields: { "n": Text, "r": Rollup(from: "i", via: "c", of: Count) }, summary: [Sum(of: "r")])"#,
            r#"apps/x.ron:1:103: Sum(of: ...): "r" is a rollup; formulas and summaries cannot read a rollup yet"#,
        ),
    ];
    let mut wrong = Vec::new();
    for (text, expect) in cases {
        let got = match nook::spec::parse_str("apps/x.ron", text) {
            Ok(_) => "(accepted)".to_string(),
            Err(e) => e.to_string(),
        };
        if got != *expect {
            wrong.push(format!("{text}\n  expected: {expect}\n  got:      {got}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_csv_import_names_clients_by_title_and_keeps_exported_ids() {
    let h = home();
    h.add("clients", ["name=Acme"]);
    h.add("invoices", ["title=Jan", "client=Acme", "amount=120"]);
    // Its own CSV export (ids) reads back as it was.
    let csv = h.ok(["export", "invoices", "--format", "csv"]);
    let header = csv.lines().next().unwrap().to_string();
    assert!(
        header.starts_with("id,done,") && header.contains("client"),
        "{csv}"
    );
    // A hand-written row names the client by its title: the exported row
    // with another id, title and amount, and "acme" for the client's id.
    let first = csv.lines().nth(1).unwrap();
    let id = first.split(',').next().unwrap();
    let fresh = format!("{}f{}", &id[..id.len() - 2], &id[id.len() - 1..]);
    let cols: Vec<&str> = header.split(',').collect();
    let row = first
        .split(',')
        .zip(&cols)
        .map(|(v, c)| match *c {
            "id" => fresh.clone(),
            "client" => "acme".to_string(),
            "title" => "Feb".to_string(),
            "amount" => "80".to_string(),
            _ => v.to_string(),
        })
        .collect::<Vec<_>>()
        .join(",");
    assert!(!first.contains('"'), "no quoted cells to split: {first}");
    let file = h.path().join("in.csv");
    std::fs::write(&file, format!("{csv}{row}\n")).unwrap();
    let out = h.ok(["import".as_ref(), "invoices".as_ref(), file.as_os_str()]);
    assert!(out.contains("1 added"), "{out}");
    let all = json(&h, "clients");
    assert_eq!(
        client(&all, "Acme")["values"]["billed"],
        serde_json::json!(200),
        "{all}"
    );
    // An unknown title refuses the whole file.
    let other = row.replacen(
        &fresh,
        &format!("{}e{}", &id[..id.len() - 2], &id[id.len() - 1..]),
        1,
    );
    std::fs::write(&file, format!("{header}\n{}\n", other.replace("acme", "Nobody"))).unwrap();
    let err = h.fails(1, ["import".as_ref(), "invoices".as_ref(), file.as_os_str()]);
    assert!(
        err.contains("\"Nobody\"") && err.contains("nothing was imported"),
        "{err}"
    );
}
