//! `nook due [--json] [--within 7d]`: what is overdue, due today and due
//! soon in every list with a due field.

use serde::Serialize;

use super::{CliResult, Ctx};
use crate::model::Now;
use crate::model::due::When;
use crate::usecase::due::{DueItem, agenda};

/// The longest window `--within` takes: ten years of days.
const MAX_DAYS: u32 = 3660;

/// `--within`: "7d", "2w", or a bare number of days.
pub fn parse_within(s: &str) -> Result<u32, String> {
    let t = s.trim().to_lowercase();
    let (digits, per) = match t.strip_suffix('w') {
        Some(d) => (d, 7),
        None => (t.strip_suffix('d').unwrap_or(&t), 1),
    };
    let bad = || format!("{s:?} is not a number of days; write it like 7d, 2w or 30");
    let n: u32 = digits.trim().parse().map_err(|_| bad())?;
    let days = n.checked_mul(per).ok_or_else(bad)?;
    if days > MAX_DAYS {
        return Err(format!("{s:?} is more than {MAX_DAYS} days"));
    }
    Ok(days)
}

#[derive(Serialize)]
struct Report<'a> {
    today: String,
    within_days: u32,
    items: &'a [DueItem],
}

pub fn run(ctx: &mut Ctx, json: bool, within: u32) -> CliResult {
    let now = Now::system()?;
    let specs: Vec<_> = ctx
        .catalog
        .entries
        .iter()
        .filter_map(|e| e.spec.clone().ok())
        .collect();
    // A home with no database has nothing due; asking must not make one.
    let items = if ctx.home.has_database() {
        agenda(ctx.store()?, &specs, now, within)?
    } else {
        Vec::new()
    };
    if json {
        let r = Report {
            today: now.today().to_string(),
            within_days: within,
            items: &items,
        };
        crate::out::json(&serde_json::to_string_pretty(&r).unwrap_or_default());
        return Ok(());
    }
    let window = match within {
        0 => "today".to_string(),
        1 => "today or tomorrow".to_string(),
        n => format!("in the next {n} days"),
    };
    if items.is_empty() {
        say!("Nothing is due {window}.");
        return Ok(());
    }
    let app_w = items.iter().map(|i| width(&i.app_name)).max().unwrap_or(0);
    let due_w = items.iter().map(|i| width(&i.due)).max().unwrap_or(0);
    let mut heading = "";
    for i in &items {
        let head = match i.when {
            When::Overdue(_) => "Overdue",
            When::Today => "Today",
            When::Upcoming(_) => "Coming up",
        };
        if head != heading {
            if !heading.is_empty() {
                say!("");
            }
            say!("{head}");
            heading = head;
        }
        say!(
            "  {}  {:<11} {}  {} ({})",
            crate::ui::pad(&i.due, due_w),
            i.when.word(),
            crate::ui::pad(&i.app_name, app_w),
            i.title,
            i.short
        );
    }
    Ok(())
}

fn width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}
