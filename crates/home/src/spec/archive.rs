//! Archived apps: spec files moved to `apps/.archive/`, which the catalog
//! skips (a hidden folder), so an archived app leaves the launcher while its
//! data stays in the database under its id. Moves never replace a file.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::catalog::{Catalog, Entry, Listing};
use crate::bounds::Bounds;

/// The folder archived specs live in, inside the apps folder.
pub const DIR: &str = ".archive";

pub fn dir(apps: &Path) -> PathBuf {
    apps.join(DIR)
}

/// What the archive's files may lead to: the apps folder only (where the
/// user's own link puts it). A remote can commit `apps/.archive` as a link:
/// one to `..` would make the home's own files archived apps, so `restore`
/// would move `config.ron` into the synced folder and `purge` delete it.
fn within(apps: &Path, bounds: &Bounds) -> Bounds {
    bounds.within(apps, "the apps folder")
}

/// Where the archive folder really is (made or not yet); one leading out
/// of the apps folder is refused, so no spec is moved there and no file
/// deleted there.
pub fn real_dir(apps: &Path, bounds: &Bounds) -> Result<PathBuf, String> {
    within(apps, bounds).resolve(&dir(apps)).map_err(String::from)
}

/// Moves `from` to `to`, failing if `to` exists: a hard link then an unlink,
/// so the file is in one place or both, never in none and never over
/// another file. Where hard links are not supported, a checked rename.
fn move_new(from: &Path, to: &Path) -> std::io::Result<()> {
    match std::fs::hard_link(from, to) {
        Ok(()) => std::fs::remove_file(from),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(e),
        Err(_) if to.exists() => Err(std::io::ErrorKind::AlreadyExists.into()),
        Err(_) => std::fs::rename(from, to),
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The id an entry's data is stored under: its spec's, or for a spec with a
/// problem, the id its file name gives.
pub fn entry_id(e: &Entry) -> String {
    match &e.spec {
        Ok(s) => s.id.clone(),
        Err(_) => super::slug::from_stem(&e.stem()).unwrap_or_else(|| e.stem()),
    }
}

/// Moves an app's spec into the archive; returns where it went.
pub fn archive(apps: &Path, bounds: &Bounds, spec_file: &Path) -> Result<PathBuf, String> {
    let name = file_name(spec_file);
    let archive = real_dir(apps, bounds)?;
    // A link leading out of the apps folder could not be restored.
    within(apps, bounds)
        .resolve(spec_file)
        .map_err(|r| format!("not archived: {r}"))?;
    std::fs::create_dir_all(&archive)
        .map_err(|e| format!("{}: cannot make the folder: {e}", archive.display()))?;
    let to = archive.join(&name);
    move_new(spec_file, &to).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => {
            format!("apps/{DIR}/{name} already exists (an app archived earlier); restore or purge it first")
        }
        _ => format!("{}: cannot move it to apps/{DIR}: {e}", spec_file.display()),
    })?;
    Ok(to)
}

/// Every archived spec, valid or not, by file name (none when there is no
/// archive folder); refused when the folder leads out of `bounds`.
pub fn archived(apps: &Path, bounds: &Bounds) -> Result<Catalog, String> {
    Ok(Catalog::scan(&real_dir(apps, bounds)?, &within(apps, bounds)).unwrap_or_default())
}

/// The archive folder's spec files, listed as [`archived`] reads them;
/// None when the folder leads out of the apps folder or cannot be read.
pub fn listing(apps: &Path, bounds: &Bounds) -> Option<Listing> {
    Listing::of(&real_dir(apps, bounds).ok()?, &within(apps, bounds)).ok()
}

/// Deletes the archived spec `file` (the file itself: a link is removed,
/// not followed).
pub fn delete(apps: &Path, bounds: &Bounds, file: &str) -> Result<(), String> {
    let path = real_dir(apps, bounds)?.join(file);
    std::fs::remove_file(&path).map_err(|e| format!("{}: cannot remove it: {e}", path.display()))
}

/// Finds an archived app by id, file name or name (ignoring case).
pub fn find<'a>(archived: &'a Catalog, query: &str) -> Option<&'a Entry> {
    let q = query.to_lowercase();
    let e = &archived.entries;
    e.iter()
        .find(|e| e.spec.as_ref().is_ok_and(|s| s.id == query))
        .or_else(|| e.iter().find(|e| e.stem().to_lowercase() == q))
        .or_else(|| {
            e.iter()
                .find(|e| e.spec.as_ref().is_ok_and(|s| s.name.to_lowercase() == q))
        })
}

/// Moves an archived spec back into the apps folder, unless a file of that
/// name is there, an active app now has its id, or it is a link leading
/// out of the apps folder.
pub fn restore(apps: &Path, bounds: &Bounds, entry: &Entry, active: &Catalog) -> Result<PathBuf, String> {
    let name = file_name(&entry.path);
    within(apps, bounds).resolve(&entry.path)?;
    let to = apps.join(&name);
    if to.exists() {
        return Err(format!(
            "apps/{name} already exists; rename or move it, then restore again"
        ));
    }
    if let Ok(spec) = &entry.spec
        && let Some(other) = active
            .entries
            .iter()
            .find(|e| e.spec.as_ref().is_ok_and(|s| s.id == spec.id))
    {
        return Err(format!(
            "the app in apps/{} now has the id {:?}; give one of them another id, then restore again",
            file_name(&other.path),
            spec.id
        ));
    }
    move_new(&entry.path, &to).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => format!("apps/{name} already exists"),
        _ => format!("{}: cannot move it back: {e}", entry.path.display()),
    })?;
    Ok(to)
}

/// One app archived because it expired.
#[derive(Clone, Debug, PartialEq)]
pub struct Expired {
    pub name: String,
    pub id: String,
    pub on: NaiveDate,
    /// Why it could not be moved, if it could not.
    pub problem: Option<String>,
}

impl Expired {
    /// "Archived 'sprint-7': it expired on 2026-11-20".
    pub fn notice(&self) -> String {
        match &self.problem {
            None => format!(
                "Archived '{}': it expired on {} (its data is kept; `nook restore {}` brings it back)",
                self.id, self.on, self.id
            ),
            Some(p) => format!("'{}' expired on {} but was not archived: {p}", self.id, self.on),
        }
    }
}

/// Archives every app of `catalog` whose `expires` day is before `today`.
pub fn expire(apps: &Path, bounds: &Bounds, catalog: &Catalog, today: NaiveDate) -> Vec<Expired> {
    let mut out = Vec::new();
    for e in &catalog.entries {
        let Ok(spec) = &e.spec else { continue };
        let Some(on) = spec.expires.filter(|d| *d < today) else {
            continue;
        };
        out.push(Expired {
            name: spec.name.clone(),
            id: spec.id.clone(),
            on,
            problem: archive(apps, bounds, &e.path).err(),
        });
    }
    out
}
