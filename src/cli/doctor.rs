//! `nook doctor`: check the database; when asked, move a damaged one aside
//! and start fresh or save what can be read. A damaged file is never
//! changed or deleted: it is renamed to `nook.redb.damaged-TIMESTAMP`.

use std::path::{Path, PathBuf};

use super::{CliError, CliResult};
use crate::paths::Home;
use crate::store::{Store, StoreError, doctor};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fix {
    None,
    Fresh,
    Recover,
}

pub fn run(flag: Option<&Path>, fix: Fix) -> CliResult {
    let home = Home::locate(flag).map_err(CliError::user)?;
    let db = home.database();
    let shown = db.display();
    if !db.exists() {
        say!("{shown}: no database yet; nook creates it on the first change");
        return Ok(());
    }
    let problems = match Store::open(&db) {
        Ok(mut store) => {
            let health = doctor::check(&mut store);
            drop(store);
            if health.ok() {
                let rows: Vec<String> = health.rows.iter().map(|(t, n)| format!("{n} {t}")).collect();
                say!("{shown}: ok ({})", rows.join(", "));
                if fix != Fix::None {
                    say!("nothing to repair; the database was left as it is");
                }
                return Ok(());
            }
            health.problems
        }
        Err(e @ StoreError::Busy { .. }) => return Err(e.into()),
        Err(e @ StoreError::Io { .. }) => return Err(e.into()),
        // Written by a newer nook: not damaged, and never moved aside.
        Err(e @ StoreError::Invalid(_)) => return Err(e.into()),
        Err(e) => vec![e.to_string()],
    };
    for p in problems.iter().take(20) {
        tell!("nook: {p}");
    }
    if problems.len() > 20 {
        tell!("nook: ... and {} more problems", problems.len() - 20);
    }
    if fix == Fix::None {
        return Err(CliError::user(format!(
            "{shown} has problems. Close every other nook, then run \
             `nook doctor --recover` to move it aside and copy what can be read into a new \
             database, or `nook doctor --fresh` to move it aside and start empty. \
             The damaged file is kept either way."
        )));
    }
    let backup = backup_name(&db)?;
    std::fs::rename(&db, &backup).map_err(|e| {
        CliError::user(format!(
            "{shown}: cannot move it aside to {}: {e}",
            backup.display()
        ))
    })?;
    say!("moved the damaged database to {}", backup.display());
    match fix {
        Fix::Recover => {
            let saved = doctor::salvage(&backup, &db)?;
            let rows: Vec<String> = saved.copied.iter().map(|(t, n)| format!("{n} {t}")).collect();
            say!(
                "{shown}: a new database with what could be read ({})",
                rows.join(", ")
            );
            if !saved.lost.is_empty() {
                say!("could not be read ({}):", saved.lost.len());
                for l in saved.lost.iter().take(20) {
                    say!("  {l}");
                }
            }
        }
        _ => {
            Store::open(&db)?;
            say!("{shown}: a new, empty database");
        }
    }
    Ok(())
}

/// `nook.redb.damaged-YYYYMMDD-HHMMSS`, with a counter if that is taken.
fn backup_name(db: &Path) -> Result<PathBuf, CliError> {
    let stamp = crate::model::Now::system()?
        .local
        .format("%Y%m%d-%H%M%S")
        .to_string();
    let name = db
        .file_name()
        .map_or("nook.redb".into(), |n| n.to_string_lossy().into_owned());
    let mut n = 1;
    loop {
        let suffix = if n == 1 { String::new() } else { format!("-{n}") };
        let p = db.with_file_name(format!("{name}.damaged-{stamp}{suffix}"));
        if !p.exists() {
            return Ok(p);
        }
        n += 1;
    }
}
