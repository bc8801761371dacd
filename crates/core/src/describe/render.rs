//! The spec text of a plan, laid out like the bundled apps (apps/*.ron),
//! and the one-line summary of what was understood.

use crate::spec::duration;
use crate::spec::{KindTag, Period};

use super::list::{ListView, Ty};
use super::{Body, Plan};

/// Text in RON's double quotes (Rust's escapes are RON's).
fn q(s: &str) -> String {
    format!("{s:?}")
}

/// 20 -> "20", 2.5 -> "2.5".
fn num(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

fn goal(word: &str, (p, n): (Period, f64)) -> String {
    format!("{word}: {p:?}({})", num(n))
}

/// The comment line: where the spec came from, on one line, no control
/// characters.
fn comment(sentence: &str) -> String {
    let clean: String = sentence
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let short: String = clean.chars().take(160).collect();
    let more = if clean.chars().count() > 160 { "…" } else { "" };
    format!("// Made by `nook new --describe` from: \"{short}{more}\"\n")
}

/// The comment line of a spec another maker (a model) wrote.
pub fn comment_by(sentence: &str, maker: &str) -> String {
    let line = comment(sentence);
    let maker: String = maker.chars().filter(|c| !c.is_control()).take(80).collect();
    line.replacen(
        "`nook new --describe`",
        &format!("`nook new --describe` ({maker})"),
        1,
    )
}

/// One line of what a spec is, for one nook did not plan itself.
pub fn summary_of(spec: &crate::spec::Spec) -> String {
    use crate::spec::Kind;
    let what = match &spec.kind {
        Kind::Tracker(t) => {
            let mut parts = vec![t.unit.clone().unwrap_or_else(|| "yes/no".into())];
            if let Some(g) = t.goal {
                parts.push(format!("goal {g}"));
            }
            if let Some(l) = t.limit {
                parts.push(format!("limit {l}"));
            }
            if !t.series.is_empty() {
                parts.push(format!("series {}", t.series.join(", ")));
            }
            parts.join(", ")
        }
        Kind::Timer(t) if t.phases.is_empty() => "stopwatch".into(),
        Kind::Timer(t) => {
            let mut s = t
                .phases
                .iter()
                .map(|p| format!("{} {}", p.name, duration::format(p.length)))
                .collect::<Vec<_>>()
                .join(", ");
            if t.rounds > 1 {
                s.push_str(&format!(", {} rounds", t.rounds));
            }
            s
        }
        Kind::List(l) if l.fields.is_empty() => "checklist".into(),
        Kind::List(l) => l
            .fields
            .iter()
            .map(|(n, f)| format!("{n} ({})", f.ty.word().to_lowercase()))
            .collect::<Vec<_>>()
            .join(", "),
    };
    let until = spec.expires.map(|d| format!(", until {d}")).unwrap_or_default();
    format!("{} {}: {what}{until}", spec.kind.word(), spec.name)
}

fn common(plan: &Plan) -> Vec<String> {
    let mut keys = vec![format!("name: {}", q(&plan.name)), format!("id: {}", q(&plan.id))];
    if let Some(icon) = &plan.icon {
        keys.push(format!("icon: {}", q(icon)));
    }
    if let Some(d) = plan.expires {
        keys.push(format!("expires: \"{}\"", d.format("%Y-%m-%d")));
    }
    keys
}

pub fn field_type(ty: &Ty, required: bool, default: Option<&str>, due: bool) -> String {
    let mut args: Vec<String> = Vec::new();
    let word = match ty {
        Ty::Text => "Text",
        Ty::Number { unit, max, whole } => {
            if max.is_some() || *whole {
                args.push("min: 0".into());
            }
            if let Some(m) = max {
                args.push(format!("max: {}", num(*m)));
            }
            if *whole {
                args.push("decimals: 0".into());
            }
            if let Some(u) = unit {
                args.push(format!("unit: {}", q(u)));
            }
            "Number"
        }
        Ty::Money(c) => {
            if let Some(c) = c {
                args.push(format!("currency: {}", q(c)));
            }
            "Money"
        }
        Ty::Bool => "Bool",
        Ty::Choice(o) => {
            args.push(format!(
                "options: [{}]",
                o.iter().map(|s| q(s)).collect::<Vec<_>>().join(", ")
            ));
            "Choice"
        }
        Ty::Tags(o) => {
            if !o.is_empty() {
                args.push(format!(
                    "options: [{}]",
                    o.iter().map(|s| q(s)).collect::<Vec<_>>().join(", ")
                ));
            }
            "Tags"
        }
        Ty::Date => "Date",
        Ty::DateTime => "DateTime",
        Ty::Duration => "Duration",
        Ty::Rating(m) => {
            args.push(format!("max: {m}"));
            "Rating"
        }
        Ty::Url => "Url",
    };
    if required {
        args.push("required: true".into());
    }
    if due {
        args.push("due: true".into());
    }
    if let Some(d) = default {
        args.push(format!("default: {}", q(d)));
    }
    if matches!(ty, Ty::Bool) && args.is_empty() {
        return "Bool".into();
    }
    format!("{word}({})", args.join(", "))
}

/// The whole spec.
pub fn spec(sentence: &str, plan: &Plan) -> String {
    let mut keys = common(plan);
    let mut multi = false;
    let word = match &plan.body {
        Body::Tracker(t) => {
            if let Some(u) = &t.unit {
                keys.push(format!("unit: {}", q(u)));
            }
            if let Some(g) = t.goal {
                keys.push(goal("goal", g));
            }
            if let Some(l) = t.limit {
                keys.push(goal("limit", l));
            }
            if !t.series.is_empty() {
                keys.push(format!(
                    "series: [{}]",
                    t.series.iter().map(|s| q(s)).collect::<Vec<_>>().join(", ")
                ));
            }
            "Tracker"
        }
        Body::Timer(t) => {
            if !t.phases.is_empty() {
                let phases: Vec<String> = t
                    .phases
                    .iter()
                    .map(|(name, secs)| match name {
                        Some(n) => format!("(name: {}, length: \"{}\")", q(n), duration::format(*secs)),
                        None => format!("(length: \"{}\")", duration::format(*secs)),
                    })
                    .collect();
                keys.push(format!("phases: [{}]", phases.join(", ")));
            }
            if let Some(r) = t.rounds
                && r > 1
            {
                keys.push(format!("rounds: {r}"));
            }
            if let Some(l) = t.long_break {
                keys.push(format!("long_break: \"{}\"", duration::format(l)));
            }
            if let Some(g) = t.goal {
                keys.push(goal("goal", g));
            }
            "Timer"
        }
        Body::List(l) => {
            if !l.fields.is_empty() {
                multi = true;
                let width = l
                    .fields
                    .iter()
                    .map(|f| q(&f.name).chars().count())
                    .max()
                    .unwrap_or(0)
                    + 1;
                let mut block = String::from("fields: {\n");
                for f in &l.fields {
                    let default = match (&f.ty, f.default_first) {
                        (Ty::Choice(o), true) => o.first().map(String::as_str),
                        _ => None,
                    };
                    let key = format!("{}:", q(&f.name));
                    block.push_str(&format!(
                        "        {key:<w$} {},\n",
                        field_type(&f.ty, f.required, default, f.due),
                        w = width
                    ));
                }
                block.push_str("    }");
                keys.push(block);
                if let Some(r) = &l.repeat {
                    keys.push(format!("repeat: {r}"));
                    // "last watered": the next one counts from the day it was done.
                    if l.fields.iter().any(|f| f.due && f.name.starts_with("last")) {
                        keys.push("repeat_from: Done".into());
                    }
                }
                match &l.view {
                    ListView::Checklist => {}
                    ListView::Table => keys.push("view: Table()".into()),
                    ListView::Board(by) => keys.push(format!("view: Board(by: {})", q(by))),
                }
                let mut summary = vec!["Count".to_string()];
                if let Some(m) = l.fields.iter().find(|f| matches!(f.ty, Ty::Money(_))) {
                    summary.push(format!("Sum({})", q(&m.name)));
                }
                if let Some(r) = l.fields.iter().find(|f| matches!(f.ty, Ty::Rating(_))) {
                    summary.push(format!("Avg({})", q(&r.name)));
                }
                keys.push(format!("summary: [{}]", summary.join(", ")));
            }
            "List"
        }
    };
    layout(sentence, word, keys, multi)
}

fn layout(sentence: &str, word: &str, keys: Vec<String>, multi: bool) -> String {
    let one = format!("{word}({})", keys.join(", "));
    let body = if !multi && one.chars().count() <= 100 {
        one
    } else {
        let mut s = format!("{word}(\n");
        for k in keys {
            s.push_str(&format!("    {k},\n"));
        }
        s.push(')');
        s
    };
    format!("{}{body}\n", comment(sentence))
}

/// The plainest app of `kind` with the plan's name, id, icon and expiry.
pub fn plain(sentence: &str, plan: &Plan, kind: KindTag) -> String {
    layout(sentence, kind.spec_name(), common(plan), false)
}

fn per(p: Period) -> &'static str {
    match p {
        Period::Daily => "a day",
        Period::Weekly => "a week",
        Period::Monthly => "a month",
        Period::Yearly => "a year",
    }
}

fn type_words(ty: &Ty) -> String {
    match ty {
        Ty::Text => "text".into(),
        Ty::Number { unit: Some(u), .. } => format!("number in {u}"),
        Ty::Number { max: Some(m), .. } => format!("number up to {}", num(*m)),
        Ty::Number { .. } => "number".into(),
        Ty::Money(Some(c)) => format!("money in {c}"),
        Ty::Money(None) => "money".into(),
        Ty::Bool => "yes/no".into(),
        Ty::Choice(o) => format!("one of {}", o.join("/")),
        Ty::Tags(o) if o.is_empty() => "tags".into(),
        Ty::Tags(o) => format!("tags of {}", o.join("/")),
        Ty::Date => "date".into(),
        Ty::DateTime => "date and time".into(),
        Ty::Duration => "duration".into(),
        Ty::Rating(m) => format!("rating out of {m}"),
        Ty::Url => "link".into(),
    }
}

/// "tracker Yoga: yes/no, goal 3 days a week".
pub fn summary(plan: &Plan) -> String {
    let mut parts: Vec<String> = Vec::new();
    let word = match &plan.body {
        Body::Tracker(t) => {
            let unit = t.unit.as_deref();
            parts.push(unit.unwrap_or("yes/no").to_string());
            let amount = |(p, n): (Period, f64)| match unit {
                Some(u) => format!("{} {u} {}", num(n), per(p)),
                None if p == Period::Daily => "every day".to_string(),
                None => format!("{} days {}", num(n), per(p)),
            };
            if let Some(g) = t.goal {
                parts.push(format!("goal {}", amount(g)));
            }
            if let Some(l) = t.limit {
                parts.push(format!("at most {}", amount(l)));
            }
            if !t.series.is_empty() {
                parts.push(format!("series {}", t.series.join(", ")));
            }
            "tracker"
        }
        Body::Timer(t) => {
            match t.phases.len() {
                0 => parts.push("stopwatch".into()),
                1 => parts.push(format!("countdown {}", duration::format(t.phases[0].1))),
                _ => parts.push(
                    t.phases
                        .iter()
                        .enumerate()
                        .map(|(k, (n, s))| {
                            format!(
                                "{} {}",
                                n.clone().unwrap_or_else(|| format!("Phase {}", k + 1)),
                                duration::format(*s)
                            )
                        })
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
            }
            if let Some(r) = t.rounds.filter(|r| *r > 1) {
                parts.push(format!("{r} rounds"));
            }
            if let Some(l) = t.long_break {
                parts.push(format!("long break {}", duration::format(l)));
            }
            if let Some((p, n)) = t.goal {
                parts.push(format!("goal {} {}", num(n), per(p)));
            }
            "timer"
        }
        Body::List(l) => {
            if l.fields.is_empty() {
                parts.push("checklist".into());
            } else {
                parts.push(
                    l.fields
                        .iter()
                        .map(|f| format!("{} ({})", f.name, type_words(&f.ty)))
                        .collect::<Vec<_>>()
                        .join(", "),
                );
            }
            if let Some(f) = l.fields.iter().find(|f| f.due) {
                parts.push(format!("due by {}", f.name));
            }
            if let Some(r) = &l.repeat {
                parts.push(format!("repeat {r}"));
            }
            match &l.view {
                ListView::Board(by) => parts.push(format!("board by {by}")),
                ListView::Table => parts.push("table".into()),
                ListView::Checklist => {}
            }
            "list"
        }
    };
    if let Some(d) = plan.expires {
        parts.push(format!("until {}", d.format("%Y-%m-%d")));
    }
    format!("{word} {}: {}", plan.name, parts.join(", "))
}
