//! A number with the noun it counts, in nook's words: "1 change", "2 changes".
//! Every count nook writes for people goes through [`count`], so none says
//! "1 days".

use std::fmt::Display;

/// `n` and `noun`, the noun with an "s" unless `n` is 1: "1 lap", "0 laps",
/// "3 laps". Nook's counted nouns all take a plain "s".
pub fn count<N>(n: N, noun: &str) -> String
where
    N: Display + PartialEq + From<u8>,
{
    if n == N::from(1) {
        format!("{n} {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// A day `n` days before today, in words: "today", "yesterday", "3 days ago".
pub fn days_ago(n: i64) -> String {
    match n {
        0 => "today".into(),
        1 => "yesterday".into(),
        n => format!("{} ago", count(n, "day")),
    }
}

#[cfg(test)]
mod tests {
    use super::{count, days_ago};

    #[test]
    fn one_day_ago_is_yesterday() {
        assert_eq!(days_ago(0), "today");
        assert_eq!(days_ago(1), "yesterday");
        assert_eq!(days_ago(2), "2 days ago");
    }

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(count(1u64, "change"), "1 change");
        assert_eq!(count(2usize, "change"), "2 changes");
        assert_eq!(count(0u32, "lap"), "0 laps");
        assert_eq!(count(-1i64, "day"), "-1 days");
        assert_eq!(count(1i32, "day"), "1 day");
    }
}
