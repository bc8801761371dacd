//! Symlinks in nook's home, as a git remote can commit them: a link that
//! leads out of the home (a spec, the archive folder, a theme, the
//! database) is refused with a message naming it, and nothing is read,
//! moved, written or deleted through it; a link that stays inside the home
//! is followed, and the spec editor writes through it to its target.

#![cfg(unix)]

use crate::common;

use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::Output;

use common::{GIT_ENV, Home, git};

fn text(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr)
}

/// A folder outside the home, with one file that must stay unread.
fn outside() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("secret.ron"),
        "List(name: \"SECRET-NAME\", fields: [(name: \"SECRET-FIELD\", type: Text)])\nSECRET-TAIL\n",
    )
    .unwrap();
    dir
}

/// Every file under `dir`, by path relative to it.
fn files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for e in walk(dir) {
        out.push(e.strip_prefix(dir).unwrap().display().to_string());
    }
    out.sort();
    out
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() && !p.is_symlink() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn a_spec_linking_out_of_the_home_is_refused_unread() {
    let out = outside();
    let home = Home::installed();
    symlink(out.path().join("secret.ron"), home.apps().join("evil.ron")).unwrap();
    for args in [
        vec!["ls"],
        vec!["check"],
        vec!["add", "evil", "x"],
        vec!["export", "evil"],
    ] {
        let o = home.nook(&args).output().unwrap();
        let t = text(&o);
        assert!(!t.contains("SECRET"), "nook {args:?} read through the link: {t}");
        assert!(!t.contains("panicked"), "{t}");
        if args[0] != "ls" {
            assert_eq!(o.status.code(), Some(1), "nook {args:?}: {t}");
            assert!(t.contains("evil.ron"), "nook {args:?} names the link: {t}");
            assert!(t.contains("outside nook's home"), "nook {args:?}: {t}");
        }
    }
    // The other apps still work, and the outside file is as it was.
    home.ok(["add", "groceries", "milk"]);
    assert!(
        std::fs::read_to_string(out.path().join("secret.ron"))
            .unwrap()
            .contains("SECRET-TAIL")
    );
    assert_eq!(files(out.path()), ["secret.ron"]);
}

const EXPIRED: &str = "List(name: \"Sprint\", id: \"sprint\", expires: \"2020-01-01\")\n";

#[test]
fn an_archive_folder_linking_out_of_the_home_is_never_used() {
    let out = outside();
    std::fs::write(out.path().join("old.ron"), "List(name: \"Old\", id: \"old\")\n").unwrap();
    let home = Home::installed();
    home.spec("sprint.ron", EXPIRED);
    symlink(out.path(), home.apps().join(".archive")).unwrap();

    // Expiry does not move the spec there.
    let o = home.nook(["ls"]).output().unwrap();
    let t = text(&o);
    assert!(t.contains(".archive"), "the message names the link: {t}");
    assert!(t.contains("outside the apps folder"), "{t}");
    assert!(home.apps().join("sprint.ron").is_file(), "{t}");
    assert_eq!(files(out.path()), ["old.ron", "secret.ron"]);

    // Neither does `nook archive`.
    let e = home.fails(1, ["archive", "groceries"]);
    assert!(
        e.contains(".archive") && e.contains("outside the apps folder"),
        "{e}"
    );
    assert!(home.apps().join("groceries.ron").is_file());

    // Purge deletes nothing there, and restore moves nothing out of it.
    let e = home.fails(1, ["purge", "old", "--yes"]);
    assert!(
        e.contains(".archive") && e.contains("outside the apps folder"),
        "{e}"
    );
    assert!(!e.contains("Old\""), "{e}");
    let e = home.fails(1, ["restore", "old"]);
    assert!(e.contains(".archive"), "{e}");
    assert_eq!(files(out.path()), ["old.ron", "secret.ron"]);
    assert!(
        home.apps().join(".archive").is_symlink(),
        "the link is left alone"
    );
}

#[test]
fn a_theme_linking_out_of_the_home_is_refused() {
    let out = outside();
    std::fs::write(
        out.path().join("theme.ron"),
        "Theme(name: \"Outside\", accent: \"red\")\n",
    )
    .unwrap();
    let home = Home::installed();
    std::fs::create_dir_all(home.path().join("themes")).unwrap();
    symlink(out.path().join("theme.ron"), home.path().join("themes/evil.ron")).unwrap();
    let h = nook::paths::Home {
        root: home.path().to_path_buf(),
    };
    let (themes, problems) = nook::runtime::themes(&h);
    assert!(
        themes.iter().all(|(_, t)| t.name != "Outside"),
        "read through the link"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("evil.ron") && p.contains("outside nook's home")),
        "{problems:?}"
    );
}

#[test]
fn a_database_link_out_of_the_home_is_refused() {
    let out = outside();
    // Dangling: nook would make the database out there.
    let home = Home::installed();
    std::fs::remove_file(home.db()).ok();
    let target = out.path().join("nook.redb");
    symlink(&target, home.db()).unwrap();
    for args in [vec!["add", "groceries", "milk"], vec!["ls"], vec!["doctor"]] {
        let o = home.nook(&args).output().unwrap();
        let t = text(&o);
        assert_eq!(o.status.code(), Some(1), "nook {args:?}: {t}");
        assert!(t.contains("nook.redb"), "nook {args:?} names the link: {t}");
        assert!(
            !target.exists(),
            "nook {args:?} made a database outside the home: {t}"
        );
    }
    assert!(home.db().is_symlink(), "the link is left alone");

    // Pointing at a real database outside: not opened, not written.
    let other = Home::installed();
    other.ok(["add", "groceries", "theirs"]);
    std::fs::rename(other.db(), &target).unwrap();
    let before = std::fs::read(&target).unwrap();
    let e = home.fails(1, ["add", "groceries", "milk"]);
    assert!(
        e.contains("nook.redb") && e.contains("outside nook's home"),
        "{e}"
    );
    assert_eq!(std::fs::read(&target).unwrap(), before);

    // A home not made yet has no link to refuse.
    let fresh = tempfile::tempdir().unwrap();
    let mut c = assert_cmd::Command::new(env!("CARGO_BIN_EXE_nook"));
    common::isolate(&mut c, fresh.path());
    let o = c
        .env("NOOK_HOME", fresh.path().join("not-yet"))
        .arg("doctor")
        .output()
        .unwrap();
    assert!(
        o.status.success() && text(&o).contains("no database yet"),
        "{}",
        text(&o)
    );
}

#[test]
fn a_link_inside_the_home_is_followed_and_the_editor_writes_through_it() {
    let home = Home::installed();
    let shared = home.path().join("shared");
    std::fs::create_dir_all(&shared).unwrap();
    let real = shared.join("books.ron");
    let old = "List(name: \"Books\", id: \"books\")\n";
    std::fs::write(&real, old).unwrap();
    symlink("../shared/books.ron", home.apps().join("books.ron")).unwrap();
    assert!(home.ok(["ls"]).contains("Books"));
    home.ok(["add", "books", "Dune"]);
    home.ok(["check"]);

    // The TUI's save path: the text lands in the target, the link stays.
    let h = nook::paths::Home {
        root: home.path().to_path_buf(),
    };
    assert_eq!(nook::runtime::spec_file::read(&h, "books.ron").unwrap(), old);
    let new = "List(name: \"Novels\", id: \"books\")\n";
    assert!(nook::runtime::spec_file::save(&h, "books.ron", new, Some(old)).is_ok());
    assert!(
        home.apps().join("books.ron").is_symlink(),
        "the link was replaced"
    );
    assert_eq!(std::fs::read_to_string(&real).unwrap(), new);
    assert!(home.ok(["ls"]).contains("Novels"));
    // No temporary file is left beside the link or the target.
    assert_eq!(files(&shared), ["books.ron"]);
}

fn nook(home: &Home, args: &[&str]) -> Output {
    home.nook(args).envs(GIT_ENV.iter().copied()).output().unwrap()
}

#[test]
fn links_pushed_by_a_remote_lead_nowhere_outside_the_home() {
    let remote = tempfile::tempdir().unwrap();
    git(remote.path(), &["init", "-q", "--bare", "remote.git"]);
    let url = remote.path().join("remote.git").display().to_string();
    // B's secrets, at a path the remote knows.
    let out = outside();
    std::fs::write(out.path().join("old.ron"), "List(name: \"Old\", id: \"old\")\n").unwrap();

    // A commits links to B's files, and an app that has expired.
    let a = Home::installed();
    assert!(nook(&a, &["sync", "--init", &url]).status.success());
    symlink(out.path().join("secret.ron"), a.apps().join("evil.ron")).unwrap();
    symlink(out.path(), a.apps().join(".archive")).unwrap();
    a.spec("sprint.ron", EXPIRED);
    git(&a.apps(), &["add", "-A"]);
    git(&a.apps(), &["commit", "-q", "-m", "links"]);
    git(&a.apps(), &["push", "-q", "origin", "HEAD"]);

    // B joins and syncs: git brings the links as links.
    let b = Home::installed();
    let o = nook(&b, &["sync", "--init", &url]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(b.apps().join("evil.ron").is_symlink() && b.apps().join(".archive").is_symlink());
    let o = nook(&b, &["sync"]);
    assert!(o.status.success(), "{}", text(&o));

    let o = nook(&b, &["ls"]);
    let t = text(&o);
    assert!(!t.contains("SECRET"), "{t}");
    assert!(
        t.contains("evil.ron") && t.contains(".archive") && t.contains("outside nook's home"),
        "{t}"
    );
    assert!(b.apps().join("sprint.ron").is_file(), "{t}");
    let e = String::from_utf8(nook(&b, &["purge", "old", "--yes"]).stderr).unwrap();
    assert!(e.contains(".archive"), "{e}");
    assert_eq!(files(out.path()), ["old.ron", "secret.ron"]);
}

#[test]
fn resolving_a_conflict_never_writes_through_a_link_the_remote_planted() {
    let remote = tempfile::tempdir().unwrap();
    git(remote.path(), &["init", "-q", "--bare", "remote.git"]);
    let url = remote.path().join("remote.git").display().to_string();
    let out = outside();
    let a = Home::installed();
    assert!(nook(&a, &["sync", "--init", &url]).status.success());
    let b = Home::installed();
    assert!(nook(&b, &["sync", "--init", &url]).status.success());

    // A edits water and plants the name keep-both would write, as a link out.
    let water = std::fs::read_to_string(a.apps().join("water.ron")).unwrap();
    a.spec("water.ron", &format!("{water}// A's water\n"));
    symlink(out.path().join("planted"), a.apps().join("water-theirs.ron")).unwrap();
    let o = nook(&a, &["sync"]);
    assert!(o.status.success(), "{}", text(&o));
    b.spec("water.ron", &format!("{water}// B's water\n"));
    assert_eq!(nook(&b, &["sync"]).status.code(), Some(1));
    for choice in ["--both", "--mine"] {
        let o = nook(&b, &["sync", "--resolve", "water", choice]);
        assert!(!text(&o).contains("panicked"), "{}", text(&o));
        assert_eq!(files(out.path()), ["secret.ron"], "{choice}: {}", text(&o));
    }
    // The remote's copy went under a free name, as a plain file in the home.
    let copy = b.apps().join("water-theirs-2.ron");
    assert!(copy.is_file() && !copy.is_symlink());
    assert!(std::fs::read_to_string(copy).unwrap().contains("// A's water"));
}

#[test]
fn a_dangling_gitignore_link_from_a_remote_makes_no_file_outside() {
    let remote = tempfile::tempdir().unwrap();
    git(remote.path(), &["init", "-q", "--bare", "remote.git"]);
    let url = remote.path().join("remote.git").display().to_string();
    let out = outside();
    let target = out.path().join("planted");

    let a = Home::installed();
    assert!(nook(&a, &["sync", "--init", &url]).status.success());
    std::fs::remove_file(a.apps().join(".gitignore")).unwrap();
    symlink(&target, a.apps().join(".gitignore")).unwrap();
    git(&a.apps(), &["add", "-A"]);
    git(&a.apps(), &["commit", "-q", "-m", "link"]);
    git(&a.apps(), &["push", "-q", "origin", "HEAD"]);

    let b = Home::installed();
    let o = nook(&b, &["sync", "--init", &url]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(b.apps().join(".gitignore").is_symlink());
    let o = nook(&b, &["sync", "--init"]);
    assert!(!text(&o).contains("panicked"), "{}", text(&o));
    assert!(!target.exists(), "wrote through the link: {}", text(&o));
    assert_eq!(files(out.path()), ["secret.ron"]);
}

#[test]
fn an_archive_folder_leading_elsewhere_in_the_home_is_never_used() {
    let home = Home::installed();
    home.spec("sprint.ron", EXPIRED);
    let config = home.path().join("config.ron");
    let before = std::fs::read(&config).unwrap();
    symlink("..", home.apps().join(".archive")).unwrap();

    // Expiry does not move the spec into the home's root.
    let t = text(&home.nook(["ls"]).output().unwrap());
    assert!(
        t.contains(".archive") && t.contains("outside the apps folder"),
        "{t}"
    );
    assert!(home.apps().join("sprint.ron").is_file(), "{t}");
    assert!(!home.path().join("sprint.ron").exists());

    // The private config.ron is not restored into the synced folder, nor deleted.
    let e = home.fails(1, ["restore", "config"]);
    assert!(
        e.contains(".archive") && e.contains("outside the apps folder"),
        "{e}"
    );
    let e = home.fails(1, ["purge", "config", "--yes"]);
    assert!(e.contains(".archive"), "{e}");
    assert_eq!(std::fs::read(&config).unwrap(), before);
    assert!(!home.apps().join("config.ron").exists());
    let e = home.fails(1, ["archive", "groceries"]);
    assert!(e.contains(".archive"), "{e}");
    assert!(home.apps().join("groceries.ron").is_file());
}

#[test]
fn a_spec_or_theme_linking_to_nooks_own_files_is_refused() {
    let home = Home::installed();
    home.ok(["add", "groceries", "milk"]);
    std::fs::write(home.path().join("nook.log"), "log\n").unwrap();
    std::fs::write(home.path().join("nook.redb.damaged-1"), "old\n").unwrap();
    std::fs::create_dir_all(home.apps().join(".git")).unwrap();
    std::fs::write(home.apps().join(".git/config"), "[core]\n").unwrap();
    let links = [
        ("db.ron", "../nook.redb"),
        ("damaged.ron", "../nook.redb.damaged-1"),
        ("config.ron", "../config.ron"),
        ("log.ron", "../nook.log"),
        ("git.ron", ".git/config"),
    ];
    for (name, to) in links {
        symlink(to, home.apps().join(name)).unwrap();
    }
    let e = home.fails(1, ["check"]);
    for (name, _) in links {
        assert!(
            e.contains(&format!("{name}:1:1")) && e.contains("nook's own"),
            "{name}: {e}"
        );
    }
    // The editor never writes spec text over them.
    let h = nook::paths::Home {
        root: home.path().to_path_buf(),
    };
    let db = std::fs::read(home.db()).unwrap();
    for (name, _) in links {
        assert!(nook::runtime::spec_file::read(&h, name).is_err(), "{name}");
        assert!(nook::runtime::spec_file::path(&h, name).is_err(), "{name}");
        assert!(nook::runtime::spec_file::save(&h, name, "List(name: \"X\")\n", None).is_err());
    }
    assert_eq!(std::fs::read(home.db()).unwrap(), db);
    assert_eq!(
        std::fs::read_to_string(home.apps().join(".git/config")).unwrap(),
        "[core]\n"
    );
    home.ok(["add", "groceries", "eggs"]);

    // Nor is a theme read from them.
    std::fs::create_dir_all(home.path().join("themes")).unwrap();
    symlink("../config.ron", home.path().join("themes/c.ron")).unwrap();
    let (_, problems) = nook::runtime::themes(&h);
    assert!(
        problems
            .iter()
            .any(|p| p.contains("c.ron") && p.contains("nook's own")),
        "{problems:?}"
    );
}

#[test]
fn a_config_link_out_of_the_home_is_refused_unread() {
    let out = outside();
    std::fs::write(out.path().join("config.ron"), "Config(theme: \"SECRET-THEME\")\n").unwrap();
    let home = Home::installed();
    let config = home.path().join("config.ron");
    std::fs::remove_file(&config).unwrap();
    symlink(out.path().join("config.ron"), &config).unwrap();
    let h = nook::paths::Home {
        root: home.path().to_path_buf(),
    };
    let store = nook::store::Store::open(&h.database().unwrap()).unwrap();
    let (shell, app) = nook::runtime::terminal::start(h, store, nook::model::Now::system().unwrap());
    let (message, _) = app.message.clone().expect("a message names the link");
    assert!(
        message.contains("config.ron") && message.contains("outside nook's home"),
        "{message}"
    );
    assert!(!message.contains("SECRET"), "{message}");
    assert_ne!(shell.config_theme, "SECRET-THEME", "read through the link");
}

#[test]
fn a_link_in_the_archive_is_removed_by_purge_and_not_restored() {
    let out = outside();
    let home = Home::installed();
    let archive = home.apps().join(".archive");
    std::fs::create_dir_all(&archive).unwrap();
    // One inside the apps folder, one leading out of the home.
    std::fs::create_dir_all(home.apps().join("kept")).unwrap();
    let kept = home.apps().join("kept/old.ron");
    std::fs::write(&kept, "List(name: \"Old\", id: \"old\")\n").unwrap();
    symlink("../kept/old.ron", archive.join("old.ron")).unwrap();
    symlink(out.path().join("secret.ron"), archive.join("evil.ron")).unwrap();

    let e = home.fails(1, ["restore", "evil"]);
    assert!(e.contains("evil.ron") && e.contains("outside"), "{e}");
    assert!(!e.contains("Restored"), "{e}");
    assert!(archive.join("evil.ron").is_symlink() && !home.apps().join("evil.ron").exists());

    for name in ["old", "evil"] {
        let t = home.ok(["purge", name, "--yes"]);
        assert!(t.contains("archived spec is removed"), "{t}");
        assert!(!archive.join(format!("{name}.ron")).is_symlink(), "{name}");
    }
    assert!(kept.is_file(), "purge deleted the link's target");
    assert_eq!(files(out.path()), ["secret.ron"]);

    // A spec linking elsewhere in the home is not archived where it could
    // not be restored from.
    let shared = home.path().join("shared");
    std::fs::create_dir_all(&shared).unwrap();
    std::fs::write(shared.join("books.ron"), "List(name: \"Books\")\n").unwrap();
    symlink(shared.join("books.ron"), home.apps().join("books.ron")).unwrap();
    let e = home.fails(1, ["archive", "books"]);
    assert!(
        e.contains("books.ron") && e.contains("outside the apps folder"),
        "{e}"
    );
    assert!(home.apps().join("books.ron").is_symlink());
}

#[test]
fn check_of_a_folder_follows_links_only_within_it_and_the_home() {
    let out = outside();
    let home = Home::installed();
    home.ok(["add", "groceries", "milk"]);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("real.ron"), "List(name: \"Real\")\n").unwrap();
    symlink("real.ron", dir.path().join("alias.ron")).unwrap();
    symlink(out.path().join("secret.ron"), dir.path().join("evil.ron")).unwrap();
    symlink(home.db(), dir.path().join("db.ron")).unwrap();
    let d = dir.path().display().to_string();
    let e = home.fails(1, ["check", &d]);
    assert!(!e.contains("SECRET"), "{e}");
    assert!(
        e.contains("evil.ron:1:1") && e.contains("outside nook's home"),
        "{e}"
    );
    assert!(e.contains("db.ron:1:1") && e.contains("nook's own"), "{e}");
    assert!(!e.contains("alias.ron") && !e.contains("real.ron"), "{e}");
    assert!(e.contains("2 of 4 specs"), "{e}");
    // A file named alone: the same.
    let e = home.fails(1, ["check", &dir.path().join("evil.ron").display().to_string()]);
    assert!(e.contains("outside nook's home") && !e.contains("SECRET"), "{e}");
    home.ok(["check", &dir.path().join("alias.ron").display().to_string()]);
}

#[test]
fn the_external_editor_is_given_a_link_s_target_only_inside_the_home() {
    let out = outside();
    let home = Home::installed();
    let shared = home.path().join("shared");
    std::fs::create_dir_all(&shared).unwrap();
    std::fs::write(shared.join("books.ron"), "List(name: \"Books\")\n").unwrap();
    symlink("../shared/books.ron", home.apps().join("books.ron")).unwrap();
    symlink(out.path().join("secret.ron"), home.apps().join("evil.ron")).unwrap();
    let h = nook::paths::Home {
        root: home.path().to_path_buf(),
    };
    let real = std::fs::canonicalize(shared.join("books.ron")).unwrap();
    assert_eq!(nook::runtime::spec_file::path(&h, "books.ron").unwrap(), real);
    let e = nook::runtime::spec_file::path(&h, "evil.ron").unwrap_err();
    assert!(
        e.contains("apps/evil.ron") && e.contains("outside nook's home"),
        "{e}"
    );
}
