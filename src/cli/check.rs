//! `nook check`: validate specs and report every problem.

use std::path::{Path, PathBuf};

use super::{CliError, CliResult, Ctx};
use crate::model::count::count;
use crate::paths::Home;
use crate::spec::Catalog;
use crate::spec::catalog::read_entry;

pub fn run(home: Option<&Path>, paths: &[PathBuf]) -> CliResult {
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
    let mut bad = 0;
    for e in &catalog.entries {
        if let Err(err) = &e.spec {
            bad += 1;
            tell!("{err}");
        }
    }
    for note in &notes {
        say!("{note}");
    }
    if bad == 0 {
        say!("{} ok", count(total, "spec"));
        Ok(())
    } else {
        Err(CliError::user(format!("{bad} of {total} specs have problems")))
    }
}
