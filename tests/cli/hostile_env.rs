//! A hostile environment: a full disk (a file size limit), a home that is
//! a file, a symlinked or dangling apps folder, folders without permission,
//! no $EDITOR, 10,000 spec files, ids that try to name other paths. Each
//! gives a clear message or works, never a panic. And what nook promises
//! about security: no spec runs a command or names a path outside the home,
//! the home is 0700 and the database 0600, export writes only to stdout.

#![cfg(unix)]

use crate::common;

use std::os::unix::fs::PermissionsExt as _;
use std::path::Path;
use std::process::Output;

use common::Home;

fn text(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr)
}

fn assert_clear_failure(out: &Output, names: &str) {
    let t = text(out);
    assert_eq!(out.status.code(), Some(1), "{t}");
    assert!(!t.contains("panicked"), "{t}");
    assert!(t.starts_with("nook: ") || t.contains("\nnook: "), "{t}");
    assert!(t.contains(names), "the message names {names}: {t}");
}

/// Whether this process ignores file permissions (root in a container):
/// then the permission cases cannot be staged and are skipped.
fn privileged(dir: &Path) -> bool {
    let probe = dir.join("probe");
    std::fs::create_dir(&probe).unwrap();
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o500)).unwrap();
    let bypass = std::fs::write(probe.join("x"), "x").is_ok();
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o700)).unwrap();
    std::fs::remove_dir_all(&probe).unwrap();
    bypass
}

/// `nook ARGS` under a file size limit of `kib` KiB, with SIGXFSZ ignored
/// so a write past it fails with EFBIG as on a full disk.
fn nook_limited(home: &Home, kib: u64, args: &str) -> Output {
    let exe = env!("CARGO_BIN_EXE_nook");
    let mut c = std::process::Command::new("sh");
    c.arg("-c")
        .arg(format!(
            "ulimit -f {}; trap '' XFSZ; exec \"{exe}\" {args}",
            kib * 2
        ))
        .env("NOOK_HOME", home.path())
        .env("HOME", home.path().join(".fake-user-home"))
        .env("XDG_CONFIG_HOME", home.path().join(".fake-user-home/.config"));
    c.output().unwrap()
}

#[test]
fn a_full_disk_is_a_clear_error_and_loses_nothing() {
    // No room for a new database.
    let home = Home::installed();
    let out = nook_limited(&home, 8, "add groceries first");
    assert_clear_failure(&out, "nook.redb");
    // Room for a small database, not for a big import: the import fails
    // whole, what was there stays, and nook works once there is room.
    let home = Home::installed();
    home.ok(["add", "groceries", "kept"]);
    let size = std::fs::metadata(home.db()).unwrap().len() / 1024;
    let items: Vec<String> = (0..3000)
        .map(|i| {
            format!(
                r#"{{"id":{},"text":"bulk {i} {}","done":false,"created":0,"updated":0}}"#,
                i + 10,
                "x".repeat(200)
            )
        })
        .collect();
    let file = home.path().join("big.json");
    std::fs::write(
        &file,
        format!(
            r#"{{"nook_export":1,"app":{{"id":"groceries","name":"Groceries","kind":"list"}},"items":[{}]}}"#,
            items.join(",")
        ),
    )
    .unwrap();
    let out = nook_limited(&home, size + 4, &format!("import groceries '{}'", file.display()));
    assert_clear_failure(&out, "nook.redb");
    let left = home.items("groceries");
    assert_eq!(left.len(), 1, "a failed import left part of itself");
    assert_eq!(left[0]["text"], "kept");
    assert!(home.ok(["doctor"]).contains(": ok"));
    // With room again, the same import goes through.
    home.nook(["import", "groceries"]).arg(&file).assert().success();
    assert_eq!(home.items("groceries").len(), 3001);
}

#[test]
fn a_home_that_is_a_file_or_cannot_be_made() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-dir");
    std::fs::write(&file, "x").unwrap();
    for args in [vec!["ls"], vec!["add", "groceries", "x"], vec!["check"]] {
        let mut c = assert_cmd::Command::new(env!("CARGO_BIN_EXE_nook"));
        common::isolate(&mut c, dir.path());
        let out = c.env("NOOK_HOME", &file).args(&args).output().unwrap();
        assert_clear_failure(&out, "not-a-dir");
    }
    let mut c = assert_cmd::Command::new(env!("CARGO_BIN_EXE_nook"));
    common::isolate(&mut c, dir.path());
    let out = c.env("NOOK_HOME", file.join("below")).arg("ls").output().unwrap();
    assert_clear_failure(&out, "below");
    // doctor with nothing there yet.
    let mut c = assert_cmd::Command::new(env!("CARGO_BIN_EXE_nook"));
    common::isolate(&mut c, dir.path());
    let out = c.env("NOOK_HOME", &file).arg("doctor").output().unwrap();
    assert!(!text(&out).contains("panicked"), "{}", text(&out));
}

#[test]
fn a_symlinked_apps_folder_works_and_a_dangling_one_is_clear() {
    let home = Home::installed();
    let elsewhere = tempfile::tempdir().unwrap();
    let real = elsewhere.path().join("specs");
    std::fs::rename(home.apps(), &real).unwrap();
    std::os::unix::fs::symlink(&real, home.apps()).unwrap();
    home.ok(["add", "groceries", "through a link"]);
    assert!(home.ok(["ls"]).contains("Groceries"));
    home.ok(["check"]);
    // The link now points nowhere.
    std::fs::remove_dir_all(&real).unwrap();
    let out = home.nook(["ls"]).output().unwrap();
    assert_clear_failure(&out, &home.apps().display().to_string());
    assert!(text(&out).contains("does not exist"), "{}", text(&out));
    assert!(home.apps().is_symlink(), "nook replaced the user's link");
    // A spec file that is a link loop is reported, not followed forever.
    let home = Home::installed();
    std::os::unix::fs::symlink(home.apps().join("loop.ron"), home.apps().join("loop.ron")).unwrap();
    let out = home.nook(["ls"]).output().unwrap();
    assert!(!text(&out).contains("panicked"), "{}", text(&out));
    home.ok(["add", "groceries", "still fine"]);
}

/// Makes `path` and everything under it open to every user, so an
/// unprivileged user can reach what the test means it to reach.
fn open_to_all(path: &Path) {
    let meta = std::fs::symlink_metadata(path).unwrap();
    if meta.is_symlink() {
        return;
    }
    let mode = if meta.is_dir() { 0o777 } else { 0o666 };
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    if meta.is_dir() {
        for e in std::fs::read_dir(path).unwrap() {
            open_to_all(&e.unwrap().path());
        }
    }
}

/// Runs `nook ARGS` on `home` so that file permissions hold: directly when
/// this process is an ordinary user, else (root, which ignores permissions)
/// through `unshare -U` as an unmapped user with no privileges, using a
/// copy of the binary the unmapped user may run. None when neither can be
/// staged on this machine.
struct Unprivileged {
    /// Holds the binary's copy when running through unshare.
    bin: Option<tempfile::TempDir>,
}

impl Unprivileged {
    fn new(home: &Home) -> Option<Unprivileged> {
        if !privileged(home.path()) {
            return Some(Unprivileged { bin: None });
        }
        let ok = std::process::Command::new("unshare")
            .args(["-U", "true"])
            .output()
            .is_ok_and(|o| o.status.success());
        if !ok {
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(env!("CARGO_BIN_EXE_nook"), dir.path().join("nook")).unwrap();
        open_to_all(dir.path());
        std::fs::set_permissions(dir.path().join("nook"), std::fs::Permissions::from_mode(0o755)).unwrap();
        open_to_all(home.path());
        Some(Unprivileged { bin: Some(dir) })
    }

    fn run(&self, home: &Home, args: &[&str]) -> Output {
        let mut c = match &self.bin {
            None => common::std_nook(home.path()),
            Some(dir) => {
                let mut c = std::process::Command::new("unshare");
                c.arg("-U").arg(dir.path().join("nook"));
                let fake = home.path().join(".fake-user-home");
                c.env("NOOK_HOME", home.path())
                    .env("HOME", &fake)
                    .env("XDG_CONFIG_HOME", fake.join(".config"));
                c
            }
        };
        c.args(args).output().unwrap()
    }
}

#[test]
fn folders_without_permission_are_clear_errors() {
    let home = Home::installed();
    home.ok(["add", "groceries", "kept"]);
    let Some(user) = Unprivileged::new(&home) else {
        eprintln!("skipped: running as root and `unshare -U` is not available to drop privileges");
        return;
    };
    let mode = |p: &Path, m: u32| std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).unwrap();
    // An apps folder nook cannot read.
    mode(&home.apps(), 0o000);
    let out = user.run(&home, &["ls"]);
    mode(&home.apps(), 0o777);
    assert_clear_failure(&out, "apps");
    // A database nook may not write.
    mode(&home.db(), 0o444);
    let out = user.run(&home, &["add", "groceries", "y"]);
    assert_clear_failure(&out, "nook.redb");
    // A home where no database can be made.
    let db = home.db();
    std::fs::rename(&db, home.path().join("kept.redb")).unwrap();
    mode(home.path(), 0o555);
    let out = user.run(&home, &["add", "groceries", "x"]);
    mode(home.path(), 0o777);
    assert_clear_failure(&out, "nook.redb");
    std::fs::rename(home.path().join("kept.redb"), &db).unwrap();
    mode(&db, 0o666);
    assert_eq!(home.items("groceries").len(), 1, "what was stored is still there");
}

/// `nook ARGS` with its home on a read-only file system: a tmpfs in a
/// private mount namespace (`unshare -Urm`), filled with a copy of `home`
/// and then remounted read-only. None when mount namespaces are not
/// available here.
fn on_read_only_fs(home: &Home, args: &str) -> Option<Output> {
    let mnt = tempfile::tempdir().unwrap();
    let script = format!(
        "mount -t tmpfs -o size=64m tmpfs \"$1\" && cp -a \"$2\"/. \"$1\"/ && mount -o remount,ro \"$1\" && exec \"$3\" {args}"
    );
    let probe = std::process::Command::new("unshare")
        .args(["-Urm", "sh", "-c", "mount -t tmpfs tmpfs \"$1\"", "sh"])
        .arg(mnt.path())
        .output();
    if !probe.is_ok_and(|o| o.status.success()) {
        return None;
    }
    let fake = mnt.path().join(".fake-user-home");
    let out = std::process::Command::new("unshare")
        .args(["-Urm", "sh", "-c", &script, "sh"])
        .arg(mnt.path())
        .arg(home.path())
        .arg(env!("CARGO_BIN_EXE_nook"))
        .env("NOOK_HOME", mnt.path())
        .env("HOME", &fake)
        .env("XDG_CONFIG_HOME", fake.join(".config"))
        .output()
        .unwrap();
    Some(out)
}

#[test]
fn a_read_only_file_system_is_a_clear_error_and_reading_specs_still_works() {
    let home = Home::installed();
    home.ok(["add", "groceries", "kept"]);
    let Some(out) = on_read_only_fs(&home, "add groceries more") else {
        eprintln!("skipped: mount namespaces (`unshare -Urm`) are not available here");
        return;
    };
    assert_clear_failure(&out, "nook.redb");
    let t = text(&out);
    assert!(t.to_lowercase().contains("read-only"), "says why: {t}");
    // Checking specs needs no writes.
    let out = on_read_only_fs(&home, "check").unwrap();
    assert!(out.status.success(), "{}", text(&out));
    // Nor can a new spec: said plainly.
    let out = on_read_only_fs(&home, "new Thing").unwrap();
    assert_clear_failure(&out, "Read-only file system");
    // The original home was never touched.
    assert_eq!(home.items("groceries").len(), 1);
}

#[test]
fn no_editor_is_needed() {
    // nook never starts an editor (git, for sync, is its only program); with EDITOR unset or
    // pointing nowhere everything works.
    let home = Home::installed();
    for editor in [None, Some("/nonexistent/editor"), Some("")] {
        let mut c = home.nook(["add", "groceries", "x"]);
        match editor {
            Some(e) => c.env("EDITOR", e).env("VISUAL", e),
            None => c.env_remove("EDITOR").env_remove("VISUAL"),
        };
        c.assert().success();
    }
    home.nook(["new", "Book club"])
        .env_remove("EDITOR")
        .assert()
        .success();
}

#[test]
fn ten_thousand_spec_files() {
    let home = Home::installed();
    for i in 0..10_000 {
        let body = if i % 1000 == 7 {
            "List(name: \"broken\" fields: {".to_string()
        } else {
            format!("List(name: \"List {i}\")")
        };
        std::fs::write(home.apps().join(format!("l{i:05}.ron")), body).unwrap();
    }
    let out = home.nook(["ls"]).output().unwrap();
    assert!(out.status.success(), "{}", text(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("List 9999"));
    home.ok(["add", "l09999", "deep in the pile"]);
    let out = home.nook(["check"]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    let specs = 10_000 + nook::bundled::APPS.len();
    assert!(
        err.contains(&format!("10 of {specs} specs have problems")),
        "{err}"
    );
}

#[test]
fn ids_and_names_never_reach_outside_the_home() {
    let home = Home::installed();
    let cwd = tempfile::tempdir().unwrap();
    let hostile = [
        r#"List(id: "../../escape", name: "Escape")"#,
        r#"List(id: "a/b", name: "Slash")"#,
        r#"List(id: "..", name: "Dots")"#,
        r#"List(id: "/etc/passwd", name: "Abs")"#,
        r#"List(id: "a\\b", name: "Back")"#,
        r#"List(name: "$(touch pwned) `touch pwned2`", icon: "; rm -rf ~")"#,
        r#"List(name: "../../evil", fields: {"../x": Text, "$(id)": Number})"#,
    ];
    for (i, spec) in hostile.iter().enumerate() {
        home.spec(&format!("h{i}.ron"), spec);
    }
    let out = home.nook(["check"]).current_dir(cwd.path()).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    for id in [
        "'id' must not contain '/'",
        "'id' must not contain '..'",
        "'id' must not contain '\\'",
    ] {
        assert!(err.contains(id), "{id}: {err}");
    }
    // The ones that load are used through every command; none escapes.
    let parent = home.path().parent().unwrap();
    let names = ["escape", "evil", "pwned", "pwned2", "x", "evil-two.ron"];
    // Other programs share the parent (the system's temp dir): only what
    // appears now counts.
    let before: Vec<bool> = names.iter().map(|n| parent.join(n).exists()).collect();
    for args in [
        vec!["ls"],
        vec!["add", "h5", "x"],
        vec!["add", "h6", "../x=1"],
        vec!["export", "h5"],
        vec!["export", "h6", "--format", "csv"],
        vec!["add", "../../escape", "x"],
        vec!["new", "../../evil two"],
        vec!["new", "/tmp/x"],
    ] {
        let out = home.nook(&args).current_dir(cwd.path()).output().unwrap();
        assert!(!text(&out).contains("panicked"), "{args:?}: {}", text(&out));
    }
    assert_eq!(
        std::fs::read_dir(cwd.path()).unwrap().count(),
        0,
        "nook wrote into the working dir"
    );
    for (name, existed) in names.iter().zip(before) {
        assert!(existed || !parent.join(name).exists(), "{name} outside the home");
    }
    // New specs land in the apps folder, with slugged names.
    for entry in std::fs::read_dir(home.apps()).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().to_string();
        assert!(!name.contains(".."), "{name}");
    }
}

#[test]
fn home_is_private_and_the_database_is_0600() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("nook-home");
    let mut c = assert_cmd::Command::new(env!("CARGO_BIN_EXE_nook"));
    common::isolate(&mut c, dir.path());
    c.env("NOOK_HOME", &root)
        .args(["add", "groceries", "x"])
        .assert()
        .success();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&root), 0o700, "home");
    assert_eq!(mode(&root.join("nook.redb")), 0o600, "database");
}

#[test]
fn export_writes_only_to_stdout() {
    let home = Home::installed();
    home.ok(["add", "groceries", "x"]);
    let cwd = tempfile::tempdir().unwrap();
    let before: Vec<_> = walk(home.path());
    for format in ["json", "csv"] {
        let out = home
            .nook(["export", "groceries", "--format", format])
            .current_dir(cwd.path())
            .output()
            .unwrap();
        assert!(out.status.success());
        assert!(String::from_utf8_lossy(&out.stdout).contains('x'));
    }
    assert_eq!(std::fs::read_dir(cwd.path()).unwrap().count(), 0);
    let after: Vec<_> = walk(home.path());
    assert_eq!(before, after, "export created or removed files in the home");
}

fn walk(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        out.push(p.display().to_string());
        if p.is_dir() && !p.is_symlink() {
            out.extend(walk(&p));
        }
    }
    out.sort();
    out
}
