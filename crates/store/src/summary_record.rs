//! An app's summary as stored: its counts (what the launcher's kind check
//! reads) and its head (what the launcher's line reads,
//! [`crate::summary::head`]) in front of the whole summary, so the launcher
//! decodes those alone and every other reader skips them by their lengths.
//!
//! Format byte 2, then the counts' and the head's lengths (four bytes each,
//! little-endian), the counts as JSON (`items`, each series' `days`,
//! `sessions_total`, `kind`, `updated`), the head as JSON (`{"from": DAY,
//! "sum": {...}}`) and the whole summary as JSON. A record of format 1 (one
//! JSON summary, as every nook before schema 3 wrote) still reads: its
//! counts and its head are the whole summary.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::codec;
use super::error::StoreError;
use super::summary::AppSummary;
use crate::spec::Figure;
use crate::summary::head::{head, last_day};

const HEAD_AND_WHOLE: u8 = 2;
const WHAT: &str = "summary";

/// The fields of a summary the launcher's kind check ([`crate::kinds::held`])
/// and the view index's stamp read, named as the summary names them, so a
/// format-1 record (the whole summary) decodes as them too.
#[derive(Serialize, Deserialize)]
pub(crate) struct Counts {
    pub items: u64,
    #[serde(default)]
    pub series: BTreeMap<String, Days>,
    #[serde(default)]
    pub sessions_total: u64,
    #[serde(default)]
    pub kind: Option<crate::spec::StoredKind>,
    #[serde(default)]
    pub updated: i64,
}

/// A series' `days` ([`crate::summary::SeriesSummary`]).
#[derive(Serialize, Deserialize)]
pub(crate) struct Days {
    pub days: u32,
}

/// The head as stored: the summary cut on day `from`.
#[derive(Serialize, Deserialize)]
struct Head<S> {
    from: i32,
    sum: S,
}

/// `sum` with its head cut on day `from` (the write's); `defs` are the
/// figures its `figures` count ([`crate::figures::kept`] of the spec).
pub(crate) fn encode(sum: &AppSummary, defs: &[Figure], from: i32) -> Vec<u8> {
    let counts = Counts {
        items: sum.items,
        series: sum
            .series
            .iter()
            .map(|(k, s)| (k.clone(), Days { days: s.days }))
            .collect(),
        sessions_total: sum.sessions_total,
        kind: sum.kind.clone(),
        updated: sum.updated,
    };
    let counts = serde_json::to_vec(&counts).expect("plain data serializes");
    let cut = head(sum, defs, from);
    let head = serde_json::to_vec(&Head { from, sum: &cut }).expect("plain data serializes");
    let whole = serde_json::to_vec(sum).expect("plain data serializes");
    let mut out = Vec::with_capacity(9 + counts.len() + head.len() + whole.len());
    out.push(HEAD_AND_WHOLE);
    out.extend_from_slice(&(counts.len() as u32).to_le_bytes());
    out.extend_from_slice(&(head.len() as u32).to_le_bytes());
    out.extend_from_slice(&counts);
    out.extend_from_slice(&head);
    out.extend_from_slice(&whole);
    out
}

/// A format-2 record's three parts.
struct Parts<'a> {
    counts: &'a [u8],
    head: &'a [u8],
    whole: &'a [u8],
}

/// The record's parts; None for a format-1 record.
fn parts(bytes: &[u8]) -> Result<Option<Parts<'_>>, StoreError> {
    let Some((&HEAD_AND_WHOLE, rest)) = bytes.split_first() else {
        return Ok(None);
    };
    let damaged = || StoreError::decode(WHAT, "its parts' lengths run past the record".into());
    let len = |at: usize| -> Result<usize, StoreError> {
        let b: [u8; 4] = rest
            .get(at..at + 4)
            .ok_or_else(damaged)?
            .try_into()
            .map_err(|_| damaged())?;
        Ok(u32::from_le_bytes(b) as usize)
    };
    let (counts, head) = (len(0)?, len(4)?);
    let rest = &rest[8..];
    if counts.checked_add(head).is_none_or(|n| n > rest.len()) {
        return Err(damaged());
    }
    let (counts, rest) = rest.split_at(counts);
    let (head, whole) = rest.split_at(head);
    Ok(Some(Parts { counts, head, whole }))
}

fn json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, StoreError> {
    serde_json::from_slice(bytes).map_err(|e| StoreError::decode(WHAT, e.to_string()))
}

/// The whole summary.
pub fn whole(bytes: &[u8]) -> Result<AppSummary, StoreError> {
    match parts(bytes)? {
        Some(p) => json(p.whole),
        None => codec::decode(WHAT, bytes),
    }
}

/// Whether the record reads (for `nook doctor`): its whole summary. The
/// counts and the head are derived from it, and every reader of them
/// reads the whole instead where they do not decode; the next write
/// stores them again.
pub(crate) fn check(bytes: &[u8]) -> Result<(), StoreError> {
    whole(bytes).map(|_| ())
}

/// The summary's [`Counts`], read from the record's counts part.
pub(crate) fn counts(bytes: &[u8]) -> Result<Counts, StoreError> {
    match parts(bytes)? {
        Some(p) => json(p.counts),
        None => codec::decode(WHAT, bytes),
    }
}

/// The summary as the launcher's line reads it on day `today`: the head
/// when it was cut on that day or before (and reads), else the whole one.
pub fn for_line(bytes: &[u8], today: i32) -> Result<AppSummary, StoreError> {
    match parts(bytes)? {
        // A head that does not read is derived data: the whole is read.
        Some(p) => match json::<Head<AppSummary>>(p.head) {
            Ok(h) if h.from <= today && today <= last_day() => Ok(h.sum),
            _ => json(p.whole),
        },
        None => codec::decode(WHAT, bytes),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary() -> AppSummary {
        AppSummary {
            items: 3,
            done: 1,
            updated: 42,
            due: Some(crate::summary::due::DueDays {
                field: "next".into(),
                days: [(10, 1), (20, 2)].into_iter().collect(),
                earlier: 0,
                indexed: true,
            }),
            ..AppSummary::default()
        }
    }

    #[test]
    fn a_record_reads_whole_and_its_line_from_the_head_on_its_day_or_after() {
        let sum = summary();
        let bytes = encode(&sum, &[], 15);
        assert_eq!(whole(&bytes).unwrap(), sum);
        let head = for_line(&bytes, 15).unwrap();
        assert_eq!(head.due.as_ref().unwrap().earlier, 1);
        assert_eq!(
            head.due.as_ref().unwrap().counts(16),
            sum.due.as_ref().unwrap().counts(16)
        );
        // Before the cut day, the whole summary.
        assert_eq!(for_line(&bytes, 14).unwrap(), sum);
        let kept = counts(&bytes).unwrap();
        assert_eq!((kept.items, kept.updated), (3, 42));
    }

    #[test]
    fn a_damaged_head_is_read_past_and_is_no_damage_of_the_summary() {
        let sum = summary();
        let mut bytes = encode(&sum, &[], 15);
        // The counts' first byte and the head's: no longer JSON.
        let counts_len = u32::from_le_bytes(bytes[1..5].try_into().unwrap()) as usize;
        bytes[9] = b'x';
        bytes[9 + counts_len] = b'x';
        assert!(check(&bytes).is_ok(), "the whole summary is what doctor checks");
        assert_eq!(for_line(&bytes, 15).unwrap(), sum, "the line reads the whole");
        assert!(counts(&bytes).is_err(), "its reader reads the whole");
        assert_eq!(whole(&bytes).unwrap(), sum);
    }

    #[test]
    fn a_record_of_the_first_format_reads_as_it_did() {
        let sum = summary();
        let bytes = codec::encode(&sum);
        assert_eq!(whole(&bytes).unwrap(), sum);
        assert_eq!(for_line(&bytes, 15).unwrap(), sum);
    }

    #[test]
    fn a_head_longer_than_its_record_is_damage_not_a_panic() {
        let mut bytes = encode(&summary(), &[], 15);
        bytes.truncate(20);
        assert!(whole(&bytes).is_err());
        assert!(for_line(&bytes, 15).is_err());
        assert!(whole(&[HEAD_AND_WHOLE, 1, 0]).is_err());
        assert!(whole(&[HEAD_AND_WHOLE, 255, 255, 255, 255, 255, 255, 255, 255]).is_err());
    }
}
