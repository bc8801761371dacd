//! Large clock digits, three columns by five rows each.

const FONT: [[&str; 5]; 11] = [
    ["███", "█ █", "█ █", "█ █", "███"],
    ["  █", "  █", "  █", "  █", "  █"],
    ["███", "  █", "███", "█  ", "███"],
    ["███", "  █", "███", "  █", "███"],
    ["█ █", "█ █", "███", "  █", "  █"],
    ["███", "█  ", "███", "  █", "███"],
    ["███", "█  ", "███", "█ █", "███"],
    ["███", "  █", "  █", "  █", "  █"],
    ["███", "█ █", "███", "█ █", "███"],
    ["███", "█ █", "███", "  █", "███"],
    ["   ", " █ ", "   ", " █ ", "   "],
];

/// Five lines drawing `text` (digits and ':') in the large font.
pub fn big(text: &str) -> [String; 5] {
    let mut rows: [String; 5] = Default::default();
    for (n, c) in text.chars().enumerate() {
        let glyph = match c {
            '0'..='9' => FONT[c as usize - '0' as usize],
            ':' => FONT[10],
            _ => continue,
        };
        for (r, row) in rows.iter_mut().enumerate() {
            if n > 0 {
                row.push(' ');
            }
            row.push_str(glyph[r]);
        }
    }
    rows
}

/// Width of [`big`]'s output for `text`.
pub fn width(text: &str) -> usize {
    let n = text.chars().filter(|c| c.is_ascii_digit() || *c == ':').count();
    (n * 4).saturating_sub(1)
}
