//! The life of an app: new, archive, restore, purge, and the ids in use.
//! Every rule reads the apps folder and the database as they are now, so
//! the TUI (whose catalog may be a moment old) and the command line decide
//! alike.

use std::path::PathBuf;

use crate::describe::{Described, Existing};
use crate::model::Now;
use crate::paths::Home;
use crate::spec::template::{self, Template};
use crate::spec::{Catalog, Entry, archive, save};
use crate::store::Store;
use crate::store::orphans::Stored as Orphan;

/// The apps folder as it is now.
pub fn active(home: &Home) -> Result<Catalog, String> {
    Catalog::of_home(home).map_err(|e| format!("{}: cannot read the apps folder: {e}", home.apps().display()))
}

/// Ids any spec, active or archived, uses (or would, for one with a problem).
pub fn known_ids(home: &Home) -> Result<Vec<String>, String> {
    let archived = archive::archived(&home.apps(), &home.bounds())?;
    let active = active(home)?;
    Ok(active
        .entries
        .iter()
        .chain(archived.entries.iter())
        .map(archive::entry_id)
        .collect())
}

/// Stored data whose app has no spec, active or archived.
pub fn orphans(home: &Home, store: &Store) -> Result<Vec<Orphan>, String> {
    let known = known_ids(home)?;
    store.read(|r| r.orphans(&known)).map_err(|e| e.to_string())
}

/// A new app's spec file and its fresh id.
#[derive(Clone, Debug, PartialEq)]
pub struct Made {
    pub path: PathBuf,
    pub id: String,
}

/// Writes a new app from a template. Its id is one no spec (active, with
/// a problem, or archived) uses and no stored data holds. `store` is None
/// where no database exists yet (one is not made for this).
pub fn new_app(
    home: &Home,
    store: Option<&Store>,
    now: Now,
    template_key: &str,
    name: &str,
) -> Result<Made, String> {
    let template = template::find(template_key)?;
    new_app_from(home, store, now, &template, name)
}

/// The apps there are, active (or with a problem) and archived: a described
/// app keeps its name and id apart from them.
pub fn existing(home: &Home) -> Result<Vec<Existing>, String> {
    let archived = archive::archived(&home.apps(), &home.bounds())?;
    let active = active(home)?;
    Ok(active
        .entries
        .iter()
        .chain(archived.entries.iter())
        .map(|e| Existing {
            id: archive::entry_id(e),
            name: e
                .spec
                .as_ref()
                .map(|s| s.name.clone())
                .unwrap_or_else(|_| e.stem()),
        })
        .collect())
}

/// An app from a sentence, not written: the CLI's `--dry-run` prints it, the
/// TUI opens it in the editor. Its id is one no spec and no stored data uses.
/// With a model in config.ron, the model writes it (checked, with up to two
/// repairs) and the built-in interpreter is the fallback; the note says
/// which made it. Without one, the interpreter does, and there is no note.
pub fn describe(
    home: &Home,
    store: Option<&Store>,
    now: Now,
    sentence: &str,
) -> Result<(Described, Option<String>), String> {
    let mut existing = existing(home)?;
    if let Some(store) = store {
        let stored = store.read(|r| r.apps_with_data()).map_err(|e| e.to_string())?;
        existing.extend(stored.into_iter().map(|id| Existing {
            id,
            name: String::new(),
        }));
    }
    let (config, _) = crate::config::load(home);
    let words = &config.describe.command;
    if words.is_empty() {
        return crate::describe::describe(sentence, now.today(), &existing).map(|d| (d, None));
    }
    let shown = crate::model_command::shown(words);
    let why = match by_model(words, config.describe.timeout_secs, sentence, now, &existing) {
        Ok(d) => return Ok((d, Some(format!("made by the model `{shown}`")))),
        Err(why) => why,
    };
    let d = crate::describe::describe(sentence, now.today(), &existing)?;
    Ok((
        d,
        Some(format!(
            "made by the built-in interpreter: the model `{shown}` {why}"
        )),
    ))
}

/// Asks the model, checks its spec, and sends the problems back for up to
/// two repairs; why it gave no spec that checks, else.
fn by_model(
    words: &[String],
    timeout_secs: u64,
    sentence: &str,
    now: Now,
    existing: &[Existing],
) -> Result<Described, String> {
    use crate::describe::model;
    let first = model::prompt(crate::model_command::reference(), sentence, now.today());
    let limit = std::time::Duration::from_secs(timeout_secs);
    let mut prompt = first.clone();
    let mut last = String::new();
    for _ in 0..3 {
        let reply = crate::model_command::ask(words, &prompt, limit)?;
        let spec = model::extract(&reply);
        let problems = match &spec {
            Some(text) => match crate::describe::from_spec_text(sentence, text, existing, "a local model") {
                Ok(d) => return Ok(d),
                Err(problems) => problems,
            },
            None => vec!["no spec in the reply".to_string()],
        };
        last = problems.first().cloned().unwrap_or_default();
        prompt = model::repair(&first, spec.as_deref(), &problems);
    }
    Err(format!("gave no spec that checks after 2 repairs ({last})"))
}

/// A file name in the apps folder for a described app that is not written
/// yet (the TUI's editor saves it): its id's, or the first free one after.
pub fn draft_file(home: &Home, described: &Described) -> String {
    let apps = home.apps();
    let id = template::fresh_id(&described.id, |id| apps.join(format!("{id}.ron")).exists());
    format!("{id}.ron")
}

/// Writes a described app, as [`new_app`] writes a template: whole, under a
/// fresh id and a file name nothing uses.
pub fn new_described(
    home: &Home,
    store: Option<&Store>,
    now: Now,
    described: &Described,
) -> Result<Made, String> {
    let template = Template {
        key: "describe".into(),
        title: described.name.clone(),
        kind: described.kind,
        about: described.summary.clone(),
        text: described.text.clone(),
    };
    // The name is nook's own here, so a file of that name already in the
    // folder (a bundled "reading.ron") takes "Reading 2", as ids do.
    let free = |n: &str| {
        crate::spec::slug::from_stem(n).is_none_or(|f| !home.apps().join(format!("{f}.ron")).exists())
    };
    let name = (1..100)
        .map(|n| match n {
            1 => described.name.clone(),
            n => format!("{} {n}", described.name),
        })
        .find(|n| free(n))
        .unwrap_or_else(|| described.name.clone());
    new_app_from(home, store, now, &template, &name)
}

fn new_app_from(
    home: &Home,
    store: Option<&Store>,
    now: Now,
    template: &Template,
    name: &str,
) -> Result<Made, String> {
    let stored = match store {
        Some(s) => s.read(|r| r.apps_with_data()).map_err(|e| e.to_string())?,
        None => Vec::new(),
    };
    let active = active(home)?;
    let used: Vec<String> = active.entries.iter().map(archive::entry_id).collect();
    let taken = |id: &str| used.iter().chain(stored.iter()).any(|s| s == id);
    let (path, id) = save::new_app(&home.apps(), &home.bounds(), name, template, taken)?;
    if let Some(store) = store {
        // The app's life starts now, for "created" in the launcher.
        let _ = store.note_created(&id, now.ms);
    }
    Ok(Made { path, id })
}

/// Moves an active app's spec (`file` in the apps folder) to the archive.
pub fn archive(home: &Home, file: &str) -> Result<PathBuf, String> {
    archive::archive(&home.apps(), &home.bounds(), &home.apps().join(file))
}

/// Moves an archived spec back, refused when its file name or id is taken
/// in the apps folder as it is now.
pub fn restore(home: &Home, entry: &Entry) -> Result<PathBuf, String> {
    archive::restore(&home.apps(), &home.bounds(), entry, &active(home)?)
}

/// What a purge deleted.
pub type Purged = crate::store::purge::Purged;

/// Deletes, for good, the data stored under `id` and the archived spec
/// `file` (if any); `store` is None where no database exists. Refused while an active spec uses the id: its data is
/// that app's now, so a purge takes archiving it first.
pub fn purge(home: &Home, store: Option<&Store>, id: &str, file: Option<&str>) -> Result<Purged, String> {
    purge_guard(home, id)?;
    let apps = home.apps();
    let bounds = home.bounds();
    // The archive folder is checked before any data goes.
    if file.is_some() {
        archive::real_dir(&apps, &bounds)?;
    }
    let purged = match store {
        Some(store) => store.purge(id).map_err(|e| e.to_string())?,
        None => Purged::default(),
    };
    if let Some(file) = file {
        archive::delete(&apps, &bounds, file).map_err(|e| format!("purged the data of '{id}', but {e}"))?;
    }
    Ok(purged)
}

/// Whether data under `id` may be purged: not while an active spec uses
/// the id (its data is that app's now). The CLI asks it before its prompt.
pub fn purge_guard(home: &Home, id: &str) -> Result<(), String> {
    let active = active(home)?;
    if let Some(user) = active
        .entries
        .iter()
        .find(|e| e.spec.as_ref().is_ok_and(|s| s.id == id))
    {
        return Err(format!(
            "the id {id:?} is used by the active app apps/{}: its data belongs to that app now, so \
             nothing was purged; archive that app first, or give one of them another id",
            user.path
                .file_name()
                .map(|f| f.to_string_lossy())
                .unwrap_or_default()
        ));
    }
    Ok(())
}
