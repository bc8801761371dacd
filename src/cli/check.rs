//! `nook check`: validate specs and report every problem.

use std::path::{Path, PathBuf};

use super::{CliError, CliResult, Ctx};
use crate::model::count::count;
use crate::paths::Home;
use crate::spec::Catalog;
use crate::spec::catalog::read_entry;

/// `nook check --json`: every key always, one problem per diagnostic.
#[derive(serde::Serialize)]
struct Report<'a> {
    specs: usize,
    problems: Vec<Problem<'a>>,
    /// What the stored data says about the specs (hidden fields, ...).
    notes: &'a [String],
}

#[derive(serde::Serialize)]
struct Problem<'a> {
    file: &'a str,
    line: u32,
    column: u32,
    message: &'a str,
    /// The word a "did you mean" offers, or null.
    suggestion: Option<&'a str>,
}

pub fn run(home: Option<&Path>, paths: &[PathBuf], json: bool) -> CliResult {
    let mut notes = Vec::new();
    let catalog = if paths.is_empty() {
        let mut ctx = Ctx::load_specs(home)?;
        // The specs are checked even when the data cannot be read (a
        // read-only disk, a damaged database): that part is only skipped.
        match ctx.mark_kinds().and_then(|()| ctx.data_notes()) {
            Ok(n) => notes = n,
            Err(e) => tell!(
                "nook: note: specs not compared with the stored data: {}",
                e.message
            ),
        }
        ctx.catalog
    } else {
        let mut entries = Vec::new();
        // Links are followed within nook's home and the folder named (or
        // the named file's folder), as everywhere else.
        let home_bounds = Home::locate(home).map(|h| h.bounds()).unwrap_or_default();
        for p in paths {
            if p.is_dir() {
                let bounds = home_bounds.clone().and([p]);
                let c =
                    Catalog::scan(p, &bounds).map_err(|e| CliError::user(format!("{}: {e}", p.display())))?;
                entries.extend(c.entries);
            } else if p.exists() {
                let folder = p
                    .parent()
                    .filter(|d| !d.as_os_str().is_empty())
                    .unwrap_or(Path::new("."));
                entries.push(read_entry(p, &home_bounds.clone().and([folder])));
            } else {
                return Err(CliError::user(format!("{}: no such file", p.display())));
            }
        }
        Catalog::from_entries(entries)
    };
    let total = catalog.entries.len();
    let errors: Vec<_> = catalog
        .entries
        .iter()
        .filter_map(|e| e.spec.as_ref().err())
        .collect();
    let bad = errors.len();
    if json {
        let report = Report {
            specs: total,
            problems: errors
                .iter()
                .flat_map(|err| {
                    err.diagnostics.iter().map(|d| Problem {
                        file: &err.path,
                        line: d.pos.line,
                        column: d.pos.col,
                        message: &d.message,
                        suggestion: d.suggestion.as_deref(),
                    })
                })
                .collect(),
            notes: &notes,
        };
        crate::out::json(&serde_json::to_string_pretty(&report).unwrap_or_default());
    } else {
        for err in &errors {
            tell!("{err}");
        }
    }
    for note in notes.iter().filter(|_| !json) {
        say!("{note}");
    }
    if bad == 0 {
        if !json {
            say!("{} ok", count(total, "spec"));
        }
        Ok(())
    } else {
        let have = if bad == 1 { "has" } else { "have" };
        Err(CliError::user(format!(
            "{bad} of {} {have} problems",
            count(total, "spec")
        )))
    }
}
