//! `nook new`: a new app from a template, with a fresh, stable id.

use super::{CliError, CliResult, Ctx};
use crate::spec::template;

pub fn run(ctx: &mut Ctx, name: &str, template_key: &str) -> CliResult {
    let template = template::find(template_key).map_err(|e| CliError::user(format!("--template: {e}")))?;
    // The clock is read before anything is written (it dates the new app).
    let now = crate::model::Now::system()?;
    // Noted only where a database exists: `nook new` alone never creates one.
    if ctx.home.has_database() {
        ctx.store()?;
    }
    let made = crate::usecase::lifecycle::new_app(&ctx.home, ctx.store.as_ref(), now, template_key, name)
        .map_err(CliError::user)?;
    let (path, id) = (made.path, made.id);
    say!(
        "Wrote {} (id {id}) from the {} template",
        path.display(),
        template.key
    );
    Ok(())
}
