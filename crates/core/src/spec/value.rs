//! The value of one field of one list item.

use serde::{Deserialize, Serialize};

/// Self-describing, so stored items read back whatever the spec says today:
/// a removed or retyped field keeps its data.
#[derive(Clone, Debug, PartialEq)]
pub enum FieldValue {
    Bool(bool),
    Number(f64),
    Text(String),
    List(Vec<String>),
}

/// A whole number is written as an integer (`412`, not `412.0`, in exports
/// and `--json`); JSON has one kind of number, so it reads back the same.
impl Serialize for FieldValue {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            FieldValue::Bool(b) => s.serialize_bool(*b),
            // Below 2^53 every whole double is exactly an i64.
            FieldValue::Number(n) if n.fract() == 0.0 && n.abs() < 9_007_199_254_740_992.0 => {
                s.serialize_i64(*n as i64)
            }
            FieldValue::Number(n) => s.serialize_f64(*n),
            FieldValue::Text(t) => s.serialize_str(t),
            FieldValue::List(v) => v.serialize(s),
        }
    }
}

// Hand-written: serde's untagged derive buffers every value first, which made
// decoding an item 3.5x slower.
impl<'de> Deserialize<'de> for FieldValue {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = FieldValue;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a bool, number, text or list of text")
            }
            fn visit_bool<E>(self, v: bool) -> Result<FieldValue, E> {
                Ok(FieldValue::Bool(v))
            }
            fn visit_f64<E>(self, v: f64) -> Result<FieldValue, E> {
                Ok(FieldValue::Number(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<FieldValue, E> {
                Ok(FieldValue::Number(v as f64))
            }
            fn visit_u64<E>(self, v: u64) -> Result<FieldValue, E> {
                Ok(FieldValue::Number(v as f64))
            }
            fn visit_str<E>(self, v: &str) -> Result<FieldValue, E> {
                Ok(FieldValue::Text(v.to_string()))
            }
            fn visit_string<E>(self, v: String) -> Result<FieldValue, E> {
                Ok(FieldValue::Text(v))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut a: A) -> Result<FieldValue, A::Error> {
                let mut out = Vec::new();
                while let Some(s) = a.next_element::<String>()? {
                    out.push(s);
                }
                Ok(FieldValue::List(out))
            }
        }
        d.deserialize_any(V)
    }
}

impl FieldValue {
    pub fn as_number(&self) -> Option<f64> {
        match self {
            FieldValue::Number(n) => Some(*n),
            _ => None,
        }
    }

    /// The value as one line of text, for tables and CSV.
    pub fn display(&self) -> String {
        match self {
            FieldValue::Bool(b) => if *b { "yes" } else { "no" }.to_string(),
            FieldValue::Number(n) => exact_number(*n),
            FieldValue::Text(s) => s.clone(),
            FieldValue::List(v) => v.join(", "),
        }
    }
}

/// A stored value as it is stored, digit for digit (the shortest text that
/// reads back as the same number, as in `nook export`): a table never shows
/// 1.23456 as 1.2346. 3.0 -> "3"; 1e20 -> "1e20".
pub fn exact_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else if n.abs() >= 1e15 {
        format!("{n:e}")
    } else {
        format!("{n}")
    }
}

/// The digits after the decimal point of `n` as [`exact_number`] writes it.
pub fn decimals_of(n: f64) -> usize {
    let s = exact_number(n);
    match s.split_once('.') {
        Some((_, frac)) if !s.contains('e') => frac.len(),
        _ => 0,
    }
}

/// Which mark separates decimals in what a user types: a `.` (then `,`
/// groups thousands) or a `,` (then `.` does), from a list's `decimal:` key.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum DecimalMark {
    #[default]
    Point,
    Comma,
}

impl DecimalMark {
    fn chars(self) -> (char, char) {
        match self {
            DecimalMark::Point => ('.', ','),
            DecimalMark::Comma => (',', '.'),
        }
    }

    /// A stored number as [`exact_number`] writes it, with this mark: text
    /// that [`parse_number`] reads back as the same number.
    pub fn write(self, n: f64) -> String {
        let s = exact_number(n);
        match self {
            DecimalMark::Point => s,
            DecimalMark::Comma => s.replace('.', ","),
        }
    }
}

/// Reads a number as a user typed it: an optional currency sign ($ € £),
/// digits, an optional decimal mark, thousands separators only between
/// groups of three digits (`1,234.50`), `_` anywhere between digits. Every
/// number that enters nook from a person comes through here, so none is
/// read differently from how it was written, and none is infinite or NaN.
pub fn parse_number(raw: &str, mark: DecimalMark) -> Result<f64, String> {
    let raw = raw.trim();
    let (point, group) = mark.chars();
    let body = raw.trim_start_matches(['$', '€', '£']).replace('_', "");
    let (sign, digits) = match body.strip_prefix(['-', '+']) {
        Some(rest) => (&body[..1], rest),
        None => ("", body.as_str()),
    };
    let (int, frac) = match digits.split_once(point) {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let grouped_ok = !int.contains(group) || {
        let mut parts = int.split(group);
        let first = parts.next().unwrap_or_default();
        (1..=3).contains(&first.len())
            && first.chars().all(|c| c.is_ascii_digit())
            && parts.all(|p| p.len() == 3 && p.chars().all(|c| c.is_ascii_digit()))
    };
    let frac_ok = frac.is_none_or(|f| !f.contains(group) && !f.contains(point));
    let plain = match frac {
        Some(f) => format!("{sign}{}.{f}", int.replace(group, "")),
        None => format!("{sign}{}", int.replace(group, "")),
    };
    let parsed = (grouped_ok && frac_ok)
        .then(|| plain.parse::<f64>().ok())
        .flatten()
        // `inf` and `nan` are words, not numbers a person writes.
        .filter(|_| plain.chars().any(|c| c.is_ascii_digit()));
    match parsed {
        Some(n) if n.is_finite() => {
            kept_as_typed(raw, &plain, n, mark)?;
            // -0 is the zero it is, stored and shown as 0.
            Ok(if n == 0.0 { 0.0 } else { n })
        }
        Some(_) => Err(format!(
            "is too large: {raw:?} is beyond the largest number nook stores (about 1.8e308)"
        )),
        None => {
            let how = match mark {
                DecimalMark::Point => "a comma only separates thousands, as in 1,234.50",
                DecimalMark::Comma => {
                    "this list writes 1.234,50: a comma for decimals, a point between thousands"
                }
            };
            // The same text with the marks read the other way, when that is a number.
            let swapped: String = body
                .chars()
                .filter(|c| *c != point)
                .map(|c| if c == group { point } else { c })
                .collect();
            let swapped_ok = swapped.matches(point).count() == 1
                && swapped
                    .replace(point, ".")
                    .parse::<f64>()
                    .is_ok_and(f64::is_finite);
            Err(if swapped_ok {
                format!("expects a number, got {raw:?}; did you mean {swapped}? ({how})")
            } else if body.contains([point, group]) {
                format!("expects a number, got {raw:?}; {how}")
            } else {
                format!("expects a number, got {raw:?}")
            })
        }
    }
}

/// The significant digits of a decimal number written `[-]int[.frac][e±exp]`
/// and the power of ten of the last one: `0012.50` and `1.25e1` are both
/// ("125", -1). Zero has no digits.
fn significant(text: &str) -> (String, i64) {
    let text = text.trim_start_matches(['-', '+']);
    let (mantissa, exp) = match text.split_once(['e', 'E']) {
        Some((m, e)) => (m, e.parse::<i64>().unwrap_or(0)),
        None => (text, 0),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all = format!("{int}{frac}");
    let mut exp = exp - frac.len() as i64;
    let digits = all.trim_start_matches('0');
    let kept = digits.trim_end_matches('0');
    exp += (digits.len() - kept.len()) as i64;
    (kept.to_string(), if kept.is_empty() { 0 } else { exp })
}

/// A number a double holds is written back with the shortest digits that
/// read as it (Rust's `{:e}`); when those are not the digits typed, the
/// value would be stored as another number than the one written, so it is
/// refused with the number nook would keep.
fn kept_as_typed(raw: &str, typed: &str, n: f64, mark: DecimalMark) -> Result<(), String> {
    if significant(typed) == significant(&format!("{n:e}")) {
        return Ok(());
    }
    let nearest = if n != 0.0 && (n.abs() >= 1e21 || n.abs() < 1e-6) {
        format!("{n:e}")
    } else {
        format!("{}", if n == 0.0 { 0.0 } else { n })
    };
    let nearest = match mark {
        DecimalMark::Point => nearest,
        DecimalMark::Comma => nearest.replace('.', ","),
    };
    Err(format!(
        "has more significant digits than nook keeps (15 always, 16 or 17 for some numbers): \
         {raw:?} would be stored as {nearest}; write {nearest}, or fewer digits"
    ))
}

/// 3.0 -> "3", 2.5 -> "2.5": derived figures (totals, averages) without
/// float noise, to four decimals. Stored values are shown by [`exact_number`].
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else if n.abs() >= 1e15 {
        // As exact_number writes it: a 300-digit figure fits no screen.
        format!("{n:e}")
    } else {
        let s = format!("{n:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}
