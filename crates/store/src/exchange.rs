//! What sync takes from the database and gives it: this device's
//! operations not yet sent, and other devices' operations merged in one
//! transaction with how far each of their files has been read.

use std::collections::BTreeMap;

use redb::ReadableTable;

use super::codec::{decode, encode};
use super::error::StoreError;
use super::intent::{Intent, SyncOp};
use super::stamp::Stamp;
use super::tables::*;
use super::write::Tx;
use super::{Store, unpanic};
use crate::model::{FieldValue, Now};
use crate::spec::{Kind, Spec};

const SENT: &str = "sync.sent";

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Imported {
    /// Operations read.
    pub read: usize,
    /// Apps whose shown data changed.
    pub changed: Vec<String>,
    /// Operations kept for apps this machine has no spec of (yet).
    pub parked: usize,
}

impl Intent {
    /// Whether the operation is about the data of this kind of app.
    pub fn fits(&self, kind: &Kind) -> bool {
        matches!(
            (self, kind),
            (
                Intent::Create { .. } | Intent::Set { .. } | Intent::Delete { .. },
                Kind::List(_)
            ) | (Intent::AddDay { .. } | Intent::SetDay { .. }, Kind::Tracker(_))
                | (
                    Intent::Timer { .. } | Intent::AddSession { .. } | Intent::RemoveSession { .. },
                    Kind::Timer(_)
                )
        )
    }

    /// Why no machine should store this (it arrived through sync and may
    /// have been written by hand): a counter id, or a number that is not finite.
    pub fn refused(&self) -> Option<String> {
        let finite = |v: &FieldValue| !matches!(v, FieldValue::Number(n) if !n.is_finite());
        match self {
            Intent::Create { item } if item.id.is_legacy() => {
                Some(format!("item id {} is not a UUID", item.id))
            }
            Intent::Create { item } if !item.values.values().all(finite) => {
                Some("a number is not finite".into())
            }
            Intent::Set { id, .. } | Intent::Delete { id } if id.is_legacy() => {
                Some(format!("item id {id} is not a UUID"))
            }
            Intent::Set { value: Some(v), .. } if !finite(v) => Some("a number is not finite".into()),
            Intent::AddDay { delta: n, .. } | Intent::SetDay { value: n, .. } if !n.is_finite() => {
                Some("a number is not finite".into())
            }
            _ => None,
        }
    }
}

fn stamp_key(bytes: &[u8]) -> Option<(i64, u32)> {
    let c = super::stamp::Clock::decode(bytes)?;
    Some((c.ms, c.n))
}

impl Store {
    /// This device's operations after the last one sent, oldest first.
    pub fn unsent(&self, limit: usize) -> Result<Vec<SyncOp>, StoreError> {
        self.read(|r| {
            let sent = r.meta_bytes(SENT)?.and_then(|b| stamp_key(&b));
            let t = r.txn().open_table(OUTBOX)?;
            let rows = match sent {
                Some((ms, n)) => t.range((ms, n.saturating_add(1))..)?,
                None => t.range::<(i64, u32)>(..)?,
            };
            let mut out = Vec::new();
            for row in rows.take(limit) {
                let (k, v) = row?;
                let (ms, n) = k.value();
                if sent.is_some_and(|s| (ms, n) <= s) {
                    continue;
                }
                out.push(decode("outbox operation", v.value())?);
            }
            Ok(out)
        })
    }

    /// How many of this device's operations wait to be sent.
    pub fn unsent_count(&self) -> Result<u64, StoreError> {
        self.read(|r| Ok(redb::ReadableTableMetadata::len(&r.txn().open_table(OUTBOX)?)?))
    }

    /// Notes that every operation up to `last` is in a data file, and
    /// takes them out of the outbox.
    pub fn mark_sent(&self, last: &Stamp) -> Result<(), StoreError> {
        let bytes = super::stamp::Clock {
            ms: last.ms,
            n: last.n,
        }
        .encode();
        let upto = (last.ms, last.n);
        self.raw_write(|txn| {
            txn.open_table(META)?.insert(SENT, bytes.as_slice())?;
            // The data file holds them now: the outbox keeps only what is
            // still to send, rather than a second copy of every change.
            txn.open_table(OUTBOX)?.retain_in(..=upto, |_, _| false)?;
            Ok(())
        })
    }

    /// How many bytes of another device's data file have been imported.
    pub fn read_upto(&self, file: &str) -> Result<u64, StoreError> {
        self.read(|r| Ok(r.meta_u64(&format!("sync.read.{file}"))?.unwrap_or(0)))
    }

    /// A number sync noted for itself under `name` (how much of one of
    /// this device's closed month files compaction has looked at).
    pub fn sync_note(&self, name: &str) -> Result<Option<u64>, StoreError> {
        self.read(|r| r.meta_u64(&format!("sync.note.{name}")))
    }

    pub fn note_sync(&self, name: &str, value: u64) -> Result<(), StoreError> {
        self.raw_write(|txn| {
            txn.open_table(META)?.insert(
                format!("sync.note.{name}").as_str(),
                value.to_le_bytes().as_slice(),
            )?;
            Ok(())
        })
    }

    /// Merges other devices' operations, and notes how far each file was
    /// read, in one transaction: a crash leaves all of it or none.
    /// Operations for an app without a spec here (or of another kind) are
    /// kept and merged by a later import that has the spec.
    pub fn import(
        &self,
        specs: &[&Spec],
        ops: Vec<SyncOp>,
        read_upto: &[(String, u64)],
        now: Now,
    ) -> Result<Imported, StoreError> {
        let device = self.device().to_string();
        unpanic(|| {
            let txn = self.begin_write()?;
            let mut out = Imported {
                read: ops.len(),
                ..Imported::default()
            };
            let mut by_app: BTreeMap<String, Vec<SyncOp>> = BTreeMap::new();
            for op in ops {
                by_app.entry(op.app.clone()).or_default().push(op);
            }
            // Kept operations of apps that now have a spec.
            {
                let mut parked = txn.open_table(PARKED)?;
                for spec in specs {
                    let app = spec.id.as_str();
                    let mut keys = Vec::new();
                    for row in parked.range((app, i64::MIN, 0u32, "")..)? {
                        let (k, v) = row?;
                        if k.value().0 != app {
                            break;
                        }
                        let (a, ms, n, d) = k.value();
                        let op: SyncOp = decode("kept operation", v.value())?;
                        // One of another kind stays kept (the spec may change back).
                        if op.intent.fits(&spec.kind) {
                            keys.push((a.to_string(), ms, n, d.to_string()));
                            by_app.entry(op.app.clone()).or_default().push(op);
                        }
                    }
                    for (a, ms, n, d) in keys {
                        parked.remove((a.as_str(), ms, n, d.as_str()))?;
                    }
                }
            }
            let park = |ops: &[SyncOp], out: &mut Imported| -> Result<(), StoreError> {
                let mut parked = txn.open_table(PARKED)?;
                for op in ops {
                    let key = (op.app.as_str(), op.at.ms, op.at.n, op.at.device.as_str());
                    parked.insert(key, encode(op).as_slice())?;
                    out.parked += 1;
                }
                Ok(())
            };
            for (app, ops) in by_app {
                let spec = specs.iter().find(|s| s.id == app);
                // What fits the spec's kind is merged; the rest is kept.
                let (ops, keep): (Vec<SyncOp>, Vec<SyncOp>) = match spec {
                    Some(s) => ops.into_iter().partition(|o| o.intent.fits(&s.kind)),
                    None => (Vec::new(), ops),
                };
                park(&keep, &mut out)?;
                let tx = match spec {
                    Some(spec) if !ops.is_empty() => {
                        Tx::new(&txn, spec, now, &device, super::CLI_SESSION).ok()
                    }
                    _ => None,
                };
                let Some(mut tx) = tx else {
                    // A spec the stored data refuses (its kind changed): kept whole.
                    park(&ops, &mut out)?;
                    continue;
                };
                let mut changed = false;
                for op in &ops {
                    changed |= tx.import(op)?;
                }
                tx.finish()?;
                if changed {
                    out.changed.push(app);
                }
            }
            let mut meta = txn.open_table(META)?;
            for (file, upto) in read_upto {
                meta.insert(
                    format!("sync.read.{file}").as_str(),
                    upto.to_le_bytes().as_slice(),
                )?;
            }
            drop(meta);
            txn.commit()?;
            Ok(out)
        })
        .map_err(|detail| self.unreadable(detail))?
        .map_err(|e| self.located(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Item;
    use crate::model::item_id::ItemId;

    fn spec(text: &str) -> Spec {
        crate::spec::parse_str("t.ron", text).unwrap()
    }

    fn create(app: &str, ms: i64, text: &str) -> SyncOp {
        SyncOp {
            at: Stamp {
                ms,
                n: 0,
                device: "00000000000000aa".into(),
            },
            app: app.into(),
            intent: Intent::Create {
                item: Item {
                    id: ItemId::new(ms, None),
                    text: text.into(),
                    done: false,
                    created: ms,
                    updated: ms,
                    values: Default::default(),
                },
            },
        }
    }

    #[test]
    fn operations_for_an_app_without_its_spec_are_kept_until_it_comes() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("nook.redb")).unwrap();
        let now = Now::fixed(
            chrono::NaiveDate::from_ymd_opt(2026, 12, 2)
                .unwrap()
                .and_hms_opt(9, 0, 0)
                .unwrap(),
        );
        let list = spec(r#"List(id: "shop", name: "Shop")"#);
        let water = spec(r#"Tracker(id: "water", name: "Water", unit: "glass")"#);
        // A list's item for "shop" arrives before the spec does, and one
        // that claims to be for the tracker "water" (a list's change).
        let ops = vec![
            create("shop", now.ms, "milk"),
            create("water", now.ms + 1, "oops"),
        ];
        let done = store.import(&[&water], ops, &[], now).unwrap();
        assert_eq!(done.parked, 2, "nothing merged, nothing dropped");
        assert!(store.read(|r| r.items("shop", ItemId(0), 10)).unwrap().is_empty());
        // The spec comes with a later sync: the kept item is merged then;
        // the one of another kind stays kept.
        let done = store.import(&[&list, &water], Vec::new(), &[], now).unwrap();
        assert_eq!(done.changed, ["shop"]);
        let items = store.read(|r| r.items("shop", ItemId(0), 10)).unwrap();
        assert_eq!(
            items.iter().map(|i| i.text.as_str()).collect::<Vec<_>>(),
            ["milk"]
        );
        assert!(
            store
                .read(|r| r.items("water", ItemId(0), 10))
                .unwrap()
                .is_empty()
        );
        let kept = store
            .read(|r| Ok(redb::ReadableTableMetadata::len(&r.txn().open_table(PARKED)?)?))
            .unwrap();
        assert_eq!(kept, 1, "the tracker's wrong-kind operation is still kept");
    }

    #[test]
    fn what_was_sent_leaves_the_outbox() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("nook.redb")).unwrap();
        let now = Now::fixed(
            chrono::NaiveDate::from_ymd_opt(2026, 12, 2)
                .unwrap()
                .and_hms_opt(9, 0, 0)
                .unwrap(),
        );
        let list = spec(r#"List(id: "shop", name: "Shop")"#);
        for text in ["milk", "eggs"] {
            store
                .write(&list, now, |tx| tx.add_item(text.into(), Default::default()))
                .unwrap();
        }
        let ops = store.unsent(10).unwrap();
        assert_eq!((ops.len(), store.unsent_count().unwrap()), (2, 2));
        store.mark_sent(&ops[0].at).unwrap();
        assert_eq!(store.unsent(10).unwrap(), ops[1..].to_vec());
        assert_eq!(store.unsent_count().unwrap(), 1, "the sent one is no longer kept");
        store.mark_sent(&ops[1].at).unwrap();
        assert_eq!(store.unsent_count().unwrap(), 0);
    }
}
