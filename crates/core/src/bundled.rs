//! The example apps, themes and config shipped inside the binary, as text
//! (the first-run install that writes them is nook-home's).

/// (file name, contents) of every bundled app.
pub const APPS: &[(&str, &str)] = &[
    ("budget.ron", include_str!("../../../apps/budget.ron")),
    ("chores.ron", include_str!("../../../apps/chores.ron")),
    ("clients.ron", include_str!("../../../apps/clients.ron")),
    ("coffee.ron", include_str!("../../../apps/coffee.ron")),
    ("expenses.ron", include_str!("../../../apps/expenses.ron")),
    ("films.ron", include_str!("../../../apps/films.ron")),
    ("groceries.ron", include_str!("../../../apps/groceries.ron")),
    ("guests.ron", include_str!("../../../apps/guests.ron")),
    ("habits.ron", include_str!("../../../apps/habits.ron")),
    ("hours.ron", include_str!("../../../apps/hours.ron")),
    ("invoices.ron", include_str!("../../../apps/invoices.ron")),
    ("medication.ron", include_str!("../../../apps/medication.ron")),
    ("packing.ron", include_str!("../../../apps/packing.ron")),
    ("party.ron", include_str!("../../../apps/party.ron")),
    ("plants.ron", include_str!("../../../apps/plants.ron")),
    ("pomodoro.ron", include_str!("../../../apps/pomodoro.ron")),
    ("projects.ron", include_str!("../../../apps/projects.ron")),
    ("reading.ron", include_str!("../../../apps/reading.ron")),
    ("running.ron", include_str!("../../../apps/running.ron")),
    ("stopwatch.ron", include_str!("../../../apps/stopwatch.ron")),
    ("stretch.ron", include_str!("../../../apps/stretch.ron")),
    ("tea.ron", include_str!("../../../apps/tea.ron")),
    ("water.ron", include_str!("../../../apps/water.ron")),
    ("workout.ron", include_str!("../../../apps/workout.ron")),
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
