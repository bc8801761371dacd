//! Reading back the CSV that `nook export --format csv` writes, as the same
//! [`Export`] a JSON file gives, so `nook import` takes either. Values are
//! read through today's spec, as a typed `nook add` reads them; a column the
//! spec no longer names goes back where it came from: a hidden value.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate};

use crate::model::input::parse_value;
use crate::model::item_id::ItemId;
use crate::model::timer::Session;
use crate::model::value::DecimalMark;
use crate::model::{FieldValue, Now};
use crate::spec::{Kind, Spec, duration};
use crate::store::export::{AppInfo, EntryRow, Export, ExportItem};

/// `text` (a CSV export of `spec`'s kind) as an export, or the first problem
/// as "LINE:COLUMN: what".
pub fn read(spec: &Spec, text: &str, now: Now) -> Result<Export, String> {
    let mut r = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.as_bytes());
    let head: Vec<String> = r
        .headers()
        .map_err(|e| format!("1:1: {e}"))?
        .iter()
        .map(str::to_string)
        .collect();
    let want: &[&str] = match &spec.kind {
        Kind::List(_) => &["id", "done"],
        Kind::Tracker(_) => &["date", "series", "value"],
        Kind::Timer(_) => &["start", "end", "phase", "round", "length"],
    };
    for (i, w) in want.iter().enumerate() {
        if head.get(i).map(String::as_str) != Some(*w) {
            return Err(format!(
                "1:1: a CSV export of a {} starts with the columns {}",
                spec.kind.tag().word(),
                want.join(",")
            ));
        }
    }
    let mut doc = Export {
        nook_export: 1,
        app: AppInfo {
            id: spec.id.clone(),
            name: spec.name.clone(),
            kind: spec.kind.tag().into(),
        },
        items: Vec::new(),
        entries: Vec::new(),
        timer: None,
        sessions: Vec::new(),
    };
    for row in r.records() {
        let row = row.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            format!("{line}:1: {e}")
        })?;
        let line = row.position().map_or(0, |p| p.line());
        // The column of field `i`: one past the commas before it, counted as written.
        let at = |i: usize, what: String| format!("{line}:{}: {}: {what}", i + 1, head[i]);
        let cell = |i: usize| row.get(i).unwrap_or("");
        match &spec.kind {
            Kind::List(list) => {
                let id =
                    ItemId::parse(cell(0)).ok_or_else(|| at(0, format!("not an item id: {:?}", cell(0))))?;
                let done = match cell(1) {
                    "true" => true,
                    "false" => false,
                    other => return Err(at(1, format!("expects true or false, got {other:?}"))),
                };
                let mut item = ExportItem {
                    id,
                    text: String::new(),
                    done,
                    created: 0,
                    updated: 0,
                    values: BTreeMap::new(),
                    hidden: BTreeMap::new(),
                };
                for (i, name) in head.iter().enumerate().skip(2) {
                    let raw = cell(i);
                    match name.as_str() {
                        "text" if list.fields.is_empty() => item.text = raw.to_string(),
                        "created" => item.created = ms(raw).map_err(|m| at(i, m))?,
                        "updated" => item.updated = ms(raw).map_err(|m| at(i, m))?,
                        _ if raw.is_empty() => {}
                        _ => match list.fields.get(name) {
                            Some(f) => {
                                let v = parse_value(&f.ty, raw, None, DecimalMark::Point)
                                    .map_err(|m| at(i, m))?;
                                item.values.insert(name.clone(), v);
                            }
                            // A field the spec no longer has: its value as written.
                            None => {
                                let v = raw
                                    .parse::<f64>()
                                    .ok()
                                    .filter(|n| n.is_finite())
                                    .map_or_else(|| FieldValue::Text(raw.to_string()), FieldValue::Number);
                                item.hidden.insert(name.clone(), v);
                            }
                        },
                    }
                }
                doc.items.push(item);
            }
            Kind::Tracker(_) => {
                let date = NaiveDate::parse_from_str(cell(0), "%Y-%m-%d")
                    .map_err(|_| at(0, format!("expects a date written YYYY-MM-DD, got {:?}", cell(0))))?;
                let value = cell(2)
                    .parse::<f64>()
                    .ok()
                    .filter(|n| n.is_finite())
                    .ok_or_else(|| at(2, format!("expects a number, got {:?}", cell(2))))?;
                doc.entries.push(EntryRow {
                    series: cell(1).to_string(),
                    date,
                    value,
                    updated: now.ms,
                });
            }
            Kind::Timer(t) => {
                let phase = cell(2).to_string();
                let phase_index = t
                    .phases
                    .iter()
                    .position(|p| p.name == phase)
                    .ok_or_else(|| at(2, format!("{} has no phase {phase:?}", spec.name)))?;
                doc.sessions.push(Session {
                    phase,
                    phase_index: phase_index as u32,
                    round: cell(3)
                        .parse()
                        .map_err(|_| at(3, format!("expects a whole number, got {:?}", cell(3))))?,
                    secs: duration::parse(cell(4)).map_err(|m| at(4, m))?,
                    start: ms(cell(0)).map_err(|m| at(0, m))?,
                    end: ms(cell(1)).map_err(|m| at(1, m))?,
                    laps: Vec::new(),
                });
            }
        }
    }
    Ok(doc)
}

/// A time as the CSV export writes it (RFC 3339, UTC), in Unix ms.
fn ms(raw: &str) -> Result<i64, String> {
    DateTime::parse_from_rfc3339(raw)
        .map(|d| d.timestamp_millis())
        .map_err(|_| format!("expects a time written YYYY-MM-DDTHH:MM:SSZ, got {raw:?}"))
}
