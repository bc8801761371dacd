//! A damaged database: truncated, random bytes, a newer schema, pages
//! overwritten. Every command gives a clear error naming the file and
//! `nook doctor`; doctor checks it and, only when asked, moves it aside to a
//! timestamped backup (byte for byte what it was) and starts fresh or copies
//! what can be read. nook never changes a damaged file on its own.

use crate::common;

use std::path::{Path, PathBuf};

use common::Home;
use nook::model::item_id::ItemId;

fn with_items(n: usize) -> Home {
    let home = Home::installed();
    for i in 0..n {
        home.ok(["add", "groceries", &format!("item {i}")]);
    }
    home.ok(["log", "water", "3"]);
    home
}

fn backups(home: &Home) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(home.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("nook.redb.damaged-")
        })
        .collect();
    v.sort();
    v
}

/// Every command that needs the database fails with a message naming the
/// file and doctor, and leaves the file as it was.
fn assert_refused_untouched(home: &Home, bytes: &[u8]) {
    let shown = home.db().display().to_string();
    for args in [
        vec!["ls"],
        vec!["add", "groceries", "x"],
        vec!["export", "groceries"],
        vec!["doctor"],
    ] {
        let err = home.fails(1, &args);
        assert!(err.contains(&shown), "{args:?}: {err}");
        assert!(err.contains("nook doctor"), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
    assert!(
        std::fs::read(home.db()).unwrap() == bytes,
        "a damaged file was changed"
    );
    assert!(backups(home).is_empty());
}

fn damage(path: &Path, f: impl FnOnce(&mut Vec<u8>)) -> Vec<u8> {
    let mut bytes = std::fs::read(path).unwrap();
    f(&mut bytes);
    std::fs::write(path, &bytes).unwrap();
    bytes
}

#[test]
fn a_truncated_database_is_refused_then_recovered_on_request() {
    let home = with_items(5);
    let bytes = damage(&home.db(), |b| b.truncate(b.len() / 3));
    assert_refused_untouched(&home, &bytes);
    // Nothing of a file cut below its recorded length can be read: it says
    // so, and exits 1.
    let (code, out) = run(&home, &["doctor", "--recover"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("set the damaged database aside as"), "{out}");
    assert!(
        out.contains("could not be read") && out.contains("the whole file"),
        "{out}"
    );
    let kept = backups(&home);
    assert_eq!(kept.len(), 1);
    assert!(
        std::fs::read(&kept[0]).unwrap() == bytes,
        "the backup is not the damaged file as it was"
    );
    // A working database again.
    home.ok(["add", "groceries", "fresh start"]);
    assert!(home.ok(["export", "groceries"]).contains("fresh start"));
    assert!(home.ok(["doctor"]).contains(": ok"));
}

#[test]
fn random_bytes_are_refused_then_replaced_on_request() {
    let home = Home::installed();
    let mut seed = 99u64;
    let noise: Vec<u8> = (0..100_000)
        .map(|_| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as u8
        })
        .collect();
    std::fs::write(home.db(), &noise).unwrap();
    assert_refused_untouched(&home, &noise);
    let out = home.ok(["doctor", "--fresh"]);
    assert!(out.contains("new, empty database"), "{out}");
    assert!(std::fs::read(&backups(&home)[0]).unwrap() == noise);
    assert!(home.items("groceries").is_empty());
    home.ok(["add", "groceries", "x"]);
}

#[test]
fn overwritten_pages_recover_what_can_be_read_without_a_panic() {
    for seed in [1u64, 2, 3, 4] {
        let home = with_items(15);
        let len = std::fs::metadata(home.db()).unwrap().len() as usize;
        let mut s = seed;
        damage(&home.db(), |b| {
            for _ in 0..2000 {
                s ^= s << 13;
                s ^= s >> 7;
                s ^= s << 17;
                let at = 4096 + (s as usize % (len - 4096));
                b[at] = (s >> 40) as u8;
            }
        });
        // Some damage redb does not see until a row is read; either way,
        // nothing panics and doctor can always start over.
        let check = home.nook(["doctor"]).output().unwrap();
        let err = String::from_utf8_lossy(&check.stderr);
        assert!(!err.contains("panicked"), "seed {seed}: {err}");
        let out = home.nook(["doctor", "--recover"]).output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
        // Exit 1 when less came across than the old file held, and it says so.
        assert_eq!(
            out.status.success(),
            !(text.contains("saved only") || text.contains("could not be read")),
            "seed {seed}: {text}"
        );
        assert!(matches!(out.status.code(), Some(0 | 1)), "seed {seed}: {text}");
        assert!(
            !text.contains("panicked") && !text.contains("internal error"),
            "seed {seed}: {text}"
        );
        // Whatever was saved, the new database is sound and takes writes.
        assert!(home.ok(["doctor"]).contains(": ok"), "seed {seed}");
        home.ok(["add", "groceries", "after"]);
        let items = home.items("groceries");
        assert!(items.iter().any(|i| i["text"] == "after"));
        // Item ids are not reused after a recovery.
        let ids: std::collections::BTreeSet<String> = items.iter().map(common::id_of).collect();
        assert_eq!(ids.len(), items.len(), "seed {seed}: ids reused");
    }
}

#[test]
fn recover_leaves_a_sound_database_alone() {
    // A database whose file is fine but which the user asks to recover
    // anyway: doctor says it is sound and leaves it.
    let home = with_items(3);
    let out = home.ok(["doctor", "--recover"]);
    assert!(out.contains("ok") && out.contains("left as it is"), "{out}");
    assert_eq!(home.items("groceries").len(), 3);
    assert!(backups(&home).is_empty());
}

#[test]
fn salvage_keeps_everything_readable_and_ids_move_on() {
    // The library path on an undamaged copy: every row comes across.
    let home = with_items(12);
    let copy = home.path().join("copy.redb");
    std::fs::copy(home.db(), &copy).unwrap();
    let fresh = home.path().join("fresh.redb");
    let saved = nook::store::doctor::salvage(&copy, &fresh).unwrap();
    assert!(saved.lost.is_empty(), "{:?}", saved.lost);
    assert_eq!(saved.copied["items"], 12);
    assert_eq!(saved.copied["entries"], 1);
    std::fs::rename(&fresh, home.db()).unwrap();
    let items = home.items("groceries");
    assert_eq!(items.len(), 12);
    home.ok(["add", "groceries", "thirteenth"]);
    let items = home.items("groceries");
    // The new id comes after every saved one (ids sort as they were made).
    let ids: Vec<ItemId> = items
        .iter()
        .map(|i| ItemId::parse(&common::id_of(i)).unwrap())
        .collect();
    assert_eq!(items[12]["text"], "thirteenth");
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "{ids:?}");
    assert!(home.ok(["ls"]).contains("0/13 done"), "{}", home.ok(["ls"]));
    assert!(home.ok(["log", "water"]).contains("4/8"));
    // Undo history came across too.
    assert!(home.ok(["doctor"]).contains(": ok"));
}

#[test]
fn a_salvaged_summary_counts_each_saved_item_once() {
    let home = Home::installed();
    home.ok(["add", "reading", "title=Dune", "pages=412"]);
    home.ok(["add", "reading", "title=Emma", "pages=300"]);
    let summary = |db: &Path| {
        let store = nook::store::Store::open(db).unwrap();
        store.read(|r| r.summary("reading")).unwrap()
    };
    let before = summary(&home.db());
    let copy = home.path().join("copy.redb");
    std::fs::copy(home.db(), &copy).unwrap();
    let fresh = home.path().join("fresh.redb");
    nook::store::doctor::salvage(&copy, &fresh).unwrap();
    let after = summary(&fresh);
    // Counted from the rows saved, not added on top of the old counts.
    assert_eq!(after.items, 2);
    assert_eq!(after.shapes, before.shapes);
    assert_eq!(after.numbers["pages"].sum(), 712.0);
    assert_eq!(after.last_id, before.last_id);
    assert_eq!(after.kind, before.kind);
}

#[test]
fn a_newer_schema_is_not_damage_and_is_never_moved() {
    let home = with_items(1);
    {
        let db = redb::Database::builder()
            .set_concurrency_mode(redb::ConcurrencyMode::MultiWriter)
            .create(home.db())
            .unwrap();
        let txn = db.begin_write().unwrap();
        {
            let mut meta = txn
                .open_table(redb::TableDefinition::<&str, &[u8]>::new("meta"))
                .unwrap();
            meta.insert("schema", 99u64.to_le_bytes().as_slice()).unwrap();
        }
        txn.commit().unwrap();
    }
    let bytes = std::fs::read(home.db()).unwrap();
    for args in [
        vec!["ls"],
        vec!["doctor"],
        vec!["doctor", "--recover"],
        vec!["doctor", "--fresh"],
    ] {
        let err = home.fails(1, &args);
        assert!(
            err.contains("newer nook") && err.contains(&home.db().display().to_string()),
            "{args:?}: {err}"
        );
    }
    // Not moved aside (redb itself may touch its header on open).
    assert!(home.db().exists() && !bytes.is_empty());
    assert!(backups(&home).is_empty());
    assert!(home.fails(1, ["ls"]).contains("newer nook"));
}

#[test]
fn doctor_on_a_home_without_a_database() {
    let home = Home::empty();
    std::fs::create_dir_all(home.path()).unwrap();
    let out = home.ok(["doctor"]);
    assert!(out.contains("no database yet"), "{out}");
    assert!(!home.db().exists(), "doctor created a database");
}

// ------------------------------------------------ damage in the middle of a file

/// `nook export APP`'s items, or None when export refuses.
fn exported(home: &Home, app: &str) -> Option<usize> {
    let out = home.nook(["export", app]).output().unwrap();
    if !out.status.success() {
        return None;
    }
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).ok()?;
    Some(v["items"].as_array().map_or(0, |a| a.len()))
}

/// Files beside the database other than the database and its set-aside copies.
fn leftovers(home: &Home) -> Vec<String> {
    std::fs::read_dir(home.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("nook.redb") && n != "nook.redb" && !n.starts_with("nook.redb.damaged-"))
        .filter(|n| n != "nook.redb.lock")
        .collect()
}

/// A home with 300 groceries, and the sound database's bytes.
fn three_hundred() -> (Home, Vec<u8>) {
    let home = Home::installed();
    for i in 0..300 {
        home.ok(["add", "groceries", &format!("item {i}")]);
    }
    let good = std::fs::read(home.db()).unwrap();
    (home, good)
}

/// The good file with 16 bytes overwritten in the middle of page `page`.
fn sixteen_bytes(good: &[u8], page: usize) -> Vec<u8> {
    let mut b = good.to_vec();
    let at = page * 4096 + 2000;
    let mut s = page as u64 * 0x9E37_79B9 + 7;
    for x in &mut b[at..at + 16] {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        *x = (s >> 32) as u8;
    }
    b
}

/// Puts `bytes` in place as the database, with nothing set aside.
fn reset(home: &Home, bytes: &[u8]) {
    for b in backups(home) {
        std::fs::remove_file(b).unwrap();
    }
    std::fs::write(home.db(), bytes).unwrap();
}

#[test]
fn recover_saves_every_item_that_export_can_read() {
    let (home, good) = three_hundred();
    let pages = good.len() / 4096;
    let mut tried = 0;
    for page in 2..pages {
        reset(&home, &sixteen_bytes(&good, page));
        let readable = exported(&home, "groceries");
        let doctor = home.nook(["doctor"]).output().unwrap();
        if doctor.status.success() {
            continue; // damage in a free page: nothing to recover
        }
        // As found by doctor (export and the check open it as every command does).
        let bad = std::fs::read(home.db()).unwrap();
        let out = home.nook(["doctor", "--recover"]).output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
        assert!(!text.contains("panicked"), "page {page}: {text}");
        let kept = backups(&home);
        assert_eq!(kept.len(), 1, "page {page}: {text}");
        assert!(
            std::fs::read(&kept[0]).unwrap() == bad,
            "page {page}: the set-aside file is not the file as it was found"
        );
        assert!(leftovers(&home).is_empty(), "page {page}: {:?}", leftovers(&home));
        let saved = home.items("groceries").len();
        if let Some(n) = readable {
            tried += 1;
            assert!(
                saved >= n,
                "page {page}: export read {n} items, recover saved {saved}: {text}"
            );
        }
        // Exit 0 only when nothing the old file held was left behind.
        if saved < 300 {
            assert!(
                !out.status.success(),
                "page {page}: saved {saved} of 300 and exited 0: {text}"
            );
            assert!(
                text.contains(&format!("{saved} of 300 items")),
                "page {page}: {text}"
            );
        }
        assert_eq!(
            out.status.success(),
            !(text.contains("saved only") || text.contains("could not be read")),
            "page {page}: {text}"
        );
        assert!(home.ok(["doctor"]).contains(": ok"), "page {page}");
    }
    assert!(tried > 5, "only {tried} damaged pages left export working");
}

#[test]
fn a_set_aside_database_is_announced_with_how_to_get_it_back() {
    // As an interrupted recovery of an older nook left it: the old file
    // renamed, a fresh one in its place.
    let home = with_items(3);
    let aside = home.path().join("nook.redb.damaged-20260101-120000");
    std::fs::rename(home.db(), &aside).unwrap();
    home.ok(["ls"]);
    let shown = aside.display().to_string();
    for args in [vec!["ls"], vec!["doctor"]] {
        let out = home.nook(&args).output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
        assert!(text.contains(&shown), "{args:?}: {text}");
        assert!(text.contains("mv "), "{args:?}: {text}");
        // The way back keeps what the database in place holds.
        assert!(text.contains(".since"), "{args:?}: {text}");
    }
    // The launcher says so in its status line, short enough to read there.
    let paths = nook::paths::Home {
        root: home.path().to_path_buf(),
    };
    let store = nook::store::Store::open(&paths.database().unwrap()).unwrap();
    let now = nook::model::Now::system().unwrap();
    let (_shell, app) = nook::runtime::terminal::start(paths, store, now);
    let (message, _) = app.message.clone().expect("a status line");
    assert!(
        message.contains("nook.redb.damaged-20260101-120000") && message.contains("nook doctor"),
        "{message}"
    );
    assert!(message.chars().count() <= 80, "{message}");
}

/// 300 groceries with 16 bytes overwritten on the first page that doctor
/// finds damaged while `nook export` still reads every item and a writer
/// (another nook) can still open the file.
fn damaged_where_export_reads_past() -> Home {
    let (home, good) = three_hundred();
    let pages = good.len() / 4096;
    let page = (2..pages)
        .find(|&p| {
            reset(&home, &sixteen_bytes(&good, p));
            // `export` reads through a read-only handle, which reads past
            // damage to the allocator state that stops a writer's open.
            exported(&home, "groceries") == Some(300)
                && !home.nook(["doctor"]).output().unwrap().status.success()
                && nook::store::Store::open(&home.db()).is_ok()
        })
        .expect("a damaged page that export reads past");
    // The writer's open and close above may have changed the file.
    reset(&home, &sixteen_bytes(&good, page));
    home
}

#[test]
fn an_interrupted_recover_leaves_the_old_database_in_place() {
    let home = damaged_where_export_reads_past();
    let bad = std::fs::read(home.db()).unwrap();
    // Stopped just before the new file would take the old one's place.
    let out = home
        .nook(["doctor", "--recover"])
        .env("NOOK_TEST_STOP_RECOVER", "1")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        std::fs::read(home.db()).unwrap() == bad,
        "the database was replaced or changed"
    );
    assert_eq!(exported(&home, "groceries"), Some(300));
    // A second run finishes the job.
    home.nook(["doctor", "--recover"]).output().unwrap();
    assert_eq!(home.items("groceries").len(), 300);
    assert!(leftovers(&home).is_empty(), "{:?}", leftovers(&home));
}

#[test]
fn recover_is_refused_while_another_nook_has_the_database_open() {
    let home = damaged_where_export_reads_past();
    let open = nook::store::Store::open(&home.db()).unwrap();
    for fix in ["--recover", "--fresh"] {
        let err = home.fails(1, ["doctor", fix]);
        assert!(
            err.contains("another nook") && err.contains("close it"),
            "{fix}: {err}"
        );
        assert!(backups(&home).is_empty(), "{fix}");
    }
    drop(open);
    home.nook(["doctor", "--recover"]).output().unwrap();
    assert_eq!(home.items("groceries").len(), 300);
}

#[test]
fn a_damaged_record_is_reported_as_damage_naming_the_file() {
    let (home, good) = three_hundred();
    let pages = good.len() / 4096;
    let shown = home.db().display().to_string();
    let mut seen = 0;
    for page in 2..pages {
        reset(&home, &sixteen_bytes(&good, page));
        if exported(&home, "groceries").is_some() {
            continue;
        }
        seen += 1;
        let mut added = false;
        for args in [
            vec!["export", "groceries"],
            vec!["ls"],
            vec!["add", "groceries", "x"],
        ] {
            let out = home.nook(&args).output().unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            // ls and add may not meet the damaged rows; when they do, they
            // stop as export does.
            if out.status.success() && args[0] != "export" {
                added |= args[0] == "add";
                continue;
            }
            assert_eq!(out.status.code(), Some(1), "page {page} {args:?}: {err}");
            assert!(
                err.contains(&shown) && err.contains("nook doctor"),
                "page {page} {args:?}: {err}"
            );
            for wrong in ["newer nook", "internal error", "unreachable", "panicked"] {
                assert!(!err.contains(wrong), "page {page} {args:?}: {err}");
            }
        }
        // An add that stopped wrote nothing.
        home.nook(["doctor", "--recover"]).output().unwrap();
        let x = home.items("groceries").iter().any(|i| i["text"] == "x");
        assert_eq!(x, added, "page {page}");
    }
    assert!(seen > 0);
}

// ------------------------------------------------ the pages that define the tables

/// Pages of `file` that hold redb's table definitions: the ones naming the
/// items table's key type. Found in the file, so a change of layout moves
/// the damage with them.
fn definition_pages(file: &[u8]) -> Vec<usize> {
    let needle = b"(&str,u64)";
    (0..file.len() / 4096)
        .filter(|p| {
            file[p * 4096..(p + 1) * 4096]
                .windows(needle.len())
                .any(|w| w == needle)
        })
        .collect()
}

/// What a user sees from `nook ARGS`: exit code and both streams.
fn run(home: &Home, args: &[&str]) -> (Option<i32>, String) {
    let out = home.nook(args).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code(), text)
}

#[test]
fn damaged_table_definitions_are_reported_as_damage_and_recover_says_what_it_lost() {
    let (home, good) = three_hundred();
    let pages = definition_pages(&good);
    assert!(!pages.is_empty(), "no table-definition page found");
    let shown = home.db().display().to_string();
    let mut refused = 0;
    for page in pages {
        // One byte at a time across the definitions: a table's type byte,
        // its length, its key and value widths and type names.
        for at in (page * 4096 + 4..page * 4096 + 760).step_by(5) {
            let mut bad = good.clone();
            bad[at] ^= 0xa9;
            reset(&home, &bad);
            let mut failed = false;
            for args in [
                vec!["ls"],
                vec!["export", "groceries"],
                vec!["add", "groceries", "x"],
            ] {
                let (code, text) = run(&home, &args);
                if code == Some(0) {
                    continue;
                }
                failed = true;
                assert_eq!(code, Some(1), "byte {at} {args:?}: {text}");
                assert!(
                    text.contains(&shown) && text.contains("nook doctor"),
                    "byte {at} {args:?}: {text}"
                );
                for wrong in [
                    "database error",
                    "internal error",
                    "entered unreachable",
                    "panicked",
                ] {
                    assert!(!text.contains(wrong), "byte {at} {args:?}: {text}");
                }
            }
            if !failed {
                continue;
            }
            refused += 1;
            reset(&home, &bad);
            let (code, text) = run(&home, &["doctor", "--recover"]);
            for wrong in [
                "database error",
                "internal error",
                "entered unreachable",
                "panicked",
            ] {
                assert!(!text.contains(wrong), "byte {at}: {text}");
            }
            // Whatever it could not read, it says, and exits 1.
            assert_eq!(
                code == Some(0),
                !text.contains("could not be read"),
                "byte {at}: {text}"
            );
            assert!(matches!(code, Some(0 | 1)), "byte {at}: {text}");
            assert!(home.ok(["doctor"]).contains(": ok"), "byte {at}");
        }
    }
    assert!(refused > 0, "no damaged definition was noticed");
}

/// The good file with 16 bytes overwritten at `at`.
fn sixteen_at(good: &[u8], at: usize) -> Vec<u8> {
    let mut b = good.to_vec();
    let mut s = at as u64 * 0x9E37_79B9 + 11;
    for x in &mut b[at..at + 16] {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        *x = (s >> 32) as u8;
    }
    b
}

#[test]
fn a_full_read_that_finds_fewer_rows_than_the_summary_is_damage() {
    let (home, good) = three_hundred();
    let shown = home.db().display().to_string();
    let mut short = 0;
    for page in 2..good.len() / 4096 {
        for within in [100, 700, 2000, 3500] {
            let at = page * 4096 + within;
            reset(&home, &sixteen_at(&good, at));
            let (code, text) = run(&home, &["export", "groceries"]);
            if code == Some(0) {
                // An export that succeeds holds every item, never part of them.
                let v: serde_json::Value = serde_json::from_str(text.trim()).expect("only JSON on a success");
                assert_eq!(v["items"].as_array().unwrap().len(), 300, "byte {at}");
                continue;
            }
            assert!(
                text.contains(&shown) && text.contains("nook doctor"),
                "byte {at}: {text}"
            );
            if text.contains("could be read") {
                short += 1;
                // doctor's check reads everything, so it says so too.
                reset(&home, &sixteen_at(&good, at));
                let (code, text) = run(&home, &["doctor"]);
                assert_eq!(code, Some(1), "byte {at}: {text}");
            }
        }
    }
    assert!(short > 0, "no damage left a read short");
}

#[test]
fn plain_doctor_removes_what_a_stopped_doctor_left_and_says_so() {
    let home = with_items(2);
    let left = home.path().join("nook.redb.doctor-999999-0");
    std::fs::write(&left, b"a copy a killed doctor left").unwrap();
    let out = home.ok(["doctor"]);
    assert!(!left.exists(), "the stopped run's copy is still there");
    assert!(out.contains("nook.redb.doctor-999999-0"), "{out}");
    assert!(leftovers(&home).is_empty(), "{:?}", leftovers(&home));
}
