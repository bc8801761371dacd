//! `nook new`: a new app from a template, with a fresh, stable id.

use super::{CliError, CliResult, Ctx};
use crate::spec::{save, template};

pub fn run(ctx: &mut Ctx, name: &str, template_key: &str) -> CliResult {
    let template = template::find(template_key).map_err(|e| CliError::user(format!("--template: {e}")))?;
    // The id must be fresh: not one another spec uses, nor one whose app's
    // spec was removed but whose data is still stored (new_app adds the
    // archived specs' ids).
    // The clock is read before anything is written (it dates the new app).
    let now = match ctx.home.has_database() {
        true => Some(crate::model::Now::system()?),
        false => None,
    };
    let stored = if now.is_some() {
        ctx.store()?.read(|r| r.apps_with_data())?
    } else {
        Vec::new()
    };
    let taken = |id: &str| ctx.catalog.specs().any(|s| s.id == id) || stored.iter().any(|s| s == id);
    let (path, id) = save::new_app(&ctx.home.apps(), &ctx.home.bounds(), name, &template, taken)
        .map_err(CliError::user)?;
    // Noted only where a database exists: `nook new` alone never creates one.
    if let Some(now) = now {
        let _ = ctx.store()?.note_created(&id, now.ms);
    }
    say!(
        "Wrote {} (id {id}) from the {} template",
        path.display(),
        template.key
    );
    Ok(())
}
