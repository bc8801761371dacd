//! `nook doctor`: check the database; when asked, set a damaged one aside
//! and start fresh or save what can be read. A damaged file is never
//! changed or deleted: it is kept as `nook.redb.damaged-TIMESTAMP`.
//!
//! Replacing it is atomic from the user's view: the new database is built
//! under a temporary name, the old file gets its second name (a hard link,
//! so it stays the same file), and the new one is renamed over
//! `nook.redb` last. Stopped at any point, nook finds the old database or
//! the new one, never none. Every step holds the exclusive hold
//! (`store::hold`), so no open nook writes into a file being set aside.

use std::path::{Path, PathBuf};

use super::{CliError, CliResult};
use crate::paths::Home;
use crate::store::{Store, StoreError, doctor, hold};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fix {
    None,
    Fresh,
    Recover,
}

pub fn run(flag: Option<&Path>, fix: Fix) -> CliResult {
    let home = Home::locate(flag).map_err(CliError::user)?;
    let db = home.database().map_err(CliError::user)?;
    let shown = db.display();
    for aside in doctor::set_aside(&db) {
        tell!("nook: {}", doctor::set_aside_notice(&db, &aside));
    }
    if !db.exists() {
        say!("{shown}: no database yet; nook creates it on the first change");
        return Ok(());
    }
    // Held from the check to the swap, so what was checked is what is set aside.
    let exclusive = match fix {
        // A plain check needs no hold, but takes it for a moment when it is
        // free, so what a stopped doctor left is removed, never in use.
        Fix::None => {
            if let Ok(held) = hold::exclusive(&db) {
                for n in doctor::remove_leftovers(&db) {
                    say!("removed {n}, which a stopped `nook doctor` left");
                }
                drop(held);
            }
            None
        }
        _ => {
            let held = hold::exclusive(&db)?;
            for n in doctor::remove_leftovers(&db) {
                say!("removed {n}, which a stopped `nook doctor` left");
            }
            Some(held)
        }
    };
    let problems = match doctor::check(&db) {
        Ok(health) if health.ok() => {
            let rows: Vec<String> = health.rows.iter().map(|(t, n)| format!("{n} {t}")).collect();
            say!("{shown}: ok ({})", rows.join(", "));
            if fix != Fix::None {
                say!("nothing to repair; the database was left as it is");
            }
            return Ok(());
        }
        Ok(health) => health.problems,
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
             `nook doctor --recover` to set it aside and copy what can be read into a new \
             database, or `nook doctor --fresh` to set it aside and start empty. \
             The damaged file is kept either way."
        )));
    }
    // The clock names the set-aside file: read before anything is written.
    let backup = backup_name(&db)?;
    let new = doctor::Scratch::new(&db, "new");
    let saved = match fix {
        Fix::Recover => {
            // Every app a spec names, archived ones too: where else to look.
            let apps = crate::usecase::lifecycle::known_ids(&home).unwrap_or_default();
            Some(doctor::salvage_apps(&db, &new.path, &apps)?)
        }
        _ => {
            drop(Store::open_file_new(&new.path)?);
            None
        }
    };
    if std::env::var_os("NOOK_TEST_STOP_RECOVER").is_some() {
        // Tests: stop as a kill would, before the new file is put in place.
        std::process::exit(3);
    }
    set_aside(&db, &backup, &new.path)?;
    drop(exclusive);
    say!("set the damaged database aside as {}", backup.display());
    say!("(it is kept as it was; nook never changes or deletes it)");
    let Some(saved) = saved else {
        say!("{shown}: a new, empty database");
        return Ok(());
    };
    let label = |t: &str| {
        match t {
            "oplog" => "operations",
            "meta" => "settings",
            t => t,
        }
        .to_string()
    };
    let rows: Vec<String> = saved
        .copied
        .iter()
        .filter(|(t, _)| *t != &"summaries")
        .map(|(t, n)| match saved.held.get(t) {
            Some(h) => format!("{n} of {h} {}", label(t)),
            None => format!("{n} {}", label(t)),
        })
        .collect();
    say!(
        "{shown}: a new database with what could be read: {}",
        rows.join(", ")
    );
    if !saved.lost.is_empty() {
        say!("could not be read ({}):", saved.lost.len());
        for l in saved.lost.iter().take(20) {
            say!("  {l}");
        }
        if saved.lost.len() > 20 {
            say!("  ... and {} more", saved.lost.len() - 20);
        }
    }
    if saved.short() {
        let missing: Vec<String> = saved
            .held
            .iter()
            .filter_map(|(t, h)| {
                let n = saved.copied.get(t).copied().unwrap_or(0);
                (n < *h).then(|| format!("{n} of {h} {}", label(t)))
            })
            .collect();
        return Err(CliError::user(format!(
            "{shown}: saved only {}; the rest is still in {}, which a backup of it may \
             help restore",
            missing.join(", "),
            backup.display()
        )));
    }
    if !saved.lost.is_empty() {
        return Err(CliError::user(format!(
            "{shown}: what is listed above could not be read; it may still be in {}, \
             which a backup of it may help restore",
            backup.display()
        )));
    }
    Ok(())
}

/// Gives the damaged file its second name, then renames `new` over it.
fn set_aside(db: &Path, backup: &Path, new: &Path) -> CliResult {
    let fail = |what: &str, e: std::io::Error| {
        CliError::user(format!(
            "{}: cannot {what} {}: {e}; the database was left as it is",
            db.display(),
            backup.display()
        ))
    };
    if std::fs::hard_link(db, backup).is_err() {
        // A filesystem without hard links: a copy, checked, then synced.
        std::fs::copy(db, backup).map_err(|e| fail("copy it to", e))?;
        let same = std::fs::read(db).ok() == std::fs::read(backup).ok();
        if !same {
            let _ = std::fs::remove_file(backup);
            return Err(fail(
                "copy it exactly to",
                std::io::Error::other("the copy differs"),
            ));
        }
        std::fs::File::open(backup)
            .and_then(|f| f.sync_all())
            .map_err(|e| fail("sync", e))?;
    }
    std::fs::File::open(new)
        .and_then(|f| f.sync_all())
        .map_err(|e| fail("sync the new database beside", e))?;
    std::fs::rename(new, db).map_err(|e| fail("put the new database in place of", e))?;
    if let Some(dir) = db.parent() {
        let _ = std::fs::File::open(dir).and_then(|d| d.sync_all());
    }
    Ok(())
}

/// `nook.redb.damaged-YYYYMMDD-HHMMSS`, with a counter if that is taken.
fn backup_name(db: &Path) -> Result<PathBuf, CliError> {
    let stamp = crate::model::Now::system()?
        .local
        .format("%Y%m%d-%H%M%S")
        .to_string();
    let name = crate::store::db_name(db);
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
