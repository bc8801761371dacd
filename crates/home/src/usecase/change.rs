//! Changing an app by saying what to change (`nook change`, the editor's
//! "Change it…"): the sentence is read by the pure core
//! (`describe::change`), this layer reads and writes the spec file and
//! says which removed fields still hold data.

use std::path::PathBuf;

use crate::describe::change::Changed;
use crate::model::Now;
use crate::paths::Home;
use crate::spec::{Kind, Spec};
use crate::store::Store;

/// A change worked out, not written.
pub struct Planned {
    /// Where the spec is written (a link's target inside the home).
    pub path: PathBuf,
    pub before: String,
    pub changed: Changed,
    /// Removed fields that hold values, and how many items hold one.
    pub hidden: Vec<(String, usize)>,
}

/// Reads `file` (a name in the apps folder) and works out what `sentence`
/// changes in it. Nothing is written.
pub fn plan(
    home: &Home,
    store: Option<&Store>,
    now: Now,
    spec: &Spec,
    file: &str,
    sentence: &str,
) -> Result<Planned, String> {
    let path = home
        .bounds()
        .resolve(&home.apps().join(file))
        .map_err(|r| format!("apps/{file}: {}", r.why))?;
    let before = std::fs::read_to_string(&path).map_err(|e| format!("apps/{file}: cannot read it: {e}"))?;
    let changed = crate::describe::change::change(&before, spec, sentence, now.today())?;
    let mut hidden = Vec::new();
    if let (Some(store), Kind::List(_), false) = (store, &spec.kind, changed.removed_fields.is_empty()) {
        let items = super::list::items(store, spec).map_err(|e| e.to_string())?;
        for field in &changed.removed_fields {
            let n = items.iter().filter(|i| i.values.contains_key(field)).count();
            if n > 0 {
                hidden.push((field.clone(), n));
            }
        }
    }
    Ok(Planned {
        path,
        before,
        changed,
        hidden,
    })
}

/// Writes the changed spec whole (or not at all), unless the file changed
/// since it was read.
pub fn write(planned: &Planned) -> Result<(), String> {
    let now = std::fs::read_to_string(&planned.path).unwrap_or_default();
    if now != planned.before {
        return Err(format!(
            "{} changed while this ran; run it again",
            planned.path.display()
        ));
    }
    crate::spec::save::save(&planned.path, &planned.changed.text)
}
