//! Carrying out the launcher's lifecycle effects: spec files moved to and
//! from `apps/.archive/`, data purged, the archive view listed.

use super::Shell;
use crate::app::archive::ArchiveRow;
use crate::app::{Action, App, Effect, Level};
use crate::model::count::count;
use crate::spec::archive;
use crate::usecase;

impl Shell {
    pub(super) fn lifecycle(&mut self, app: &App, effect: Effect) -> Vec<Action> {
        let apps = self.home.apps();
        let bounds = self.home.bounds();
        let error = |m: String| vec![Action::Message(m, Level::Error)];
        match effect {
            Effect::ArchiveLinked { file, id } => {
                let specs: Vec<&crate::spec::Spec> =
                    app.entries.iter().filter_map(|e| e.spec.as_ref().ok()).collect();
                match usecase::link::linked_from(&self.store, &id, &specs) {
                    Ok(from) if from.iter().any(|l| l.items > 0) => vec![Action::AskArchive {
                        file,
                        warnings: from
                            .iter()
                            .filter(|l| l.items > 0)
                            .map(|l| l.warning(&id))
                            .collect(),
                    }],
                    Ok(_) => self.lifecycle(app, Effect::Archive(file)),
                    Err(e) => error(e.to_string()),
                }
            }
            Effect::Archive(file) => {
                let name = app
                    .entries
                    .iter()
                    .find(|e| e.file == file)
                    .and_then(|e| e.spec.as_ref().ok().map(|s| s.name.clone()))
                    .unwrap_or_else(|| file.clone());
                match usecase::lifecycle::archive(&self.home, &file) {
                    Ok(_) => vec![self.scan(), Action::AppArchived(file, name)],
                    Err(e) => error(e),
                }
            }
            Effect::Restore(file) => {
                let archived = match archive::archived(&apps, &bounds) {
                    Ok(a) => a,
                    Err(e) => return error(format!("Not restored: {e}")),
                };
                let Some(entry) = archived
                    .entries
                    .iter()
                    .find(|e| e.path.file_name().is_some_and(|f| *f == *file))
                else {
                    return error(format!("apps/{}/{file} is no longer there", archive::DIR));
                };
                match usecase::lifecycle::restore(&self.home, entry) {
                    Ok(_) => {
                        let name = entry.spec.as_ref().map_or(file.clone(), |s| s.name.clone());
                        let mut out = vec![
                            self.scan(),
                            Action::Message(format!("Restored {name}"), Level::Info),
                        ];
                        out.extend(self.archive_rows());
                        out
                    }
                    Err(e) => error(format!("Not restored: {e}")),
                }
            }
            Effect::Purge { id, file } => {
                let purged =
                    match usecase::lifecycle::purge(&self.home, Some(&self.store), &id, file.as_deref()) {
                        Ok(p) => p,
                        Err(e) => return error(format!("Not purged: {e}")),
                    };
                let mut out = vec![Action::Message(
                    format!(
                        "Purged '{id}': {}, {}, {} deleted",
                        count(purged.items, "item"),
                        count(purged.entries, "day"),
                        count(purged.sessions, "session")
                    ),
                    Level::Info,
                )];
                out.extend(self.archive_rows());
                out
            }
            Effect::LoadArchive => self.archive_rows(),
            Effect::SaveLauncherSort(word) => {
                let _ = self.store.set_meta("launcher_sort", word.as_bytes());
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    /// Archived specs, then ids with data and no spec at all.
    fn archive_rows(&self) -> Vec<Action> {
        let bounds = self.home.bounds();
        let archived = match archive::archived(&self.home.apps(), &bounds) {
            Ok(a) => a,
            Err(e) => return vec![Action::Message(e, Level::Error)],
        };
        // The folder as it is now: the App's entries may not show a move yet.
        let known = match usecase::lifecycle::known_ids(&self.home) {
            Ok(k) => k,
            Err(e) => return vec![Action::Message(e, Level::Error)],
        };
        // The active specs, for what links to each archived app.
        let active = crate::spec::Catalog::of_home(&self.home).unwrap_or_default();
        let specs: Vec<&crate::spec::Spec> = active.specs().collect();
        let linked = |id: &str| -> Vec<String> {
            usecase::link::linked_from(&self.store, id, &specs)
                .unwrap_or_default()
                .iter()
                .filter(|l| l.items > 0)
                .map(|l| l.warning(id))
                .collect()
        };
        let result = self.store.read(|r| {
            let mut rows = Vec::new();
            for e in &archived.entries {
                let id = archive::entry_id(e);
                let stored = r.apps_with_data()?.contains(&id);
                let held = if stored { r.held(&id)? } else { None };
                rows.push(ArchiveRow {
                    name: e.spec.as_ref().map_or_else(|_| e.stem(), |s| s.name.clone()),
                    file: e.path.file_name().map(|f| f.to_string_lossy().into_owned()),
                    what: held.map_or("no data".into(), |h| format!("{}: {}", h.kind, h.what)),
                    updated: stored.then(|| r.summary(&id).map(|s| s.updated)).transpose()?,
                    linked: linked(&id),
                    id,
                });
            }
            for o in r.orphans(&known)? {
                rows.push(ArchiveRow {
                    name: o.id.clone(),
                    file: None,
                    what: o.held.map_or("no data, only history".into(), |h| {
                        format!("{}: {}", h.kind, h.what)
                    }),
                    updated: Some(o.updated),
                    linked: linked(&o.id),
                    id: o.id,
                });
            }
            Ok(rows)
        });
        match result {
            Ok(rows) => vec![Action::ArchiveRows(rows)],
            Err(e) => vec![Action::Message(e.to_string(), Level::Error)],
        }
    }
}
