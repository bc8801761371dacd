//! The life of an app: a spec whose kind no longer matches its data,
//! `nook archive`, `nook restore`, `nook purge` and `nook orphans`.

use super::{CliError, Ctx};
use crate::model::migrate::{present, report};
use crate::spec::{Kind, Spec};

impl Ctx {
    /// Marks specs whose kind differs from their stored data as invalid.
    pub(super) fn mark_kinds(&mut self) -> Result<(), CliError> {
        if !self.home.database().exists() {
            return Ok(());
        }
        let mut catalog = std::mem::take(&mut self.catalog);
        let marked = self.store()?.read(|r| crate::store::kinds::mark(r, &mut catalog));
        self.catalog = catalog;
        marked.map_err(CliError::from)
    }

    /// The spec, unless its kind differs from the data stored under its id.
    pub(super) fn fit_kind(&mut self, spec: Spec) -> Result<Spec, CliError> {
        if !self.home.database().exists() {
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
        if !self.home.database().exists() {
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
                let items = r.items(&spec.id, 0, usize::MAX)?;
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
