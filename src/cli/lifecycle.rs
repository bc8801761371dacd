//! The life of an app: a spec whose kind no longer matches its data,
//! `nook archive`, `nook restore`, `nook purge` and `nook orphans`.

use super::{CliError, CliResult, Ctx};
use crate::model::count::count;
use crate::model::item_id::ItemId;
use crate::model::migrate::{present, report};
use crate::spec::archive;
use crate::spec::{Kind, Spec};

impl Ctx {
    /// Marks specs whose kind differs from their stored data as invalid.
    pub(super) fn mark_kinds(&mut self) -> Result<(), CliError> {
        if !self.home.has_database() {
            return Ok(());
        }
        let mut catalog = std::mem::take(&mut self.catalog);
        let marked = self
            .store()?
            .read(|r| crate::spec::catalog::mark(r, &mut catalog));
        self.catalog = catalog;
        marked.map_err(CliError::from)
    }

    /// The spec, unless its kind differs from the data stored under its id.
    pub(super) fn fit_kind(&mut self, spec: Spec) -> Result<Spec, CliError> {
        if !self.home.has_database() {
            return Ok(spec);
        }
        match self.store()?.read(|r| r.kind_conflict(&spec))? {
            None => Ok(spec),
            Some(message) => Err(CliError::user(format!(
                "the app {:?} has an invalid spec:\napps/{}.ron: {message}",
                spec.id, spec.id
            ))),
        }
    }

    /// "FILE: note: ..." for every list whose data the spec does not show
    /// plainly (hidden fields, values that do not fit); reads every item.
    pub(super) fn data_notes(&mut self) -> Result<Vec<String>, CliError> {
        if !self.home.has_database() {
            return Ok(Vec::new());
        }
        let entries = self.catalog.entries.clone();
        let store = self.store()?;
        let notes = store.read(|r| {
            let mut out = Vec::new();
            for e in &entries {
                let Ok(spec) = &e.spec else { continue };
                let Kind::List(list) = &spec.kind else { continue };
                if list.fields.is_empty() {
                    continue;
                }
                let items = r.items(&spec.id, ItemId(0), usize::MAX)?;
                let shown: Vec<_> = items.into_iter().map(|i| present(list, i)).collect();
                for line in report(list, &shown).lines() {
                    out.push(format!("{}: note: {line}", e.path.display()));
                }
            }
            Ok(out)
        })?;
        Ok(notes)
    }
}

fn apps_dir(ctx: &Ctx) -> std::path::PathBuf {
    ctx.home.apps()
}

/// The archived specs; refused when `apps/.archive` leads out of the home.
fn archived(ctx: &Ctx) -> Result<crate::spec::Catalog, CliError> {
    archive::archived(&apps_dir(ctx), &ctx.home.bounds()).map_err(CliError::user)
}

fn file_of(e: &crate::spec::Entry) -> String {
    e.path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default()
}

use archive::entry_id as id_of;

/// What other apps' links to `id` would show after it goes: one line each.
fn link_warnings(ctx: &mut Ctx, id: &str) -> Result<Vec<String>, CliError> {
    if !ctx.home.has_database() {
        return Ok(Vec::new());
    }
    let specs: Vec<crate::spec::Spec> = ctx.catalog.specs().cloned().collect();
    let specs: Vec<&crate::spec::Spec> = specs.iter().collect();
    let from = crate::usecase::link::linked_from(ctx.store()?, id, &specs)?;
    Ok(from
        .iter()
        .filter(|l| l.items > 0)
        .map(|l| l.warning(id))
        .collect())
}

pub fn archive(ctx: &mut Ctx, query: &str, yes: bool) -> CliResult {
    let Some(entry) = archive::find(&ctx.catalog, query).cloned() else {
        if archive::find(&archived(ctx)?, query).is_some() {
            return Err(CliError::user(format!("{query:?} is already archived")));
        }
        return Err(CliError::user(format!(
            "no app called {query:?} (`nook ls` lists them)"
        )));
    };
    let warnings = link_warnings(ctx, &id_of(&entry))?;
    if !warnings.is_empty() {
        if !yes {
            return Err(CliError::user(format!(
                "{}\nnothing was archived; `nook archive {} --yes` archives it anyway",
                warnings.join("\n"),
                id_of(&entry)
            )));
        }
        for w in &warnings {
            tell!("nook: {w}");
        }
    }
    let to = crate::usecase::lifecycle::archive(&ctx.home, &file_of(&entry)).map_err(CliError::user)?;
    let id = id_of(&entry);
    say!(
        "Archived {}: apps/{} is now apps/{}/{}; its data is kept (`nook restore {id}` brings it back)",
        entry.spec.as_ref().map_or(id.clone(), |s| s.name.clone()),
        file_of(&entry),
        archive::DIR,
        to.file_name().map(|f| f.to_string_lossy()).unwrap_or_default()
    );
    Ok(())
}

pub fn restore(ctx: &mut Ctx, query: &str) -> CliResult {
    let archived = archived(ctx)?;
    let Some(entry) = archive::find(&archived, query) else {
        if archive::find(&ctx.catalog, query).is_some() {
            return Err(CliError::user(format!(
                "{query:?} is not archived; it is in the apps folder"
            )));
        }
        return Err(CliError::user(format!(
            "no archived app called {query:?}; `nook orphans` lists data without a spec"
        )));
    };
    let to = crate::usecase::lifecycle::restore(&ctx.home, entry).map_err(CliError::user)?;
    say!(
        "Restored {} to apps/{}",
        entry.spec.as_ref().map_or(id_of(entry), |s| s.name.clone()),
        to.file_name().map(|f| f.to_string_lossy()).unwrap_or_default()
    );
    Ok(())
}

fn describe(held: Option<&crate::model::held::Held>) -> String {
    match held {
        Some(h) => format!("{} data: {}", h.kind, h.what),
        None => "no data, only history".into(),
    }
}

/// Asks on the terminal; without one, `--yes` is the only way to say yes.
fn confirm(question: &str, id: &str) -> Result<(), CliError> {
    use std::io::{BufRead, IsTerminal};
    if !std::io::stdin().is_terminal() {
        return Err(CliError::user(format!(
            "purge deletes data for good and there is no terminal to ask on; \
             run `nook purge {id} --yes` to confirm"
        )));
    }
    crate::out::ask(&format!("{question} [y/N]"));
    let mut answer = String::new();
    let _ = std::io::stdin().lock().read_line(&mut answer);
    if matches!(answer.trim().to_lowercase().as_str(), "y" | "yes") {
        Ok(())
    } else {
        Err(CliError::user("purge cancelled; nothing was deleted"))
    }
}

pub fn purge(ctx: &mut Ctx, query: &str, yes: bool) -> CliResult {
    if let Some(e) = archive::find(&ctx.catalog, query) {
        let id = id_of(e);
        return Err(CliError::user(format!(
            "{id:?} is an active app (apps/{}); archive it first with `nook archive {id}`, then purge it",
            file_of(e)
        )));
    }
    let archived = archived(ctx)?;
    let entry = archive::find(&archived, query).cloned();
    let id = match &entry {
        Some(e) => id_of(e),
        None => query.to_string(),
    };
    let held = if ctx.home.has_database() {
        ctx.store()?.read(|r| {
            let known = r.apps_with_data()?.contains(&id);
            Ok(if known { Some(r.held(&id)?) } else { None })
        })?
    } else {
        None
    };
    // Another active spec may use the same id: asked before the prompt.
    crate::usecase::lifecycle::purge_guard(&ctx.home, &id).map_err(CliError::user)?;
    if entry.is_none() && held.is_none() {
        return Err(CliError::user(format!(
            "nothing called {query:?}: no archived app and no stored data with that id \
             (`nook orphans` lists data without a spec)"
        )));
    }
    let what = describe(held.as_ref().and_then(|h| h.as_ref()));
    let file = entry
        .as_ref()
        .map(|e| format!(" and apps/{}/{}", archive::DIR, file_of(e)))
        .unwrap_or_default();
    let warnings = link_warnings(ctx, &id)?;
    for w in &warnings {
        tell!("nook: {w}");
    }
    if !yes {
        confirm(&format!("Delete '{id}' ({what}){file} for good?"), &id)?;
    }
    if held.is_some() {
        ctx.store()?;
    }
    let archived_file = entry.as_ref().map(file_of);
    let purged =
        crate::usecase::lifecycle::purge(&ctx.home, ctx.store.as_ref(), &id, archived_file.as_deref())
            .map_err(CliError::user)?;
    say!(
        "Purged '{id}': {}, {}, {}, {} of history{}",
        count(purged.items, "item"),
        count(purged.entries, "tracker day"),
        count(purged.sessions, "session"),
        count(purged.operations, "operation"),
        if entry.is_some() {
            "; its archived spec is removed"
        } else {
            ""
        }
    );
    Ok(())
}

/// One row of `nook orphans --json`: every key always, counts as numbers
/// and the last write as unix ms, as every timestamp in nook's JSON.
#[derive(serde::Serialize)]
struct Orphan {
    id: String,
    /// None: nothing left but history.
    kind: Option<crate::spec::StoredKind>,
    items: u64,
    days: u64,
    sessions: u64,
    last_write: Option<i64>,
    /// The table's words ("12 items"), not in the JSON.
    #[serde(skip)]
    data: String,
}

pub fn orphans(ctx: &mut Ctx, json: bool) -> CliResult {
    let rows: Vec<Orphan> = if ctx.home.has_database() {
        ctx.store()?;
        let store = ctx.store.as_ref().expect("just opened");
        crate::usecase::lifecycle::orphans(&ctx.home, store).map_err(CliError::user)?
    } else {
        Vec::new()
    }
    .into_iter()
    .map(|o| Orphan {
        kind: o.held.as_ref().map(|h| h.kind.clone()),
        items: o.held.as_ref().map_or(0, |h| h.items),
        days: o.held.as_ref().map_or(0, |h| h.days),
        sessions: o.held.as_ref().map_or(0, |h| h.sessions),
        data: o
            .held
            .as_ref()
            .map_or("no data, only history".into(), |h| h.what.clone()),
        last_write: (o.updated > 0).then_some(o.updated),
        id: o.id,
    })
    .collect();
    if json {
        crate::out::json(&serde_json::to_string_pretty(&rows).unwrap_or_default());
        return Ok(());
    }
    if rows.is_empty() {
        say!("No orphaned data: every stored app id has a spec.");
        return Ok(());
    }
    let w = rows
        .iter()
        .map(|r| r.id.chars().count())
        .max()
        .unwrap_or(2)
        .max(2);
    let wd = rows
        .iter()
        .map(|r| r.data.chars().count() + r.kind.as_ref().map_or(0, |k| k.to_string().len() + 1))
        .max()
        .unwrap_or(4)
        .max(4);
    say!("{:<w$}  {:<wd$}  LAST WRITE", "ID", "DATA");
    for r in &rows {
        let data = match &r.kind {
            Some(k) => format!("{k}: {}", r.data),
            None => r.data.clone(),
        };
        let when = r
            .last_write
            .and_then(chrono::DateTime::from_timestamp_millis)
            .map(|d| {
                d.with_timezone(&chrono::Local)
                    .format("%Y-%m-%d %H:%M")
                    .to_string()
            });
        say!("{:<w$}  {data:<wd$}  {}", r.id, when.as_deref().unwrap_or("-"));
    }
    say!("\nA spec with one of these ids (`id: \"...\"`) shows its data again; `nook purge ID` deletes it.");
    Ok(())
}

impl Ctx {
    /// Archives apps past their `expires` day, saying so on stderr, and
    /// reads the apps folder again if any moved.
    pub(super) fn expire_apps(&mut self) -> Result<(), CliError> {
        let today = crate::model::Now::system()?.today();
        let expired = archive::expire(&apps_dir(self), &self.home.bounds(), &self.catalog, today);
        for e in &expired {
            tell!("nook: {}", e.notice());
        }
        if expired.iter().any(|e| e.problem.is_none()) {
            self.catalog = super::scan(&self.home)?;
            self.mark_kinds()?;
        }
        Ok(())
    }
}
