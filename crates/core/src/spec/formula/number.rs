//! Numbers as formulas show and round them.

use crate::spec::value::exact_number;

/// A computed number for people: at most 10 decimals, so `0.1 + 0.2` shows
/// 0.3 and `10 / 3` shows 3.3333333333 (`round` gives fewer).
pub(crate) fn show(n: f64) -> String {
    if n == 0.0 {
        return "0".into();
    }
    if n.abs() >= 1e15 {
        return exact_number(n);
    }
    let s = format!("{n:.10}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    match s {
        "-0" | "" => "0".into(),
        s => s.to_string(),
    }
}

/// `x` rounded to `decimals` places (negative: to tens, hundreds, ...),
/// halves away from zero, on the shortest decimal form of `x`: 2.675 is
/// 2.68 as a person expects, although the nearest binary number to 2.675
/// lies below it.
pub(crate) fn round(x: f64, decimals: i32) -> f64 {
    if !x.is_finite() || x == 0.0 {
        return x;
    }
    // "2.675e0": the digits 2675, the first worth 10^0.
    let s = format!("{:e}", x.abs());
    let Some((mantissa, exp)) = s.split_once('e') else {
        return x;
    };
    let Ok(exp) = exp.parse::<i32>() else {
        return x;
    };
    let digits: Vec<u8> = mantissa
        .bytes()
        .filter(u8::is_ascii_digit)
        .map(|b| b - b'0')
        .collect();
    let keep = exp.saturating_add(1).saturating_add(decimals);
    if keep < 0 {
        return 0.0;
    }
    let keep = keep as usize;
    if keep >= digits.len() {
        return x;
    }
    let mut kept = digits[..keep].to_vec();
    if digits[keep] >= 5 {
        // Add one at the last kept digit, carrying leftwards.
        let mut i = kept.len();
        loop {
            if i == 0 {
                kept.insert(0, 1);
                break;
            }
            i -= 1;
            if kept[i] == 9 {
                kept[i] = 0;
            } else {
                kept[i] += 1;
                break;
            }
        }
    }
    if kept.is_empty() {
        return 0.0;
    }
    // kept holds the value's digits down to the place 10^-decimals.
    let text: String = kept.iter().map(|d| char::from(b'0' + d)).collect();
    let magnitude = format!("{text}e{}", -i64::from(decimals))
        .parse::<f64>()
        .unwrap_or(x.abs());
    magnitude.copysign(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_at_most_ten_decimals_and_no_float_noise() {
        assert_eq!(show(0.1 + 0.2), "0.3");
        assert_eq!(show(10.0 / 3.0), "3.3333333333");
        assert_eq!(show(12.0), "12");
        assert_eq!(show(-2.5), "-2.5");
        assert_eq!(show(-0.0), "0");
        assert_eq!(show(-1e-12), "0");
        assert_eq!(show(1e20), "1e20");
    }

    #[test]
    fn rounds_halves_away_from_zero_as_written() {
        assert_eq!(round(2.675, 2), 2.68);
        assert_eq!(round(1.005, 2), 1.01);
        assert_eq!(round(2.5, 0), 3.0);
        assert_eq!(round(-2.5, 0), -3.0);
        assert_eq!(round(2.4, 0), 2.0);
        assert_eq!(round(9.99, 1), 10.0);
        assert_eq!(round(999.5, 0), 1000.0);
        assert_eq!(round(1234.0, -2), 1200.0);
        assert_eq!(round(1250.0, -2), 1300.0);
        assert_eq!(round(0.004, 2), 0.0);
        assert_eq!(round(0.005, 2), 0.01);
        assert_eq!(round(0.4, -3), 0.0);
        assert_eq!(round(12.0, 5), 12.0);
        assert_eq!(round(1e300, 2), 1e300);
        assert_eq!(round(5e-324, 2), 0.0);
    }
}
