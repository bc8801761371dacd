//! The parsed-spec cache as the scan of the apps folder uses it: the cache
//! gives exactly what parsing gives, and is never used for a file it did not
//! see or when it is not whole.

use std::path::Path;
use std::time::{Duration, SystemTime};

use crate::paths::Home;
use crate::spec::Catalog;

/// A clock far enough ahead that every file written here is settled, so the
/// scan keeps it in the cache (the real clock keeps none written just now).
fn later() -> SystemTime {
    SystemTime::now() + Duration::from_secs(3600)
}

/// A home with the bundled apps and a few specs of every kind of trouble.
fn home() -> (tempfile::TempDir, Home) {
    let dir = tempfile::tempdir().unwrap();
    let home = Home {
        root: dir.path().to_path_buf(),
    };
    crate::bundled::install_if_missing(&home).unwrap();
    let apps = home.apps();
    std::fs::write(apps.join("broken.ron"), "List(name: \"Broken\" fields: {").unwrap();
    std::fs::write(
        apps.join("orders.ron"),
        r#"List(name: "Orders", fields: { "who": Link(app: "nobody"), "total": Formula("1 + 2") })"#,
    )
    .unwrap();
    std::fs::write(apps.join("twin.ron"), "List(id: \"groceries\", name: \"Twin\")").unwrap();
    (dir, home)
}

fn cached(home: &Home) -> Catalog {
    Catalog::of_home_at(home, later()).unwrap()
}

/// What a parse alone gives.
fn parsed(home: &Home) -> Catalog {
    Catalog::scan(&home.apps(), &home.bounds()).unwrap()
}

/// Every entry to the last bit: its file, and its spec or every problem.
fn shown(c: &Catalog) -> Vec<String> {
    c.entries
        .iter()
        .map(|e| format!("{:?}", (&e.path, &e.spec)))
        .collect()
}

fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn name_of(c: &Catalog, file: &str) -> String {
    let e = c.entries.iter().find(|e| e.path.ends_with(file)).unwrap();
    e.spec.as_ref().unwrap().name.clone()
}

#[test]
fn an_unchanged_folder_is_parsed_once_and_reads_back_exactly() {
    let (_dir, home) = home();
    let apps_before = files(&home.apps());
    let first = cached(&home);
    assert_eq!(first.parsed(), first.entries.len());
    let second = cached(&home);
    assert_eq!(
        second.parsed(),
        1,
        "only the spec that does not parse is read again"
    );
    assert_eq!(shown(&second), shown(&parsed(&home)));
    assert_eq!(second.seen(), first.seen());
    // Beside the database, and nothing new in the synced folder.
    assert!(home.spec_cache().is_file());
    assert_eq!(home.spec_cache().parent(), Some(home.root.as_path()));
    assert_eq!(files(&home.apps()), apps_before);
}

#[test]
fn problems_are_the_same_with_the_cache_as_without() {
    let (_dir, home) = home();
    cached(&home);
    let again = cached(&home);
    let without = parsed(&home);
    assert_eq!(shown(&again), shown(&without));
    let problem = |c: &Catalog, file: &str| {
        let e = c.entries.iter().find(|e| e.path.ends_with(file)).unwrap();
        e.spec.as_ref().unwrap_err().to_string()
    };
    for file in ["broken.ron", "orders.ron", "twin.ron"] {
        assert_eq!(problem(&again, file), problem(&without, file), "{file}");
    }
    assert!(problem(&again, "orders.ron").contains("nobody"));
    assert!(problem(&again, "twin.ron").contains("groceries"));
}

#[test]
fn a_file_replaced_with_its_size_and_time_kept_is_read_again() {
    let (_dir, home) = home();
    let file = home.apps().join("budget.ron");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("name: \"Budget\""), "{text}");
    let before = std::fs::metadata(&file).unwrap();
    assert_eq!(name_of(&cached(&home), "budget.ron"), "Budget");
    // As an editor saves: another file renamed over it, then the time put back.
    let new = home.apps().join(".budget.ron.new");
    std::fs::write(&new, text.replace("name: \"Budget\"", "name: \"Budgie\"")).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&new)
        .unwrap()
        .set_modified(before.modified().unwrap())
        .unwrap();
    std::fs::rename(&new, &file).unwrap();
    let after = std::fs::metadata(&file).unwrap();
    assert_eq!(after.len(), before.len());
    assert_eq!(after.modified().unwrap(), before.modified().unwrap());
    let c = cached(&home);
    assert_eq!(name_of(&c, "budget.ron"), "Budgie");
    assert_eq!(c.parsed(), 2, "the replaced file and the broken one");
}

#[test]
fn a_file_grown_or_retimed_in_place_is_read_again() {
    let (_dir, home) = home();
    cached(&home);
    let budget = home.apps().join("budget.ron");
    let text = std::fs::read_to_string(&budget).unwrap();
    std::fs::write(&budget, text.replace("name: \"Budget\"", "name: \"Budget 2\"")).unwrap();
    assert_eq!(name_of(&cached(&home), "budget.ron"), "Budget 2");
    // The same bytes count, an hour later: read again, not trusted.
    let chores = home.apps().join("chores.ron");
    let text = std::fs::read_to_string(&chores).unwrap();
    assert!(text.contains("name: \"Chores\""), "{text}");
    let f = std::fs::File::options().write(true).open(&chores).unwrap();
    std::io::Write::write_all(
        &mut &f,
        text.replace("name: \"Chores\"", "name: \"Chorus\"").as_bytes(),
    )
    .unwrap();
    f.set_modified(SystemTime::now() + Duration::from_secs(60))
        .unwrap();
    let c = cached(&home);
    assert_eq!(name_of(&c, "chores.ron"), "Chorus");
    assert_eq!(c.parsed(), 2);
}

#[test]
fn a_spec_written_a_moment_ago_is_not_kept() {
    let (_dir, home) = home();
    // On the real clock every file here is seconds old: a write within the
    // file system's clock tick could keep size and times, so none is kept.
    Catalog::of_home(&home).unwrap();
    let again = Catalog::of_home(&home).unwrap();
    assert_eq!(again.parsed(), again.entries.len());
    assert_eq!(shown(&again), shown(&parsed(&home)));
}

#[test]
fn a_damaged_or_foreign_cache_is_ignored_and_written_again() {
    let (_dir, home) = home();
    let version = format!(" {} ", env!("CARGO_PKG_VERSION"));
    let damages: Vec<(&str, Damage)> = vec![
        ("cut short", Box::new(|b: Vec<u8>| b[..b.len() / 2].to_vec())),
        ("empty", Box::new(|_| Vec::new())),
        ("garbage", Box::new(|_| vec![0xff, 0, b'\n', 7, 7, 7])),
        (
            "no checksum line",
            Box::new(|b: Vec<u8>| b[b.iter().position(|&c| c == b'\n').unwrap() + 1..].to_vec()),
        ),
        (
            "a name changed, still JSON",
            Box::new(|b: Vec<u8>| {
                String::from_utf8(b)
                    .unwrap()
                    .replacen("\"Budget\"", "\"Budgex\"", 1)
                    .into_bytes()
            }),
        ),
        (
            "another version",
            Box::new(move |b: Vec<u8>| {
                String::from_utf8(b)
                    .unwrap()
                    .replacen(&version, " 0.0.0-old ", 1)
                    .into_bytes()
            }),
        ),
        (
            "another format",
            Box::new(|b: Vec<u8>| {
                String::from_utf8(b)
                    .unwrap()
                    .replacen("nook spec cache 1 ", "nook spec cache 0 ", 1)
                    .into_bytes()
            }),
        ),
        ("another build", Box::new(|b: Vec<u8>| other_build(b))),
    ];
    let truth = shown(&parsed(&home));
    let all = truth.len();
    for (what, damage) in damages {
        cached(&home);
        let bytes = std::fs::read(home.spec_cache()).unwrap();
        std::fs::write(home.spec_cache(), damage(bytes)).unwrap();
        let c = cached(&home);
        assert_eq!(c.parsed(), all, "{what}: every spec parsed");
        assert_eq!(shown(&c), truth, "{what}");
        assert_eq!(cached(&home).parsed(), 1, "{what}: written again whole");
    }
}

/// What a test does to the cache file's bytes.
type Damage = Box<dyn Fn(Vec<u8>) -> Vec<u8>>;

/// The cache's first line with the build of another program.
fn other_build(bytes: Vec<u8>) -> Vec<u8> {
    let text = String::from_utf8(bytes).unwrap();
    let (head, body) = text.split_once('\n').unwrap();
    let mut words: Vec<&str> = head.split(' ').collect();
    let n = words.len();
    words[n - 2] = "1.2.3.4";
    format!("{}\n{body}", words.join(" ")).into_bytes()
}

#[test]
fn a_number_the_file_cannot_carry_exactly_is_parsed_every_time() {
    let (_dir, home) = home();
    std::fs::write(
        home.apps().join("signed.ron"),
        r#"List(name: "Signed", fields: { "x": Number(default: -0.0) })"#,
    )
    .unwrap();
    let truth = shown(&parsed(&home));
    assert!(truth.iter().any(|e| e.contains("Number(-0.0)")), "{truth:?}");
    cached(&home);
    let c = cached(&home);
    assert_eq!(shown(&c), truth);
    assert_eq!(c.parsed(), 2, "the broken spec and the signed zero");
}

#[test]
fn archived_specs_come_from_the_cache_too() {
    let (_dir, home) = home();
    let archive = home.apps().join(".archive");
    std::fs::create_dir(&archive).unwrap();
    std::fs::rename(home.apps().join("clients.ron"), archive.join("clients.ron")).unwrap();
    cached(&home);
    let c = cached(&home);
    assert_eq!(c.parsed(), 1);
    assert_eq!(shown(&c), shown(&parsed(&home)));
}

#[test]
fn a_cache_that_cannot_be_written_costs_only_time() {
    let (_dir, home) = home();
    std::fs::create_dir(home.spec_cache()).unwrap();
    let truth = shown(&parsed(&home));
    for _ in 0..2 {
        let c = cached(&home);
        assert_eq!(c.parsed(), c.entries.len());
        assert_eq!(shown(&c), truth);
    }
    assert!(home.spec_cache().is_dir());
}

#[cfg(unix)]
#[test]
fn the_cache_is_never_written_through_a_link() {
    let (_dir, home) = home();
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("kept.txt");
    std::fs::write(&target, "mine").unwrap();
    std::os::unix::fs::symlink(&target, home.spec_cache()).unwrap();
    // A temporary file of the name a write would use, linked out too.
    let temp = home
        .root
        .join(format!("nook.spec-cache.{}.tmp", std::process::id()));
    std::os::unix::fs::symlink(&target, &temp).unwrap();
    cached(&home);
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "mine");
    assert!(
        !home.spec_cache().is_symlink(),
        "the link was replaced by the cache"
    );
    assert_eq!(cached(&home).parsed(), 1);
}

#[cfg(unix)]
#[test]
fn a_spec_linked_to_the_cache_is_refused() {
    let (_dir, home) = home();
    cached(&home);
    std::os::unix::fs::symlink("../nook.spec-cache", home.apps().join("sneaky.ron")).unwrap();
    let c = cached(&home);
    let e = c.entries.iter().find(|e| e.path.ends_with("sneaky.ron")).unwrap();
    let problem = e.spec.as_ref().unwrap_err().to_string();
    assert!(problem.contains("nook's own files"), "{problem}");
}

#[test]
fn the_checksum_sees_any_one_word_changed_and_any_length_changed() {
    let body: Vec<u8> = (0..100u8).collect();
    let sum = super::checksum(&body);
    for i in 0..body.len() {
        let mut changed = body.clone();
        changed[i] ^= 1;
        assert_ne!(super::checksum(&changed), sum, "byte {i}");
    }
    assert_ne!(super::checksum(&body[..99]), sum);
    let mut longer = body.clone();
    longer.push(0);
    assert_ne!(super::checksum(&longer), sum);
}
