//! The example apps and themes shipped in the binary: all valid, all on disk,
//! and installed without ever overwriting a user's file.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use nook::bundled::{APPS, DEFAULT_CONFIG, THEMES, install_if_missing};
use nook::paths::Home;
use nook::spec::{Kind, Spec};
use nook::theme::Theme;

const EXPECTED_APPS: &[&str] = &[
    "groceries",
    "reading",
    "packing",
    "clients",
    "pomodoro",
    "tea",
    "stopwatch",
    "water",
    "habits",
    "coffee",
];

const EXPECTED_THEMES: &[&str] = &["dark", "light", "high-contrast"];

fn stem(file: &str) -> &str {
    file.strip_suffix(".ron")
        .unwrap_or_else(|| panic!("bundled file {file:?} does not end in .ron"))
}

/// Every bundled app, parsed; panics with every problem of every bad spec.
fn apps() -> Vec<(&'static str, Spec)> {
    let mut bad = Vec::new();
    let mut out = Vec::new();
    for (file, text) in APPS {
        match nook::spec::parse_str(&format!("apps/{file}"), text) {
            Ok(spec) => out.push((*file, spec)),
            Err(e) => bad.push(e.to_string()),
        }
    }
    assert!(bad.is_empty(), "bundled apps with problems:\n{}", bad.join("\n"));
    out
}

fn themes() -> Vec<(&'static str, Theme)> {
    let mut bad = Vec::new();
    let mut out = Vec::new();
    for (file, text) in THEMES {
        match nook::theme::parse(&format!("themes/{file}"), text, &Theme::default()) {
            Ok(t) => out.push((*file, t)),
            Err(e) => bad.push(e.to_string()),
        }
    }
    assert!(
        bad.is_empty(),
        "bundled themes with problems:\n{}",
        bad.join("\n")
    );
    out
}

/// The `*.ron` files of a folder of the repository, by name, with their text.
fn ron_files(folder: &str) -> BTreeMap<String, String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".ron") && entry.file_type().unwrap().is_file() {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            out.insert(name, text);
        }
    }
    out
}

fn bundled(files: &[(&str, &str)]) -> BTreeMap<String, String> {
    let map: BTreeMap<String, String> = files
        .iter()
        .map(|(name, text)| (name.to_string(), text.to_string()))
        .collect();
    assert_eq!(map.len(), files.len(), "a file name is bundled twice");
    map
}

#[test]
fn every_bundled_app_parses_and_validates() {
    let apps = apps();
    assert_eq!(apps.len(), APPS.len());
    assert!(
        apps.len() >= 10,
        "only {} bundled apps; expected at least 10",
        apps.len()
    );
}

#[test]
fn the_bundled_apps_include_the_examples_and_every_kind() {
    let apps = apps();
    let ids: BTreeSet<&str> = apps.iter().map(|(_, s)| s.id.as_str()).collect();
    for id in EXPECTED_APPS {
        assert!(
            ids.contains(id),
            "no bundled app has the id {id:?}; ids are {ids:?}"
        );
    }
    let kinds: BTreeSet<&str> = apps.iter().map(|(_, s)| s.kind.word()).collect();
    assert_eq!(
        kinds.into_iter().collect::<Vec<_>>(),
        ["list", "timer", "tracker"]
    );
    // The examples show what they are named for.
    let by_id = |id: &str| &apps.iter().find(|(_, s)| s.id == id).unwrap().1.kind;
    assert!(matches!(by_id("groceries"), Kind::List(l) if l.fields.is_empty()));
    assert!(matches!(by_id("stopwatch"), Kind::Timer(t) if t.phases.is_empty()));
    assert!(matches!(by_id("tea"), Kind::Timer(t) if t.phases.len() == 1));
    assert!(matches!(by_id("pomodoro"), Kind::Timer(t) if t.phases.len() >= 2 && t.rounds > 1));
    assert!(matches!(by_id("water"), Kind::Tracker(t) if t.unit.is_some() && t.goal.is_some()));
    assert!(matches!(by_id("coffee"), Kind::Tracker(t) if t.limit.is_some()));
    assert!(matches!(by_id("habits"), Kind::Tracker(t) if t.series.len() > 1));
    assert!(matches!(by_id("packing"), Kind::List(_)));
}

#[test]
fn bundled_app_ids_are_unique() {
    let apps = apps();
    let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
    for (file, spec) in &apps {
        if let Some(first) = seen.insert(&spec.id, file) {
            panic!("{file} and {first} both have the id {:?}", spec.id);
        }
    }
    // The catalog agrees: no bundled spec is refused for a taken id.
    let entries = APPS
        .iter()
        .map(|(file, text)| nook::spec::Entry {
            path: PathBuf::from("apps").join(file),
            spec: nook::spec::parse_str(&format!("apps/{file}"), text),
        })
        .collect();
    let catalog = nook::spec::Catalog::from_entries(entries);
    assert_eq!(catalog.specs().count(), APPS.len());
}

#[test]
fn every_bundled_theme_parses_and_the_three_are_there() {
    let themes = themes();
    assert_eq!(themes.len(), THEMES.len());
    let names: BTreeSet<&str> = themes.iter().map(|(f, _)| stem(f)).collect();
    for name in EXPECTED_THEMES {
        assert!(
            names.contains(name),
            "no bundled theme {name:?}; themes are {names:?}"
        );
    }
    let titles: BTreeSet<&str> = themes.iter().map(|(_, t)| t.name.as_str()).collect();
    assert_eq!(
        titles.len(),
        themes.len(),
        "two bundled themes have the same name"
    );
}

#[test]
fn the_apps_folder_holds_exactly_the_bundled_apps() {
    let on_disk = ron_files("apps");
    let bundled = bundled(APPS);
    assert_eq!(
        on_disk.keys().collect::<Vec<_>>(),
        bundled.keys().collect::<Vec<_>>(),
        "apps/ and nook::bundled::APPS (src/bundled.rs) list different files"
    );
    assert_eq!(on_disk, bundled);
}

#[test]
fn the_themes_folder_holds_exactly_the_bundled_themes() {
    let on_disk = ron_files("themes");
    let bundled = bundled(THEMES);
    assert_eq!(
        on_disk.keys().collect::<Vec<_>>(),
        bundled.keys().collect::<Vec<_>>(),
        "themes/ and nook::bundled::THEMES (src/bundled.rs) list different files"
    );
    assert_eq!(on_disk, bundled);
}

fn read(path: PathBuf) -> String {
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn install_puts_everything_in_place_and_never_overwrites() {
    let tmp = tempfile::tempdir().unwrap();
    let home = Home {
        root: tmp.path().join("nook"),
    };

    let first = install_if_missing(&home).unwrap();
    assert_eq!((first.apps, first.themes), (APPS.len(), THEMES.len()));
    for (file, text) in APPS {
        assert_eq!(&read(home.apps().join(file)), text, "apps/{file}");
    }
    for (file, text) in THEMES {
        assert_eq!(&read(home.themes().join(file)), text, "themes/{file}");
    }
    assert_eq!(read(home.config()), DEFAULT_CONFIG);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&home.root).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o700, "nook's folder should be private, is {mode:o}");
    }

    // What was installed reads as a valid catalog.
    let catalog = nook::spec::Catalog::scan(&home.apps(), &home.bounds()).unwrap();
    assert_eq!(catalog.entries.len(), APPS.len());
    for e in &catalog.entries {
        if let Err(err) = &e.spec {
            panic!("installed spec is invalid:\n{err}");
        }
    }

    // The user edits files, and deletes an app they don't want.
    let mine = "// mine\nTracker(name: \"My water\", unit: \"ml\")\n";
    std::fs::write(home.apps().join("water.ron"), mine).unwrap();
    std::fs::write(home.themes().join("dark.ron"), "Theme(name: \"Mine\")\n").unwrap();
    std::fs::write(home.config(), "Config(theme: \"light\")\n").unwrap();
    std::fs::remove_file(home.apps().join("tea.ron")).unwrap();

    let second = install_if_missing(&home).unwrap();
    assert_eq!((second.apps, second.themes), (0, 0));
    assert_eq!(read(home.apps().join("water.ron")), mine);
    assert_eq!(read(home.themes().join("dark.ron")), "Theme(name: \"Mine\")\n");
    assert_eq!(read(home.config()), "Config(theme: \"light\")\n");
    assert!(
        !home.apps().join("tea.ron").exists(),
        "a bundled app the user deleted came back"
    );
    let untouched = APPS.iter().find(|(f, _)| *f == "groceries.ron").unwrap();
    assert_eq!(read(home.apps().join("groceries.ron")), untouched.1);
}

#[test]
fn install_leaves_an_existing_folder_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let home = Home {
        root: tmp.path().to_path_buf(),
    };
    // A user who already has an apps folder gets no examples in it.
    std::fs::create_dir_all(home.apps()).unwrap();
    std::fs::write(home.apps().join("mine.ron"), "List(name: \"Mine\")\n").unwrap();
    let done = install_if_missing(&home).unwrap();
    assert_eq!((done.apps, done.themes), (0, THEMES.len()));
    let names: Vec<String> = std::fs::read_dir(home.apps())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["mine.ron"]);
}
