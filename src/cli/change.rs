//! `nook change APP "SENTENCE"`: the diff of the app's spec file and what
//! was understood; the file is written only with `--yes`.

use super::{CliError, CliResult, Ctx};

pub fn run(ctx: &mut Ctx, app: &str, sentence: &str, yes: bool) -> CliResult {
    let now = crate::model::Now::system()?;
    let spec = ctx.app(app)?;
    let file = ctx
        .catalog
        .entries
        .iter()
        .find(|e| e.spec.as_ref().is_ok_and(|s| s.id == spec.id))
        .and_then(|e| e.path.file_name())
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| format!("{}.ron", spec.id));
    if ctx.home.has_database() {
        ctx.only_reading();
        ctx.store()?;
    }
    let planned = crate::usecase::change::plan(&ctx.home, ctx.store.as_ref(), now, &spec, &file, sentence)
        .map_err(|e| CliError::user(format!("change {}: {e}", spec.id)))?;
    let shown = format!("apps/{file}");
    let diff = similar::TextDiff::from_lines(&planned.before, &planned.changed.text)
        .unified_diff()
        .context_radius(3)
        .header(&shown, &shown)
        .to_string();
    // A synced spec may hold control characters: never raw on the terminal.
    let diff: String = diff
        .chars()
        .map(|c| {
            if c.is_control() && c != '\n' && c != '\t' {
                '?'
            } else {
                c
            }
        })
        .collect();
    say!("{}", diff.trim_end());
    say!("{}", planned.changed.summary);
    if !planned.changed.ignored.is_empty() {
        let quoted: Vec<String> = planned.changed.ignored.iter().map(|w| format!("'{w}'")).collect();
        say!("ignored: {}", quoted.join(", "));
    }
    for (field, n) in &planned.hidden {
        let items = if *n == 1 {
            "1 item holds".to_string()
        } else {
            format!("{n} items hold")
        };
        say!(
            "note: {items} a value of '{field}': it stays stored, hidden, not deleted \
             (`nook ls` says the hidden field holds data; a field named '{field}' again shows it)"
        );
    }
    if !yes {
        say!("Nothing written: run again with --yes to write it");
        return Ok(());
    }
    crate::usecase::change::write(&planned).map_err(CliError::user)?;
    say!("Wrote {shown}");
    Ok(())
}
