//! The tracker panel's charts: bars with a dated x axis and a y axis that
//! end at today and fill the panel's width, heatmaps with month labels and
//! a legend, the habits grid with the same date labels; at 120x40, 80x24
//! and 60x20, and readable without colour (every meaning has a glyph).

use crate::common::fixture;

use fixture::seeded;
use insta::assert_snapshot;

const SIZES: [(u16, u16); 3] = [(120, 40), (80, 24), (60, 20)];

/// The row of `screen` holding `needle`, or "".
fn row_with<'a>(screen: &'a str, needle: &str) -> &'a str {
    screen.lines().find(|l| l.contains(needle)).unwrap_or("")
}

/// The number in "last N days" on `screen`.
fn days_shown(screen: &str) -> usize {
    let row = row_with(screen, "· last ");
    let before = row.split(" days").next().unwrap_or("");
    before
        .rsplit(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no \"last N days\" caption:\n{screen}"))
}

#[test]
fn bars_have_dates_with_months_and_a_y_axis_with_the_unit() {
    let mut f = seeded();
    f.open("water");
    let screen = f.screen(120, 40);
    // Today (Wednesday 25 November) is the last date on the x axis.
    assert!(row_with(&screen, "Nov 25").contains("Nov 18"), "{screen}");
    assert!(screen.contains("glasses a day"), "{screen}");
    // The y axis: the tallest day (10 glasses) and the goal (8) are labelled.
    assert!(row_with(&screen, "10 ┤").starts_with("┃"), "{screen}");
    assert!(screen.contains(" 8 ┤"), "{screen}");
    assert!(screen.contains(" 0 └"), "{screen}");
}

#[test]
fn bars_end_at_today_and_mark_the_selected_day_when_backfilling() {
    let mut f = seeded();
    f.open("water");
    let before = f.screen(120, 40);
    f.keys("hh");
    let after = f.screen(120, 40);
    let ticks = row_with(&before, "Nov 25");
    assert_eq!(row_with(&after, "Nov 25"), ticks, "the chart moved:\n{after}");
    // The mark sits under the selected day's bar, two bars (six cells) left
    // of today's.
    let axis = row_with(&after, " 0 └");
    let mark = axis.chars().position(|c| c == '▲').expect(axis);
    let today_axis = row_with(&before, " 0 └");
    let today_mark = today_axis.chars().position(|c| c == '▲').expect(today_axis);
    assert_eq!(today_mark - mark, 6, "{before}\n{after}");
}

#[test]
fn bars_use_the_panels_width() {
    let mut f = seeded();
    f.open("water");
    let wide = days_shown(&f.screen(120, 40));
    let narrow = days_shown(&f.screen(60, 20));
    assert!(wide > 30, "{wide} days at 120 columns");
    assert!(narrow < wide && narrow > 12, "{narrow} days at 60 columns");
}

#[test]
fn a_heatmap_says_how_much_it_shows_with_month_labels_and_a_legend() {
    let mut f = seeded();
    f.open("water");
    let screen = f.screen(120, 40);
    assert!(screen.contains("last 52 weeks"), "{screen}");
    let months = row_with(&screen, "Jan");
    for m in ["Feb", "Jun", "Nov"] {
        assert!(months.contains(m), "{m} missing:\n{screen}");
    }
    // The legend says what each glyph means, in glyphs (NO_COLOR reads it).
    let legend = row_with(&screen, "last 52 weeks");
    assert!(legend.contains("· 0") && legend.contains("█ 8+"), "{screen}");
    // At 80 columns it shows fewer weeks, and says so.
    let screen = f.screen(80, 24);
    assert!(screen.contains("last 37 weeks"), "{screen}");
}

#[test]
fn a_limit_is_drawn_on_the_y_axis_and_days_over_it_have_their_own_glyph() {
    let mut f = seeded();
    f.open("coffee");
    let screen = f.screen(120, 40);
    assert!(screen.contains("┃2 ┤┈"), "{screen}");
    assert!(
        row_with(&screen, "last 52 weeks").contains("✕ over 2"),
        "{screen}"
    );
    // Sunday the 22nd had 4 cups: the heatmap's Sunday row shows it.
    assert!(row_with(&screen, "Sun").contains('✕'), "{screen}");
}

#[test]
fn the_habits_grid_has_month_labels_and_ends_at_today() {
    let mut f = seeded();
    f.open("habits");
    let screen = f.screen(120, 40);
    let days = row_with(&screen, " 24 25");
    assert!(days.trim_end_matches('┃').trim_end().ends_with("25"), "{screen}");
    // The month row sits above the day numbers.
    let lines: Vec<&str> = screen.lines().collect();
    let at = lines.iter().position(|l| *l == days).unwrap();
    assert!(lines[at - 1].contains("Nov"), "{screen}");
}

#[test]
fn backfilling_far_back_reads_that_day() {
    // 400 days back is past the heatmap's year; going there loads it.
    let mut f = fixture::tracker_with("water", &[(400, 6.0), (1, 3.0)]);
    f.keys(&"h".repeat(400));
    let screen = f.screen(120, 40);
    assert!(screen.contains("6/8 glasses that day"), "{screen}");
    assert!(screen.contains("400 days ago"), "{screen}");
    // The chart still ends at today, and says the selected day is earlier.
    assert!(screen.contains("Nov 25"), "{screen}");
    assert!(
        screen.contains("the selected day, Oct 21 2025, is earlier"),
        "{screen}"
    );
    f.keys("t");
    assert!(f.screen(120, 40).contains("0/8 glasses today"));
}

#[test]
fn charts_at_every_size() {
    for app in ["water", "coffee", "habits"] {
        let mut f = seeded();
        f.open(app);
        for (w, h) in SIZES {
            assert_snapshot!(format!("{app}_{w}x{h}"), f.screen(w, h));
        }
    }
    // Backfilling: the chart ends at today and marks the selected day.
    let mut f = seeded();
    f.open("water");
    f.keys("hhh");
    assert_snapshot!("water_backfill_80x24", f.screen(80, 24));
}
