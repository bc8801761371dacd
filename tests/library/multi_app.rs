//! One action over several apps: written in one transaction, and undone
//! (and redone) as one, from the command line as a user would.

use crate::common;

use common::Home;
use nook::model::Now;
use nook::model::days::day_number;
use nook::spec::{Catalog, Spec};
use nook::store::{Op, Store};

fn spec(h: &Home, id: &str) -> Spec {
    let bounds = nook::bounds::Bounds::new([h.path()]);
    Catalog::scan(&h.apps(), &bounds)
        .unwrap()
        .find(id)
        .unwrap()
        .clone()
}

fn water_today(h: &Home) -> f64 {
    let doc = h.export("water");
    let today = common::today().to_string();
    doc["entries"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|e| e["date"] == today.as_str())
        .map(|e| e["value"].as_f64().unwrap())
        .sum()
}

fn texts(h: &Home) -> Vec<String> {
    h.items("groceries")
        .iter()
        .map(|i| i["text"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn an_action_over_two_apps_is_undone_and_redone_as_one() {
    let h = Home::installed();
    h.ok(["add", "groceries", "bread"]);
    let (groceries, water) = (spec(&h, "groceries"), spec(&h, "water"));
    {
        let store = Store::open(&h.db()).unwrap();
        let now = Now::system().unwrap();
        store
            .write_apps(&[&groceries, &water], now, |apps| {
                apps.on("groceries")
                    .unwrap()
                    .add_item("jam".into(), Default::default())?;
                let day = day_number(now.today());
                apps.on("water").unwrap().add_to_entry("", day, 3.0)?;
                // Back to the first app: still the same action.
                apps.on("groceries")
                    .unwrap()
                    .add_item("tea".into(), Default::default())?;
                Ok(())
            })
            .unwrap();
    }
    assert_eq!(texts(&h), ["bread", "jam", "tea"]);
    assert_eq!(water_today(&h), 3.0);

    let said = h.ok(["undo", "groceries"]);
    assert!(said.starts_with("Undid"), "{said}");
    assert_eq!(texts(&h), ["bread"], "both items of the action are undone");
    assert_eq!(water_today(&h), 0.0, "and its water, in the other app");
    // The water's part went with it: water's own history has nothing left.
    let nothing = h.fails(1, ["undo", "water"]);
    assert!(nothing.contains("Nothing to undo"), "{nothing}");

    h.ok(["redo", "groceries"]);
    assert_eq!(texts(&h), ["bread", "jam", "tea"]);
    assert_eq!(water_today(&h), 3.0, "redo brings back the other app's part too");

    // The earlier action, alone in its app, is still there to undo.
    h.ok(["undo", "groceries"]);
    h.ok(["undo", "groceries"]);
    assert!(texts(&h).is_empty());
    assert_eq!(water_today(&h), 0.0);
}

#[test]
fn a_transaction_that_fails_in_one_app_writes_nothing_in_any() {
    let h = Home::installed();
    let (groceries, water) = (spec(&h, "groceries"), spec(&h, "water"));
    let store = Store::open(&h.db()).unwrap();
    let now = Now::system().unwrap();
    let failed = store.write_apps(&[&groceries, &water], now, |apps| {
        apps.on("groceries")
            .unwrap()
            .add_item("jam".into(), Default::default())?;
        // A list's change sent to a tracker is refused...
        apps.on("water").unwrap().apply(Op::DeleteItem {
            id: nook::model::item_id::ItemId(1 << 100),
        })
    });
    assert!(failed.is_err());
    drop(store);
    // ...and the item added before it in the other app is not stored either.
    assert!(texts(&h).is_empty());
}
