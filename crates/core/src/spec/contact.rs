//! The text field types with a shape of their own: Email, Phone and Time
//! (of day). Each is checked when typed, imported or given as a default;
//! a Time is stored normalised ("08:30") so text order is time order.

use crate::spec::FieldType;

/// `s` as the field stores it, or what is wrong with it.
pub fn check(ty: &FieldType, s: &str) -> Result<String, String> {
    let s = s.trim();
    match ty {
        FieldType::Email => email(s),
        FieldType::Phone => phone(s),
        FieldType::Time => time(s),
        _ => Ok(s.to_string()),
    }
}

fn email(s: &str) -> Result<String, String> {
    let ok = match s.split_once('@') {
        Some((user, host)) => {
            !user.is_empty()
                && !host.contains('@')
                && host
                    .split_once('.')
                    .is_some_and(|(a, b)| !a.is_empty() && !b.is_empty())
                && !host.ends_with('.')
                && !s.chars().any(char::is_whitespace)
        }
        None => false,
    };
    if ok {
        Ok(s.to_string())
    } else {
        Err(format!(
            "expects an email address such as ana@example.com, got {s:?}"
        ))
    }
}

fn phone(s: &str) -> Result<String, String> {
    let allowed = s
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '+' | '(' | ')' | '-' | '.' | ' '));
    let digits = s.chars().filter(char::is_ascii_digit).count();
    if allowed && digits >= 5 {
        Ok(s.to_string())
    } else {
        Err(format!(
            "expects a phone number: at least 5 digits, with + ( ) - . or spaces, got {s:?}"
        ))
    }
}

/// "08:30", "8:30", "8am", "8:30pm", "12am" (midnight) to "HH:MM".
pub fn time(s: &str) -> Result<String, String> {
    let bad = || format!("expects a time of day such as 08:30, 8:30pm or 8am, got {s:?}");
    let lower = s.to_ascii_lowercase();
    let (clock, half) = if let Some(c) = lower.strip_suffix("am") {
        (c.trim_end(), Some(false))
    } else if let Some(c) = lower.strip_suffix("pm") {
        (c.trim_end(), Some(true))
    } else {
        (lower.as_str(), None)
    };
    let (h, m) = match clock.split_once(':') {
        Some((h, m)) if m.len() == 2 => (h, m),
        Some(_) => return Err(bad()),
        None if half.is_some() => (clock, "00"),
        None => return Err(bad()),
    };
    let digits = |t: &str| !t.is_empty() && t.len() <= 2 && t.chars().all(|c| c.is_ascii_digit());
    if !digits(h) || !digits(m) {
        return Err(bad());
    }
    let (mut h, m): (u32, u32) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    match half {
        Some(pm) => {
            if !(1..=12).contains(&h) {
                return Err(bad());
            }
            h = match (h, pm) {
                (12, false) => 0,
                (12, true) => 12,
                (h, true) => h + 12,
                (h, false) => h,
            };
        }
        None if h > 23 => return Err(bad()),
        None => {}
    }
    if m > 59 {
        return Err(bad());
    }
    Ok(format!("{h:02}:{m:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_time_is_stored_as_24_hour_text() {
        for (typed, stored) in [
            ("08:30", "08:30"),
            ("8:30", "08:30"),
            ("8am", "08:00"),
            ("8:30pm", "20:30"),
            ("12am", "00:00"),
            ("12pm", "12:00"),
            ("23:59", "23:59"),
            ("7 PM", "19:00"),
        ] {
            assert_eq!(time(typed).as_deref(), Ok(stored), "{typed}");
        }
        for bad in ["24:00", "8:5", "13pm", "noon", "8:60", "", "0am"] {
            assert!(time(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn emails_and_phones_are_checked() {
        assert!(email("ana@example.com").is_ok());
        for bad in [
            "ana",
            "ana@example",
            "a b@example.com",
            "a@b@c.com",
            "@example.com",
            "ana@.com",
        ] {
            assert!(email(bad).is_err(), "{bad}");
        }
        assert!(phone("+1 (555) 123-4567").is_ok());
        assert!(phone("555.12").is_ok());
        for bad in ["1234", "call me", "555-CALL-NOW"] {
            assert!(phone(bad).is_err(), "{bad}");
        }
    }
}
