//! Item ids: a UUIDv7 each, so an item has the same id on every machine
//! its app syncs to, and ids sort in the order items were made. Shown as
//! the canonical hyphenated form; typed as the full id or any unique
//! prefix of it (as git takes commit ids), with or without the hyphens.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::Item;

/// One item's id. Ids below 2^64 are the counters an older nook gave
/// (read from an old database or export, and given a UUIDv7 on upgrade
/// or import); every id nook makes now is a UUIDv7, far above them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ItemId(pub u128);

impl ItemId {
    /// A new id for an item made at unix ms `ms`, above `after` (the
    /// latest id made in the same app), so items added in one millisecond
    /// keep their order.
    pub fn new(ms: i64, after: Option<ItemId>) -> ItemId {
        let random = uuid::Uuid::new_v4();
        let ms = u64::try_from(ms).unwrap_or(0);
        let mut bytes = [0u8; 10];
        bytes.copy_from_slice(&random.as_bytes()[6..16]);
        let fresh = uuid::Builder::from_unix_timestamp_millis(ms, &bytes)
            .into_uuid()
            .as_u128();
        match after {
            // Above the last in the 12 bits after the time (RFC 9562's
            // counter), with fresh random bits below: ids made in one
            // millisecond differ early, so their short forms stay short.
            // Past 4096 in one millisecond the counter carries into the time.
            // A fresh id whose time and counter only equal the last's (its
            // random bits above) would share 16 digits with it: it steps too.
            Some(last) if last.0 >> 64 >= fresh >> 64 && last.is_uuid() => {
                let (mut ms, mut counter) = (last.0 >> 80, (last.0 >> 64) & 0xfff);
                if counter == 0xfff {
                    // An imported id at the end of time: nothing is above it.
                    if ms >= 0xffff_ffff_ffff {
                        return ItemId(fresh);
                    }
                    (ms, counter) = (ms + 1, 0);
                } else {
                    counter += 1;
                }
                let low = fresh & ((1 << 62) - 1);
                ItemId((ms << 80) | (0x7 << 76) | (counter << 64) | (0b10 << 62) | low)
            }
            _ => ItemId(fresh),
        }
    }

    /// The UUIDv7 an older nook's counter `n` in `app` becomes: made from
    /// what the item itself says (its app, counter and creation), so the
    /// upgrade of a database and the import of an old export of it give
    /// the same ids, and items keep their order.
    pub fn from_legacy(app: &str, n: u64, created_ms: i64) -> ItemId {
        // FNV-1a: a hash that is the same in every build, unlike std's.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in app.bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
        let ms = u128::from(u64::try_from(created_ms).unwrap_or(0) & 0xffff_ffff_ffff);
        let rand_a = u128::from(h & 0xfff);
        let rand_b = (u128::from(n & ItemId::LEGACY_MAX) << 9) | u128::from((h >> 12) & 0x1ff);
        ItemId((ms << 80) | (0x7 << 76) | (rand_a << 64) | (0b10 << 62) | rand_b)
    }

    /// The largest counter an older nook gave: each maps to its own UUID.
    pub const LEGACY_MAX: u64 = (1 << 53) - 1;

    /// An id an older nook gave as a counter (1, 2, 3 …).
    pub fn is_legacy(self) -> bool {
        self.0 <= u128::from(u64::MAX)
    }

    fn is_uuid(self) -> bool {
        !self.is_legacy()
    }

    /// The 32 hex digits without hyphens, which prefixes are matched on.
    pub fn hex(self) -> String {
        format!("{:032x}", self.0)
    }

    /// Unix ms of the id's making (0 for a legacy id).
    pub fn ms(self) -> i64 {
        if self.is_legacy() {
            return 0;
        }
        i64::try_from(self.0 >> 80).unwrap_or(0)
    }

    pub fn parse(s: &str) -> Option<ItemId> {
        let s = s.trim();
        if let Ok(n) = s.parse::<u64>() {
            return Some(ItemId(u128::from(n)));
        }
        uuid::Uuid::try_parse(s).ok().map(|u| ItemId(u.as_u128()))
    }
}

impl fmt::Display for ItemId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_legacy() {
            return write!(f, "{}", self.0);
        }
        write!(f, "{}", uuid::Uuid::from_u128(self.0).hyphenated())
    }
}

impl Serialize for ItemId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match u64::try_from(self.0) {
            Ok(n) => s.serialize_u64(n),
            Err(_) => s.collect_str(self),
        }
    }
}

/// Hand-written, as FieldValue's is: serde's untagged derive buffered each
/// id and built an error for the number it is not, for every item read.
impl<'de> Deserialize<'de> for ItemId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<ItemId, D::Error> {
        struct Id;
        impl serde::de::Visitor<'_> for Id {
            type Value = ItemId;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an item id: a number, or a UUID as text")
            }
            fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<ItemId, E> {
                Ok(ItemId(u128::from(n)))
            }
            fn visit_str<E: serde::de::Error>(self, t: &str) -> Result<ItemId, E> {
                ItemId::parse(t).ok_or_else(|| E::custom(format!("{t:?} is not an item id")))
            }
        }
        d.deserialize_any(Id)
    }
}

/// An item's id as shown in full: JSON, `nook items --long`.
pub fn show(id: ItemId) -> String {
    id.to_string()
}

/// The shortest prefix of each id's hex digits that no other id in `ids`
/// shares, at least 8 digits: what `nook items` and messages show.
pub fn shortest(ids: &[ItemId]) -> Vec<String> {
    let mut sorted: Vec<(String, usize)> = ids.iter().enumerate().map(|(i, id)| (id.hex(), i)).collect();
    sorted.sort();
    let common = |a: &str, b: &str| a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    let mut out = vec![String::new(); ids.len()];
    for (k, (hex, i)) in sorted.iter().enumerate() {
        if ids[*i].is_legacy() {
            out[*i] = ids[*i].to_string();
            continue;
        }
        let before = k.checked_sub(1).map_or(0, |p| common(hex, &sorted[p].0));
        let after = sorted.get(k + 1).map_or(0, |n| common(hex, &n.0));
        let len = (before.max(after) + 1).clamp(8, 32);
        out[*i] = hex[..len].to_string();
    }
    out
}

/// One id shown short among the ids of its app.
pub fn short_among(id: ItemId, items: &[Item]) -> String {
    let ids: Vec<ItemId> = items.iter().map(|i| i.id).collect();
    match ids.iter().position(|i| *i == id) {
        Some(at) => shortest(&ids).swap_remove(at),
        None => shortest(&[id]).swap_remove(0),
    }
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

/// The item `query` names: its full id, or a prefix only one id has. A
/// leading `#` and hyphens are ignored, so both the shown short form and
/// the canonical UUID are taken.
pub fn find<'a>(items: &'a [Item], query: &str) -> Result<&'a Item, Unmatched> {
    let query = query.trim();
    let query = query.strip_prefix('#').unwrap_or(query).trim();
    if query.is_empty() {
        return Err(Unmatched::Empty);
    }
    let typed: String = query
        .chars()
        .filter(|c| *c != '-')
        .collect::<String>()
        .to_ascii_lowercase();
    if let Some(exact) = items.iter().find(|i| i.id.hex() == typed || show(i.id) == query) {
        return Ok(exact);
    }
    let hits: Vec<&Item> = items
        .iter()
        .filter(|i| !i.id.is_legacy() && i.id.hex().starts_with(&typed))
        .collect();
    match hits.as_slice() {
        [] => Err(Unmatched::Unknown),
        [one] => Ok(one),
        many => {
            let ids: Vec<ItemId> = many.iter().map(|i| i.id).collect();
            Err(Unmatched::Ambiguous(shortest(&ids)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_machines_adding_after_the_same_item_make_different_ids() {
        // Both have synced the other's latest item, made 5 s ahead of them.
        let last = ItemId::new(10_000, None);
        let (a, b) = (ItemId::new(5_000, Some(last)), ItemId::new(5_000, Some(last)));
        assert!(a > last && b > last, "still after the last item");
        assert_ne!(a, b, "one id would be two items");
        assert!(!a.is_legacy() && a.ms() == last.ms());
    }

    fn items(ids: &[ItemId]) -> Vec<Item> {
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
    fn ids_made_in_one_millisecond_keep_their_order() {
        let a = ItemId::new(1_700_000_000_000, None);
        let b = ItemId::new(1_700_000_000_000, Some(a));
        let c = ItemId::new(1_700_000_000_001, Some(b));
        assert!(a < b && b < c);
        assert_eq!(a.ms(), 1_700_000_000_000);
        assert_eq!(uuid::Uuid::from_u128(b.0).get_version_num(), 7);
    }

    #[test]
    fn ids_made_in_one_millisecond_still_show_short() {
        // An import of many items in one transaction: one millisecond.
        let mut ids = vec![ItemId::new(1_700_000_000_000, None)];
        for _ in 0..5000 {
            let last = ids.last().copied();
            ids.push(ItemId::new(1_700_000_000_000, last));
        }
        assert!(ids.windows(2).all(|w| w[0] < w[1]), "in the order made");
        assert!(ids.iter().all(|id| {
            let u = uuid::Uuid::from_u128(id.0);
            (u.get_version_num(), u.get_variant()) == (7, uuid::Variant::RFC4122)
        }));
        let longest = shortest(&ids).iter().map(String::len).max().unwrap();
        assert!(longest <= 16, "short forms of {longest} digits");
        // After the largest id there is (one imported, say), still an id.
        let top = ItemId(u128::MAX);
        assert_ne!(ItemId::new(1_700_000_000_000, Some(top)), top);
    }

    #[test]
    fn an_old_counter_becomes_the_same_uuid_wherever_it_is_upgraded() {
        let a = ItemId::from_legacy("groceries", 1, 1_700_000_000_000);
        assert_eq!(a, ItemId::from_legacy("groceries", 1, 1_700_000_000_000));
        assert_ne!(a, ItemId::from_legacy("books", 1, 1_700_000_000_000));
        let b = ItemId::from_legacy("groceries", 2, 1_700_000_000_000);
        assert!(a < b, "made in one ms, they keep the counter's order");
        let u = uuid::Uuid::from_u128(b.0);
        assert_eq!(
            (u.get_version_num(), u.get_variant()),
            (7, uuid::Variant::RFC4122)
        );
        assert_eq!(b.ms(), 1_700_000_000_000);
    }

    #[test]
    fn ids_read_back_from_json_as_they_were_written() {
        let id = ItemId::new(1_700_000_000_000, None);
        let json = serde_json::to_string(&id).unwrap();
        assert_eq!(json, format!("\"{id}\""));
        assert_eq!(serde_json::from_str::<ItemId>(&json).unwrap(), id);
        // An older nook's counter.
        assert_eq!(serde_json::from_str::<ItemId>("7").unwrap(), ItemId(7));
        assert!(serde_json::from_str::<ItemId>("\"milk\"").is_err());
        assert!(serde_json::from_str::<ItemId>("-7").is_err());
        assert!(serde_json::from_str::<ItemId>("null").is_err());
        // As a map's key, where JSON has only text, and inside a struct.
        let keyed: std::collections::BTreeMap<ItemId, u8> =
            serde_json::from_str(&format!("{{\"{id}\": 1, \"7\": 2}}")).unwrap();
        assert_eq!(keyed.keys().copied().collect::<Vec<_>>(), [ItemId(7), id]);
        let item: crate::model::Item = serde_json::from_str(&format!(
            "{{\"id\": \"{id}\", \"text\": \"milk\", \"done\": false, \"created\": 0, \"updated\": 0}}"
        ))
        .unwrap();
        assert_eq!(item.id, id);
    }

    #[test]
    fn a_full_id_or_a_unique_prefix_names_one_item() {
        let a = ItemId(0x0193_a4f2_c1b2_7e3a_9f00_1234_5678_9abc);
        let b = ItemId(0x0193_a4f2_c1b3_7e3a_9f00_1234_5678_9abc);
        let c = ItemId(0x0194_0000_0000_7000_8000_0000_0000_0001);
        let all = items(&[a, b, c]);
        assert_eq!(find(&all, &a.to_string()).unwrap().id, a, "the canonical form");
        assert_eq!(find(&all, "0194").unwrap().id, c);
        assert_eq!(find(&all, "#0193a4f2c1b3").unwrap().id, b, "as messages show it");
        assert_eq!(
            find(&all, "0193-A4F2-C1B2").unwrap().id,
            a,
            "hyphens and case do not matter"
        );
        assert_eq!(find(&all, "9"), Err(Unmatched::Unknown));
        assert_eq!(find(&all, ""), Err(Unmatched::Empty));
        assert_eq!(find(&all, "#"), Err(Unmatched::Empty));
        assert_eq!(
            find(&all, "0193a4"),
            Err(Unmatched::Ambiguous(vec![
                "0193a4f2c1b2".into(),
                "0193a4f2c1b3".into()
            ]))
        );
        assert_eq!(
            shortest(&[a, b, c]),
            vec!["0193a4f2c1b2", "0193a4f2c1b3", "01940000"]
        );
    }
}
