//! Compaction of this device's closed month files. Once a month is over,
//! its file `yyyy-mm.ops` is rewritten as `yyyy-mm.c.ops` without the
//! operations that no replica's result can ever depend on, and the old file
//! leaves the working tree (git history keeps it).
//!
//! Why this is safe with per-file cursors and idempotent merges: every kept
//! line is the original line, with its original stamp, so a machine that
//! already read the old file reads the new one (a name it has no cursor
//! for) as duplicates and changes nothing; a machine that read part of the
//! old file, or none, gets every operation that decides a value. What is
//! dropped is only ever beaten by a later operation of this device in the
//! same file:
//! - a `Set` of a part when a later `Set` of that part, or a later `Create`
//!   carrying it, is in the file (registers keep the latest stamp);
//! - a `SetDay` older than the latest `SetDay` of that day, and an `AddDay`
//!   older than it (a day counts only the deltas after its latest set);
//! - a `Timer` older than the app's latest `Timer`.
//!
//! Every `Create` (it also marks the item made), `Delete` and session is
//! kept, and so is any line this machine cannot read.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::seal::{self, Key};
use crate::store::Store;
use crate::store::intent::{Intent, Part, SyncOp};
use crate::store::stamp::Stamp;

/// How a compacted month file's name ends.
pub const SUFFIX: &str = ".c.ops";

/// A file is rewritten only when at least this share of its lines can go
/// (1 in N): each rewrite costs every other machine one re-read of it.
const WORTH: usize = 10;

/// One month file rewritten.
#[derive(Clone, Debug, PartialEq)]
pub struct Compacted {
    pub month: String,
    pub lines_before: usize,
    pub lines_after: usize,
    pub bytes_before: u64,
    pub bytes_after: u64,
}

/// `yyyy-mm.c.ops` for `yyyy-mm.ops`.
fn compacted_name(segment: &str) -> String {
    format!("{}{SUFFIX}", &segment[..7])
}

/// Where this device appends operations of `segment` (`yyyy-mm.ops`): the
/// compacted file once the month has one (an operation can land in a closed
/// month when the wall clock was set back), so a file never shrinks under a
/// reader's cursor and no old name comes back.
pub fn append_target(own: &Path, segment: &str) -> PathBuf {
    let compacted = own.join(compacted_name(segment));
    if compacted.exists() {
        compacted
    } else {
        own.join(segment)
    }
}

/// Which of a file's operations (in file order; None: a line this machine
/// cannot read) can never change any replica's result.
pub fn droppable(ops: &[Option<SyncOp>]) -> Vec<bool> {
    // The latest writer of each item part, day set and timer.
    let mut part: BTreeMap<(&str, u128, Part), &Stamp> = BTreeMap::new();
    let mut day: BTreeMap<(&str, &str, i32), &Stamp> = BTreeMap::new();
    let mut timer: BTreeMap<&str, &Stamp> = BTreeMap::new();
    for op in ops.iter().flatten() {
        let app = op.app.as_str();
        let at = &op.at;
        match &op.intent {
            Intent::Create { item } => {
                let mut parts = vec![Part::Text, Part::Done];
                parts.extend(item.values.keys().map(|k| Part::Field(k.clone())));
                for p in parts {
                    keep_latest(&mut part, (app, item.id.0, p), at);
                }
            }
            Intent::Set { id, part: p, .. } => {
                keep_latest(&mut part, (app, id.0, p.clone()), at);
            }
            Intent::SetDay { series, day: d, .. } => {
                keep_latest(&mut day, (app, series.as_str(), *d), at);
            }
            Intent::Timer { .. } => {
                keep_latest(&mut timer, app, at);
            }
            _ => {}
        }
    }
    let beaten = |held: Option<&&Stamp>, at: &Stamp| held.is_some_and(|h| *h > at);
    ops.iter()
        .map(|op| {
            let Some(op) = op else { return false };
            let app = op.app.as_str();
            match &op.intent {
                Intent::Set { id, part: p, .. } => beaten(part.get(&(app, id.0, p.clone())), &op.at),
                Intent::SetDay { series, day: d, .. } | Intent::AddDay { series, day: d, .. } => {
                    beaten(day.get(&(app, series.as_str(), *d)), &op.at)
                }
                Intent::Timer { .. } => beaten(timer.get(app), &op.at),
                _ => false,
            }
        })
        .collect()
}

fn keep_latest<'a, K: Ord>(map: &mut BTreeMap<K, &'a Stamp>, key: K, at: &'a Stamp) {
    let held = map.entry(key).or_insert(at);
    if at > *held {
        *held = at;
    }
}

/// An operation of this device's own file, or None for a line it cannot
/// read (kept as it is).
fn parse(line: &str, key: Option<&Key>) -> Option<SyncOp> {
    let bytes = match key {
        Some(k) => seal::open(k, line).ok()?,
        None if line.starts_with(seal::PREFIX) => return None,
        None => line.as_bytes().to_vec(),
    };
    serde_json::from_slice(&bytes).ok()
}

/// Compacts this device's month files before the month of `now_ms` that
/// are worth it. Each month is looked at once (the store notes how much of
/// it was looked at), so a steady sync reads none of them.
pub fn closed_months(
    own: &Path,
    store: &Store,
    key: Option<&Key>,
    now_ms: i64,
) -> Result<Vec<Compacted>, String> {
    let Ok(entries) = std::fs::read_dir(own) else {
        return Ok(Vec::new());
    };
    let current = super::data::segment_of(now_ms);
    let mut names: Vec<String> = Vec::new();
    for e in entries.filter_map(|e| e.ok()) {
        let name = e.file_name().to_string_lossy().into_owned();
        // What a rewrite stopped by a crash left.
        if name.starts_with('.') && name.ends_with(".tmp") {
            let _ = std::fs::remove_file(e.path());
        } else if super::data::is_segment(&name) && !name.ends_with(SUFFIX) && name < current {
            names.push(name);
        }
    }
    names.sort();
    let mut out = Vec::new();
    for name in names {
        if let Some(done) = month(own, &name, store, key)? {
            out.push(done);
        }
    }
    Ok(out)
}

fn month(own: &Path, name: &str, store: &Store, key: Option<&Key>) -> Result<Option<Compacted>, String> {
    let path = own.join(name);
    let target = own.join(compacted_name(name));
    let fail = |p: &Path, e: std::io::Error| format!("{}: {e}", p.display());
    if !super::data::plain(&path, false)? {
        return Ok(None);
    }
    // A rewrite that stopped after the rename: the new file holds it all.
    if super::data::plain(&target, false)? {
        std::fs::remove_file(&path).map_err(|e| fail(&path, e))?;
        return Ok(None);
    }
    let len = std::fs::metadata(&path).map_err(|e| fail(&path, e))?.len();
    let memo = format!("compact.{name}");
    if store.sync_note(&memo).map_err(|e| e.to_string())? == Some(len) {
        return Ok(None);
    }
    let bytes = std::fs::read(&path).map_err(|e| fail(&path, e))?;
    // A line still being written: leave the month for a later sync.
    if bytes.last().is_some_and(|&b| b != b'\n') {
        return Ok(None);
    }
    let text = String::from_utf8_lossy(&bytes);
    let lines: Vec<&str> = text.lines().collect();
    let ops: Vec<Option<SyncOp>> = lines.iter().map(|l| parse(l, key)).collect();
    let drop = droppable(&ops);
    let dropped = drop.iter().filter(|d| **d).count();
    if dropped == 0 || dropped * WORTH < lines.len() {
        store.note_sync(&memo, len).map_err(|e| e.to_string())?;
        return Ok(None);
    }
    let mut kept = String::new();
    for (line, gone) in lines.iter().zip(&drop) {
        if !gone {
            kept.push_str(line);
            kept.push('\n');
        }
    }
    // Written whole under a name no reader takes, then renamed: a reader
    // sees the new file complete or not at all, and the old one until then.
    let tmp = own.join(format!(".{}.tmp", compacted_name(name)));
    let mut f = std::fs::File::create(&tmp).map_err(|e| fail(&tmp, e))?;
    f.write_all(kept.as_bytes()).map_err(|e| fail(&tmp, e))?;
    f.sync_all().map_err(|e| fail(&tmp, e))?;
    std::fs::rename(&tmp, &target).map_err(|e| fail(&target, e))?;
    std::fs::remove_file(&path).map_err(|e| fail(&path, e))?;
    Ok(Some(Compacted {
        month: name[..7].to_string(),
        lines_before: lines.len(),
        lines_after: lines.len() - dropped,
        bytes_before: len,
        bytes_after: kept.len() as u64,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::item_id::ItemId;
    use crate::model::timer::TimerState;
    use crate::model::{FieldValue, Item};
    use std::collections::BTreeMap;

    fn at(ms: i64) -> Stamp {
        Stamp {
            ms,
            n: 0,
            device: "00000000000000aa".into(),
        }
    }

    fn op(ms: i64, intent: Intent) -> Option<SyncOp> {
        Some(SyncOp {
            at: at(ms),
            app: "a".into(),
            intent,
        })
    }

    fn set(ms: i64, id: u128, part: Part) -> Option<SyncOp> {
        op(
            ms,
            Intent::Set {
                id: ItemId(id),
                part,
                value: Some(FieldValue::Bool(true)),
            },
        )
    }

    fn create(ms: i64, id: u128, fields: &[&str]) -> Option<SyncOp> {
        let values: BTreeMap<String, FieldValue> = fields
            .iter()
            .map(|f| (f.to_string(), FieldValue::Text("x".into())))
            .collect();
        op(
            ms,
            Intent::Create {
                item: Item {
                    id: ItemId(id),
                    text: "t".into(),
                    done: false,
                    created: ms,
                    updated: ms,
                    values,
                },
            },
        )
    }

    fn day(ms: i64, set: bool, d: i32) -> Option<SyncOp> {
        let series = String::new();
        op(
            ms,
            if set {
                Intent::SetDay {
                    series,
                    day: d,
                    value: 1.0,
                    updated: None,
                }
            } else {
                Intent::AddDay {
                    series,
                    day: d,
                    delta: 1.0,
                }
            },
        )
    }

    #[test]
    fn only_what_a_later_operation_of_the_file_beats_is_dropped() {
        let f = |s: &str| Part::Field(s.into());
        let ops = vec![
            set(1, 7, Part::Done), // beaten by the Set at 3
            set(2, 7, f("x")),     // beaten by the Create at 4, which carries x
            set(3, 7, Part::Done), // beaten by the Create at 4 (done)
            set(3, 7, f("y")),     // kept: the Create does not carry y
            create(4, 7, &["x"]),  // every Create is kept
            set(5, 7, Part::Text), // the latest text
            op(6, Intent::Delete { id: ItemId(7) }),
            set(6, 8, Part::Done), // another item
            None,                  // unreadable: kept
            day(10, false, 1),     // before the day's latest set
            day(11, true, 1),      // beaten by the set at 13
            day(12, false, 1),     // also before the set at 13
            day(13, true, 1),      // the latest set
            day(14, false, 1),     // after it: counts
            day(14, false, 2),     // another day, never set
            op(
                15,
                Intent::Timer {
                    state: TimerState::default(),
                },
            ),
            op(
                16,
                Intent::Timer {
                    state: TimerState::default(),
                },
            ),
        ];
        let dropped: Vec<usize> = droppable(&ops)
            .iter()
            .enumerate()
            .filter_map(|(i, d)| d.then_some(i))
            .collect();
        assert_eq!(dropped, vec![0, 1, 2, 9, 10, 11, 15]);
    }
}
