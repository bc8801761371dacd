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

/// Typed Link values (a title or an id prefix) as the linked items' ids.
pub(super) fn resolve_links(
    ctx: &mut Ctx,
    spec: &Spec,
    list: &ListSpec,
    values: &mut std::collections::BTreeMap<String, FieldValue>,
    nothing: &str,
) -> Result<(), CliError> {
    if !list
        .fields
        .iter()
        .any(|(n, f)| matches!(f.ty, crate::spec::FieldType::Link { .. }) && values.contains_key(n))
    {
        return Ok(());
    }
    resolve_all_links(ctx, spec, list, std::iter::once(values), nothing)
}

/// [`resolve_links`] for many items, reading each linked app once.
pub(super) fn resolve_all_links<'a>(
    ctx: &mut Ctx,
    spec: &Spec,
    list: &ListSpec,
    rows: impl IntoIterator<Item = &'a mut std::collections::BTreeMap<String, FieldValue>>,
    nothing: &str,
) -> Result<(), CliError> {
    if !list
        .fields
        .values()
        .any(|f| matches!(f.ty, crate::spec::FieldType::Link { .. }))
    {
        return Ok(());
    }
    let specs = ctx.all_specs()?;
    let specs: Vec<&Spec> = specs.iter().collect();
    usecase::link::resolve_each(ctx.store()?, list, &specs, rows).map_err(|errs| {
        let lines: Vec<String> = errs.iter().map(|e| format!("{}: {e}", spec.id)).collect();
        CliError::user(format!("{}\n{nothing}", lines.join("\nnook: ")))
    })
}

fn order(list: &ListSpec) -> Vec<&str> {
    crate::model::link::title_fields(list)
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

pub fn items(ctx: &mut Ctx, app: &str, json: bool, view: Option<&str>) -> CliResult {
    ctx.only_reading();
    let (spec, list) = list_spec(ctx, app)?;
    // The view is checked before any data is read.
    let view = match view {
        Some(name) => Some(named_view(&spec, &list, name)?.clone()),
        None => None,
    };
    let mut items = if ctx.home.has_database() {
        usecase::list::items(ctx.store()?, &spec)?
    } else {
        Vec::new()
    };
    // Formula fields are computed for today.
    let today = Now::system()?.today_number();
    // What links show as and rollups add up to, read from the other apps.
    let (titles, rollups) = if usecase::link::names_others(&spec) && ctx.home.has_database() {
        let specs = ctx.all_specs()?;
        let specs: Vec<&Spec> = specs.iter().collect();
        ctx.store()?.read(|r| {
            Ok((
                usecase::link::titles(r, &list, &specs)?,
                r.rollups(&spec, &specs)?,
            ))
        })?
    } else {
        Default::default()
    };
    let rollup = |n: &str, i: &Item| -> Option<FieldValue> {
        match list.fields.get(n).map(|f| &f.ty) {
            Some(crate::spec::FieldType::Rollup(r)) => {
                let v = rollups.get(n).and_then(|m| m.get(&i.id)).copied();
                // Nothing links here: a count or a sum is 0, an average none.
                v.or(matches!(r.agg, crate::spec::Agg::Count | crate::spec::Agg::Sum).then_some(0.0))
                    .map(FieldValue::Number)
            }
            _ => None,
        }
    };
    // Each id as short as it can be and still name one item of all the
    // app's items, a view's rows too (`--json` has them in full).
    let all_ids: Vec<ItemId> = items.iter().map(|i| i.id).collect();
    let mut shown = item_id::shortest(&all_ids);
    if let Some(v) = &view {
        let rows = crate::overview::view::rows(&list, v, &items, today);
        shown = rows.iter().map(|&i| shown[i].clone()).collect();
        let mut all: Vec<Option<Item>> = items.into_iter().map(Some).collect();
        items = rows.into_iter().filter_map(|i| all[i].take()).collect();
    }
    if json {
        let rows: Vec<Row> = items
            .iter()
            .map(|i| Row {
                id: i.id,
                text: &i.text,
                values: {
                    let mut v = computed::shown_values(&list, i, today);
                    for n in list.fields.keys() {
                        if let Some(x) = rollup(n, i) {
                            v.insert(n.clone(), x);
                        }
                    }
                    v
                },
                done: i.done,
                created: i.created,
                updated: i.updated,
            })
            .collect();
        crate::out::json(&serde_json::to_string_pretty(&rows).unwrap_or_default());
        return Ok(());
    }
    if items.is_empty() {
        match &view {
            Some(v) => say!("{}'s view {:?} shows no items", spec.name, v.name),
            None => say!("{} has no items (`nook add {}` adds one)", spec.name, spec.id),
        }
        return Ok(());
    }
    let w = shown.iter().map(String::len).max().unwrap_or(2).max(2);
    let names = order(&list);
    say!("{:<w$}  DONE  ITEM", "ID");
    for (i, id) in items.iter().zip(&shown) {
        let title = i.title(&names);
        let rest: Vec<String> = list
            .fields
            .keys()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .iter()
            .filter_map(|n| match computed::formula_value(&list, n, i, today) {
                Some(v) if v.is_empty() => None,
                Some(v) => Some(format!("{n}={}", v.display())),
                None if rollups.contains_key(*n) || rollup(n, i).is_some() => {
                    rollup(n, i).map(|v| format!("{n}={}", v.display()))
                }
                None => match (list.fields.get(*n).map(|f| &f.ty), i.values.get(*n)) {
                    (Some(crate::spec::FieldType::Link { app, .. }), Some(v)) => {
                        let none = Default::default();
                        let shown = crate::model::link::shown(v, titles.get(app).unwrap_or(&none));
                        (!shown.is_empty()).then(|| format!("{n}={shown}"))
                    }
                    _ => None,
                }
                .or_else(|| {
                    i.values
                        .get(*n)
                        .filter(|v| !matches!(v, FieldValue::Text(t) if *t == title))
                        .map(|v| match (list.fields.get(*n).map(|f| &f.ty), v) {
                            // 15 is shown as the 15% it means.
                            (Some(ty @ crate::spec::FieldType::Percent), FieldValue::Number(x)) => {
                                format!("{n}={}", crate::overview::format_stored_number(Some(ty), *x))
                            }
                            _ => format!("{n}={}", v.display()),
                        })
                }),
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

/// The list's view `name`, or an error naming the views it has.
fn named_view<'a>(
    spec: &Spec,
    list: &'a ListSpec,
    name: &str,
) -> Result<&'a crate::spec::NamedView, CliError> {
    list.named_view(name).map_err(|names| {
        let quoted: Vec<String> = names.iter().map(|n| format!("{n:?}")).collect();
        CliError::user(
            match (names.is_empty(), crate::spec::load::closest(name, &names)) {
                (true, _) => format!(
                    "{} has no named views (a spec's views: [...] makes them); --view {name:?} names none",
                    spec.name
                ),
                (false, Some(c)) => format!(
                    "{} has no view {name:?}; did you mean {c:?}? Its views are {}",
                    spec.name,
                    quoted.join(", ")
                ),
                (false, None) => format!(
                    "{} has no view {name:?}; its views are {}",
                    spec.name,
                    quoted.join(", ")
                ),
            },
        )
    })
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
        let mut values = edits_from_args(&list, args, now.local).map_err(|errs| {
            let lines: Vec<String> = errs.iter().map(|e| format!("{}: {e}", spec.id)).collect();
            CliError::user(format!("{}\nnothing was changed", lines.join("\nnook: ")))
        })?;
        resolve_links(ctx, &spec, &list, &mut values, "nothing was changed")?;
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
