//! The launcher's lifecycle commands: archive the selected app (`d`), bring
//! the last one back (`u`), sort by last use (`s`), and the archive view
//! (`A`) of archived apps and data without a spec, with restore and purge.
//! Pure like the rest of the App: file moves and deletes are Effects.

use super::command::Cmd;
use super::{App, Effect, Level, Overlay};

/// One row of the archive view.
#[derive(Clone, Debug, PartialEq)]
pub struct ArchiveRow {
    /// The id the data is stored under.
    pub id: String,
    pub name: String,
    /// The file in `apps/.archive/`; None: data without any spec (orphan).
    pub file: Option<String>,
    /// "list: 12 items", or "no data".
    pub what: String,
    /// Unix ms of the last write, if any.
    pub updated: Option<i64>,
    /// What other apps' links to it show once it is purged (they show
    /// "(deleted)" already, while it is archived), for the confirmation.
    pub linked: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ArchiveView {
    pub rows: Vec<ArchiveRow>,
    pub selected: usize,
    /// False until the runtime has listed the archive.
    pub loaded: bool,
}

impl ArchiveView {
    pub fn current(&self) -> Option<&ArchiveRow> {
        self.rows.get(self.selected)
    }
}

/// Handles a lifecycle command in the launcher; None for any other command.
pub(super) fn command(app: &mut App, cmd: Cmd) -> Option<Vec<Effect>> {
    if app.s.launcher.archive.is_some() {
        return Some(view_command(app, cmd));
    }
    Some(match cmd {
        Cmd::ArchiveApp => {
            let visible = app.visible_entries();
            let Some(entry) = visible.get(app.s.launcher.selected).map(|&i| &app.s.entries[i]) else {
                return Some(Vec::new());
            };
            if let Some(id) = entry.id()
                && app.s.panels.iter().any(|p| p.spec().id == id)
            {
                app.s.message = Some((
                    format!("{id} is open; close its panel (x) before archiving it"),
                    Level::Error,
                ));
                return Some(Vec::new());
            }
            // Other specs' links to it would show "(deleted)": counted first.
            let linked = entry.id().is_some_and(|id| {
                app.s
                    .entries
                    .iter()
                    .filter_map(|e| e.spec.as_ref().ok())
                    .any(|s| s.id != id && links_to(s, id))
            });
            match (linked, entry.id()) {
                (true, Some(id)) => vec![Effect::ArchiveLinked {
                    file: entry.file.clone(),
                    id: id.to_string(),
                }],
                _ => vec![Effect::Archive(entry.file.clone())],
            }
        }
        Cmd::UndoArchive => match app.s.launcher.last_archived.take() {
            Some(file) => vec![Effect::Restore(file)],
            None => {
                app.s.message = Some(("Nothing archived to bring back".into(), Level::Info));
                Vec::new()
            }
        },
        Cmd::SortApps => {
            let word = app.s.launcher.cycle_sort().word();
            app.s.message = Some((format!("Sort: {word}"), Level::Info));
            vec![Effect::SaveLauncherSort(word.to_string())]
        }
        Cmd::ArchiveView => {
            app.s.launcher.archive = Some(ArchiveView::default());
            vec![Effect::LoadArchive]
        }
        _ => return None,
    })
}

fn view_command(app: &mut App, cmd: Cmd) -> Vec<Effect> {
    let Some(view) = app.s.launcher.archive.as_mut() else {
        return Vec::new();
    };
    let n = view.rows.len();
    match cmd {
        Cmd::Up => view.selected = view.selected.saturating_sub(1),
        Cmd::Down => view.selected = (view.selected + 1).min(n.saturating_sub(1)),
        Cmd::ArchiveView => app.s.launcher.archive = None,
        Cmd::RestoreApp => match view.current() {
            Some(ArchiveRow { file: Some(file), .. }) => return vec![Effect::Restore(file.clone())],
            Some(row) => {
                app.s.message = Some((
                    format!(
                        "'{0}' has no spec: write a spec with id: \"{0}\" into the apps folder and its data shows again",
                        row.id
                    ),
                    Level::Info,
                ));
            }
            None => {}
        },
        Cmd::PurgeApp => {
            if let Some(row) = view.current() {
                app.s.overlay = Some(Overlay::ConfirmPurge(row.clone()));
            }
        }
        _ => {}
    }
    Vec::new()
}

/// Whether `spec` has a Link field to app `id`.
fn links_to(spec: &crate::spec::Spec, id: &str) -> bool {
    match &spec.kind {
        crate::spec::Kind::List(l) => l
            .fields
            .values()
            .any(|f| matches!(&f.ty, crate::spec::FieldType::Link { app, .. } if app == id)),
        _ => false,
    }
}

/// A key while "archive it anyway?" is asked: only `y` archives.
pub(super) fn confirm_archive(app: &mut App, file: String, cmd: Option<Cmd>) -> Vec<Effect> {
    app.s.overlay = None;
    if cmd == Some(Cmd::Yes) {
        return vec![Effect::Archive(file)];
    }
    app.s.message = Some(("Not archived".into(), Level::Info));
    Vec::new()
}

/// A key while the purge confirmation is shown: only `y` deletes.
pub(super) fn confirm_key(app: &mut App, row: ArchiveRow, cmd: Option<Cmd>) -> Vec<Effect> {
    app.s.overlay = None;
    if cmd == Some(Cmd::Yes) {
        return vec![Effect::Purge {
            id: row.id,
            file: row.file,
        }];
    }
    app.s.message = Some(("Not purged; nothing was deleted".into(), Level::Info));
    Vec::new()
}

/// The archive view's rows, listed by the runtime.
pub(super) fn set_rows(app: &mut App, rows: Vec<ArchiveRow>) {
    if let Some(view) = app.s.launcher.archive.as_mut() {
        view.rows = rows;
        view.loaded = true;
        view.selected = view.selected.min(view.rows.len().saturating_sub(1));
    }
}

/// An app was archived: remember it for `u`.
pub(super) fn archived(app: &mut App, file: String, name: String) {
    app.s.launcher.last_archived = Some(file);
    app.s.message = Some((format!("Archived {name} — u to undo"), Level::Info));
}
