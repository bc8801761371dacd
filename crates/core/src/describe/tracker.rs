//! Trackers: "20 km a week", "at most 1 dessert a day", "yoga 3 times a
//! week", "habits: journal, walk, no phone after 10".

use crate::spec::Period;

use super::words::{self, Tok};

pub struct TrackerPlan {
    pub unit: Option<String>,
    pub goal: Option<(Period, f64)>,
    pub limit: Option<(Period, f64)>,
    pub series: Vec<String>,
    /// "water" of "8 glasses of water a day".
    pub name_hint: Option<String>,
}

/// Words before a number that make it a ceiling.
const LIMIT_CUES: &[&[&str]] = &[
    &["at", "most"],
    &["no", "more", "than"],
    &["not", "more", "than"],
    &["less", "than"],
    &["fewer", "than"],
    &["up", "to"],
    &["max"],
    &["maximum"],
    &["under"],
    &["below"],
    &["only"],
    &["limit"],
    &["<"],
];

/// Words before a number that make it a target (consumed, nothing more).
const GOAL_CUES: &[&[&str]] = &[
    &["at", "least"],
    &["min"],
    &["minimum"],
    &["goal"],
    &["target"],
    &["aim"],
    &["over"],
    &["more", "than"],
];

/// A period phrase at `i`: "a week", "per day", "each month", "/day",
/// "weekly", "every night". Returns the period and the index after it.
pub fn period_at(toks: &[Tok], i: usize) -> Option<(Period, usize)> {
    let w = toks.get(i)?;
    if let Some(p) = words::period_adverb(&w.low) {
        return Some((p, i + 1));
    }
    if matches!(
        w.low.as_str(),
        "a" | "an" | "per" | "each" | "every" | "/" | "this" | "the"
    ) {
        let next = toks.get(i + 1)?;
        return words::period_noun(&next.low).map(|p| (p, i + 2));
    }
    // "3x/week" arrives as "week" after the number word.
    words::period_noun(w.low.trim_start_matches('/'))
        .filter(|_| w.low.starts_with('/'))
        .map(|p| (p, i + 1))
}

/// A number at `i` ("8", "eight", "twice", "3x"), and whether it said "times".
fn number_at(toks: &[Tok], i: usize) -> Option<(f64, bool)> {
    let t = toks.get(i)?;
    if t.used || t.punct {
        return None;
    }
    if let Some(n) = words::times_word(&t.low) {
        return Some((n, true));
    }
    if let Some(n) = words::number(&t.low) {
        return Some((n, false));
    }
    let x = t.low.strip_suffix('x')?;
    words::number(x).map(|n| (n, true))
}

/// Whether some number in the sentence is per a period: "8 ... a day".
pub fn has_numeric_rate(toks: &[Tok]) -> bool {
    (0..toks.len()).any(|i| rate_at(toks, i).is_some())
}

/// Whether some number in the sentence is per a period ("8 ... a day"), or
/// the sentence says "every day" / "daily".
pub fn has_rate(toks: &[Tok]) -> bool {
    has_numeric_rate(toks)
        || (0..toks.len()).any(|i| {
            !toks[i].used
                && (words::period_adverb(&toks[i].low).is_some()
                    || (toks[i].is("every")
                        && toks
                            .get(i + 1)
                            .is_some_and(|t| words::period_noun(&t.low).is_some())))
        })
}

/// "N [unit words] PERIOD" at `i`: (n, said times, unit words i+1..u, period, end).
fn rate_at(toks: &[Tok], i: usize) -> Option<(f64, bool, usize, Period, usize)> {
    let (n, times) = number_at(toks, i)?;
    let mut j = i + 1;
    while j < toks.len() && j <= i + 5 && !toks[j].punct {
        if let Some((p, end)) = period_at(toks, j) {
            return Some((n, times, j, p, end));
        }
        j += 1;
    }
    None
}

/// Where a list of habits starts: after the ':' (or "like"/"such as") that
/// follows "habits".
pub fn series_start(toks: &[Tok]) -> Option<usize> {
    let at = toks
        .iter()
        .position(|t| matches!(t.low.as_str(), "habits" | "routine" | "routines" | "chores"))?;
    let mut j = at + 1;
    while j < toks.len() && j <= at + 4 {
        let t = &toks[j];
        if t.is(":") || t.is("like") || t.is("-") {
            return Some(j + 1);
        }
        if t.is("such") && toks.get(j + 1).is_some_and(|n| n.is("as")) {
            return Some(j + 2);
        }
        j += 1;
    }
    // "habits journal, walk, yoga": no separator; the commas say it is a list.
    let commas = toks.iter().filter(|t| t.is(",")).count();
    (commas >= 1).then_some(at + 1)
}

pub fn read(toks: &mut [Tok], series: bool) -> TrackerPlan {
    let mut plan = TrackerPlan {
        unit: None,
        goal: None,
        limit: None,
        series: Vec::new(),
        name_hint: None,
    };
    if series && let Some(start) = series_start(toks) {
        read_series(toks, start, &mut plan);
        for t in toks.iter_mut() {
            if matches!(t.low.as_str(), "habits" | "routine" | "routines" | "chores") {
                t.used = true;
            }
        }
    }
    let ceiling_words = toks.iter().any(|t| {
        matches!(
            t.low.as_str(),
            "quit" | "reduce" | "limit" | "less" | "fewer" | "cut" | "stop"
        )
    });
    how_many(toks, &mut plan);
    // "N unit a period", the first one there is.
    let found = (0..toks.len()).find_map(|i| rate_at(toks, i).map(|r| (i, r)));
    if let Some((i, (n, times, unit_end, period, end))) = found {
        let (cue_start, limit) = cue_before(toks, i);
        let mut unit_words: Vec<usize> = (i + 1..unit_end).collect();
        // "8 glasses of water": the name after "of".
        if let Some(of) = unit_words.iter().position(|&k| toks[k].is("of")) {
            let name: Vec<String> = unit_words[of + 1..]
                .iter()
                .map(|&k| toks[k].orig.clone())
                .collect();
            if !name.is_empty() {
                plan.name_hint = Some(name.join(" "));
            }
            unit_words.truncate(of);
        }
        // "10 new words": the last word is the unit.
        let first = unit_words.last().map(|&k| toks[k].low.clone());
        let yes_no = times
            || matches!(
                first.as_deref(),
                Some("times" | "time" | "days" | "day" | "x" | "sessions")
            );
        let n_whole = n.fract() == 0.0;
        let max_days = match period {
            Period::Daily => 1.0,
            Period::Weekly => 7.0,
            Period::Monthly => 31.0,
            Period::Yearly => 366.0,
        };
        if plan.name_hint.is_none()
            && let Some(w) = &first
            && !yes_no
            && w.len() > 3
        {
            // "max 3 drinks a week": the drinks are what is tracked.
            plan.name_hint = unit_words.last().map(|&k| toks[k].orig.clone());
        }
        if yes_no && n_whole && n <= max_days && n > 0.0 {
            // A day done counts once: "3 times a week" is 3 days.
        } else if yes_no {
            plan.unit = Some("times".into());
        } else if let Some(w) = first {
            plan.unit = Some(words::unit(&w).unwrap_or_else(|| words::plural(&w)));
        } else if plan.unit.is_some() {
            // "how many glasses ..., at most 7 a week"
        } else if let Some(w) = (0..cue_start)
            .rev()
            .map(|k| &toks[k])
            .find(|t| !t.used && !t.punct && !words::filler(&t.low) && words::number(&t.low).is_none())
        {
            // "pushups: 100 a day": the thing counted came first.
            plan.unit = Some(words::plural(&w.low));
        } else {
            plan.unit = Some("times".into());
        }
        let is_limit = limit || (ceiling_words && !yes_no) || n == 0.0;
        if is_limit {
            plan.limit = Some((period, n));
        } else {
            plan.goal = Some((period, n));
        }
        for t in &mut toks[cue_start..end] {
            t.used = true;
        }
    }
    // "in km", "in glasses"
    if plan.unit.is_none() {
        for i in 0..toks.len().saturating_sub(1) {
            if toks[i].is("in")
                && !toks[i + 1].used
                && let Some(u) = words::unit(&toks[i + 1].low)
            {
                plan.unit = Some(u);
                toks[i].used = true;
                toks[i + 1].used = true;
                break;
            }
        }
    } else {
        // "log my runs in km, 20 km a week": the second mention is the same unit.
        for i in 0..toks.len().saturating_sub(1) {
            if toks[i].is("in") && words::unit(&toks[i + 1].low).as_ref() == plan.unit.as_ref() {
                toks[i].used = true;
                toks[i + 1].used = true;
            }
        }
    }
    // "on monday, wednesday and friday": that many days a week.
    let days: Vec<usize> = (0..toks.len())
        .filter(|&i| !toks[i].used && words::weekday(&toks[i].low).is_some())
        .collect();
    if days.len() >= 2 && plan.goal.is_none() && plan.limit.is_none() && plan.unit.is_none() {
        let mut distinct: Vec<u32> = days
            .iter()
            .filter_map(|&i| words::weekday(&toks[i].low))
            .collect();
        distinct.sort_unstable();
        distinct.dedup();
        plan.goal = Some((Period::Weekly, distinct.len() as f64));
        for &i in &days {
            toks[i].used = true;
            if i > 0 && (toks[i - 1].is("on") || toks[i - 1].is("every")) {
                toks[i - 1].used = true;
            }
        }
    }
    // "every day", "daily", "on weekdays": a yes/no habit's frequency.
    if plan.goal.is_none() && plan.limit.is_none() {
        for i in 0..toks.len() {
            if toks[i].used {
                continue;
            }
            if toks[i].is("weekdays")
                || (toks[i].is("every") && toks.get(i + 1).is_some_and(|t| t.is("weekday")))
            {
                if plan.unit.is_none() {
                    plan.goal = Some((Period::Weekly, 5.0));
                }
                toks[i].used = true;
                if toks[i].is("every") {
                    toks[i + 1].used = true;
                }
                break;
            }
            if let Some((p, end)) = period_at(toks, i).or_else(|| {
                (toks[i].is("every")
                    && toks
                        .get(i + 1)
                        .is_some_and(|t| words::period_noun(&t.low).is_some()))
                .then(|| {
                    (
                        words::period_noun(&toks[i + 1].low).unwrap_or(Period::Daily),
                        i + 2,
                    )
                })
            }) {
                if plan.unit.is_none() && p == Period::Daily {
                    plan.goal = Some((Period::Daily, 1.0));
                }
                for t in &mut toks[i..end] {
                    t.used = true;
                }
                break;
            }
        }
    }
    plan
}

/// "how many cigarettes", "how many glasses of wine": the unit (and the name).
fn how_many(toks: &mut [Tok], plan: &mut TrackerPlan) {
    for i in 0..toks.len().saturating_sub(2) {
        if toks[i].is("how") && toks[i + 1].is("many") && !toks[i + 2].punct && !toks[i + 2].used {
            plan.unit = Some(words::plural(&toks[i + 2].low));
            let mut end = i + 3;
            if toks.get(end).is_some_and(|t| t.is("of"))
                && let Some(what) = toks.get(end + 1).filter(|t| !t.punct && !words::filler(&t.low))
            {
                plan.name_hint = Some(what.orig.clone());
                end += 2;
            }
            for t in &mut toks[i..end] {
                t.used = true;
            }
            return;
        }
    }
}

/// A limit or goal cue ending right before `i`: (where it starts, is a limit).
fn cue_before(toks: &[Tok], i: usize) -> (usize, bool) {
    for (cues, limit) in [(LIMIT_CUES, true), (GOAL_CUES, false)] {
        for cue in cues {
            if cue.len() <= i && cue.iter().enumerate().all(|(k, w)| toks[i - cue.len() + k].is(w)) {
                return (i - cue.len(), limit);
            }
        }
    }
    (i, false)
}

fn read_series(toks: &mut [Tok], start: usize, plan: &mut TrackerPlan) {
    let mut item: Vec<usize> = Vec::new();
    let mut items: Vec<Vec<usize>> = Vec::new();
    for (i, t) in toks.iter().enumerate().skip(start) {
        if t.used {
            continue;
        }
        if t.is(",") || t.is(";") || t.is("and") || t.is(".") || t.is("&") || t.is("+") {
            items.push(std::mem::take(&mut item));
        } else if !t.punct {
            item.push(i);
        }
    }
    items.push(item);
    for item in items {
        // A frequency at the end of an item ("walk every day") is the habit's goal.
        let mut words_of: Vec<usize> = item.clone();
        if let Some(pos) = words_of
            .iter()
            .position(|&k| period_at(toks, k).is_some() || toks[k].is("every"))
        {
            if let Some((p, _)) = period_at(toks, words_of[pos]).or_else(|| {
                toks.get(words_of[pos] + 1)
                    .and_then(|t| words::period_noun(&t.low))
                    .map(|p| (p, 0))
            }) && p == Period::Daily
                && plan.goal.is_none()
            {
                plan.goal = Some((Period::Daily, 1.0));
            }
            words_of.truncate(pos);
        }
        let name: Vec<String> = words_of
            .iter()
            .skip_while(|&&k| matches!(toks[k].low.as_str(), "a" | "an" | "the" | "my" | "to"))
            .map(|&k| toks[k].orig.clone())
            .collect();
        for &k in &item {
            toks[k].used = true;
        }
        let name = words::capitalise(&name.join(" "));
        if !name.is_empty()
            && !plan.series.iter().any(|s| s.eq_ignore_ascii_case(&name))
            && plan.series.len() < 20
        {
            plan.series.push(name);
        }
    }
    if start > 0 {
        toks[start - 1].used = true;
    }
}
