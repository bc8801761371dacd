//! The example apps, themes and config shipped inside the binary, as text
//! (the first-run install that writes them is nook-home's).

/// (file name, contents) of every bundled app.
pub const APPS: &[(&str, &str)] = &[
    ("clients.ron", include_str!("../../../apps/clients.ron")),
    ("coffee.ron", include_str!("../../../apps/coffee.ron")),
    ("expenses.ron", include_str!("../../../apps/expenses.ron")),
    ("films.ron", include_str!("../../../apps/films.ron")),
    ("groceries.ron", include_str!("../../../apps/groceries.ron")),
    ("habits.ron", include_str!("../../../apps/habits.ron")),
    ("packing.ron", include_str!("../../../apps/packing.ron")),
    ("pomodoro.ron", include_str!("../../../apps/pomodoro.ron")),
    ("reading.ron", include_str!("../../../apps/reading.ron")),
    ("running.ron", include_str!("../../../apps/running.ron")),
    ("stopwatch.ron", include_str!("../../../apps/stopwatch.ron")),
    ("stretch.ron", include_str!("../../../apps/stretch.ron")),
    ("tea.ron", include_str!("../../../apps/tea.ron")),
    ("water.ron", include_str!("../../../apps/water.ron")),
];

/// (file name, contents) of every bundled theme.
pub const THEMES: &[(&str, &str)] = &[
    ("dark.ron", include_str!("../../../themes/dark.ron")),
    (
        "high-contrast.ron",
        include_str!("../../../themes/high-contrast.ron"),
    ),
    ("light.ron", include_str!("../../../themes/light.ron")),
];

pub const DEFAULT_CONFIG: &str = r#"// nook settings. Delete a line to get its default back.
Config(
    theme: "dark",
)
"#;
