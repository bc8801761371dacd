//! Durations as people write them: "25m", "1h30m", "90s", "1h 5m".

/// Parses a duration into seconds. Refuses zero, unknown units and bare numbers.
pub fn parse(text: &str) -> Result<u64, String> {
    let example = "write it like \"25m\", \"1h30m\" or \"90s\"";
    let shown = crate::spec::syntax::quote(text);
    let t = text.trim();
    if t.is_empty() {
        return Err(format!("a duration can't be empty; {example}"));
    }
    let too_long = || format!("{shown} is longer than a year");
    let mut total: u64 = 0;
    let mut digits = String::new();
    let mut saw_unit = false;
    for c in t.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else if c == ' ' {
            continue;
        } else {
            let mult = match c {
                'h' => 3600,
                'm' => 60,
                's' => 1,
                'd' => 86_400,
                _ => return Err(format!("{shown} is not a duration; {example}")),
            };
            if digits.is_empty() {
                return Err(format!("{shown} is not a duration; {example}"));
            }
            let n: u64 = digits.parse().map_err(|_| too_long())?;
            total = n
                .checked_mul(mult)
                .and_then(|x| total.checked_add(x))
                .ok_or_else(too_long)?;
            digits.clear();
            saw_unit = true;
        }
    }
    if !digits.is_empty() || !saw_unit {
        return Err(format!(
            "{shown} needs a unit (h, m or s), e.g. {}",
            crate::spec::syntax::quote(&format!("{t}m"))
        ));
    }
    if total == 0 {
        return Err(format!("{shown} is zero; a duration must be longer than that"));
    }
    if total > 366 * 86_400 {
        return Err(too_long());
    }
    Ok(total)
}

/// Formats seconds the way [`parse`] reads them: 1500 -> "25m", 5400 -> "1h30m".
pub fn format(secs: u64) -> String {
    let (h, m, s) = (secs / 3600, secs % 3600 / 60, secs % 60);
    let mut out = String::new();
    if h > 0 {
        out.push_str(&format!("{h}h"));
    }
    if m > 0 {
        out.push_str(&format!("{m}m"));
    }
    if s > 0 || out.is_empty() {
        out.push_str(&format!("{s}s"));
    }
    out
}

/// A clock reading: 83 -> "01:23", 3723 -> "1:02:03".
pub fn clock(secs: u64) -> String {
    let (h, m, s) = (secs / 3600, secs % 3600 / 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m:02}:{s:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_writes_durations() {
        assert_eq!(parse("25m"), Ok(1500));
        assert_eq!(parse("1h30m"), Ok(5400));
        assert_eq!(parse("1h 5m 3s"), Ok(3903));
        assert_eq!(parse("90s"), Ok(90));
        assert!(parse("25").unwrap_err().contains("needs a unit"));
        assert!(parse("5x").unwrap_err().contains("not a duration"));
        assert!(parse("0m").unwrap_err().contains("zero"));
        assert!(
            parse("99999999999999999999h")
                .unwrap_err()
                .contains("longer than a year")
        );
        assert_eq!(
            parse("25").unwrap_err(),
            "\"25\" needs a unit (h, m or s), e.g. \"25m\""
        );
        assert!(parse("m").unwrap_err().contains("not a duration"));
        assert!(parse("").unwrap_err().contains("empty"));
        assert_eq!(format(5400), "1h30m");
        assert_eq!(format(90), "1m30s");
        assert_eq!(clock(83), "01:23");
        assert_eq!(clock(3723), "1:02:03");
    }
}
