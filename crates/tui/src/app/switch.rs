//! The switcher (`:` or C-p): one line that finds apps and commands
//! together, fuzzily, and reads verbs with arguments (`log water 2`, `add
//! groceries oat milk`, `timer tea start`) into the same intents `nook log`,
//! `nook add` and `nook timer` carry out. Pure: it reads the line into an
//! [`Intent`]; the App turns that into effects the runtime performs.

use super::command::{self, Binding, Cmd, Context};
use super::{AppEntry, State, Write, fuzzy};
use crate::model::Now;
use crate::model::amount::Amount;
use crate::model::timer::{self, Action as TimerAction};
use crate::spec::{Kind, Spec};

/// A verb that takes arguments, as its `nook` command does.
pub struct Verb {
    pub word: &'static str,
    pub usage: &'static str,
    pub help: &'static str,
}

pub const VERBS: &[Verb] = &[
    Verb {
        word: "log",
        usage: "log TRACKER [AMOUNT|yes|no] [SERIES]",
        help: "Log today in a tracker (as nook log)",
    },
    Verb {
        word: "add",
        usage: "add LIST TEXT or field=value...",
        help: "Add an item to a list (as nook add)",
    },
    Verb {
        word: "timer",
        usage: "timer TIMER start|pause|toggle|reset|skip|lap",
        help: "Start, pause or reset a timer (as nook timer)",
    },
];

const TIMER_VERBS: &[(&str, TimerAction)] = &[
    ("start", TimerAction::Start),
    ("pause", TimerAction::Pause),
    ("toggle", TimerAction::Toggle),
    ("reset", TimerAction::Stop),
    ("skip", TimerAction::Skip),
    ("lap", TimerAction::Lap),
];

/// One line of the switcher's list.
#[derive(Clone, Copy)]
pub enum Choice {
    /// An app of the catalog (its index in the entries).
    App(usize),
    Command(&'static Binding),
    Verb(&'static Verb),
}

/// What Enter on the line means.
#[derive(Clone, Debug, PartialEq)]
pub enum Intent {
    /// Open (or focus) the catalog entry.
    Open(usize),
    Run(Cmd),
    /// A write to an app, with what to say once it is asked for.
    Write {
        id: String,
        write: Box<Write>,
        said: String,
    },
}

fn verb(word: &str) -> Option<&'static Verb> {
    VERBS.iter().find(|v| v.word.eq_ignore_ascii_case(word))
}

/// The line split into its verb and the rest, when it starts with a verb
/// and a space (`log ` is a verb being given arguments; `log` alone may
/// still be a command or an app's name).
fn verb_line(line: &str) -> Option<(&'static Verb, Vec<&str>)> {
    let trimmed = line.trim_start();
    let (first, rest) = trimmed.split_once(' ')?;
    Some((verb(first)?, rest.split_whitespace().collect()))
}

fn specs(entries: &[AppEntry]) -> impl Iterator<Item = (usize, &Spec)> {
    entries
        .iter()
        .enumerate()
        .filter_map(|(i, e)| e.spec.as_ref().ok().map(|s| (i, s)))
}

fn kind_fits(v: &Verb, spec: &Spec) -> bool {
    matches!(
        (v.word, &spec.kind),
        ("log", Kind::Tracker(_)) | ("add", Kind::List(_)) | ("timer", Kind::Timer(_))
    )
}

/// What the list shows for `line`, best first: apps, commands of the
/// screen (those that do something now) and verbs; after a verb, the apps
/// it takes.
pub fn choices(state: &State, ctx: Context, line: &str) -> Vec<Choice> {
    if let Some((v, args)) = verb_line(line) {
        let q = args.first().copied().unwrap_or("");
        let mut apps: Vec<(i64, usize)> = specs(&state.entries)
            .filter(|(_, s)| kind_fits(v, s))
            .filter_map(|(i, s)| fuzzy::best(q, [s.id.as_str(), s.name.as_str()]).map(|sc| (sc, i)))
            .collect();
        apps.sort_by_key(|(sc, _)| -sc);
        return apps.into_iter().map(|(_, i)| Choice::App(i)).collect();
    }
    let q = line.trim();
    let mut scored: Vec<(i64, Choice)> = Vec::new();
    for (i, s) in specs(&state.entries) {
        if let Some(sc) = fuzzy::best(q, [s.name.as_str(), s.id.as_str()]) {
            scored.push((sc, Choice::App(i)));
        }
    }
    for b in command::working(ctx, state).filter(|b| b.cmd != Cmd::Palette) {
        if let Some(sc) = fuzzy::best(q, [b.name, b.help]) {
            scored.push((sc, Choice::Command(b)));
        }
    }
    for v in VERBS {
        if let Some(sc) = fuzzy::best(q, [v.word, v.help]) {
            scored.push((sc, Choice::Verb(v)));
        }
    }
    // Stable: with an empty line, apps first, then commands, then verbs.
    scored.sort_by_key(|(sc, _)| -sc);
    scored.into_iter().map(|(_, c)| c).collect()
}

/// The line Tab completes `choice` to.
pub fn complete(state: &State, line: &str, choice: Choice) -> String {
    match choice {
        Choice::App(i) => {
            let id = state.entries[i].id().unwrap_or_default();
            match verb_line(line) {
                Some((v, _)) => format!("{} {id} ", v.word),
                None => id.to_string(),
            }
        }
        Choice::Command(b) => b.name.to_string(),
        Choice::Verb(v) => format!("{} ", v.word),
    }
}

/// A verb line read into its intent, or what was expected. None: the line
/// is not a verb with arguments (the chosen entry decides).
pub fn parse(state: &State, line: &str, now: Now) -> Option<Result<Intent, String>> {
    let (v, args) = verb_line(line)?;
    Some(parse_verb(state, v, &args, now))
}

fn parse_verb(state: &State, v: &Verb, args: &[&str], now: Now) -> Result<Intent, String> {
    let Some(&name) = args.first() else {
        return Err(format!("{}: which app? {}", v.word, v.usage));
    };
    let spec = find_app(state, v, name)?;
    let rest = &args[1..];
    match &spec.kind {
        Kind::Tracker(t) => {
            let names = &t.series;
            let (series, rest): (Vec<&str>, Vec<&str>) = rest
                .iter()
                .partition(|a| names.iter().any(|n| n.eq_ignore_ascii_case(a)));
            let series = match (series.as_slice(), names.as_slice()) {
                ([], []) => String::new(),
                ([], [only]) => only.clone(),
                ([], many) => {
                    return Err(format!(
                        "{} has several series; name one: {}",
                        spec.name,
                        many.join(", ")
                    ));
                }
                ([s], _) => names
                    .iter()
                    .find(|n| n.eq_ignore_ascii_case(s))
                    .cloned()
                    .unwrap_or_default(),
                _ => return Err("name one series, not several".into()),
            };
            let value = match rest.as_slice() {
                [] => None,
                [one] => Some(*one),
                [_, extra, ..] => {
                    return Err(format!("{extra:?} is not a series of {}; {}", spec.name, v.usage));
                }
            };
            let (amount, words) = match &t.unit {
                None => {
                    let yes = match value.map(str::to_lowercase).as_deref() {
                        None | Some("yes" | "y" | "1" | "true" | "done" | "x") => true,
                        Some("no" | "n" | "0" | "false" | "undone") => false,
                        Some(other) => {
                            return Err(format!(
                                "{} is a yes/no habit: yes or no, not {other:?}",
                                spec.name
                            ));
                        }
                    };
                    let words = if yes { "done" } else { "not done" };
                    (Amount::Set(if yes { 1.0 } else { 0.0 }), words.to_string())
                }
                Some(unit) => {
                    let n = match value {
                        None => t.step,
                        Some(raw) => crate::model::value::parse_number(raw, Default::default())
                            .map_err(|e| format!("the amount (a number of {unit}) {e}"))?,
                    };
                    let n_words = crate::model::value::format_number(n);
                    (
                        Amount::Add(n),
                        format!("{}{n_words} {unit}", if n >= 0.0 { "+" } else { "" }),
                    )
                }
            };
            let label = if series.is_empty() {
                spec.name.clone()
            } else {
                format!("{} / {series}", spec.name)
            };
            Ok(Intent::Write {
                id: spec.id.clone(),
                write: Box::new(Write::Entry {
                    series,
                    day: now.today_number(),
                    amount,
                }),
                said: format!("{label}: {words} today"),
            })
        }
        Kind::List(list) => {
            let owned: Vec<String> = rest.iter().map(|s| s.to_string()).collect();
            let (text, values) = if list.fields.is_empty() {
                let text = owned.join(" ");
                if text.trim().is_empty() {
                    return Err(format!(
                        "add {}: what to add? e.g. add {} oat milk",
                        spec.id, spec.id
                    ));
                }
                (text, Default::default())
            } else {
                let values =
                    crate::model::input::values_from_args(list, &owned, now.local).map_err(|errs| {
                        let words: Vec<String> = errs.iter().map(ToString::to_string).collect();
                        words.join("; ")
                    })?;
                (String::new(), values)
            };
            Ok(Intent::Write {
                id: spec.id.clone(),
                write: Box::new(Write::AddItem { text, values }),
                said: format!("Added to {}", spec.name),
            })
        }
        Kind::Timer(t) => {
            let words: Vec<&str> = TIMER_VERBS.iter().map(|(w, _)| *w).collect();
            let Some(&what) = rest.first() else {
                return Err(format!("timer {}: what? {}", spec.id, words.join(", ")));
            };
            let Some(&(word, action)) = TIMER_VERBS.iter().find(|(w, _)| w.eq_ignore_ascii_case(what)) else {
                return Err(format!(
                    "{what:?} is not a timer verb; it is one of {}",
                    words.join(", ")
                ));
            };
            if rest.len() > 1 {
                return Err(format!("timer {} {word} takes nothing more", spec.id));
            }
            if action == TimerAction::Lap && !t.phases.is_empty() {
                return Err(format!("{} has phases; laps are for a stopwatch", spec.name));
            }
            if action == TimerAction::Skip && t.phases.is_empty() {
                return Err(format!("{} is a stopwatch; it has no phases to skip", spec.name));
            }
            let state_now = state
                .clocks
                .timers
                .iter()
                .find(|c| c.spec.id == spec.id)
                .map(|c| c.state.clone())
                .unwrap_or_default();
            if let Some(why) = timer::moot(t, &state_now, action, now.ms) {
                return Err(why.words(&spec.name));
            }
            Ok(Intent::Write {
                id: spec.id.clone(),
                write: Box::new(Write::Timer(action)),
                said: format!("{}: {word}", spec.name),
            })
        }
    }
}

/// The app a verb names: its id or name, else the one app of its kind the
/// words match.
fn find_app<'a>(state: &'a State, v: &Verb, name: &str) -> Result<&'a Spec, String> {
    let fitting: Vec<&Spec> = specs(&state.entries)
        .map(|(_, s)| s)
        .filter(|s| kind_fits(v, s))
        .collect();
    if let Some(s) = fitting
        .iter()
        .find(|s| s.id.eq_ignore_ascii_case(name) || s.name.eq_ignore_ascii_case(name))
    {
        return Ok(s);
    }
    let what = match v.word {
        "log" => "tracker",
        "add" => "list",
        _ => "timer",
    };
    if let Some(other) = specs(&state.entries)
        .map(|(_, s)| s)
        .find(|s| s.id.eq_ignore_ascii_case(name) || s.name.eq_ignore_ascii_case(name))
    {
        return Err(format!("{} is a {}, not a {what}", other.name, other.kind.tag()));
    }
    let mut near: Vec<(i64, &Spec)> = fitting
        .iter()
        .filter_map(|s| fuzzy::best(name, [s.id.as_str(), s.name.as_str()]).map(|sc| (sc, *s)))
        .collect();
    near.sort_by_key(|(sc, _)| -sc);
    match near.as_slice() {
        [(_, only)] => Ok(only),
        [] => {
            let ids: Vec<&str> = fitting.iter().map(|s| s.id.as_str()).collect();
            Err(format!(
                "no {what} is called {name:?}; {}",
                if ids.is_empty() {
                    format!("there is no {what}")
                } else {
                    format!("the {what}s are {}", ids.join(", "))
                }
            ))
        }
        several => {
            let ids: Vec<&str> = several.iter().map(|(_, s)| s.id.as_str()).collect();
            Err(format!("{name:?} could be {}: say which", ids.join(" or ")))
        }
    }
}
