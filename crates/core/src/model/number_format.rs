//! How a field's number is written: money with its currency, a duration as
//! "1h30m", a number with its unit and decimals. The launcher, the figures,
//! the table and the CLI all write numbers through here.

use crate::model::value::format_number;
use crate::spec::{FieldType, duration};

/// Formats a field's number: money with its currency, durations as "1h30m".
pub fn format_field_number(ty: Option<&FieldType>, n: f64) -> String {
    // -0 is shown as the zero it is.
    let n = if n == 0.0 { 0.0 } else { n };
    match ty {
        Some(FieldType::Money { currency }) => {
            let amount = fixed(n, Some(crate::model::input::MONEY_DECIMALS));
            crate::model::money::write(&amount, currency.as_deref())
        }
        Some(FieldType::Duration) => duration::format(n.max(0.0) as u64),
        Some(FieldType::Percent) => format!("{}%", format_number(n)),
        Some(FieldType::Number {
            unit: Some(u),
            decimals,
            ..
        }) => {
            format!("{} {u}", fixed(n, *decimals))
        }
        Some(FieldType::Number { decimals, .. }) => fixed(n, *decimals),
        _ => format_number(n),
    }
}

/// A stored value in a table cell: as [`format_field_number`] writes a
/// figure when that shows the very number stored, else every digit of it
/// (a value stored with more decimals than the field shows today), so a
/// table never shows another number than `nook export`.
pub fn format_stored_number(ty: Option<&FieldType>, n: f64) -> String {
    use crate::model::value::{decimals_of, exact_number};
    let shown = match ty {
        Some(FieldType::Money { .. }) => Some(usize::from(crate::model::input::MONEY_DECIMALS)),
        Some(FieldType::Number {
            decimals: Some(d), ..
        }) => Some(usize::from(*d)),
        Some(FieldType::Duration) => return format_field_number(ty, n),
        Some(FieldType::Percent) => return format!("{}%", exact_number(n)),
        _ => None,
    };
    if shown.is_some_and(|d| decimals_of(n) <= d) {
        return format_field_number(ty, n);
    }
    match ty {
        Some(FieldType::Number { unit: Some(u), .. }) => format!("{} {u}", exact_number(n)),
        _ => exact_number(n),
    }
}

fn fixed(n: f64, decimals: Option<u8>) -> String {
    match decimals {
        // From 1e15 on, as format_number writes it: fixed decimals would
        // print every digit of a 300-digit figure.
        Some(_) if n.abs() >= 1e15 => format_number(n),
        Some(d) => format!("{n:.*}", d as usize),
        // Rounding to cents must not itself overflow a figure near f64::MAX.
        None => match (n * 100.0).round() / 100.0 {
            r if r.is_finite() => format_number(r),
            _ => format_number(n),
        },
    }
}
