//! What sync takes from the database and gives it: this device's
//! operations not yet sent, and other devices' operations merged in one
//! transaction with how far each of their files has been read.

use std::collections::BTreeMap;

use redb::ReadableTable;

use super::codec::{decode, encode};
use super::error::StoreError;
use super::merge::{Intent, SyncOp};
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

    /// Notes that every operation up to `last` is in a data file.
    pub fn mark_sent(&self, last: &Stamp) -> Result<(), StoreError> {
        let bytes = super::stamp::Clock {
            ms: last.ms,
            n: last.n,
        }
        .encode();
        self.raw_write(|txn| {
            txn.open_table(META)?.insert(SENT, bytes.as_slice())?;
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
                        keys.push((a.to_string(), ms, n, d.to_string()));
                        let op: SyncOp = decode("kept operation", v.value())?;
                        if op.intent.fits(&spec.kind) {
                            by_app.entry(op.app.clone()).or_default().push(op);
                        }
                    }
                    for (a, ms, n, d) in keys {
                        parked.remove((a.as_str(), ms, n, d.as_str()))?;
                    }
                }
            }
            for (app, ops) in by_app {
                let spec = specs
                    .iter()
                    .find(|s| s.id == app && ops.iter().all(|o| o.intent.fits(&s.kind)));
                let tx = match spec {
                    Some(spec) => Tx::new(&txn, spec, now, &device, super::CLI_SESSION).ok(),
                    None => None,
                };
                let Some(mut tx) = tx else {
                    let mut parked = txn.open_table(PARKED)?;
                    for op in &ops {
                        let key = (op.app.as_str(), op.at.ms, op.at.n, op.at.device.as_str());
                        parked.insert(key, encode(op).as_slice())?;
                        out.parked += 1;
                    }
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
