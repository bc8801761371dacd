//! `nook ls`: every app with its live summary; broken specs with their error.

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use super::{CliResult, Ctx};
use crate::model::Now;
use crate::overview::{Overview, overview};
use crate::spec::KindTag;
use crate::ui::pad;

/// The widest the NAME column gets; a longer name is cut with "…" (the
/// whole name is in `--json`).
const NAME_COLUMNS: usize = 40;

#[derive(Serialize)]
struct Row {
    id: Option<String>,
    name: Option<String>,
    kind: Option<KindTag>,
    icon: Option<String>,
    /// The spec's `group:`, whose apps are listed together.
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<String>,
    file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    figures: Option<Overview>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

pub fn run(ctx: &mut Ctx, json: bool) -> CliResult {
    // A database path that is refused is reported when the store opens.
    if let Ok(db) = ctx.home.database() {
        for aside in crate::store::doctor::set_aside(&db) {
            tell!("nook: {}", crate::store::doctor::set_aside_notice(&db, &aside));
        }
    }
    ctx.expire_apps()?;
    let now = Now::system()?;
    let entries = ctx.catalog.entries.clone();
    let store = ctx.store()?;
    let rows = store.read(|r| {
        let mut rows = Vec::new();
        for e in &entries {
            let file = e
                .path
                .file_name()
                .map(|f| f.to_string_lossy().into_owned())
                .unwrap_or_default();
            rows.push(match &e.spec {
                Ok(spec) => {
                    let o = match overview(r, spec, now) {
                        Ok(o) => o,
                        Err(err) => {
                            rows.push(Row {
                                id: Some(spec.id.clone()),
                                name: Some(spec.name.clone()),
                                kind: Some(spec.kind.tag()),
                                icon: spec.icon.clone(),
                                group: spec.group.clone(),
                                file,
                                summary: None,
                                figures: None,
                                error: Some(format!("{err}; `nook doctor` checks the database")),
                            });
                            continue;
                        }
                    };
                    Row {
                        id: Some(spec.id.clone()),
                        name: Some(spec.name.clone()),
                        kind: Some(spec.kind.tag()),
                        icon: spec.icon.clone(),
                        group: spec.group.clone(),
                        file,
                        summary: Some(
                            std::iter::once(o.line.clone())
                                .chain(o.notes.iter().cloned())
                                .collect::<Vec<_>>()
                                .join(" · "),
                        ),
                        figures: Some(o),
                        error: None,
                    }
                }
                Err(err) => Row {
                    id: None,
                    name: None,
                    kind: None,
                    icon: None,
                    group: None,
                    file,
                    summary: None,
                    figures: None,
                    error: Some(err.first_line()),
                },
            });
        }
        Ok(rows)
    })?;
    // A group's apps together, where its first app is.
    let groups: Vec<Option<&str>> = rows.iter().map(|r| r.group.as_deref()).collect();
    let order = crate::overview::app_group::gather(&groups);
    let mut slots: Vec<Option<Row>> = rows.into_iter().map(Some).collect();
    let rows: Vec<Row> = order.into_iter().filter_map(|i| slots[i].take()).collect();
    if json {
        crate::out::json(&serde_json::to_string_pretty(&rows).unwrap_or_default());
        return unreadable(&rows);
    }
    if rows.is_empty() {
        say!(
            "No apps in {}. Make one with `nook new NAME`.",
            ctx.home.apps().display()
        );
        return Ok(());
    }
    // Widths are screen columns of the text as printed (control characters
    // out, wide characters two), padded by hand: `format!`'s width argument
    // stops at 65,535 and counts characters, not columns.
    let width = |s: &str| crate::out::clean(s).width();
    let w_id = rows
        .iter()
        .filter_map(|r| r.id.as_deref())
        .chain(rows.iter().filter(|r| r.id.is_none()).map(|_| "!"))
        .map(width)
        .fold(2, usize::max);
    let w_name = rows
        .iter()
        .map(|r| {
            // A group's apps are indented under its header.
            let indent = if r.group.is_some() { 2 } else { 0 };
            width(r.name.as_deref().unwrap_or(&r.file)) + indent
        })
        .chain(rows.iter().filter_map(|r| r.group.as_deref()).map(width))
        .fold(4, usize::max)
        .min(NAME_COLUMNS);
    let cells = |id: &str, name: &str, kind: &str| {
        let clean = |s: &str| crate::out::clean(s).into_owned();
        format!(
            "{}  {}  {}",
            pad(&clean(id), w_id),
            pad(&clean(name), w_name),
            pad(kind, 7)
        )
    };
    say!("{}  SUMMARY", cells("ID", "NAME", "KIND"));
    let mut last_group: Option<&str> = None;
    for r in &rows {
        let id = r.id.as_deref().unwrap_or("");
        if r.group.is_some() && r.group.as_deref() != last_group {
            say!(
                "{}",
                cells("", r.group.as_deref().unwrap_or(""), "group").trim_end()
            );
        }
        last_group = r.group.as_deref();
        let indented;
        let name = match (&r.group, r.name.as_deref()) {
            (Some(_), Some(n)) => {
                indented = format!("  {n}");
                indented.as_str()
            }
            (_, n) => n.unwrap_or(""),
        };
        let kind = r.kind.map_or("", KindTag::word);
        match &r.error {
            None => say!(
                "{}  {}",
                cells(id, name, kind),
                r.summary.as_deref().unwrap_or("")
            ),
            Some(err) if r.id.is_some() => say!("{}  ! {err}", cells(id, name, kind)),
            Some(err) => say!("{}  {err}", cells("!", &r.file, "invalid")),
        }
    }
    unreadable(&rows)
}

/// Exit 1 when some app's stored figures could not be read (its row says why).
fn unreadable(rows: &[Row]) -> CliResult {
    let n = rows
        .iter()
        .filter(|r| r.id.is_some() && r.error.is_some())
        .count();
    match n {
        0 => Ok(()),
        1 => Err(super::CliError::user(
            "1 app's stored data could not be read (see its row)",
        )),
        n => Err(super::CliError::user(format!(
            "{n} apps' stored data could not be read (see their rows)"
        ))),
    }
}
