//! `nook add` and `nook log`: capture from the shell.

use chrono::NaiveDate;

use super::{CliError, CliResult, Ctx};
use crate::model::Now;
use crate::model::amount::Amount;
use crate::model::days::{date_of, day_number};
use crate::model::input::values_from_args;
use crate::model::value::format_number;
use crate::spec::{Kind, KindTag, Spec};

/// "water is a tracker, not a list; use `nook log water`".
pub(super) fn kind_error(spec: &Spec, wanted: KindTag) -> CliError {
    let hint = match spec.kind {
        Kind::List(_) => format!("use `nook add {}`", spec.id),
        Kind::Tracker(_) => format!("use `nook log {}`", spec.id),
        Kind::Timer(_) => format!("use `nook timer {} start`", spec.id),
    };
    CliError::user(format!(
        "{} is a {}, not a {wanted}; {hint}",
        spec.id,
        spec.kind.tag()
    ))
}

pub fn add(ctx: &mut Ctx, app: &str, args: &[String]) -> CliResult {
    let spec = ctx.app(app)?;
    let Kind::List(list) = &spec.kind else {
        return Err(kind_error(&spec, KindTag::List));
    };
    let now = Now::system()?;
    let (text, values) = if list.fields.is_empty() {
        let text = args.join(" ");
        if text.trim().is_empty() {
            return Err(CliError::user(
                "the item is empty; write what to add, e.g. `nook add groceries oat milk`",
            ));
        }
        (text.trim().to_string(), Default::default())
    } else {
        let mut values = values_from_args(list, args, now.local).map_err(|errs| {
            let lines: Vec<String> = errs.iter().map(|e| format!("{}: {e}", spec.id)).collect();
            CliError::user(format!("{}\nnothing was added", lines.join("\nnook: ")))
        })?;
        super::items::resolve_links(ctx, &spec, list, &mut values, "nothing was added")?;
        (String::new(), values)
    };
    let added = crate::usecase::list::add(ctx.store()?, &spec, now, text, values)?.outcome;
    let order: Vec<&str> = list.fields.keys().map(String::as_str).collect();
    say!(
        "Added #{} to {}: {}",
        added.short,
        spec.name,
        added.item.title(&order)
    );
    Ok(())
}

fn parse_day(raw: Option<&str>, now: Now) -> Result<NaiveDate, CliError> {
    let today = now.today();
    let day = match raw.map(str::trim) {
        None | Some("today") => today,
        Some("yesterday") => today.pred_opt().unwrap_or(today),
        Some(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| {
            CliError::user(format!(
                "--date {s:?} is not a date; write it as YYYY-MM-DD, e.g. {today}"
            ))
        })?,
    };
    if day > today {
        return Err(CliError::user(format!(
            "--date {day} is in the future; log today or a past day"
        )));
    }
    Ok(day)
}

pub fn log(
    ctx: &mut Ctx,
    app: &str,
    value: Option<&str>,
    date: Option<&str>,
    series: Option<&str>,
    set: bool,
) -> CliResult {
    let spec = ctx.app(app)?;
    let Kind::Tracker(t) = &spec.kind else {
        return Err(kind_error(&spec, KindTag::Tracker));
    };
    let now = Now::system()?;
    let day = parse_day(date, now)?;
    let series = match (series, t.series.as_slice()) {
        (None, []) => String::new(),
        (None, [only]) => only.clone(),
        (None, many) => {
            return Err(CliError::user(format!(
                "{} has several series; choose one with --series: {}",
                spec.id,
                many.join(", ")
            )));
        }
        (Some(s), names) => match names.iter().find(|n| n.eq_ignore_ascii_case(s)) {
            Some(n) => n.clone(),
            None if names.is_empty() => {
                return Err(CliError::user(format!(
                    "{} has no series; leave out --series",
                    spec.id
                )));
            }
            None => {
                return Err(CliError::user(format!(
                    "--series {s:?} is not a series of {}; it has {}",
                    spec.id,
                    names.join(", ")
                )));
            }
        },
    };
    let amount = if t.unit.is_none() {
        let yes = match value.map(|v| v.trim().to_lowercase()).as_deref() {
            None | Some("yes" | "y" | "1" | "true" | "done" | "x") => true,
            Some("no" | "n" | "0" | "false" | "undone") => false,
            Some(other) => {
                return Err(CliError::user(format!(
                    "{} is a yes/no habit; VALUE is yes or no, got {other:?}",
                    spec.id
                )));
            }
        };
        Amount::Set(if yes { 1.0 } else { 0.0 })
    } else {
        let n = match value {
            None => t.step,
            // Read as a list's Number is, so `1,000` is a thousand and `2,5` is refused.
            Some(v) => crate::model::value::parse_number(v, Default::default()).map_err(|e| {
                CliError::user(format!(
                    "VALUE (a number of {}) {e}",
                    t.unit.as_deref().unwrap_or("units")
                ))
            })?,
        };
        if set { Amount::Set(n) } else { Amount::Add(n) }
    };
    let dayn = day_number(day);
    let total = crate::usecase::tracker::log(ctx.store()?, &spec, now, &series, dayn, amount)?
        .outcome
        .total;
    let label = if series.is_empty() {
        spec.name.clone()
    } else {
        format!("{} / {series}", spec.name)
    };
    let what = match (&t.unit, total > 0.0) {
        (None, true) => "done".to_string(),
        (None, false) => "not done".to_string(),
        (Some(u), _) => match t
            .goal
            .or(t.limit)
            .filter(|g| g.period == crate::spec::Period::Daily)
        {
            Some(g) => format!("{}/{} {u}", format_number(total), format_number(g.target)),
            None => format!("{} {u}", format_number(total)),
        },
    };
    let when = if day == now.today() {
        "today".to_string()
    } else {
        date_of(dayn).to_string()
    };
    say!("{label}: {what} {when}");
    Ok(())
}
