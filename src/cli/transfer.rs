//! `nook export` and `nook import`.

use std::path::Path;

use super::{CliError, CliResult, Ctx, Format};
use crate::model::{FieldValue, Now};
use crate::spec::{FieldType, Kind, Spec, duration};
use crate::store::export::{self, Export};

pub fn export(ctx: &mut Ctx, app: &str, format: Format) -> CliResult {
    ctx.only_reading();
    let spec = ctx.app(app)?;
    let store = ctx.store()?;
    let doc = store.read(|r| export::export(r, &spec))?;
    let out = match format {
        Format::Json => serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n",
        Format::Csv => csv(&spec, &doc),
    };
    match crate::out::data(&out) {
        Ok(()) => Ok(()),
        // A closed pipe (`nook export x | head`) is not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(CliError::user(format!("cannot write the export: {e}"))),
    }
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn csv_line(fields: &[String]) -> String {
    fields.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(",") + "\n"
}

fn ms_text(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|d| d.format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_default()
}

fn csv(spec: &Spec, doc: &Export) -> String {
    let mut out = String::new();
    match &spec.kind {
        Kind::List(list) => {
            // Read as the spec sees them now: renamed and retyped fields follow.
            let items: Vec<crate::model::Item> = doc
                .items
                .iter()
                .map(|i| crate::model::migrate::present(list, i.item()))
                .collect();
            // The spec's fields first, then any stored field it no longer names.
            let mut cols: Vec<String> = list.fields.keys().cloned().collect();
            for item in &items {
                for k in item.values.keys() {
                    if !cols.contains(k) {
                        cols.push(k.clone());
                    }
                }
            }
            let mut head = vec!["id".to_string(), "done".into()];
            if list.fields.is_empty() {
                head.push("text".into());
            }
            head.extend(cols.iter().cloned());
            head.extend(["created".into(), "updated".into()]);
            out += &csv_line(&head);
            for item in &items {
                let mut row = vec![item.id.to_string(), item.done.to_string()];
                if list.fields.is_empty() {
                    row.push(item.text.clone());
                }
                row.extend(cols.iter().map(|c| {
                    let value = item.values.get(c);
                    match (list.fields.get(c).map(|f| &f.ty), value) {
                        // Seconds as a bare number would not say their unit: "1h30m".
                        (Some(FieldType::Duration), Some(FieldValue::Number(n))) if *n >= 0.0 => {
                            duration::format(*n as u64)
                        }
                        _ => value.map(|v| v.display()).unwrap_or_default(),
                    }
                }));
                row.extend([ms_text(item.created), ms_text(item.updated)]);
                out += &csv_line(&row);
            }
        }
        Kind::Tracker(_) => {
            out += "date,series,value\n";
            for e in &doc.entries {
                out += &csv_line(&[
                    e.date.to_string(),
                    e.series.clone(),
                    crate::model::value::format_number(e.value),
                ]);
            }
        }
        Kind::Timer(_) => {
            out += "start,end,phase,round,length\n";
            for s in &doc.sessions {
                out += &csv_line(&[
                    ms_text(s.start),
                    ms_text(s.end),
                    s.phase.clone(),
                    s.round.to_string(),
                    duration::format(s.secs),
                ]);
            }
        }
    }
    out
}

pub fn import(ctx: &mut Ctx, app: &str, file: &Path, opts: export::Options) -> CliResult {
    let spec = ctx.app(app)?;
    let text =
        std::fs::read_to_string(file).map_err(|e| CliError::user(format!("{}: {e}", file.display())))?;
    let now = Now::system()?;
    // A JSON export starts with `{`; anything else is read as the CSV
    // `nook export --format csv` writes.
    let doc: Export = if text.trim_start().starts_with('{') {
        serde_json::from_str(&text).map_err(|e| {
            // serde_json ends its message with the position, which leads here already.
            let message = e.to_string();
            let at = format!(" at line {} column {}", e.line(), e.column());
            CliError::user(format!(
                "{}:{}:{}: not a nook export: {}; nothing was imported",
                file.display(),
                e.line(),
                e.column(),
                message.strip_suffix(&at).unwrap_or(&message)
            ))
        })?
    } else {
        let mut doc = super::csv::read(&spec, &text, now)
            .map_err(|m| CliError::user(format!("{}:{m}; nothing was imported", file.display())))?;
        // A CSV names linked items as people do: by title, or by id.
        if let crate::spec::Kind::List(list) = &spec.kind {
            let rows = doc.items.iter_mut().map(|i| &mut i.values);
            super::items::resolve_all_links(ctx, &spec, list, rows, "nothing was imported")?;
        }
        doc
    };
    let c = crate::usecase::transfer::import(ctx.store()?, &spec, now, &doc, opts)
        .map(|d| d.outcome)
        .map_err(|e| match e {
            // What the file holds, refused by the write path (a total too large).
            crate::store::StoreError::Invalid(m) | crate::store::StoreError::Unchanged(m) => {
                CliError::user(format!("{}: {m}; nothing was imported", file.display()))
            }
            e => e.into(),
        })?;
    let mut line = format!(
        "Imported into {}: {} added, {} updated, {} skipped",
        spec.name, c.added, c.updated, c.skipped
    );
    if c.differ > 0 {
        line += &format!(
            " ({} already there, {} that {} from what is stored; --replace overwrites {})",
            c.skipped - c.differ,
            c.differ,
            if c.differ == 1 { "differs" } else { "differ" },
            if c.differ == 1 { "it" } else { "them" },
        );
    }
    if opts.from_other_app && doc.app.id != spec.id && !doc.items.is_empty() {
        line += &format!(" (items from {} took new ids)", doc.app.id);
    } else if opts.renumber && !doc.items.is_empty() {
        line += " (the items took new ids)";
    }
    say!("{line}");
    Ok(())
}
