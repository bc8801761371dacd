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

/// `nook new --describe SENTENCE`: an app from a sentence. Prints the file
/// and what was understood; `--dry-run` prints the spec and writes nothing.
pub fn describe(ctx: &mut Ctx, sentence: &str, name: Option<&str>, dry_run: bool) -> CliResult {
    let now = crate::model::Now::system()?;
    if ctx.home.has_database() {
        ctx.store()?;
    }
    let (mut described, by) =
        crate::usecase::lifecycle::describe(&ctx.home, ctx.store.as_ref(), now, sentence)
            .map_err(|e| CliError::user(format!("--describe: {e}")))?;
    if let Some(name) = name.map(str::trim).filter(|n| !n.is_empty()) {
        // The id follows the name, as the file does (the write makes it fresh).
        let id = crate::spec::slug::from_stem(name).unwrap_or_else(|| described.id.clone());
        described.text =
            crate::spec::template::instantiate(&described.text, name, &id).map_err(CliError::user)?;
        described.id = id;
        described.summary =
            described
                .summary
                .replacen(&format!(" {}:", described.name), &format!(" {name}:"), 1);
        described.name = name.to_string();
    }
    // What was understood and what was not; beside the spec (stderr) in a dry run.
    let notes = |out: fn(&str)| {
        out(&described.summary);
        if let Some(by) = &by {
            out(by);
        }
        if let Some(why) = &described.simplified {
            out(&format!("simplified: the first spec did not check ({why})"));
        }
        if !described.ignored.is_empty() {
            let quoted: Vec<String> = described.ignored.iter().map(|w| format!("'{w}'")).collect();
            out(&format!("ignored: {}", quoted.join(", ")));
        }
    };
    if dry_run {
        say!("{}", described.text.trim_end());
        notes(crate::out::tell);
        return Ok(());
    }
    let made = crate::usecase::lifecycle::new_described(&ctx.home, ctx.store.as_ref(), now, &described)
        .map_err(CliError::user)?;
    say!("Wrote {} (id {})", made.path.display(), made.id);
    notes(crate::out::say);
    Ok(())
}
