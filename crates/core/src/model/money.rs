//! An amount of money as people read it: the sign before the symbol,
//! thousands grouped (`-€5.00`, `€1,234.50`, `1,234.50 CHF`).

/// `amount` is the figure already written with its decimals (`-1234.50`),
/// or in short form for a huge one (`1e50`), which is left ungrouped.
pub fn write(amount: &str, currency: Option<&str>) -> String {
    let (sign, digits) = match amount.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", amount),
    };
    let grouped = if digits.contains(['e', 'E']) {
        digits.to_string()
    } else {
        let (int, frac) = match digits.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (digits, None),
        };
        let mut out = String::new();
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        match frac {
            Some(f) => format!("{out}.{f}"),
            None => out,
        }
    };
    match currency {
        Some("EUR") => format!("{sign}€{grouped}"),
        Some("USD") => format!("{sign}${grouped}"),
        Some("GBP") => format!("{sign}£{grouped}"),
        Some(code) => format!("{sign}{grouped} {code}"),
        None => format!("{sign}{grouped}"),
    }
}

#[cfg(test)]
mod tests {
    use super::write;

    #[test]
    fn the_sign_goes_before_the_symbol() {
        assert_eq!(write("-5.00", Some("EUR")), "-€5.00");
        assert_eq!(write("-5.00", Some("USD")), "-$5.00");
        assert_eq!(write("-5.00", Some("CHF")), "-5.00 CHF");
        assert_eq!(write("5.00", Some("GBP")), "£5.00");
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(write("1234.50", Some("EUR")), "€1,234.50");
        assert_eq!(write("-1234567.00", Some("EUR")), "-€1,234,567.00");
        assert_eq!(write("999.99", Some("EUR")), "€999.99");
        assert_eq!(write("1000", None), "1,000");
        assert_eq!(write("123456.5", Some("CHF")), "123,456.5 CHF");
    }

    #[test]
    fn a_short_form_is_left_as_it_is() {
        assert_eq!(write("1e50", Some("EUR")), "€1e50");
        assert_eq!(write("-1e50", Some("EUR")), "-€1e50");
    }
}
