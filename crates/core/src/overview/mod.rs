//! The live one-line summary of an app, as the launcher and `nook ls` show it.
//! Reads the app's stored summary, which holds each series' streak and the
//! total of its latest period. Only a summary made under another rule (the
//! spec changed since) or by an older nook, or entries dated after today,
//! send it to the entries: at most a month of a series for the total, the
//! series for its streak.

use crate::model::item_id::ItemId;
use serde::Serialize;

use crate::figures::Figures;

pub mod app_group;
pub mod due;
pub mod group;
pub mod report;
pub mod view;

use crate::model::Item;
use crate::model::Now;
use crate::model::count::count;
use crate::model::days::Entry;
use crate::model::days::period_of;
use crate::model::streak::{self, Rule, Streaks};
use crate::model::timer::TimerState;
use crate::model::timer::{self, Status};
use crate::model::value::format_number;
// Kept at this path: the TUI and the CLI write numbers as the launcher does.
pub use crate::model::number_format::{format_field_number, format_stored_number};
use crate::spec::{FieldType, Kind, ListSpec, Period, Spec, Summary, TimerSpec, TrackerSpec, duration};
use crate::summary::{AppSummary, NumberAgg};

/// What the overview reads. The store's reader implements it, so the figures
/// are computed here, in the pure core, from whatever holds the data.
pub trait Source {
    type Error;
    fn summary(&self, app: &str) -> Result<AppSummary, Self::Error>;
    /// The summary as the line reads it on day `today`: a store keeps it
    /// cut to that ([`crate::summary::head`]), so it decodes less.
    fn line_summary(&self, app: &str, today: i32) -> Result<AppSummary, Self::Error> {
        let _ = today;
        self.summary(app)
    }
    fn meta_str(&self, key: &str) -> Result<Option<String>, Self::Error>;
    fn timer(&self, app: &str) -> Result<TimerState, Self::Error>;
    fn items(&self, app: &str, from: ItemId, limit: usize) -> Result<Vec<Item>, Self::Error>;
    /// A series' entries on days `from..=to`, oldest first.
    fn entries(&self, app: &str, series: &str, from: i32, to: i32) -> Result<Vec<(i32, Entry)>, Self::Error>;
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Overview {
    pub line: String,
    pub items: u64,
    pub done: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub today: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub streak: Option<Streaks>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timer: Option<Status>,
    /// Unix ms when the app was last opened in the TUI on this machine.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_opened: Option<i64>,
    #[serde(skip_serializing_if = "is_zero")]
    pub times_opened: u64,
    /// Unix ms of the app's first write or first opening on this machine.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created: Option<i64>,
    /// Data the spec does not show plainly: "2 hidden fields hold data".
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

pub fn overview<R: Source>(r: &R, spec: &Spec, now: Now) -> Result<Overview, R::Error> {
    let sum = r.line_summary(&spec.id, now.today_number())?;
    let mut o = Overview {
        line: String::new(),
        items: sum.items,
        done: sum.done,
        today: None,
        streak: None,
        timer: None,
        last_opened: None,
        times_opened: 0,
        created: None,
        notes: Vec::new(),
    };
    o.created = r
        .meta_str(&format!("created.{}", spec.id))?
        .and_then(|ms| ms.parse().ok());
    if let Some(usage) = r.meta_str(&format!("ui.opened.{}", spec.id))?
        && let Some((count, ms)) = usage.split_once(' ')
    {
        o.times_opened = count.parse().unwrap_or(0);
        o.last_opened = ms.parse().ok();
    }
    match &spec.kind {
        Kind::List(list) => {
            let figs = stored_figures(r, spec, list, &sum, now)?;
            o.line = list_line(list, &sum, figs.as_ref(), now.today_number());
            if let Some(words) = due::due_words(r, spec, list, &sum, now)? {
                o.line = format!("{words} · {}", o.line);
            }
            o.notes = data_notes(r, spec, list, &sum)?;
        }
        Kind::Timer(t) => {
            let state = r.timer(&spec.id)?;
            let view = timer::view(t, &state, now.ms);
            o.timer = Some(view.status);
            o.line = timer_line(t, &view, &sum, now);
        }
        Kind::Tracker(t) => tracker(r, spec, t, &sum, now, &mut o)?,
    }
    Ok(o)
}

/// Hidden fields and values that do not fit, from the summary's counts of
/// value shapes; the items are read only when a field holds values of
/// another shape than its type (after a type change), to count exactly.
pub fn data_notes<R: Source>(
    r: &R,
    spec: &Spec,
    list: &ListSpec,
    sum: &AppSummary,
) -> Result<Vec<String>, R::Error> {
    use crate::model::migrate::{Report, present, report};
    if list.fields.is_empty() || sum.shapes.is_empty() {
        return Ok(Vec::new());
    }
    let native = |ty: &FieldType| match ty {
        FieldType::Bool => 0,
        FieldType::Number { .. }
        | FieldType::Money { .. }
        | FieldType::Rating { .. }
        | FieldType::Duration
        | FieldType::Percent => 1,
        FieldType::Tags { .. } => 3,
        _ => 2,
    };
    let mut suspect = !sum.shapes_counted;
    let mut rep = Report::default();
    for (name, counts) in &sum.shapes {
        let owner = list
            .fields
            .iter()
            .find(|(n, f)| *n == name || f.was.as_deref() == Some(name.as_str()));
        match owner {
            Some((_, f)) => {
                let want = native(&f.ty);
                suspect |= counts.iter().enumerate().any(|(i, n)| i != want && *n > 0);
            }
            None => {
                rep.hidden.insert(name.clone(), counts.iter().sum());
            }
        }
    }
    if suspect {
        let items = r.items(&spec.id, ItemId(0), usize::MAX)?;
        let shown: Vec<_> = items.into_iter().map(|i| present(list, i)).collect();
        rep = report(list, &shown);
    }
    Ok(rep.lines())
}

/// The list's kept figures: the stored ones when they were made under
/// today's definitions, else counted from the items: after a spec change
/// until the TUI recounts them (`usecase::figures`) or the next write does,
/// and for `nook ls`/`report`, which never write.
pub fn stored_figures<R: Source>(
    r: &R,
    spec: &Spec,
    list: &ListSpec,
    sum: &AppSummary,
    now: Now,
) -> Result<Option<Figures>, R::Error> {
    if crate::figures::kept(list).is_empty() {
        return Ok(None);
    }
    match &sum.figures {
        Some(f) if f.current(list) => Ok(Some(f.clone())),
        _ => {
            let items = r.items(&spec.id, ItemId(0), usize::MAX)?;
            Ok(Some(Figures::over(list, &items, now)))
        }
    }
}

/// The list's summary line from its counts and figures; `today` is a day
/// number, for `per:` figures.
pub fn list_line(list: &ListSpec, sum: &AppSummary, figs: Option<&Figures>, today: i32) -> String {
    if sum.items == 0 {
        return "empty".into();
    }
    let default = if list.fields.is_empty() {
        vec![Summary::Done]
    } else {
        vec![Summary::Count]
    };
    let parts: &[Summary] = if list.summary.is_empty() {
        &default
    } else {
        &list.summary
    };
    let mut out = Vec::new();
    for s in parts {
        let agg = |f: &String| field_agg(list, sum, f);
        let ty = |f: &String| list.fields.get(f).map(|x| &x.ty);
        let text = match s {
            Summary::Count => count(sum.items, "item"),
            Summary::Done => format!("{}/{} done", sum.done, sum.items),
            Summary::Sum(f) => match agg(f) {
                Some(a) => format!("{} {f}", format_field_number(ty(f), a.sum())),
                None => continue,
            },
            Summary::Avg(f) => match agg(f) {
                Some(a) if a.count > 0 => {
                    format!("avg {f} {}", format_field_number(ty(f), a.sum() / a.count as f64))
                }
                _ => continue,
            },
            Summary::Min(f) => match agg(f).and_then(|a| a.min) {
                Some(m) => format!("min {f} {}", format_field_number(ty(f), m)),
                None => continue,
            },
            Summary::Max(f) => match agg(f).and_then(|a| a.max) {
                Some(m) => format!("max {f} {}", format_field_number(ty(f), m)),
                None => continue,
            },
            Summary::Figure(f) => match figs.and_then(|x| x.get(list, f)) {
                Some(a) => match crate::figures::line::text(list, f, a, today) {
                    Some(t) => t,
                    None => continue,
                },
                None => continue,
            },
        };
        out.push(text);
    }
    out.join(" · ")
}

/// A field's figures, with those still stored under its `was:` name.
pub fn field_agg(list: &ListSpec, sum: &AppSummary, field: &str) -> Option<NumberAgg> {
    let now = sum.numbers.get(field);
    let was = list
        .fields
        .get(field)
        .and_then(|f| f.was.as_deref())
        .and_then(|w| sum.numbers.get(w));
    match (now, was) {
        (Some(a), None) | (None, Some(a)) => Some(a.clone()),
        (Some(a), Some(b)) => Some(NumberAgg {
            total: {
                let mut t = a.total.clone();
                t.add_sum(&b.total);
                t
            },
            count: a.count + b.count,
            min: a.min.into_iter().chain(b.min).reduce(f64::min),
            max: a.max.into_iter().chain(b.max).reduce(f64::max),
            stale: false,
        }),
        (None, None) => None,
    }
}

fn timer_line(t: &TimerSpec, v: &timer::View, sum: &AppSummary, now: Now) -> String {
    let today = if sum.sessions_day == now.today_number() {
        sum.focus_today
    } else {
        0
    };
    let goal = match t.goal {
        Some(g) if g.period == Period::Daily => format!("{today}/{} today", format_number(g.target)),
        _ if t.phases.is_empty() => String::new(),
        _ => format!("{today} today"),
    };
    let clock = duration::clock((v.remaining_ms.max(0) as u64).div_ceil(1000));
    let round = if t.rounds > 1 {
        format!(" · round {}/{}", v.round, v.rounds)
    } else {
        String::new()
    };
    let main = match (v.status, &v.phase) {
        (Status::Running, Some(p)) => format!("{p} {clock} left{round}"),
        (Status::Paused, Some(p)) => format!("paused · {p} {clock} left{round}"),
        (Status::Running, None) => format!("running {}", duration::clock((v.elapsed_ms / 1000) as u64)),
        (Status::Paused, None) => format!("paused at {}", duration::clock((v.elapsed_ms / 1000) as u64)),
        (Status::Done, _) => "done".to_string(),
        (Status::Idle, _) if t.phases.is_empty() => "ready".to_string(),
        (Status::Idle, _) => match t.phases.first() {
            Some(p) => format!("ready · {} {}", p.name, duration::format(p.length)),
            None => "ready".to_string(),
        },
    };
    if goal.is_empty() {
        main
    } else {
        format!("{main} · {goal}")
    }
}

/// The current period's total of one series: from the app's summary when it
/// can tell, else from at most a month of rows.
pub fn period_total<R: Source>(
    r: &R,
    app: &str,
    series: &str,
    rule: &Rule,
    sum: &AppSummary,
    today: i32,
) -> Result<f64, R::Error> {
    match sum.series.get(series) {
        // No entries at all.
        None => return Ok(0.0),
        Some(s) => {
            if let Some(total) = s.period_total(rule, today) {
                return Ok(total);
            }
        }
    }
    let now = period_of(today, rule.period);
    let from = match rule.period {
        Period::Daily => today,
        Period::Weekly => today - 6,
        Period::Monthly => today - 30,
        Period::Yearly => today - 365,
    };
    let mut total = 0.0;
    for (day, e) in r.entries(app, series, from, today)? {
        if period_of(day, rule.period) == now {
            total += if rule.yes_no { 1.0 } else { e.value };
        }
    }
    Ok(total)
}

/// Streak figures for a series as of today, from the cache when it was made
/// under the same rule, else from the series' entries.
pub fn series_streaks<R: Source>(
    r: &R,
    app: &str,
    series: &str,
    rule: &Rule,
    sum: &AppSummary,
    today: i32,
) -> Result<Streaks, R::Error> {
    let cached = sum
        .series
        .get(series)
        .map(|s| &s.streak)
        .filter(|c| c.rule == rule.key());
    let cache = match cached {
        Some(c) => c.clone(),
        None if !sum.series.contains_key(series) => Default::default(),
        None => {
            let rows = r.entries(app, series, i32::MIN, i32::MAX)?;
            streak::compute(rule, rows.into_iter().map(|(d, e)| (d, e.value)))
        }
    };
    Ok(streak::as_of(rule, &cache, today))
}

fn period_word(p: Period, n: u32) -> &'static str {
    match (p, n == 1) {
        (Period::Daily, true) => "day",
        (Period::Daily, false) => "days",
        (Period::Weekly, true) => "week",
        (Period::Weekly, false) => "weeks",
        (Period::Monthly, true) => "month",
        (Period::Monthly, false) => "months",
        (Period::Yearly, true) => "year",
        (Period::Yearly, false) => "years",
    }
}

fn tracker<R: Source>(
    r: &R,
    spec: &Spec,
    t: &TrackerSpec,
    sum: &AppSummary,
    now: Now,
    o: &mut Overview,
) -> Result<(), R::Error> {
    let rule = Rule::of(t);
    let today = now.today_number();
    let when = rule.period.this();
    if t.series.len() > 1 {
        let mut met = 0;
        let mut best_streak = 0;
        for s in &t.series {
            let total = period_total(r, &spec.id, s, &rule, sum, today)?;
            if (rule.limit && total <= rule.target) || (!rule.limit && total >= rule.target) {
                met += 1;
            }
            best_streak = best_streak.max(series_streaks(r, &spec.id, s, &rule, sum, today)?.current);
        }
        o.line = format!("{met}/{} {when}", t.series.len());
        if best_streak > 0 {
            o.line += &format!(
                " · longest current streak {best_streak} {}",
                period_word(rule.period, best_streak)
            );
        }
        return Ok(());
    }
    let series = t.series.first().map(String::as_str).unwrap_or("");
    let total = period_total(r, &spec.id, series, &rule, sum, today)?;
    let streaks = series_streaks(r, &spec.id, series, &rule, sum, today)?;
    o.today = Some(total);
    o.streak = Some(streaks);
    let unit = t.unit.as_deref().unwrap_or("days");
    let head = match (t.unit.is_some(), t.goal.or(t.limit)) {
        (false, None) => (if total > 0.0 {
            "done today"
        } else {
            "not yet today"
        })
        .to_string(),
        (_, Some(g)) => format!(
            "{}/{} {unit} {when}",
            format_number(total),
            format_number(g.target)
        ),
        (true, None) => format!("{} {unit} {when}", format_number(total)),
    };
    let tail = match (streaks.current, rule.limit) {
        (0, _) => String::new(),
        (n, false) => format!(" · streak {n} {}", period_word(rule.period, n)),
        (n, true) => format!(" · {n} {} within limit", period_word(rule.period, n)),
    };
    o.line = head + &tail;
    Ok(())
}
