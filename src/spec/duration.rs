//! Durations as people write them: "25m", "1h30m", "90s", "1h 5m".

/// Parses a duration into seconds. Refuses zero, unknown units and bare numbers.
pub fn parse(text: &str) -> Result<u64, String> {
    let example = "write it like \"25m\", \"1h30m\" or \"90s\"";
    let t = text.trim();
    if t.is_empty() {
        return Err(format!("a duration is empty; {example}"));
    }
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
                _ => return Err(format!("{text:?} is not a duration; {example}")),
            };
            let n: u64 = digits
                .parse()
                .map_err(|_| format!("{text:?} is not a duration; {example}"))?;
            total = total
                .checked_add(n.checked_mul(mult).ok_or("duration is too long")?)
                .ok_or("duration is too long")?;
            digits.clear();
            saw_unit = true;
        }
    }
    if !digits.is_empty() || !saw_unit {
        return Err(format!("{text:?} needs a unit (h, m or s); {example}"));
    }
    if total == 0 {
        return Err(format!("{text:?} is zero; a duration must be longer than that"));
    }
    if total > 366 * 86_400 {
        return Err(format!("{text:?} is longer than a year"));
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
        assert!(parse("99999999999999999999h").is_err());
        assert_eq!(format(5400), "1h30m");
        assert_eq!(format(90), "1m30s");
        assert_eq!(clock(83), "01:23");
        assert_eq!(clock(3723), "1:02:03");
    }
}
