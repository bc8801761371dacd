//! Linked records in the TUI: an invoice's client picked from the clients
//! with a fuzzy search, shown by its title, the clients' rollup column
//! changing with the invoice, sorted by, and the launcher's `d` warning
//! before archiving an app others link to.

use crate::common::fixture::{self, Fixture};
use insta::assert_snapshot;
use nook::app::{Overlay, Panel};
use nook::model::FieldValue;
use nook::paths::Home;
use nook::spec::Catalog;
use nook::store::Store;

const CUSTOMERS: &str = r#"List(
    name: "Customers",
    fields: {
        "name":   Text(required: true),
        "billed": Rollup(from: "invoices", via: "client", of: Sum("amount")),
        "count":  Rollup(from: "invoices", via: "client", of: Count),
    },
    view: Table(),
    sort: ["-billed"],
)
"#;

const INVOICES: &str = r#"List(
    name: "Invoices",
    fields: {
        "title":  Text,
        "client": Link(app: "customers"),
        "amount": Money(currency: "EUR"),
    },
    view: Table(),
)
"#;

/// A home with three customers and one invoice for Initech (the last
/// added, so a sort by its rollup moves it first), started at the
/// fixture's moment.
fn home() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let home = Home {
        root: dir.path().to_path_buf(),
    };
    nook::bundled::install_if_missing(&home).unwrap();
    std::fs::write(home.apps().join("customers.ron"), CUSTOMERS).unwrap();
    std::fs::write(home.apps().join("invoices.ron"), INVOICES).unwrap();
    let store = Store::open(&home.database().unwrap()).unwrap();
    let catalog = Catalog::scan(&home.apps(), &home.bounds()).unwrap();
    let c = catalog.find("customers").unwrap().clone();
    let i = catalog.find("invoices").unwrap().clone();
    let mut last = None;
    for name in ["Acme", "Globex", "Initech"] {
        let mut v = std::collections::BTreeMap::new();
        v.insert("name".to_string(), FieldValue::Text(name.into()));
        let item = store
            .write(&c, fixture::now(), |tx| tx.add_item(String::new(), v))
            .unwrap();
        last = Some(item.id);
    }
    let mut v = std::collections::BTreeMap::new();
    v.insert("title".to_string(), FieldValue::Text("Jan".into()));
    v.insert("client".to_string(), FieldValue::Text(last.unwrap().to_string()));
    v.insert("amount".to_string(), FieldValue::Number(120.0));
    store
        .write(&i, fixture::now(), |tx| tx.add_item(String::new(), v))
        .unwrap();
    let (shell, app) = nook::runtime::terminal::start(home, store, fixture::now());
    Fixture { dir, shell, app }
}

fn row_with(screen: &str, needle: &str) -> String {
    screen
        .lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no row with {needle:?}:\n{screen}"))
        .to_string()
}

fn names(f: &Fixture) -> Vec<String> {
    let Some(Panel::List(l)) = f.app.focused() else {
        panic!("not a list")
    };
    l.order
        .iter()
        .map(|&i| l.items[i].values["name"].display())
        .collect()
}

#[test]
fn a_link_shows_the_linked_title_and_the_rollup_its_sum() {
    let mut f = home();
    f.open("invoices");
    let screen = f.screen(100, 20);
    let row = row_with(&screen, "Jan");
    assert!(row.contains("Initech") && row.contains("€120.00"), "{screen}");
    f.keys("<Esc><Esc>");
    f.open("customers");
    let screen = f.screen(100, 20);
    let row = row_with(&screen, "Initech");
    assert!(row.contains("€120.00") && row.contains(" 1 "), "{screen}");
    assert_eq!(names(&f), ["Initech", "Acme", "Globex"], "highest billed first");
}

#[test]
fn the_filter_finds_an_invoice_by_its_clients_title() {
    let mut f = home();
    f.open("invoices");
    f.keys("/initech<Enter>");
    let Some(Panel::List(l)) = f.app.focused() else {
        panic!("not a list")
    };
    assert_eq!(l.order.len(), 1, "{}", f.screen(100, 20));
    f.keys("<Esc>/acme<Enter>");
    let Some(Panel::List(l)) = f.app.focused() else {
        panic!("not a list")
    };
    assert!(l.order.is_empty(), "{}", f.screen(100, 20));
}

#[test]
fn the_picker_finds_a_client_by_a_fuzzy_search_and_the_rollup_follows() {
    let mut f = home();
    f.open("customers");
    f.keys("<Esc>");
    f.open("invoices");
    // Type the title, then on the client field: typing opens the picker.
    f.keys("aFeb<Tab>gx");
    let screen = f.screen(80, 24);
    assert_snapshot!("link_picker_80x24", screen);
    f.keys("<Enter><Tab>50<Enter>");
    let screen = f.screen(100, 20);
    let row = row_with(&screen, "Feb");
    assert!(row.contains("Globex") && row.contains("€50.00"), "{screen}");
    // The customers' panel, open beside it, loaded again with the rollup.
    let Some(Panel::List(c)) = f.app.panels.iter().find(|p| p.spec().id == "customers") else {
        panic!("the customers panel is open")
    };
    let globex = c
        .items
        .iter()
        .find(|i| i.values["name"].display() == "Globex")
        .unwrap()
        .id;
    assert_eq!(c.linked.rollups["billed"].get(&globex), Some(&50.0));
}

#[test]
fn esc_leaves_the_picker_and_the_link_as_it_was() {
    let mut f = home();
    f.open("invoices");
    f.keys("aMar<Tab><Right>");
    let form = |f: &Fixture| match f.app.focused() {
        Some(Panel::List(l)) => l.form.clone().expect("the form is open"),
        _ => panic!("not a list"),
    };
    assert!(form(&f).picker.is_some(), "→ opens the picker");
    // ↓ moves, Esc leaves without linking.
    f.keys("<Down><Esc>");
    assert!(form(&f).picker.is_none());
    assert!(form(&f).fields[1].link.is_empty(), "nothing linked");
    // Enter in the picker links the chosen one; the field shows its title.
    f.keys("<Right>ini<Enter>");
    assert_eq!(form(&f).fields[1].input.text(), "Initech");
    // Backspace clears it.
    f.keys("<Bksp>");
    assert!(form(&f).fields[1].link.is_empty());
}

#[test]
fn archiving_an_app_others_link_to_asks_first_and_says_what_would_show_deleted() {
    let mut f = home();
    f.keys("/customers");
    f.keys("<Down>d");
    let Some(Overlay::ConfirmArchive { warnings, .. }) = &f.app.overlay else {
        panic!("no confirmation:\n{}", f.screen(100, 30))
    };
    assert_eq!(
        warnings,
        &["invoices links to customers: 1 item would show (deleted)"]
    );
    let screen = f.screen(100, 30);
    assert!(
        screen.contains("invoices links to customers: 1 item would show (deleted)"),
        "{screen}"
    );
    // Any other key keeps it.
    f.keys("n");
    assert!(f.app.overlay.is_none());
    assert!(f.home().apps().join("customers.ron").exists());
    f.keys("d");
    f.keys("y");
    assert!(!f.home().apps().join("customers.ron").exists(), "archived");
}

#[test]
fn purging_an_archived_app_others_link_to_says_so_in_the_confirmation() {
    let mut f = home();
    f.keys("/customers<Down>d");
    f.keys("y");
    assert!(!f.home().apps().join("customers.ron").exists(), "archived");
    // The archive view, then P on it.
    f.keys("<Esc>A");
    f.keys("P");
    let Some(Overlay::ConfirmPurge(row)) = &f.app.overlay else {
        panic!("no purge confirmation:\n{}", f.screen(100, 30))
    };
    assert_eq!(row.id, "customers", "{}", f.screen(100, 30));
    let screen = f.screen(100, 30);
    assert!(
        screen.contains("invoices links to customers: 1 item would show (deleted)"),
        "{screen}"
    );
}

#[test]
fn the_switchers_add_names_the_client_by_its_title() {
    let mut f = home();
    f.open("invoices");
    f.keys(":add invoices title=Apr client=globex amount=5<Enter>");
    let screen = f.screen(100, 20);
    let row = row_with(&screen, "Apr");
    assert!(row.contains("Globex") && row.contains("€5.00"), "{screen}");
    // An unknown name is refused with the candidates, and nothing is added.
    f.keys(":add invoices title=May client=nobody amount=5<Enter>");
    let screen = f.screen(100, 20);
    assert!(!screen.contains("May"), "{screen}");
    assert!(screen.contains("\"nobody\""), "{screen}");
}

#[test]
fn a_many_link_ticks_several_in_the_picker() {
    let mut f = fixture::with_list(
        "people.ron",
        r#"List(name: "People", fields: { "name": Text })"#,
        &[
            &[("name", FieldValue::Text("Ann".into()))],
            &[("name", FieldValue::Text("Bob".into()))],
            &[("name", FieldValue::Text("Cy".into()))],
        ],
    );
    std::fs::write(
        f.home().apps().join("meetings.ron"),
        r#"List(name: "Meetings", fields: { "topic": Text, "who": Link(app: "people", many: true) }, view: Table())"#,
    )
    .unwrap();
    let scan = f.shell.scan();
    f.shell.dispatch(&mut f.app, scan);
    f.open("meetings");
    // Enter ticks Ann, then Cy; Enter on Ann again unticks her; Esc leaves.
    f.keys("aplan<Tab><Right><Enter><Down><Down><Enter><Up><Up><Enter><Esc>");
    let Some(Panel::List(l)) = f.app.focused() else {
        panic!("not a list")
    };
    let form = l.form.as_ref().expect("the form is open");
    assert_eq!(form.fields[1].input.text(), "Cy", "{}", f.screen(100, 30));
    f.keys("<Right><Up><Enter><Esc><Enter>");
    let screen = f.screen(100, 20);
    assert!(row_with(&screen, "plan").contains("Cy, Ann"), "{screen}");
}
