//! `nook items`, `nook edit`, `nook done`, `nook rm`, `nook undo` and
//! `nook redo`: every list action of the TUI, scriptable. Items are named
//! by their id or a unique prefix of it.

use super::data::kind_error;
use super::{CliError, CliResult, Ctx};
use crate::model::input::edits_from_args;
use crate::model::item_id::ItemId;
use crate::model::{FieldValue, Item, Now, computed, item_id};
use crate::spec::{Kind, ListSpec, Spec};
use crate::usecase::{self, history::Scope, list::Edit};

fn list_spec(ctx: &mut Ctx, app: &str) -> Result<(Spec, ListSpec), CliError> {
    let spec = ctx.app(app)?;
    match &spec.kind {
        Kind::List(l) => {
            let l = l.clone();
            Ok((spec, l))
        }
        _ => Err(kind_error(&spec, crate::spec::KindTag::List)),
    }
}

fn order(list: &ListSpec) -> Vec<&str> {
    list.fields.keys().map(String::as_str).collect()
}

/// The item ID names (a full id or a unique prefix), and its id as
/// `nook items` shows it, for the confirmation.
fn find(ctx: &mut Ctx, spec: &Spec, query: &str) -> Result<(Item, String), CliError> {
    // A home with no database has no items; asking must not make one.
    let items = match ctx.home.has_database() {
        true => usecase::list::items(ctx.store()?, spec)?,
        false => Vec::new(),
    };
    let item = usecase::list::find(spec, &items, query)
        .cloned()
        .map_err(|e| CliError::user(e.message))?;
    let short = item_id::short_among(item.id, &items);
    Ok((item, short))
}

/// One row of `nook items --json`: every key always, `id` in full as in
/// `nook export` (docs/cli.md shows the shape).
#[derive(serde::Serialize)]
struct Row<'a> {
    id: ItemId,
    text: &'a str,
    values: std::collections::BTreeMap<String, FieldValue>,
    done: bool,
    created: i64,
    updated: i64,
}

pub fn items(ctx: &mut Ctx, app: &str, json: bool) -> CliResult {
    ctx.only_reading();
    let (spec, list) = list_spec(ctx, app)?;
    let items = if ctx.home.has_database() {
        usecase::list::items(ctx.store()?, &spec)?
    } else {
        Vec::new()
    };
    // Formula fields are computed for today.
    let today = Now::system()?.today_number();
    if json {
        let rows: Vec<Row> = items
            .iter()
            .map(|i| Row {
                id: i.id,
                text: &i.text,
                values: computed::shown_values(&list, i, today),
                done: i.done,
                created: i.created,
                updated: i.updated,
            })
            .collect();
        crate::out::json(&serde_json::to_string_pretty(&rows).unwrap_or_default());
        return Ok(());
    }
    if items.is_empty() {
        say!("{} has no items (`nook add {}` adds one)", spec.name, spec.id);
        return Ok(());
    }
    // Each id as short as it can be and still name one item (`--json`
    // has them in full).
    let ids: Vec<ItemId> = items.iter().map(|i| i.id).collect();
    let shown = item_id::shortest(&ids);
    let w = shown.iter().map(String::len).max().unwrap_or(2).max(2);
    let names = order(&list);
    say!("{:<w$}  DONE  ITEM", "ID");
    for (i, id) in items.iter().zip(&shown) {
        let title = i.title(&names);
        let rest: Vec<String> = names
            .iter()
            .filter_map(|n| match computed::formula_value(&list, n, i, today) {
                Some(v) if v.is_empty() => None,
                Some(v) => Some(format!("{n}={}", v.display())),
                None => i
                    .values
                    .get(*n)
                    .filter(|v| !matches!(v, FieldValue::Text(t) if *t == title))
                    .map(|v| format!("{n}={}", v.display())),
            })
            .collect();
        let mark = if i.done { "[x]" } else { "[ ]" };
        let tail = if rest.is_empty() {
            String::new()
        } else {
            format!("  {}", rest.join("  "))
        };
        say!("{id:<w$}  {mark}   {title}{tail}");
    }
    Ok(())
}

pub fn edit(ctx: &mut Ctx, app: &str, query: &str, args: &[String]) -> CliResult {
    let (spec, list) = list_spec(ctx, app)?;
    let now = Now::system()?;
    let edit = if list.fields.is_empty() {
        let text = args.join(" ");
        if text.trim().is_empty() {
            return Err(CliError::user(format!(
                "the new text is empty; write it after the ID, e.g. `nook edit {} {query} oat milk`",
                spec.id
            )));
        }
        Edit {
            text: Some(text.trim().to_string()),
            ..Edit::default()
        }
    } else {
        // A word without `=` would become the title (as `nook add` takes
        // it): in an edit that silently renames the item.
        if let Some(loose) = args.iter().find(|a| !a.contains('=')) {
            let title = list
                .fields
                .iter()
                .find(|(_, f)| matches!(f.ty, crate::spec::FieldType::Text))
                .map_or("a field", |(n, _)| n.as_str());
            return Err(CliError::user(format!(
                "{}: argument {loose:?} has no `=`; an edit takes field=value, e.g. `{title}=...` for the title; nothing was changed",
                spec.id
            )));
        }
        let values = edits_from_args(&list, args, now.local).map_err(|errs| {
            let lines: Vec<String> = errs.iter().map(|e| format!("{}: {e}", spec.id)).collect();
            CliError::user(format!("{}\nnothing was changed", lines.join("\nnook: ")))
        })?;
        Edit {
            values: values.into_iter().map(|(k, v)| (k, Some(v))).collect(),
            ..Edit::default()
        }
    };
    let (item, short) = find(ctx, &spec, query)?;
    let done = usecase::list::edit(ctx.store()?, &spec, now, item.id, &edit)?;
    let title = done.outcome.item.title(&order(&list));
    match done.outcome.changed {
        true => say!("Edited {short} in {}: {title}", spec.name),
        false => say!("{short} in {} already holds that: {title}", spec.name),
    }
    Ok(())
}

pub fn done(ctx: &mut Ctx, app: &str, query: &str, undo: bool) -> CliResult {
    let (spec, list) = list_spec(ctx, app)?;
    let now = Now::system()?;
    let (item, short) = find(ctx, &spec, query)?;
    let done = usecase::list::set_done(ctx.store()?, &spec, now, item.id, !undo)?;
    let title = done.outcome.item.title(&order(&list));
    if let Some(next) = &done.outcome.moved {
        // A recurring item: the tick moved it on rather than closing it.
        match done.outcome.changed {
            true => say!(
                "Ticked \"{title}\" ({short} in {}); next due {next} (`nook undo {}` puts it back)",
                spec.name,
                spec.id
            ),
            // From the day done: a second tick the same day moves nothing.
            false => say!(
                "Already ticked today: \"{title}\" ({short} in {}); next due {next}",
                spec.name
            ),
        }
        return Ok(());
    }
    let verb = match (undo, done.outcome.changed) {
        (false, true) => "Ticked",
        (true, true) => "Unticked",
        (false, false) => "Already ticked:",
        (true, false) => "Not ticked anyway:",
    };
    say!("{verb} \"{title}\" ({short} in {})", spec.name);
    Ok(())
}

pub fn rm(ctx: &mut Ctx, app: &str, query: &str) -> CliResult {
    let (spec, list) = list_spec(ctx, app)?;
    let now = Now::system()?;
    let (item, short) = find(ctx, &spec, query)?;
    let done = usecase::list::delete(ctx.store()?, &spec, now, item.id)?;
    say!(
        "Deleted \"{}\" ({short} in {}; `nook undo {}` brings it back)",
        done.outcome.item.title(&order(&list)),
        spec.name,
        spec.id
    );
    Ok(())
}

/// `nook undo [APP]` and `nook redo [APP]`: without APP, the app whose
/// action on this device was the latest.
pub fn history(ctx: &mut Ctx, app: Option<&str>, redo: bool) -> CliResult {
    let now = Now::system()?;
    let word = if redo { "redo" } else { "undo" };
    let spec = match app {
        Some(app) => ctx.app(app)?,
        None => {
            if !ctx.home.has_database() {
                return Err(CliError::user(format!(
                    "Nothing to {word}: nothing was stored yet"
                )));
            }
            let specs: Vec<Spec> = ctx.catalog.specs().cloned().collect();
            match usecase::history::latest(ctx.store()?, specs.iter(), redo)? {
                Some(s) => s.clone(),
                None => return Err(CliError::user(format!("Nothing to {word} in any app"))),
            }
        }
    };
    let home = ctx.home.clone();
    let spec_of = |id: &str| usecase::history::spec_in(&home, id);
    let store = ctx.store()?;
    // An action whose items were all deleted since is passed over (and
    // said so), on to the one before it.
    let mut passed = std::collections::BTreeSet::new();
    loop {
        let scope = Scope::All { passed: &passed };
        let done = usecase::history::revert(store, &spec, &spec_of, now, scope, redo)?;
        if done.outcome.deed.is_none() {
            return Err(CliError::user(format!("{} in {}", done.outcome, spec.name)));
        }
        say!("{} in {}", done.outcome, spec.name);
        match (done.outcome.moot(), done.outcome.group) {
            (true, Some(g)) => passed.insert(g),
            _ => return Ok(()),
        };
    }
}
