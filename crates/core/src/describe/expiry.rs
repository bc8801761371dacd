//! The last day of a temporary app: "until March", "for the trip in May",
//! "until 2027-03-31", "for two weeks". A month alone means its last day.

use chrono::{Datelike, Days, Months, NaiveDate};

use super::words::{self, Tok};

/// Finds an end date, marks its words used and returns it.
pub fn take(toks: &mut [Tok], today: NaiveDate) -> Option<NaiveDate> {
    for i in 0..toks.len() {
        if toks[i].used || toks[i].punct {
            continue;
        }
        let low = toks[i].low.clone();
        let cue = matches!(
            low.as_str(),
            "until"
                | "till"
                | "til"
                | "through"
                | "thru"
                | "before"
                | "ending"
                | "ends"
                | "expires"
                | "expire"
        );
        if cue {
            let mut j = i + 1;
            while toks
                .get(j)
                .is_some_and(|t| t.is("on") || t.is("after") || t.is("at"))
            {
                j += 1;
            }
            if let Some((date, end)) = date_at(toks, j, today) {
                mark(toks, i, end);
                return Some(date);
            }
        }
        // "for two weeks", "for a month"
        if low == "for"
            && let Some((date, end)) = span_at(toks, i + 1, today)
        {
            mark(toks, i, end);
            return Some(date);
        }
        // "for the trip in May": the occasion and its month.
        if low == "for" || low == "during" {
            let mut j = i + 1;
            while j < toks.len() && j - i <= 5 && !toks[j].punct && !toks[j].is("in") {
                j += 1;
            }
            if toks.get(j).is_some_and(|t| t.is("in"))
                && j > i + 1
                && let Some((date, end)) = month_at(toks, j + 1, today)
            {
                mark(toks, i, end);
                return Some(date);
            }
        }
        // "for the BBQ on Saturday"
        if low == "for" {
            let mut j = i + 1;
            while j < toks.len() && j - i <= 5 && !toks[j].punct && !toks[j].is("on") {
                j += 1;
            }
            if toks.get(j).is_some_and(|t| t.is("on"))
                && j > i + 1
                && let Some((date, end)) = date_at(toks, j + 1, today)
            {
                mark(toks, i, end);
                return Some(date);
            }
        }
        // "on Saturday" is a day; "on monday, wednesday and friday" a schedule.
        let schedule = toks[i + 1..]
            .iter()
            .filter(|t| words::weekday(&t.low).is_some())
            .count()
            > 1;
        if low == "on"
            && !schedule
            && !toks.get(i + 1).is_some_and(|t| t.is("weekdays"))
            && let Some((date, end)) = date_at(toks, i + 1, today)
        {
            mark(toks, i, end);
            return Some(date);
        }
        if low == "in"
            && let Some((date, end)) = month_at(toks, i + 1, today)
        {
            mark(toks, i, end);
            return Some(date);
        }
    }
    None
}

fn mark(toks: &mut [Tok], from: usize, to: usize) {
    for t in &mut toks[from..to] {
        t.used = true;
    }
}

fn low(toks: &[Tok], i: usize) -> &str {
    toks.get(i).map(|t| t.low.as_str()).unwrap_or("")
}

/// A date starting at `i`, and the index after it.
fn date_at(toks: &[Tok], i: usize, today: NaiveDate) -> Option<(NaiveDate, usize)> {
    let mut i = i;
    if low(toks, i) == "the" {
        i += 1;
    }
    let w = low(toks, i);
    if let Ok(d) = NaiveDate::parse_from_str(w, "%Y-%m-%d") {
        return Some((d, i + 1));
    }
    if w == "end" && low(toks, i + 1) == "of" {
        let mut j = i + 2;
        if matches!(low(toks, j), "the" | "this") {
            j += 1;
        }
        return match low(toks, j) {
            "month" => Some((last_of_month(today.year(), today.month())?, j + 1)),
            "year" => Some((NaiveDate::from_ymd_opt(today.year(), 12, 31)?, j + 1)),
            "week" => Some((next_weekday(today, 6, true), j + 1)),
            _ => month_at(toks, j, today),
        };
    }
    match w {
        "tomorrow" => return Some((today.checked_add_days(Days::new(1))?, i + 1)),
        "christmas" | "xmas" => return Some((next_date(today, 12, 25)?, i + 1)),
        "new" if low(toks, i + 1).starts_with("year") => {
            return Some((NaiveDate::from_ymd_opt(today.year(), 12, 31)?, i + 2));
        }
        "weekend" => return Some((next_weekday(today, 6, true), i + 1)),
        "next" => {
            return match low(toks, i + 1) {
                "week" => Some((
                    next_weekday(today, 6, false).checked_add_days(Days::new(7))?,
                    i + 2,
                )),
                "month" => {
                    let d = today.checked_add_months(Months::new(1))?;
                    Some((last_of_month(d.year(), d.month())?, i + 2))
                }
                "year" => Some((NaiveDate::from_ymd_opt(today.year() + 1, 12, 31)?, i + 2)),
                other => words::weekday(other).map(|d| (next_weekday(today, d, false), i + 2)),
            };
        }
        _ => {}
    }
    if let Some(d) = words::weekday(w) {
        return Some((next_weekday(today, d, true), i + 1));
    }
    // "15 march", "15th of march"
    if let Some(day) = day_number(w) {
        let mut j = i + 1;
        if low(toks, j) == "of" {
            j += 1;
        }
        if let Some(m) = words::month(low(toks, j)) {
            let (year, end) = year_at(toks, j + 1);
            let date = match year {
                Some(y) => NaiveDate::from_ymd_opt(y, m, day)?,
                None => next_date(today, m, day)?,
            };
            return Some((date, end));
        }
    }
    month_at(toks, i, today)
}

/// "March", "March 15", "March 2027": a month means its last day.
fn month_at(toks: &[Tok], i: usize, today: NaiveDate) -> Option<(NaiveDate, usize)> {
    let m = words::month(low(toks, i))?;
    if let Some(day) = day_number(low(toks, i + 1)) {
        let (year, end) = year_at(toks, i + 2);
        let date = match year {
            Some(y) => NaiveDate::from_ymd_opt(y, m, day)?,
            None => next_date(today, m, day)?,
        };
        return Some((date, end));
    }
    let (year, end) = year_at(toks, i + 1);
    let year = year.unwrap_or(if m >= today.month() {
        today.year()
    } else {
        today.year() + 1
    });
    Some((last_of_month(year, m)?, end))
}

/// "two weeks", "3 days", "a month": from today on, today counted.
fn span_at(toks: &[Tok], i: usize, today: NaiveDate) -> Option<(NaiveDate, usize)> {
    let n = match low(toks, i) {
        "a" | "an" | "one" => 1,
        w => {
            let n = words::number(w)?;
            if n.fract() != 0.0 || !(1.0..=366.0).contains(&n) {
                return None;
            }
            n as u32
        }
    };
    let unit = low(toks, i + 1).trim_end_matches('s');
    let end = match unit {
        "day" => today.checked_add_days(Days::new(u64::from(n) - 1))?,
        "week" => today.checked_add_days(Days::new(u64::from(n) * 7 - 1))?,
        "month" => today
            .checked_add_months(Months::new(n))?
            .checked_sub_days(Days::new(1))?,
        _ => return None,
    };
    Some((end, i + 2))
}

fn year_at(toks: &[Tok], i: usize) -> (Option<i32>, usize) {
    match low(toks, i).parse::<i32>() {
        Ok(y) if (2000..=2200).contains(&y) => (Some(y), i + 1),
        _ => (None, i),
    }
}

/// "15", "15th", "1st".
fn day_number(w: &str) -> Option<u32> {
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &w[digits.len()..];
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    let d: u32 = digits.parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

fn last_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, 1)?
        .checked_add_months(Months::new(1))?
        .checked_sub_days(Days::new(1))
}

/// The next such day on or after today.
fn next_date(today: NaiveDate, month: u32, day: u32) -> Option<NaiveDate> {
    let this = NaiveDate::from_ymd_opt(today.year(), month, day)?;
    if this >= today {
        Some(this)
    } else {
        NaiveDate::from_ymd_opt(today.year() + 1, month, day)
    }
}

/// The next `weekday` (Monday 0); today itself when `today_counts`.
fn next_weekday(today: NaiveDate, weekday: u32, today_counts: bool) -> NaiveDate {
    let now = today.weekday().num_days_from_monday();
    let mut ahead = (weekday + 7 - now) % 7;
    if ahead == 0 && !today_counts {
        ahead = 7;
    }
    today + Days::new(u64::from(ahead))
}
