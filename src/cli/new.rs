//! `nook new`: a minimal valid spec with a fresh, stable id.

use super::{CliError, CliResult, Ctx, NewKind};
use crate::spec::slug;

/// The spec text `nook new` writes.
pub fn template(name: &str, id: &str, kind: NewKind) -> String {
    let name = name.replace('\\', "\\\\").replace('"', "\\\"");
    match kind {
        NewKind::List => format!(
            "// A list. Add typed fields to make it a small table, e.g.\n\
             // fields: {{ \"title\": Text(required: true), \"done_on\": Date() }},\n\
             List(\n    name: \"{name}\",\n    id: \"{id}\",\n)\n"
        ),
        NewKind::Timer => format!(
            "// A countdown. Leave out phases for a stopwatch; add rounds: 4 for cycles.\n\
             Timer(\n    name: \"{name}\",\n    id: \"{id}\",\n    phases: [(name: \"Focus\", length: \"25m\")],\n)\n"
        ),
        NewKind::Tracker => format!(
            "// A yes/no habit. Add unit: \"glasses\" to count an amount, goal: Daily(8) for a target.\n\
             Tracker(\n    name: \"{name}\",\n    id: \"{id}\",\n)\n"
        ),
    }
}

pub fn run(ctx: &mut Ctx, name: &str, kind: NewKind) -> CliResult {
    if name.trim().is_empty() {
        return Err(CliError::user("the name is empty; e.g. `nook new \"Book club\"`"));
    }
    let base = slug::from_stem(name)
        .ok_or_else(|| CliError::user(format!("{name:?} makes no file name; use letters or digits")))?;
    let path = ctx.home.apps().join(format!("{base}.ron"));
    if path.exists() {
        return Err(CliError::user(format!(
            "{} already exists; nothing was written (choose another name)",
            path.display()
        )));
    }
    // The id must be fresh: not one another spec uses, nor one whose app's
    // spec was removed but whose data is still stored.
    let stored = if ctx.home.database().exists() {
        ctx.store()?.read(|r| r.apps_with_data())?
    } else {
        Vec::new()
    };
    let taken: Vec<&str> = ctx
        .catalog
        .specs()
        .map(|s| s.id.as_str())
        .chain(stored.iter().map(String::as_str))
        .collect();
    let id = (1..)
        .map(|n| {
            if n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            }
        })
        .find(|id| !taken.contains(&id.as_str()))
        .unwrap_or(base.clone());
    std::fs::create_dir_all(ctx.home.apps())
        .map_err(|e| CliError::user(format!("{}: {e}", ctx.home.apps().display())))?;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| CliError::user(format!("{}: {e}", path.display())))?;
    use std::io::Write;
    f.write_all(template(name, &id, kind).as_bytes())
        .map_err(|e| CliError::user(format!("{}: {e}", path.display())))?;
    println!("Wrote {} (id {id})", path.display());
    Ok(())
}
