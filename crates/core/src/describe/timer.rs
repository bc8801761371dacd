//! Timers: "interval timer: 40 seconds work, 20 seconds rest, 8 rounds",
//! "a countdown of 7 minutes for eggs", "pomodoro", "a stopwatch".

use crate::spec::Period;

use super::words::{self, Tok};

pub struct TimerPlan {
    /// (name, seconds); no name is "Phase N" in nook.
    pub phases: Vec<(Option<String>, u64)>,
    pub rounds: Option<u32>,
    pub long_break: Option<u64>,
    pub goal: Option<(Period, f64)>,
    pub name_hint: Option<String>,
}

/// A duration at `i`: (seconds, index after it). "40 seconds", "25m",
/// "1h30m", "an hour", "half an hour", "1.5 hours".
fn duration_at(toks: &[Tok], i: usize) -> Option<(u64, usize)> {
    let t = toks.get(i)?;
    if t.used || t.punct {
        return None;
    }
    if let Some(s) = words::compact_duration(&t.low) {
        return Some((s, i + 1));
    }
    let next = |k: usize| {
        toks.get(k)
            .filter(|t| !t.used)
            .map(|t| t.low.as_str())
            .unwrap_or("")
    };
    if t.is("half") {
        let mut j = i + 1;
        if matches!(next(j), "a" | "an") {
            j += 1;
        }
        return words::duration_unit(next(j))
            .map(|u| (u / 2, j + 1))
            .filter(|(s, _)| *s > 0);
    }
    let n = match t.low.as_str() {
        "a" | "an" => 1.0,
        w => words::number(w)?,
    };
    let unit = words::duration_unit(next(i + 1))?;
    let secs = n * unit as f64;
    (secs >= 1.0 && secs.fract() == 0.0 && secs <= 366.0 * 86_400.0).then_some((secs as u64, i + 2))
}

/// Every duration of the sentence, as (start, end, seconds).
pub fn durations(toks: &[Tok]) -> impl Iterator<Item = (usize, usize, u64)> + '_ {
    (0..toks.len()).filter_map(|i| duration_at(toks, i).map(|(s, end)| (i, end, s)))
}

fn mark(toks: &mut [Tok], from: usize, to: usize) {
    let to = to.min(toks.len());
    for t in &mut toks[from..to] {
        t.used = true;
    }
}

pub fn read(toks: &mut [Tok]) -> TimerPlan {
    let mut plan = TimerPlan {
        phases: Vec::new(),
        rounds: None,
        long_break: None,
        goal: None,
        name_hint: None,
    };
    let has = |w: &str| toks.iter().any(|t| t.is(w));
    let pomodoro = has("pomodoro") || has("pomodoros");
    let tabata = has("tabata");
    for t in toks.iter_mut() {
        if matches!(
            t.low.as_str(),
            "timer" | "countdown" | "interval" | "intervals" | "pomodoro" | "tabata" | "hiit" | "count-down"
        ) {
            t.used = true;
        }
    }
    // "8 pomodoros a day": a goal of finished first phases.
    for i in 0..toks.len() {
        if let Some(n) = words::number(&toks[i].low)
            && toks.get(i + 1).is_some_and(|t| {
                matches!(
                    t.low.as_str(),
                    "pomodoros" | "sessions" | "session" | "pomodoro" | "runs" | "cycles"
                )
            })
            && let Some((p, end)) = super::tracker::period_at(toks, i + 2)
            && n > 0.0
        {
            plan.goal = Some((p, n));
            mark(toks, i, end);
        }
    }
    // Rounds: "8 rounds", "repeat 6 times", "x8", "4 cycles".
    for i in 0..toks.len() {
        if toks[i].used {
            continue;
        }
        let n = if let Some(n) = words::number(&toks[i].low)
            && toks.get(i + 1).is_some_and(|t| {
                matches!(
                    t.low.as_str(),
                    "rounds" | "round" | "cycles" | "cycle" | "sets" | "times" | "x" | "reps"
                )
            }) {
            mark(toks, i, i + 2);
            Some(n)
        } else if let Some(n) = toks[i]
            .low
            .strip_prefix('x')
            .and_then(words::number)
            .or_else(|| toks[i].low.strip_suffix('x').and_then(words::number))
        {
            mark(toks, i, i + 1);
            Some(n)
        } else {
            None
        };
        if let Some(n) = n {
            if i > 0 && matches!(toks[i - 1].low.as_str(), "repeat" | "repeated" | "do") {
                toks[i - 1].used = true;
            }
            if n.fract() == 0.0 && (1.0..=100.0).contains(&n) {
                plan.rounds = Some(n as u32);
            }
            break;
        }
    }
    // Phases, one per stretch of the sentence between commas, "then", "and".
    let mut segments: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    for i in 0..=toks.len() {
        let cut = i == toks.len()
            || (toks[i].punct && !toks[i].is("(") && !toks[i].is(")"))
            || matches!(
                toks[i].low.as_str(),
                "then" | "and" | "followed" | "plus" | "with"
            );
        if cut {
            if i > start {
                segments.push((start, i));
            }
            start = i + 1;
        }
    }
    for (s, e) in segments {
        let Some((d0, d1, secs)) = durations(&toks[..e]).find(|(a, _, _)| *a >= s) else {
            continue;
        };
        let words_of: Vec<usize> = (s..e)
            .filter(|&k| {
                !(d0..d1).contains(&k) && !toks[k].used && !toks[k].punct && !words::filler(&toks[k].low)
            })
            .filter(|&k| !words::kind_word(&toks[k].low) && words::number(&toks[k].low).is_none())
            .filter(|&k| {
                !matches!(
                    toks[k].low.as_str(),
                    "by" | "long" | "short" | "phase" | "phases" | "long-break"
                )
            })
            .collect();
        let long = (s..e).any(|k| toks[k].is("long") || toks[k].is("long-break"))
            && (s..e).any(|k| matches!(toks[k].low.as_str(), "break" | "rest" | "pause" | "long-break"));
        mark(toks, s, e);
        if long {
            plan.long_break = Some(secs);
            continue;
        }
        let name: Vec<String> = words_of.iter().map(|&k| toks[k].orig.clone()).collect();
        let name = (!name.is_empty()).then(|| words::capitalise(&name.join(" ")));
        if plan.phases.len() < 20 {
            plan.phases.push((name, secs));
        }
    }
    // "pomodoro 50/10": minutes of focus and of break.
    if pomodoro && plan.phases.is_empty() {
        let pair = toks.iter_mut().find_map(|t| {
            let (a, b) = t.low.split_once('/')?;
            let (a, b) = (a.parse::<u64>().ok()?, b.parse::<u64>().ok()?);
            (a > 0 && b > 0 && a <= 600 && b <= 600).then(|| {
                t.used = true;
                (a, b)
            })
        });
        if let Some((focus, rest)) = pair {
            plan.phases = vec![
                (Some("Focus".into()), focus * 60),
                (Some("Break".into()), rest * 60),
            ];
        }
    }
    if pomodoro && plan.phases.is_empty() {
        plan.phases = vec![(Some("Focus".into()), 25 * 60), (Some("Break".into()), 5 * 60)];
        plan.rounds = plan.rounds.or(Some(4));
        plan.long_break = plan.long_break.or(Some(15 * 60));
    } else if tabata && plan.phases.is_empty() {
        plan.phases = vec![(Some("Work".into()), 20), (Some("Rest".into()), 10)];
        plan.rounds = plan.rounds.or(Some(8));
    }
    let defaults: &[&str] = if pomodoro {
        &["Focus", "Break"]
    } else {
        &["Work", "Rest"]
    };
    if plan.phases.len() == 2 {
        for (k, phase) in plan.phases.iter_mut().enumerate() {
            if phase.0.is_none() {
                phase.0 = Some(defaults[k].to_string());
            }
        }
    }
    if plan.phases.is_empty() {
        plan.rounds = None;
    }
    if plan.phases.len() < 2 {
        plan.long_break = None;
    }
    if plan.phases.len() == 1 && plan.phases[0].0.is_none() {
        // "plank timer: 1 minute": what is timed is named elsewhere.
        let what = toks.iter_mut().find(|t| {
            !t.used
                && !t.punct
                && !words::filler(&t.low)
                && !words::kind_word(&t.low)
                && words::number(&t.low).is_none()
        });
        if let Some(t) = what {
            t.used = true;
            plan.phases[0].0 = Some(words::capitalise(&t.orig));
        }
    }
    plan.name_hint = if pomodoro {
        Some("Pomodoro".into())
    } else if tabata {
        Some("Tabata".into())
    } else if plan.phases.len() == 1 {
        plan.phases[0].0.clone()
    } else {
        None
    };
    if plan.phases.len() == 1 && plan.phases[0].0.is_none() {
        plan.phases[0].0 = Some("Countdown".into());
    }
    plan
}
