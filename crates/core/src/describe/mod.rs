//! Describe an app in a sentence: "yoga 3 times a week" becomes a Tracker
//! spec. A small, deterministic reader of the phrasing people use for micro
//! apps; no model, no network, no files. Its output always parses: it is
//! checked with [`crate::spec::parse_str`] and made simpler when it does not.
//!
//! The sentence becomes tokens ([`words`]); the date ([`expiry`]) is taken
//! first, then the kind decides who reads the rest ([`list`], [`tracker`],
//! [`timer`]); every word consumed is marked, and what is left over (that
//! is not a filler word) is reported as ignored. [`render`] writes the RON.

pub mod change;
mod expiry;
mod list;
pub mod model;
mod render;
mod timer;
mod tracker;
pub mod words;

use chrono::NaiveDate;

use crate::spec::KindTag;
use words::Tok;

/// An app that exists already: its new sibling gets another id and name.
#[derive(Clone, Debug, PartialEq)]
pub struct Existing {
    pub id: String,
    pub name: String,
}

/// What a sentence made.
#[derive(Clone, Debug, PartialEq)]
pub struct Described {
    /// The spec, as the file is written.
    pub text: String,
    pub name: String,
    pub id: String,
    pub kind: KindTag,
    /// One line of what was understood: "tracker Yoga: yes/no, goal 3 days a week".
    pub summary: String,
    /// Phrases of the sentence that were not placed, as typed.
    pub ignored: Vec<String>,
    /// Set when the first spec did not parse and a simpler one was made: why.
    pub simplified: Option<String>,
}

/// The body of the app, per kind.
enum Body {
    List(list::ListPlan),
    Tracker(tracker::TrackerPlan),
    Timer(timer::TimerPlan),
}

impl Body {
    fn tag(&self) -> KindTag {
        match self {
            Body::List(_) => KindTag::List,
            Body::Tracker(_) => KindTag::Tracker,
            Body::Timer(_) => KindTag::Timer,
        }
    }
}

/// The app before it is written.
struct Plan {
    name: String,
    id: String,
    icon: Option<String>,
    expires: Option<NaiveDate>,
    body: Body,
}

/// Makes a spec from `sentence`. `today` dates "until March"; `existing`
/// keeps the new id and name apart from the apps there are. An error means
/// nothing in the sentence was understood.
pub fn describe(sentence: &str, today: NaiveDate, existing: &[Existing]) -> Result<Described, String> {
    let (mut toks, emoji) = words::tokens(sentence);
    if !toks.iter().any(|t| !t.punct) {
        return Err("the description is empty; say what the app is for, e.g. \"yoga 3 times a week\"".into());
    }
    let called = take_called(&mut toks);
    let expires = expiry::take(&mut toks, today);
    let body = match decide(&toks) {
        Some(Decision::Timer) => Body::Timer(timer::read(&mut toks)),
        Some(Decision::Series) => Body::Tracker(tracker::read(&mut toks, true)),
        Some(Decision::Tracker) => Body::Tracker(tracker::read(&mut toks, false)),
        Some(Decision::List) => Body::List(list::read(&mut toks)),
        None if expires.is_some() || called.is_some() => Body::List(list::read(&mut toks)),
        None => {
            return Err(format!(
                "could not make an app of {}: say what it tracks, times or lists, \
                 e.g. \"water 8 glasses a day\", \"a countdown of 7 minutes\", \
                 \"books with title, author, rating out of 5\"",
                crate::spec::syntax::quote(sentence.trim())
            ));
        }
    };
    let tag = body.tag();
    let hint = match &body {
        Body::List(l) => l.name_hint.clone(),
        Body::Tracker(t) => t.name_hint.clone(),
        Body::Timer(t) => t.name_hint.clone(),
    };
    let from_words = name_run(&mut toks, tag);
    let base = called
        .or(match tag {
            // A timer's own words ("Eggs", "Pomodoro") beat the rest of the sentence.
            KindTag::Timer => hint.clone().or(from_words.clone()),
            _ => from_words.clone().or(hint.clone()),
        })
        .unwrap_or_else(|| default_name(&body).to_string());
    let ignored = ignored(&toks);
    let name = unique_name(&words::capitalise(base.trim()), existing);
    let id = unique_id(&name, tag, existing);
    let icon = emoji
        .or_else(|| pick_icon(&name, &toks).map(str::to_string))
        .or_else(|| Some(kind_icon(&body).to_string()));
    let plan = Plan {
        name,
        id,
        icon,
        expires,
        body,
    };
    Ok(finish(sentence, plan, ignored))
}

/// A spec a model wrote, made into a new app: checked, given a name and an
/// id of its own, and the comment line saying where it came from. Its
/// problems, one a line, when it does not check.
pub fn from_spec_text(
    sentence: &str,
    spec_text: &str,
    existing: &[Existing],
    maker: &str,
) -> Result<Described, Vec<String>> {
    let report = |e: crate::spec::SpecError| {
        e.diagnostics
            .iter()
            .map(|d| format!("{}:{}: {}", d.pos.line, d.pos.col, d.message))
            .collect::<Vec<_>>()
    };
    let spec = crate::spec::parse_str("describe.ron", spec_text).map_err(report)?;
    let tag = spec.kind.tag();
    let name = unique_name(spec.name.trim(), existing);
    let id = unique_id(&name, tag, existing);
    let body = crate::spec::template::instantiate(spec_text, &name, &id).map_err(|e| vec![e])?;
    let text = format!("{}{}\n", render::comment_by(sentence, maker), body.trim_end());
    let spec = crate::spec::parse_str("describe.ron", &text).map_err(report)?;
    Ok(Described {
        summary: render::summary_of(&spec),
        text,
        name,
        id,
        kind: tag,
        ignored: Vec::new(),
        simplified: None,
    })
}

/// Renders the plan and checks it; a spec that does not parse is replaced by
/// the plainest app of its kind, and then by a plain list.
fn finish(sentence: &str, plan: Plan, ignored: Vec<String>) -> Described {
    let kind = plan.body.tag();
    let text = render::spec(sentence, &plan);
    let mut summary = render::summary(&plan);
    let mut simplified = None;
    let text = match crate::spec::parse_str("describe.ron", &text) {
        Ok(_) => text,
        Err(e) => {
            let why = e
                .diagnostics
                .first()
                .map(|d| d.message.clone())
                .unwrap_or_default();
            simplified = Some(why);
            let plain = render::plain(sentence, &plan, kind);
            summary = format!("{} {}: (simplified)", kind.word(), plan.name);
            match crate::spec::parse_str("describe.ron", &plain) {
                Ok(_) => plain,
                Err(_) => render::plain(sentence, &plan, KindTag::List),
            }
        }
    };
    let kind = crate::spec::parse_str("describe.ron", &text)
        .map(|s| s.kind.tag())
        .unwrap_or(kind);
    Described {
        text,
        name: plan.name,
        id: plan.id,
        kind,
        summary,
        ignored,
        simplified,
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Decision {
    Timer,
    Series,
    Tracker,
    List,
}

/// Which kind the sentence asks for, from its words; None when no word of
/// it says anything nook can make.
fn decide(toks: &[Tok]) -> Option<Decision> {
    let has = |w: &str| toks.iter().any(|t| !t.used && t.is(w));
    let any = |ws: &[&str]| ws.iter().any(|w| has(w));
    if any(&[
        "timer",
        "countdown",
        "stopwatch",
        "pomodoro",
        "pomodoros",
        "tabata",
        "interval",
        "intervals",
        "hiit",
        "count-down",
    ]) || (has("count") && has("down"))
    {
        return Some(Decision::Timer);
    }
    let period = tracker::has_rate(toks);
    // "45 minutes study, 15 minutes break, 3 rounds": phases, not fields.
    let durations = timer::durations(toks).count();
    if !tracker::has_numeric_rate(toks)
        && (durations >= 2 || (durations >= 1 && any(&["rounds", "round", "cycles"])))
    {
        return Some(Decision::Timer);
    }
    let listy = any(&[
        "list",
        "checklist",
        "collection",
        "catalog",
        "catalogue",
        "inventory",
        "database",
        "table",
        "spreadsheet",
        "board",
        "kanban",
        "crm",
        "wishlist",
        "watchlist",
        "directory",
    ]);
    if any(&["habits", "routine", "chores", "routines"]) && tracker::series_start(toks).is_some() && !listy {
        return Some(Decision::Series);
    }
    let items = list::field_items(toks).map(|items| (items.len(), list::typed(toks, &items)));
    let fields = items.is_some_and(|(n, typed)| n >= 2 || typed);
    // "subscriptions with service, monthly cost": a "monthly" among fields is one of them.
    let many = items.is_some_and(|(n, _)| n >= 3);
    if listy || (fields && (!tracker::has_numeric_rate(toks) || (many && !period_outside_fields(toks)))) {
        return Some(Decision::List);
    }
    // "track expenses in CHF": money is a list of amounts, unless per period.
    if list::money_list(toks) && !tracker::has_numeric_rate(toks) {
        return Some(Decision::List);
    }
    if period
        || any(&[
            "habit",
            "track",
            "tracker",
            "quit",
            "streak",
            "daily",
            "weekly",
            "goal",
            "log",
            "logging",
            "count",
            "every",
            "weekdays",
            "challenge",
        ])
        || (has("how") && (has("many") || has("much")))
        || toks
            .iter()
            .filter(|t| !t.used && words::weekday(&t.low).is_some())
            .count()
            >= 2
        || toks
            .windows(2)
            .any(|w| w[0].is("in") && words::unit(&w[1].low).is_some())
    {
        return Some(Decision::Tracker);
    }
    if durations >= 1 {
        return Some(Decision::Timer);
    }
    if fields || toks.iter().any(|t| words::icon(&t.low).is_some()) || list::money_list(toks) {
        return Some(Decision::List);
    }
    None
}

/// Whether a rate ("8 a day") comes before the fields start.
fn period_outside_fields(toks: &[Tok]) -> bool {
    let start = list::field_items(toks)
        .and_then(|items| items.first().and_then(|i| i.first().copied()))
        .unwrap_or(toks.len());
    tracker::has_numeric_rate(&toks[..start])
}

/// `called "Wine cellar"` / `named Book club`: the name as given.
fn take_called(toks: &mut [Tok]) -> Option<String> {
    let at = toks.iter().position(|t| t.is("called") || t.is("named"))?;
    let mut end = at + 1;
    let quoted = toks.get(end).is_some_and(|t| t.is("\""));
    if quoted {
        end += 1;
    }
    let start = end;
    while end < toks.len() && !(toks[end].punct && (quoted == toks[end].is("\"") || !quoted)) {
        if !quoted && (toks[end].is("with") || toks[end].is("for") || toks[end].is("until")) {
            break;
        }
        end += 1;
    }
    if end == start {
        return None;
    }
    let name: Vec<String> = toks[start..end].iter().map(|t| t.orig.clone()).collect();
    let close = if quoted && end < toks.len() { end + 1 } else { end };
    for t in &mut toks[at..close] {
        t.used = true;
    }
    Some(name.join(" "))
}

/// The first run of words not yet placed: "reading log", "runs", "quit sugar".
fn name_run(toks: &mut [Tok], tag: KindTag) -> Option<String> {
    let nameish = |t: &Tok| {
        !t.punct
            && !t.used
            && words::number(&t.low).is_none()
            && !words::colour(&t.low)
            && (!words::filler(&t.low) || (tag == KindTag::List && matches!(t.low.as_str(), "list" | "log")))
    };
    let mut i = 0;
    while i < toks.len() {
        if !nameish(&toks[i]) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < toks.len() && nameish(&toks[j]) && j - i < 4 {
            j += 1;
        }
        let run: Vec<usize> = (i..j).collect();
        if run.iter().all(|&k| words::kind_word(&toks[k].low)) {
            i = j;
            continue;
        }
        let mut text: Vec<String> = Vec::new();
        for &k in &run {
            toks[k].used = true;
            let w = &toks[k];
            // "run 20 km a week": the habit, not the verb.
            let word = if run.len() == 1 && tag == KindTag::Tracker {
                words::habit_noun(&w.low)
                    .map(str::to_string)
                    .unwrap_or(w.orig.clone())
            } else {
                w.orig.clone()
            };
            text.push(word);
        }
        return Some(text.join(" "));
    }
    None
}

/// Runs of words nothing used, as typed: "in green".
fn ignored(toks: &[Tok]) -> Vec<String> {
    let mut out = Vec::new();
    let mut run: Vec<&Tok> = Vec::new();
    let flush = |run: &mut Vec<&Tok>, out: &mut Vec<String>| {
        while run.last().is_some_and(|t| words::filler(&t.low)) {
            run.pop();
        }
        let start = run
            .iter()
            .position(|t| !matches!(t.low.as_str(), "a" | "an" | "the" | "my" | "and" | "or" | "also"))
            .unwrap_or(run.len());
        let run2 = &run[start..];
        if run2.iter().any(|t| !words::filler(&t.low)) {
            out.push(run2.iter().map(|t| t.orig.as_str()).collect::<Vec<_>>().join(" "));
        }
        run.clear();
    };
    for t in toks {
        if t.punct || t.used {
            flush(&mut run, &mut out);
        } else {
            run.push(t);
        }
    }
    flush(&mut run, &mut out);
    out
}

fn default_name(body: &Body) -> &'static str {
    match body {
        Body::List(_) => "List",
        Body::Tracker(t) if !t.series.is_empty() => "Habits",
        Body::Tracker(_) => "Tracker",
        Body::Timer(t) => match t.phases.len() {
            0 => "Stopwatch",
            1 => "Countdown",
            _ => "Intervals",
        },
    }
}

fn kind_icon(body: &Body) -> &'static str {
    match body {
        Body::List(_) => "📋",
        Body::Tracker(_) => "📈",
        Body::Timer(t) if t.phases.is_empty() => "⏱",
        Body::Timer(_) => "⏲",
    }
}

/// The icon of the name's words first, then of any word of the sentence.
fn pick_icon(name: &str, toks: &[Tok]) -> Option<&'static str> {
    let lower = name.to_lowercase();
    lower
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .find_map(words::icon)
        .or_else(|| toks.iter().find_map(|t| words::icon(&t.low)))
}

/// "Water", or "Water 2" when an app is called Water already.
fn unique_name(name: &str, existing: &[Existing]) -> String {
    let taken = |n: &str| existing.iter().any(|e| e.name.eq_ignore_ascii_case(n));
    if !taken(name) {
        return name.to_string();
    }
    (2..)
        .map(|n| format!("{name} {n}"))
        .find(|n| !taken(n))
        .unwrap_or_else(|| name.to_string())
}

fn unique_id(name: &str, tag: KindTag, existing: &[Existing]) -> String {
    let base = crate::spec::slug::from_stem(name).unwrap_or_else(|| tag.word().to_lowercase());
    crate::spec::template::fresh_id(&base, |id| existing.iter().any(|e| e.id == id))
}

#[cfg(test)]
mod tests;
