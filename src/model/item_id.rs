//! Item ids as people see and type them. Every id is shown and parsed
//! through here as a string, so a later change of what an id is (a UUIDv7
//! instead of a counter) keeps prefix matching working unchanged.

use super::Item;

/// An item's id as shown: `nook items`, `nook add`, messages.
pub fn show(id: u64) -> String {
    id.to_string()
}

/// Why a typed id names no single item.
#[derive(Clone, Debug, PartialEq)]
pub enum Unmatched {
    /// Nothing was typed.
    Empty,
    /// No id starts with what was typed.
    Unknown,
    /// Several do: their ids, shown.
    Ambiguous(Vec<String>),
}

/// The item `query` names: its full id, or a prefix only one id has (as
/// git takes commit ids). A full id wins over longer ids it is a prefix of.
/// A leading `#` is taken off, as `nook add` prints ids with one.
pub fn find<'a>(items: &'a [Item], query: &str) -> Result<&'a Item, Unmatched> {
    let query = query.trim();
    let query = query.strip_prefix('#').unwrap_or(query).trim();
    if query.is_empty() {
        return Err(Unmatched::Empty);
    }
    if let Some(exact) = items.iter().find(|i| show(i.id) == query) {
        return Ok(exact);
    }
    let hits: Vec<&Item> = items.iter().filter(|i| show(i.id).starts_with(query)).collect();
    match hits.as_slice() {
        [] => Err(Unmatched::Unknown),
        [one] => Ok(one),
        many => Err(Unmatched::Ambiguous(many.iter().map(|i| show(i.id)).collect())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(ids: &[u64]) -> Vec<Item> {
        ids.iter()
            .map(|&id| Item {
                id,
                text: String::new(),
                done: false,
                created: 0,
                updated: 0,
                values: Default::default(),
            })
            .collect()
    }

    #[test]
    fn a_full_id_or_a_unique_prefix_names_one_item() {
        let all = items(&[1, 12, 13, 250]);
        assert_eq!(find(&all, "1").unwrap().id, 1, "a full id wins");
        assert_eq!(find(&all, "12").unwrap().id, 12);
        assert_eq!(find(&all, "25").unwrap().id, 250);
        assert_eq!(find(&all, "9"), Err(Unmatched::Unknown));
        assert_eq!(find(&all, ""), Err(Unmatched::Empty));
        assert_eq!(find(&all, "#"), Err(Unmatched::Empty));
        assert_eq!(find(&all, "#12").unwrap().id, 12, "as `nook add` prints it");
        let all = items(&[12, 13]);
        assert_eq!(
            find(&all, "1"),
            Err(Unmatched::Ambiguous(vec!["12".into(), "13".into()]))
        );
    }
}
