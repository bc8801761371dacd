//! Turning what a user typed into field values, checked against the spec.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};

use super::value::{DecimalMark, FieldValue, decimals_of, exact_number, parse_number};
use crate::spec::{Field, FieldDefault, FieldType, ListSpec, contact, duration};

/// Money is kept to the cent: a third decimal is a typing mistake, not a value.
pub const MONEY_DECIMALS: u8 = 2;

/// Parses one typed value for a field of type `ty`. `today` resolves "today";
/// `mark` is the list's decimal mark.
pub fn parse_value(
    ty: &FieldType,
    raw: &str,
    today: Option<NaiveDate>,
    mark: DecimalMark,
) -> Result<FieldValue, String> {
    let raw = raw.trim();
    let v = match ty {
        FieldType::Text => FieldValue::Text(raw.to_string()),
        FieldType::Url | FieldType::Email | FieldType::Phone | FieldType::Time => {
            FieldValue::Text(raw.to_string())
        }
        // "15%" and "15" are both fifteen percent.
        FieldType::Percent => FieldValue::Number(parse_number(
            raw.strip_suffix('%').map_or(raw, str::trim_end),
            mark,
        )?),
        FieldType::Formula { .. } => {
            return Err("is a formula, computed from the other fields; it is never typed in".into());
        }
        FieldType::Rollup(_) => {
            return Err("is a rollup, computed from the items that link here; it is never typed in".into());
        }
        // What names the linked items (an id prefix or a title), resolved
        // against the other app by the use case that stores it.
        FieldType::Link { many: false, .. } => FieldValue::Text(raw.to_string()),
        FieldType::Link { many: true, .. } => FieldValue::List(
            raw.split(',')
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty())
                .collect(),
        ),
        FieldType::Number { .. } | FieldType::Money { .. } | FieldType::Rating { .. } => {
            FieldValue::Number(parse_number(raw, mark)?)
        }
        FieldType::Bool => match raw.to_lowercase().as_str() {
            "true" | "yes" | "y" | "1" | "x" => FieldValue::Bool(true),
            "false" | "no" | "n" | "0" | "" => FieldValue::Bool(false),
            _ => return Err(format!("expects yes or no, got {raw:?}")),
        },
        FieldType::Choice { .. } => FieldValue::Text(raw.to_string()),
        FieldType::Tags { .. } => FieldValue::List(
            raw.split(',')
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty())
                .collect(),
        ),
        FieldType::Date => {
            let d = match (raw.to_lowercase().as_str(), today) {
                ("today", Some(t)) => t,
                ("yesterday", Some(t)) => t.pred_opt().unwrap_or(t),
                ("tomorrow", Some(t)) => t.succ_opt().unwrap_or(t),
                _ => NaiveDate::parse_from_str(raw, "%Y-%m-%d")
                    .map_err(|_| format!("expects a date written YYYY-MM-DD, got {raw:?}"))?,
            };
            FieldValue::Text(d.format("%Y-%m-%d").to_string())
        }
        FieldType::DateTime => {
            let dt = [
                "%Y-%m-%d %H:%M",
                "%Y-%m-%dT%H:%M",
                "%Y-%m-%d %H:%M:%S",
                "%Y-%m-%dT%H:%M:%S",
            ]
            .iter()
            .find_map(|f| NaiveDateTime::parse_from_str(raw, f).ok())
            .ok_or_else(|| format!("expects a date and time written YYYY-MM-DD HH:MM, got {raw:?}"))?;
            FieldValue::Text(dt.format("%Y-%m-%d %H:%M").to_string())
        }
        FieldType::Duration => FieldValue::Number(duration::parse(raw)? as f64),
    };
    check_marked(ty, v, mark)
}

/// Checks a value against the field's constraints (range, options, rating).
pub fn check_value(ty: &FieldType, v: FieldValue) -> Result<FieldValue, String> {
    check_marked(ty, v, DecimalMark::Point)
}

/// [`check_value`], with numbers in messages written with the list's decimal mark.
fn check_marked(ty: &FieldType, v: FieldValue, mark: DecimalMark) -> Result<FieldValue, String> {
    if let FieldValue::Number(n) = &v
        && !n.is_finite()
    {
        return Err("expects a finite number".into());
    }
    let allowed = match ty {
        FieldType::Number { decimals, .. } => *decimals,
        FieldType::Money { .. } => Some(MONEY_DECIMALS),
        _ => None,
    };
    if let (Some(d), FieldValue::Number(n)) = (allowed, &v)
        && decimals_of(*n) > usize::from(d)
    {
        let scale = 10f64.powi(i32::from(d));
        let (down, up) = ((n * scale).floor() / scale, (n * scale).ceil() / scale);
        let fixed = |x: f64| {
            let s = format!("{x:.*}", usize::from(d));
            match mark {
                DecimalMark::Point => s,
                DecimalMark::Comma => s.replace('.', ","),
            }
        };
        let got = mark.write(*n);
        return Err(match d {
            0 => format!(
                "expects a whole number (0 decimals), got {got}; write {} or {}",
                fixed(down),
                fixed(up)
            ),
            1 => format!(
                "allows 1 decimal, got {got}; write {} or {}",
                fixed(down),
                fixed(up)
            ),
            _ => format!(
                "allows {d} decimals, got {got}; write {} or {}",
                fixed(down),
                fixed(up)
            ),
        });
    }
    match (ty, &v) {
        (FieldType::Number { min, max, .. }, FieldValue::Number(n)) => {
            if let Some(lo) = min
                && n < lo
            {
                return Err(format!(
                    "must be at least {}, got {}",
                    exact_number(*lo),
                    exact_number(*n)
                ));
            }
            if let Some(hi) = max
                && n > hi
            {
                return Err(format!(
                    "must be at most {}, got {}",
                    exact_number(*hi),
                    exact_number(*n)
                ));
            }
        }
        (FieldType::Rating { max }, FieldValue::Number(n))
            if n.fract() != 0.0 || *n < 0.0 || *n > f64::from(*max) =>
        {
            return Err(format!(
                "expects a whole number from 0 to {max}, got {}",
                exact_number(*n)
            ));
        }
        (FieldType::Choice { options }, FieldValue::Text(s)) => {
            if let Some(o) = options.iter().find(|o| o.eq_ignore_ascii_case(s)) {
                return Ok(FieldValue::Text(o.clone()));
            }
            let names: Vec<&str> = options.iter().map(String::as_str).collect();
            return Err(match crate::spec::suggest::closest(s, &names) {
                Some(c) => format!(
                    "expects one of {}, got {s:?}; did you mean {c:?}?",
                    quoted(options)
                ),
                None => format!("expects one of {}, got {s:?}", quoted(options)),
            });
        }
        (FieldType::Tags { options }, FieldValue::List(tags)) if !options.is_empty() => {
            // Like choices: any case is accepted and stored as the spec spells it.
            let mut out = Vec::new();
            for t in tags {
                match options.iter().find(|o| o.eq_ignore_ascii_case(t)) {
                    Some(o) => out.push(o.clone()),
                    None => return Err(format!("expects tags from {}, got {t:?}", quoted(options))),
                }
            }
            return Ok(FieldValue::List(out));
        }
        (FieldType::Email | FieldType::Phone | FieldType::Time, FieldValue::Text(s)) if !s.is_empty() => {
            return contact::check(ty, s).map(FieldValue::Text);
        }
        (FieldType::Url, FieldValue::Text(s)) if !s.is_empty() && !s.contains("://") && !s.contains('.') => {
            return Err(format!(
                "expects a web address such as https://example.com, got {s:?}"
            ));
        }
        _ => {}
    }
    Ok(v)
}

fn quoted(options: &[String]) -> String {
    options
        .iter()
        .map(|o| format!("{o:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A problem with one `field=value` argument.
#[derive(Clone, Debug, PartialEq)]
pub struct InputError {
    pub field: String,
    pub message: String,
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "field {:?} {}", self.field, self.message)
    }
}

fn default_value(field: &Field, now: NaiveDateTime) -> Option<FieldValue> {
    match field.default.as_ref()? {
        FieldDefault::Value(v) => Some(v.clone()),
        FieldDefault::Today => Some(FieldValue::Text(now.date().format("%Y-%m-%d").to_string())),
        FieldDefault::Now => Some(FieldValue::Text(now.format("%Y-%m-%d %H:%M").to_string())),
    }
}

/// Builds the values of a typed item from `field=value` pairs. A pair without
/// `=` fills the first Text field. Defaults fill what was not given; every
/// problem is returned, naming its field.
pub fn values_from_args(
    list: &ListSpec,
    args: &[String],
    now: NaiveDateTime,
) -> Result<BTreeMap<String, FieldValue>, Vec<InputError>> {
    read_args(list, args, now, true)
}

/// The values `nook edit` names, checked exactly as `nook add` checks
/// them; fields not named are not filled in (they keep what is stored).
pub fn edits_from_args(
    list: &ListSpec,
    args: &[String],
    now: NaiveDateTime,
) -> Result<BTreeMap<String, FieldValue>, Vec<InputError>> {
    read_args(list, args, now, false)
}

fn read_args(
    list: &ListSpec,
    args: &[String],
    now: NaiveDateTime,
    fill: bool,
) -> Result<BTreeMap<String, FieldValue>, Vec<InputError>> {
    let mut values = BTreeMap::new();
    let mut errors = Vec::new();
    let mut loose: Vec<&str> = Vec::new();
    let names: Vec<&str> = list.fields.keys().map(String::as_str).collect();
    for arg in args {
        let Some((k, v)) = arg.split_once('=') else {
            loose.push(arg);
            continue;
        };
        let k = k.trim();
        let Some((name, field)) = list
            .fields
            .get_key_value(k)
            .or_else(|| list.fields.iter().find(|(n, _)| n.eq_ignore_ascii_case(k)))
        else {
            let hint = match crate::spec::suggest::closest(k, &names) {
                Some(n) => format!("; did you mean {n:?}?"),
                None => format!("; fields are {}", names.join(", ")),
            };
            errors.push(InputError {
                field: k.to_string(),
                message: format!("is not a field of this list{hint}"),
            });
            continue;
        };
        match parse_value(&field.ty, v, Some(now.date()), list.decimal) {
            Ok(val) => {
                values.insert(name.clone(), val);
            }
            Err(message) => errors.push(InputError {
                field: name.clone(),
                message,
            }),
        }
    }
    if !loose.is_empty() {
        let text = loose.join(" ");
        match list
            .fields
            .iter()
            .find(|(n, f)| f.ty == FieldType::Text && !values.contains_key(*n))
        {
            Some((name, _)) => {
                values.insert(name.clone(), FieldValue::Text(text));
            }
            None => errors.push(InputError {
                field: text.clone(),
                message: format!(
                    "is not field=value; this list takes {}",
                    names
                        .iter()
                        .map(|n| format!("{n}=..."))
                        .collect::<Vec<_>>()
                        .join(" ")
                ),
            }),
        }
    }
    for (name, field) in list.fields.iter().filter(|_| fill) {
        // A value given but refused is reported once, not also as missing.
        if values.contains_key(name) || errors.iter().any(|e| e.field == *name) {
            continue;
        }
        if let Some(v) = default_value(field, now) {
            values.insert(name.clone(), v);
        } else if field.required {
            errors.push(InputError {
                field: name.clone(),
                message: format!("is required: add {name}=..."),
            });
        }
    }
    for (name, field) in &list.fields {
        if field.required && matches!(values.get(name), Some(FieldValue::Text(s)) if s.trim().is_empty()) {
            errors.push(InputError {
                field: name.clone(),
                message: "is required and must not be empty".into(),
            });
        }
    }
    if errors.is_empty() {
        Ok(values)
    } else {
        Err(errors)
    }
}
